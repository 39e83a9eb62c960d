"""The frame the scheduler works in: the pairs, where each may go, and the indexes every rule needs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from planner.b2b.model import Talk
from planner.b2b.problem import Candidates, Pair, Problem, candidates

# (session index, slot) -> placement of one pair
Place = tuple[int, int]


@dataclass
class Frame:
    """The pairs, where each may go, and the indexes every rule needs."""

    problem: Problem
    pairs: dict[int, Pair]
    found: Candidates
    places: dict[int, list[Place]] = field(default_factory=dict)
    fixed: dict[int, Talk] = field(default_factory=dict)  # locked talks by request id
    previous: dict[int, Talk] = field(default_factory=dict)  # unlocked talks of the last plan
    index: dict[int, int] = field(default_factory=dict)  # meeting id -> session index

    @classmethod
    def build(cls, problem: Problem) -> Frame:
        pairs = {p.request_id: p for p in problem.pairs()}
        by_request = {rid: p.request_id for p in pairs.values() for rid in p.request_ids}
        index = {s.meeting_id: n for n, s in enumerate(problem.sessions)}
        frame = cls(problem, pairs, candidates(problem), index=index)
        for talk in problem.talks:
            key = by_request.get(talk.request_id)
            if key is None or talk.meeting_id not in index:
                continue
            talk = Talk(talk.meeting_id, key, talk.slot, talk.table, talk.locked, talk.interpreter, talk.id)
            (frame.fixed if talk.locked else frame.previous)[key] = talk
        for key in pairs:
            places = list(frame.found.places.get(key, []))
            if key in frame.fixed:
                talk = frame.fixed[key]
                places = [(index[talk.meeting_id], talk.slot)]
            frame.places[key] = places
        return frame

    def overlapping(self) -> dict[Place, list[Place]]:
        """For each slot start, the slots of all sessions running at that moment (one clique each)."""
        sessions = self.problem.sessions
        every = [(s, t) for s, session in enumerate(sessions) for t in range(len(session.slots))]
        cliques = {}
        for s, t in every:
            moment = sessions[s].slots[t][0]
            cliques[(s, t)] = [(s2, t2) for s2, t2 in every
                               if sessions[s2].slots[t2][0] <= moment < sessions[s2].slots[t2][1]]
        return cliques

    def shared_people(self) -> dict[int, list[int]]:
        """Representatives of more than one company -> those companies."""
        of: dict[int, list[int]] = defaultdict(list)
        for company in self.problem.companies.values():
            for person_id in company.person_ids:
                of[person_id].append(company.id)
        return {p: cs for p, cs in of.items() if len(cs) > 1}
