"""First-fit placement: each pair in the earliest place no rule forbids (greedy's plan and the solver's hint)."""

from __future__ import annotations

from collections import defaultdict

from planner.b2b.frame import Frame, Place
from planner.b2b.problem import PRIORITY_RANK


def first_fit(frame: Frame, order: list[int] | None = None) -> dict[int, Place]:
    """Pair key -> place, in ``order`` (default: locked talks, then must, should, could, each as asked)."""
    problem = frame.problem
    used_tables: dict[Place, int] = defaultdict(int)
    busy: set[tuple[int, Place]] = set()
    talks_in: dict[tuple[int, int], int] = defaultdict(int)
    pools: dict[tuple[int, int, int], int] = defaultdict(int)
    cliques = frame.overlapping()
    shared = frame.shared_people()
    partners = defaultdict(set)
    for companies in shared.values():
        for c in companies:
            partners[c].update(companies)
    chosen: dict[int, Place] = {}
    # As a person would by hand: locked talks, then must, should, could, each in the order asked.
    if order is None:
        order = sorted(frame.places, key=lambda k: (k not in frame.fixed, PRIORITY_RANK[frame.pairs[k].priority], k))
    for key in order:
        pair = frame.pairs[key]
        people = set().union(*(partners.get(c, {c}) for c in pair.companies))
        for place in frame.places[key]:
            s = place[0]
            session = problem.sessions[s]
            pool = frame.found.interpreter.get((key, s))
            if key not in frame.fixed and (
                    used_tables[place] >= len(session.tables)
                    or any((c, p) in busy for c in people for p in cliques[place])
                    or (session.max_per_company is not None
                        and any(talks_in[(c, s)] >= session.max_per_company for c in pair.companies))
                    or (pool is not None and pools[(s, pool, place[1])] >= session.interpreters[pool].count)):
                continue
            chosen[key] = place
            used_tables[place] += 1
            for c in pair.companies:
                busy.add((c, place))
                talks_in[(c, s)] += 1
            if pool is not None:
                pools[(s, pool, place[1])] += 1
            break
    return chosen
