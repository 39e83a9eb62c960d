"""A company's B2B talks as a calendar file for its representatives (through planner.ical's export)."""

from __future__ import annotations

from datetime import datetime

from planner.b2b import halls as h
from planner.b2b.model import B2BData
from planner.domain import model as m
from planner.domain.invitations import Programme


def company_calendar(data: B2BData, company_id: int, venues: dict[int, m.Venue],
                     now: datetime | None = None) -> str:
    """iCalendar text (PUBLISH) of the company's talks; each talk keeps its UID when it moves."""
    from planner.ical.export import Method, render

    company = data.companies[company_id]
    meetings, attendees = [], {}
    sessions = {s.id: s for s in data.sessions}
    for talk in data.talks:
        request = data.requests[talk.request_id]
        pair = (request.from_company_id, request.to_company_id)
        if company_id not in pair or talk.meeting_id not in sessions:
            continue
        session = sessions[talk.meeting_id]
        hall = data.halls[session.id]
        slots = h.slots(session, hall)
        if talk.slot >= len(slots):
            continue
        other = data.companies[pair[1] if pair[0] == company_id else pair[0]]
        start, end = slots[talk.slot]
        table = hall.tables[talk.table] if talk.table < len(hall.tables) else str(talk.table + 1)
        notes = f"{session.title}, table {table}." + (f" Interpreter: {talk.interpreter}." if talk.interpreter else "")
        key = -(len(meetings) + 1)  # not a stored meeting: an id of its own for the export's lookups
        meetings.append(m.Meeting(data.visit.id, f"B2B: {company.name} – {other.name} (table {table})", start, end,
                                  session.zone, m.MeetingKind.B2B, venue_id=session.venue_id, notes=notes,
                                  uid=f"b2b-{min(pair)}-{max(pair)}-{session.uid}", id=key))
        attendees[key] = [m.Attendee(key, p) for c in pair for p in data.companies[c].person_ids
                          if p in data.people]
    if not meetings:
        raise ValueError(f"{company.name} has no B2B talks yet")
    programme = Programme(data.visit, dict(data.people), venues, attendees, {})
    return render(meetings, programme, Method.PUBLISH, now=now).text
