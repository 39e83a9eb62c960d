"""The personal itinerary: everything one person attends, where, when and with whom."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby

from planner.domain import model as m
from planner.domain.documents import ItineraryData
from planner.domain.precedence import by_precedence
from planner.reports.common import (
    PageFurniture,
    Report,
    check_cancelled,
    document,
    esc,
    file_stem,
    grid,
    long_day,
    marking_of,
    native_block,
    prepared_by,
    printed_now,
    revision_line,
    status_mark,
    time_cell,
    venue_text,
    visit_occurrences,
)


def itinerary(data: ItineraryData, *, cancelled: str = "mark", printed_at: datetime | None = None) -> Report:
    """One person's meetings; cancelled ones are shown struck through unless ``cancelled="omit"``."""
    check_cancelled(cancelled)
    visit, person, mine, others, venues = data.visit, data.person, data.attending, data.others, data.venues
    meetings, belongs = data.meetings, data.delegations
    if cancelled == "omit":
        meetings = [x for x in meetings if x.status != m.MeetingStatus.CANCELLED]

    body = [f"<h1>Itinerary: {esc(person.display_name)}</h1>", native_block(person.native_name)]
    about = [x for x in (person.designation, person.organisation) if x]
    if about:
        body.append(f"<p>{esc(', '.join(about))}</p>")
    if belongs:
        body.append(f'<p class="muted">{esc("; ".join(belongs))}</p>')
    body.append(f'<p class="muted">{esc(visit.title)} · {esc(revision_line(visit))}</p>')
    occurrences = visit_occurrences(meetings, visit)
    for day, group in groupby(occurrences, key=lambda o: o.day):
        rows = [_row(o, visit, mine, others, venues) for o in group]
        columns = [("Time", 16), ("Meeting", 30), ("Venue", 22), ("With", None)]
        body.append(grid(columns, rows, caption=esc(long_day(day))) + "<p></p>")
    if not occurrences:
        body.append("<p>Not attending any meeting yet.</p>")
    furniture = PageFurniture(title=visit.title, document=f"Itinerary: {person.display_name}",
                              revision=visit.revision, printed_at=printed_now(visit, printed_at),
                              marking=marking_of(meetings), prepared_by=prepared_by(visit))
    return Report(document(f"Itinerary: {person.display_name}", "".join(body)), furniture,
                  file_stem=f"itinerary-{file_stem(person.name)}", facts={"meetings": len(meetings)})


def _row(occurrence, visit, mine, others, venues) -> str:
    meeting = occurrence.meeting
    struck = meeting.status == m.MeetingStatus.CANCELLED
    title = f'<span class="struck">{esc(meeting.title)}</span>' if struck else f"<b>{esc(meeting.title)}</b>"
    title += status_mark(meeting)
    role = mine[meeting.id].role
    if role != m.AttendeeRole.REQUIRED:
        title += f'<br/><span class="muted">Your role: {esc(str(role))}</span>'
    if meeting.notes:
        title += f'<br/><span class="notes">{esc(meeting.notes)}</span>'
    names = "<br/>".join(
        esc(p.display_name) + (f' <span class="muted">({esc(p.designation)})</span>' if p.designation else "")
        for p in by_precedence(others.get(meeting.id, [])))
    return (f"<tr><td>{time_cell(occurrence.start, occurrence.end, visit, meeting.all_day)}</td>"
            f"<td>{title}</td><td>{venue_text(meeting, venues)}</td><td>{names}</td></tr>")
