"""Words for a plan: why each request left out was left out, and how many idle gaps the companies have."""

from __future__ import annotations

from collections import Counter, defaultdict


def left_out_reasons(frame, chosen: dict) -> dict[int, str]:
    """request id of each pair not placed -> a sentence a protocol officer can act on."""
    problem = frame.problem
    at: dict[tuple[int, tuple[int, int]], bool] = {}
    in_session: Counter = Counter()
    tables: Counter = Counter()
    for key, place in chosen.items():
        tables[place] += 1
        for company in frame.pairs[key].companies:
            at[(company, place)] = True
            in_session[(company, place[0])] += 1
    reasons = {}
    for key, pair in frame.pairs.items():
        if key in chosen:
            continue
        if key in frame.found.reasons:
            reasons[key] = frame.found.reasons[key]
            continue
        reasons[key] = _crowded_out(problem, frame.places.get(key, []), pair, at, in_session, tables)
    return reasons


def _crowded_out(problem, places, pair, at, in_session, tables) -> str:
    a, b = (problem.name(c) for c in pair.companies)
    blockers: Counter = Counter()
    for s, t in places:
        session = problem.sessions[s]
        limit = session.max_per_company
        for company in pair.companies:
            if limit is not None and in_session[(company, s)] >= limit:
                blockers[("limit", company, s)] += 1
            elif at.get((company, (s, t))):
                blockers[("talking", company, None)] += 1
        if tables[(s, t)] >= len(session.tables):
            blockers[("full", None, None)] += 1
    if not blockers:
        return f"{a} and {b}: every slot free for both went to talks worth more"
    (kind, company, s), _ = blockers.most_common(1)[0]
    if kind == "limit":
        session = problem.sessions[s]
        return (f"{problem.name(company)} already has its {session.max_per_company} talks in {session.title}")
    if kind == "talking":
        return (f"{problem.name(company)} is in talks worth more in every slot when "
                f"{b if problem.name(company) == a else a} is free")
    return f"every table is taken in the slots when {a} and {b} are both free"


def count_gaps(frame, chosen: dict) -> int:
    """Idle stretches between a company's talks in a session, summed over companies and sessions."""
    slots: dict[tuple[int, int], set[int]] = defaultdict(set)
    for key, (s, t) in chosen.items():
        for company in frame.pairs[key].companies:
            slots[(company, s)].add(t)
    return sum(sum(1 for t in ts if t - 1 not in ts) - 1 for ts in slots.values())
