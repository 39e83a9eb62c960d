"""The visit programme: day by day, every meeting with its time, venue and who attends."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby

from planner.domain import model as m
from planner.domain.documents import ChangesSince, ProgrammeData
from planner.domain.precedence import by_precedence
from planner.domain.zones import city_of
from planner.reports.changes import describe_changes
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
    prepared_by,
    printed_now,
    revision_line,
    sentence,
    status_mark,
    time_cell,
    venue_text,
    visit_occurrences,
)

COLUMNS = [("Time", 16), ("Meeting", 32), ("Venue", 20), ("Attending", None)]


def programme(data: ProgrammeData, *, cancelled: str = "omit", printed_at: datetime | None = None) -> Report:
    """The programme (with the changes since a revision when the data holds them); cancelled meetings are
    left out ("omit") or shown struck through ("mark")."""
    check_cancelled(cancelled)
    visit, present, venues = data.visit, data.present, data.venues
    meetings = data.meetings
    if cancelled == "omit":
        meetings = [x for x in meetings if x.status != m.MeetingStatus.CANCELLED]

    body = [f"<h1>{esc(visit.title)}</h1>",
            f"<p><b>Programme</b> · {esc(revision_line(visit))}</p>",
            f'<p class="muted">{esc(visit.first_day.strftime("%d %b"))}–{esc(visit.last_day.strftime("%d %b %Y"))}'
            f" · times in {esc(city_of(visit.zone))}"
            + (f", with {esc(city_of(visit.home_zone))} beneath" if visit.home_zone != visit.zone else "")
            + (" · cancelled meetings shown struck through" if cancelled == "mark" else "") + "</p>"]
    if data.changes is not None:
        body.append(_changes(data.changes, visit))
    occurrences = visit_occurrences(meetings, visit)
    for day, group in groupby(occurrences, key=lambda o: o.day):
        rows = [_row(o, visit, present, venues) for o in group]
        body.append(grid(COLUMNS, rows, caption=esc(long_day(day))) + "<p></p>")
    if not occurrences:
        body.append("<p>No meetings yet.</p>")
    furniture = PageFurniture(title=visit.title, document="Programme", revision=visit.revision,
                              printed_at=printed_now(visit, printed_at), marking=marking_of(meetings),
                              prepared_by=prepared_by(visit))
    return Report(document(f"Programme: {visit.title}", "".join(body)), furniture,
                  file_stem=f"programme-{file_stem(visit.title)}", facts={"meetings": len(meetings)})


def _row(occurrence, visit, present, venues) -> str:
    meeting = occurrence.meeting
    struck = meeting.status == m.MeetingStatus.CANCELLED
    title = f'<span class="struck">{esc(meeting.title)}</span>' if struck else f"<b>{esc(meeting.title)}</b>"
    title += status_mark(meeting)
    title += f'<br/><span class="muted">{esc(sentence(meeting.kind))}'
    if meeting.confidentiality != m.Confidentiality.PUBLIC:
        title += f" · {esc(str(meeting.confidentiality).upper())}"
    title += "</span>"
    if meeting.notes:
        title += f'<br/><span class="notes">{esc(meeting.notes)}</span>'
    names = ", ".join(esc(p.display_name) for p in by_precedence(present.get(meeting.id, [])))
    return (f"<tr><td>{time_cell(occurrence.start, occurrence.end, visit, meeting.all_day)}</td>"
            f"<td>{title}</td><td>{venue_text(meeting, venues)}</td><td>{names}</td></tr>")


def _changes(changes: ChangesSince, visit: m.Visit) -> str:
    revision = changes.revision
    described = describe_changes(visit, changes.records, changes.names)
    rows = [f"<tr><td>{esc(when)}</td><td>{esc(what)}</td></tr>" for when, what in described]
    if not rows:
        rows = ['<tr><td></td><td>No changes.</td></tr>']
    columns = [(f"When ({city_of(visit.home_zone)})", 16), ("What changed", None)]
    return grid(columns, rows, caption=f"Changes since revision {revision}") + "<p></p>"
