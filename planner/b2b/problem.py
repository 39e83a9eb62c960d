"""What the scheduler works on: the requests as pairs, the sessions' slots, who is busy when, and why a pair cannot
be placed (plain data, built from the store or generated for tests and benchmarks)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from planner.b2b import halls as h
from planner.b2b.model import Company, Interpreters, MeetingRequest, Priority, Talk, weight


@dataclass(frozen=True)
class Session:
    """A B2B session with a hall: its slots (start, end), tables and rules."""

    meeting_id: int
    title: str
    slots: tuple[tuple[datetime, datetime], ...]
    tables: tuple[str, ...]
    max_per_company: int | None = None
    interpreters: tuple[Interpreters, ...] = ()
    sector_id: int | None = None
    venue_id: int | None = None


@dataclass(frozen=True)
class Busy:
    """A person's other meeting in the programme."""

    start: datetime
    end: datetime
    title: str
    venue_id: int | None = None


@dataclass(frozen=True)
class Pair:
    """Two companies to seat at one table: one request, or two (mutual) answered by one talk."""

    request_id: int  # the request a talk records (the stronger one of a mutual pair)
    company_a: int
    company_b: int
    priority: Priority
    mutual: bool = False
    request_ids: tuple[int, ...] = ()

    @property
    def weight(self) -> int:
        return weight(self.priority, self.mutual)

    @property
    def companies(self) -> tuple[int, int]:
        return self.company_a, self.company_b


@dataclass
class Problem:
    companies: dict[int, Company]
    requests: list[MeetingRequest]
    sessions: list[Session]
    people: dict[int, str] = field(default_factory=dict)  # person id -> name
    languages: dict[int, tuple[str, ...]] = field(default_factory=dict)  # person id -> languages
    busy: dict[int, list[Busy]] = field(default_factory=dict)  # person id -> other meetings
    travel: dict[tuple[int, int], int] = field(default_factory=dict)  # venue pair -> minutes
    talks: list[Talk] = field(default_factory=list)  # the plan so far (locked talks stay)

    def pairs(self) -> list[Pair]:
        return pairs_of(self.requests)

    def name(self, company_id: int) -> str:
        return self.companies[company_id].name


PRIORITY_RANK = {Priority.MUST: 0, Priority.SHOULD: 1, Priority.COULD: 2}


def pairs_of(requests: list[MeetingRequest]) -> list[Pair]:
    """One pair per two companies; a request both ways makes it mutual, with the stronger priority."""
    grouped: dict[tuple[int, int], list[MeetingRequest]] = defaultdict(list)
    for request in requests:
        key = tuple(sorted((request.from_company_id, request.to_company_id)))
        grouped[key].append(request)
    pairs = []
    for group in grouped.values():
        best = min(group, key=lambda r: (PRIORITY_RANK[Priority(r.priority)], r.id))
        mutual = len({r.from_company_id for r in group}) == 2
        pairs.append(Pair(best.id, best.from_company_id, best.to_company_id, Priority(best.priority), mutual,
                          tuple(r.id for r in group)))
    return sorted(pairs, key=lambda p: p.request_id)


@dataclass
class Candidates:
    """Where each pair may go, and for a pair with nowhere to go, why (in words)."""

    places: dict[int, list[tuple[int, int]]]  # request id -> [(session index, slot)]
    interpreter: dict[tuple[int, int], int]  # (request id, session index) -> index into its interpreters
    reasons: dict[int, str]  # request id -> why it cannot be placed at all


def _travel(problem: Problem, one: int | None, other: int | None) -> timedelta:
    if one is None or other is None or one == other:
        return timedelta(0)
    minutes = problem.travel.get((one, other), problem.travel.get((other, one), 0))
    return timedelta(minutes=minutes)


def blocked_slots(problem: Problem, person_id: int) -> dict[tuple[int, int], Busy]:
    """(session index, slot) -> the meeting that keeps the person away from it, travel time included."""
    found = {}
    for busy in problem.busy.get(person_id, []):
        for s, session in enumerate(problem.sessions):
            travel = _travel(problem, busy.venue_id, session.venue_id)
            for t, (start, end) in enumerate(session.slots):
                if start < busy.end + travel and busy.start < end + travel:
                    found.setdefault((s, t), busy)
    return found


def _session_takes(session: Session, a: Company, b: Company) -> bool:
    if session.sector_id is None or not (a.sector_ids or b.sector_ids):
        return True
    return session.sector_id in a.sector_ids or session.sector_id in b.sector_ids


def languages_of(problem: Problem, company: Company) -> set[str]:
    return {lang.casefold() for p in company.person_ids for lang in problem.languages.get(p, ())}


def _pool(session: Session, left: set[str], right: set[str]) -> int | None:
    for n, pool in enumerate(session.interpreters):
        if any(pool.serves(x, y) for x in left for y in right):
            return n
    return None


def candidates(problem: Problem) -> Candidates:
    """Every (session, slot) where both companies and all their representatives are free."""
    blocked: dict[int, dict] = {}
    free: dict[int, set[tuple[int, int]]] = {}
    why_busy: dict[int, tuple[str, Busy]] = {}
    every = {(s, t) for s, session in enumerate(problem.sessions) for t in range(len(session.slots))}
    for company in problem.companies.values():
        taken: set[tuple[int, int]] = set()
        for person_id in company.person_ids:
            if person_id not in blocked:
                blocked[person_id] = blocked_slots(problem, person_id)
            for place, busy in blocked[person_id].items():
                taken.add(place)
                why_busy.setdefault(company.id, (problem.people.get(person_id, ""), busy))
        free[company.id] = every - taken
    result = Candidates({}, {}, {})
    for pair in problem.pairs():
        a, b = problem.companies[pair.company_a], problem.companies[pair.company_b]
        sessions = [s for s, session in enumerate(problem.sessions) if _session_takes(session, a, b)]
        reason = None
        if not problem.sessions:
            reason = "there is no B2B session with a hall yet"
        elif not sessions:
            reason = f"no B2B session is held for the sectors of {a.name} and {b.name}"
        left, right = languages_of(problem, a), languages_of(problem, b)
        needs_interpreter = bool(left and right and not left & right)
        if needs_interpreter and reason is None:
            served = [s for s in sessions if _pool(problem.sessions[s], left, right) is not None]
            if not served:
                reason = (f"{a.name} and {b.name} share no language ({', '.join(sorted(left))} / "
                          f"{', '.join(sorted(right))}) and no session has an interpreter for them")
            for s in served:
                result.interpreter[(pair.request_id, s)] = _pool(problem.sessions[s], left, right)
            sessions = served
        places = sorted(p for p in free[a.id] & free[b.id] if p[0] in sessions) if reason is None else []
        if reason is None and not places:
            reason = _no_common_slot(problem, a, b, free, why_busy, sessions)
        result.places[pair.request_id] = places
        if reason:
            result.reasons[pair.request_id] = reason
    return result


def _no_common_slot(problem, a: Company, b: Company, free, why_busy, sessions) -> str:
    for company in (a, b):
        if not any(p[0] in sessions for p in free[company.id]) and company.id in why_busy:
            person, busy = why_busy[company.id]
            who = f"{person} attends" if person else "attends"
            return f"{company.name} has no free slot: {who} {busy.title} {h.span(busy.start, busy.end)}"
    return f"{a.name} and {b.name} have no free slot in common"
