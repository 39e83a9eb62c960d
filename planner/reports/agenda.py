"""The meeting agenda: what the minister walks in with."""

from __future__ import annotations

from datetime import datetime, timedelta

from planner.domain import model as m
from planner.domain.documents import AgendaData
from planner.domain.zones import later
from planner.reports.common import (
    SIDE_HEADINGS,
    PageFurniture,
    Report,
    attendees_by_side,
    document,
    esc,
    file_stem,
    grid,
    long_day,
    marking_of,
    person_cell,
    prepared_by,
    printed_now,
    sentence,
    status_mark,
    time_cell,
    venue_text,
)

NOTE_LINES = 6


def agenda(data: AgendaData, *, printed_at: datetime | None = None) -> Report:
    """A meeting's agenda from what planner.storage.queries.documents.agenda_data read."""
    meeting, visit, people, attendees, items = data.meeting, data.visit, data.people, data.attendees, data.items
    venues, sectors = data.venues, data.sectors
    marking = marking_of([meeting])

    body = [f"<h1>{esc(meeting.title)}{status_mark(meeting)}</h1>"]
    if marking:
        body.append(f'<p class="marking">{esc(marking)}</p>')
    body.append(_facts(meeting, visit, people, attendees, venues, sectors))
    body.append(_attendees(attendees, people))
    body.append(_items(meeting, visit, items, people, sectors))
    body.append(_notes())
    furniture = PageFurniture(title=visit.title, document=f"Agenda: {meeting.title}", revision=visit.revision,
                              printed_at=printed_now(visit, printed_at), marking=marking,
                              prepared_by=prepared_by(visit))
    return Report(document(meeting.title, "".join(body)), furniture, file_stem=f"agenda-{file_stem(meeting.title)}",
                  facts={"items": len(items), "attendees": len(attendees)})


def _facts(meeting, visit, people, attendees, venues, sectors) -> str:
    start = meeting.starts_at()
    rows = [("Date", esc(long_day(start.astimezone(visit.tz).date()))),
            ("Time", time_cell(start, meeting.ends_at(), visit, meeting.all_day)),
            ("Kind", esc(sentence(meeting.kind)))]
    where = venue_text(meeting, venues)
    if where:
        rows.append(("Venue", where))
    chairs = [people[a.person_id] for a in attendees
              if a.role == m.AttendeeRole.CHAIR and a.person_id in people]
    for chair in chairs:
        rows.append(("Chair", f"{esc(chair.display_name)}, {esc(chair.designation)}"
                     if chair.designation else esc(chair.display_name)))
    if meeting.sector_id in sectors:
        rows.append(("Sector", esc(sectors[meeting.sector_id])))
    if meeting.notes:
        rows.append(("Notes", f'<span class="notes">{esc(meeting.notes)}</span>'))
    cells = "".join(f'<tr><td class="label" width="18%">{label}</td><td>{value}</td></tr>' for label, value in rows)
    return f'<table class="facts" width="100%" cellspacing="0">{cells}</table>'


def _attendees(attendees, people) -> str:
    present = [people[a.person_id] for a in attendees if a.person_id in people]
    roles = {a.person_id: a.role for a in attendees}
    if not present:
        return "<h2>Attendees</h2><p>No attendees yet.</p>"
    parts = []
    for side, group in attendees_by_side(present):
        rows = []
        for n, person in enumerate(group, start=1):
            role = roles.get(person.id)
            role_text = "" if role == m.AttendeeRole.REQUIRED else sentence(role)
            designation = esc(person.designation)
            if person.organisation:
                designation += f'<br/><span class="muted">{esc(person.organisation)}</span>'
            rows.append(f"<tr><td>{n}</td><td>{person_cell(person)}</td><td>{designation}</td>"
                        f"<td>{esc(role_text)}</td></tr>")
        columns = [("No.", 5), ("Name", 35), ("Designation", None), ("Role", 10)]
        parts.append(grid(columns, rows, caption=f"Attendees: {esc(SIDE_HEADINGS[side].lower())}") + "<p></p>")
    return "".join(parts)


def _items(meeting, visit, items, people, sectors) -> str:
    if not items:
        return "<h2>Agenda</h2><p>No agenda items yet.</p>"
    clock = meeting.starts_at()
    rows = []
    for item in items:
        presenter = people.get(item.presenter_id)
        title = esc(item.title)
        if item.notes:
            title += f'<br/><span class="notes">{esc(item.notes)}</span>'
        when = "" if meeting.all_day else f"{clock.astimezone(visit.tz):%H:%M}"
        presenter_text = person_cell(presenter, with_native=False) if presenter else ""
        rows.append(f"<tr><td>{item.position}</td><td>{when}</td><td>{title}</td>"
                    f"<td>{item.duration_minutes} min</td><td>{presenter_text}</td>"
                    f"<td>{esc(sectors.get(item.sector_id, ''))}</td></tr>")
        clock = later(clock, timedelta(minutes=item.duration_minutes))
    columns = [("No.", 5), ("Time", 8), ("Item", None), ("Duration", 11), ("Presenter", 22), ("Sector", 13)]
    return grid(columns, rows, caption="Agenda") + "<p></p>"


def _notes() -> str:
    return grid([("Notes", None)], ["<tr><td>&nbsp;<br/>&nbsp;</td></tr>"] * NOTE_LINES)

