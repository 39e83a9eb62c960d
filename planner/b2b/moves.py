"""Moving one talk by hand (a drag on the hall plan): the same hard rules the scheduler keeps, said in words."""

from __future__ import annotations

from dataclasses import replace

from planner.b2b import halls as h
from planner.b2b.model import Company, MeetingRequest, Suggestion, Talk
from planner.b2b.problem import Problem, _pool, blocked_slots, languages_of


def check_move(problem: Problem, talk: Talk, meeting_id: int, slot: int, table: int) -> str | None:
    """Why ``talk`` cannot go to (session, slot, table), or None when it can."""
    index = {s.meeting_id: n for n, s in enumerate(problem.sessions)}
    if meeting_id not in index:
        return "That B2B session has no hall."
    s = index[meeting_id]
    session = problem.sessions[s]
    if not (0 <= slot < len(session.slots) and 0 <= table < len(session.tables)):
        return "There is no such slot or table."
    start, end = session.slots[slot]
    requests = {r.id: r for r in problem.requests}
    request = requests[talk.request_id]
    mine = (request.from_company_id, request.to_company_id)
    people = {p for c in mine for p in problem.companies[c].person_ids}
    slots_of = {x.meeting_id: problem.sessions[index[x.meeting_id]].slots for x in problem.talks
                if x.meeting_id in index}
    for other in problem.talks:
        if other.id == talk.id or other.request_id == talk.request_id or other.meeting_id not in index:
            continue
        if (other.meeting_id, other.slot, other.table) == (meeting_id, slot, table):
            return f"Table {session.tables[table]} is taken at {h.clock(start)}."
        o_start, o_end = slots_of[other.meeting_id][other.slot]
        if not (o_start < end and start < o_end):
            continue
        theirs = requests[other.request_id]
        for company_id in (theirs.from_company_id, theirs.to_company_id):
            company = problem.companies[company_id]
            if company_id in mine:
                return f"{company.name} has another talk at {h.clock(o_start)}."
            shared = people & set(company.person_ids)
            if shared:
                name = problem.people.get(next(iter(shared)), "A representative")
                return f"{name} is at another talk at {h.clock(o_start)}."
    for person_id in sorted(people):
        busy = blocked_slots(problem, person_id).get((s, slot))
        if busy:
            return (f"{problem.people.get(person_id, 'A representative')} attends {busy.title} "
                    f"{h.span(busy.start, busy.end)}.")
    if session.max_per_company is not None:
        for company_id in mine:
            count = sum(1 for x in problem.talks if x.meeting_id == meeting_id and x.request_id != talk.request_id
                        and company_id in (requests[x.request_id].from_company_id,
                                           requests[x.request_id].to_company_id))
            if count >= session.max_per_company:
                return f"{problem.companies[company_id].name} already has {count} talks in this session."
    left, right = (languages_of(problem, problem.companies[c]) for c in mine)
    if left and right and not left & right:
        pool = _pool(session, left, right)
        if pool is None:
            return "The two sides share no language and this hall has no interpreter for them."
        label = session.interpreters[pool].label
        used = sum(1 for x in problem.talks if x.meeting_id == meeting_id and x.slot == slot
                   and x.request_id != talk.request_id and x.interpreter == label)
        if used >= session.interpreters[pool].count:
            return f"Every {label} interpreter is busy at {h.clock(start)}."
    return None


def moved(problem: Problem, talk: Talk, meeting_id: int, slot: int, table: int) -> list[Talk]:
    """The plan with ``talk`` at its new place, locked there (the officer put it there)."""
    index = {s.meeting_id: s for s in problem.sessions}
    session = index[meeting_id]
    interpreter = talk.interpreter
    requests = {r.id: r for r in problem.requests}
    request = requests[talk.request_id]
    left, right = (languages_of(problem, problem.companies[c]) for c in (request.from_company_id,
                                                                         request.to_company_id))
    if left and right and not left & right:
        pool = _pool(session, left, right)
        interpreter = session.interpreters[pool].label if pool is not None else ""
    new = replace(talk, meeting_id=meeting_id, slot=slot, table=table, locked=True, interpreter=interpreter)
    return [new if x.id == talk.id else x for x in problem.talks]


def suggestions(companies: list[Company], requests: list[MeetingRequest]) -> list[Suggestion]:
    """Pairs on opposite sides sharing a sector that neither asked to meet, by name."""
    asked = {frozenset((r.from_company_id, r.to_company_id)) for r in requests}
    found = []
    ordered = sorted(companies, key=lambda c: c.name.casefold())
    for n, a in enumerate(ordered):
        for b in ordered[n + 1:]:
            shared = tuple(s for s in a.sector_ids if s in b.sector_ids)
            if shared and a.side != b.side and frozenset((a.id, b.id)) not in asked:
                found.append(Suggestion(a.id, b.id, shared))
    return found
