"""The scheduler on a stored visit: its companies, requests, B2B sessions with halls and everyone's programme."""

from __future__ import annotations

import threading
from collections.abc import Callable

from planner.b2b import halls as h
from planner.b2b.problem import Busy, Problem, Session
from planner.b2b.scheduler import Outcome, greedy, solve
from planner.domain import model as m
from planner.storage import b2b_store
from planner.storage.queries import b2b as q


def problem_of(store, visit_id: int) -> Problem:
    """Everything the scheduler needs, read once."""
    db = store.db
    halls = q.halls(db, visit_id)
    sessions = []
    for meeting in q.sessions(db, visit_id):
        hall = halls.get(meeting.id)
        if hall is None:
            continue
        sessions.append(Session(meeting.id, meeting.title, tuple(h.slots(meeting, hall)), hall.tables,
                                hall.max_talks_per_company, hall.interpreters, meeting.sector_id, meeting.venue_id))
    companies = {c.id: c for c in q.companies(db, visit_id)}
    wanted = {p for c in companies.values() for p in c.person_ids}
    people = {p.id: p for p in store.people(visit_id) if p.id in wanted}
    meetings = {x.id: x for x in store.meetings(visit_id)}
    busy: dict[int, list[Busy]] = {}
    for attendee in store.attendees(visit_id=visit_id):
        meeting = meetings.get(attendee.meeting_id)
        if (attendee.person_id not in wanted or meeting is None or meeting.id in halls
                or meeting.status == m.MeetingStatus.CANCELLED or attendee.reply == m.Reply.DECLINED):
            continue
        busy.setdefault(attendee.person_id, []).append(
            Busy(meeting.starts_at(), meeting.ends_at(), meeting.title, meeting.venue_id))
    return Problem(companies, q.requests(db, visit_id), sessions,
                   {p.id: p.display_name for p in people.values()},
                   {p.id: tuple(p.languages) for p in people.values()}, busy, store.travel_times(visit_id),
                   q.talks(db, visit_id))


def schedule(store, visit_id: int, *, time_limit: float = 30.0, progress: Callable[[str], None] | None = None,
             stop: threading.Event | None = None, method: str = "cp-sat") -> Outcome:
    """Work out a plan for the visit (nothing is written; ``apply`` writes it)."""
    problem = problem_of(store, visit_id)
    if method == "greedy":
        return greedy(problem)
    return solve(problem, time_limit=time_limit, progress=progress, stop=stop)


def apply(store, visit_id: int, outcome: Outcome) -> b2b_store.PlanChange:
    """Write the plan as the visit's talks, in one transaction; the change undoes it."""
    return b2b_store.set_plan(store, visit_id, outcome.talks)
