"""An independent check of a plan against every hard rule of the issue (not the solver's own model)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from planner.b2b.problem import pairs_of


def broken_rules(problem, talks) -> list[str]:
    found = []
    sessions = {s.meeting_id: s for s in problem.sessions}
    pairs = {p.request_id: p for p in pairs_of(problem.requests)}
    requests = {r.id: r for r in problem.requests}
    seen_places, seen_pairs = set(), set()
    when: dict[int, list] = defaultdict(list)  # person or company -> (start, end)
    per_session = Counter()
    pool_use = Counter()
    for talk in talks:
        session = sessions[talk.meeting_id]
        request = requests[talk.request_id]
        pair = frozenset((request.from_company_id, request.to_company_id))
        if pair in seen_pairs:
            found.append(f"pair {sorted(pair)} placed twice")
        seen_pairs.add(pair)
        if talk.request_id not in pairs and not any(talk.request_id in p.request_ids for p in pairs.values()):
            found.append(f"talk for an unknown request {talk.request_id}")
        place = (talk.meeting_id, talk.slot, talk.table)
        if place in seen_places or not 0 <= talk.table < len(session.tables):
            found.append(f"table {place} used twice or unknown")
        seen_places.add(place)
        start, end = session.slots[talk.slot]
        present = {("p", p) for c in pair for p in problem.companies[c].person_ids}
        for who in present | {("c", c) for c in pair}:
            when[who].append((start, end))
        for company_id in pair:
            company = problem.companies[company_id]
            per_session[(company_id, talk.meeting_id)] += 1
            for person_id in company.person_ids:
                for busy in problem.busy.get(person_id, []):
                    travel = timedelta(minutes=problem.travel.get((busy.venue_id, session.venue_id), 0)
                                       or problem.travel.get((session.venue_id, busy.venue_id), 0))
                    if start < busy.end + travel and busy.start < end + travel:
                        found.append(f"{company.name} talks during {busy.title}")
        left, right = (set().union(*[{x.casefold() for x in problem.languages.get(p, ())}
                                     for p in problem.companies[c].person_ids] or [set()]) for c in pair)
        if left and right and not left & right:
            if not talk.interpreter:
                found.append(f"no interpreter for {sorted(pair)}")
            pool_use[(talk.meeting_id, talk.slot, talk.interpreter)] += 1
    for who, spans in when.items():
        spans = sorted(spans)
        for (_a_start, a_end), (b_start, _b_end) in zip(spans, spans[1:]):
            if b_start < a_end:
                found.append(f"{who} in two places at {b_start:%H:%M}")
    for (company_id, meeting_id), n in per_session.items():
        limit = sessions[meeting_id].max_per_company
        if limit is not None and n > limit:
            found.append(f"company {company_id} has {n} talks in {meeting_id}, more than {limit}")
    for (meeting_id, _slot, label), n in pool_use.items():
        pools = [p for p in sessions[meeting_id].interpreters if p.label == label]
        if not pools or n > pools[0].count:
            found.append(f"interpreters {label} overbooked")
    return found
