"""The B2B documents: the hall plan of each B2B session (tables by slots) and one company's own schedule."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from planner.b2b import halls as h
from planner.b2b.model import B2BData
from planner.domain.precedence import by_precedence
from planner.reports.common import (
    SLOT_CELL,
    NotFound,
    PageFurniture,
    Report,
    document,
    esc,
    file_stem,
    grid,
    long_day,
    native_block,
    prepared_by,
    printed_now,
    revision_line,
)

WIDE_SLOTS = 6  # more slots than this and the plan needs A3


def hall_plan(data: B2BData, *, printed_at: datetime | None = None) -> Report:
    """Every B2B session with a hall: one row per table, one column per slot, each cell the two companies."""
    visit, halls, sessions, companies, requests, talks = (data.visit, data.halls, data.sessions, data.companies,
                                                          data.requests, data.talks)
    venues = data.venues
    at = {(t.meeting_id, t.slot, t.table): t for t in talks}
    body = [f"<h1>B2B hall plan</h1><p class=\"muted\">{esc(visit.title)} · {esc(revision_line(visit))} · "
            f"{len(talks)} talks</p>"]
    widest = 0
    for session in sessions:
        hall = halls[session.id]
        slots = h.slots(session, hall)
        widest = max(widest, len(slots))
        where = venues.get(session.venue_id, "")
        # The session's heading is the grid's caption, so it never stays behind at the foot of a page.
        caption = (f"{esc(session.title)} · {esc(long_day(session.starts_at().date()))}, "
                   f"{esc(h.span(session.starts_at(), session.ends_at()))}" + (f", {esc(where)}" if where else "")
                   + (f"; breaks {esc(', '.join(f'{a}–{b}' for a, b in hall.breaks))}" if hall.breaks else ""))
        share = 94 // max(len(slots), 1)  # every slot as wide as the next, whatever its talks
        columns = [("Table", 6)] + [(h.span(a, b), share) for a, b in slots]
        rows = []
        for n, table in enumerate(hall.tables):
            cells = [f"<td><b>{esc(table)}</b></td>"]
            for t in range(len(slots)):
                talk = at.get((session.id, t, n))
                cells.append(f"{SLOT_CELL}{_talk_cell(talk, requests, companies)}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        body.append(grid(columns, rows, caption=caption, ruled=True) + "<p></p>")
    if not sessions:
        body.append("<p>No B2B session has a hall yet.</p>")
    furniture = PageFurniture(visit.title, "B2B hall plan", visit.revision, printed_now(visit, printed_at),
                              prepared_by=prepared_by(visit))
    return Report(document("B2B hall plan", "".join(body)), furniture, file_stem="b2b-hall-plan",
                  facts={"talks": len(talks), "sessions": len(sessions)}, landscape=True,
                  paper="A3" if widest > WIDE_SLOTS else "")


def _talk_cell(talk, requests, companies) -> str:
    if talk is None:
        return ""
    request = requests[talk.request_id]
    a, b = companies[request.from_company_id], companies[request.to_company_id]
    text = f"{esc(a.name)}<br/>× {esc(b.name)}"
    marks = [x for x in ("locked" if talk.locked else "", talk.interpreter) if x]
    if marks:
        text += f'<br/><span class="muted">{esc(" · ".join(marks))}</span>'
    return text


def company_schedule(data: B2BData, company_name: str, *, printed_at: datetime | None = None) -> Report:
    """One company's talks: time, table, counterpart in both scripts with its representatives, interpreter."""
    visit, halls, sessions, companies, requests, talks = (data.visit, data.halls, data.sessions, data.companies,
                                                          data.requests, data.talks)
    company = next((c for c in companies.values() if c.name.casefold() == company_name.strip().casefold()), None)
    if company is None:
        raise NotFound(f"there is no company called '{company_name}' in this visit")
    people = data.people
    by_session = {s.id: s for s in sessions}
    mine = defaultdict(list)
    for talk in talks:
        request = requests[talk.request_id]
        if company.id in (request.from_company_id, request.to_company_id) and talk.meeting_id in by_session:
            other = request.to_company_id if request.from_company_id == company.id else request.from_company_id
            mine[talk.meeting_id].append((talk, companies[other]))
    reps = by_precedence(people[p] for p in company.person_ids if p in people)
    body = [f"<h1>B2B schedule: {esc(company.name)}</h1>", native_block(company.native_name)]
    if reps:
        body.append("<p>Represented by " + esc("; ".join(_person(p) for p in reps)) + "</p>")
    body.append(f'<p class="muted">{esc(visit.title)} · {esc(revision_line(visit))}</p>')
    for session in sessions:
        if not mine.get(session.id):
            continue
        slots = h.slots(session, halls[session.id])
        rows = []
        for talk, other in sorted(mine[session.id], key=lambda x: x[0].slot):
            start, end = slots[talk.slot] if talk.slot < len(slots) else (session.starts_at(), session.ends_at())
            hall = halls[session.id]
            table = hall.tables[talk.table] if talk.table < len(hall.tables) else str(talk.table + 1)
            theirs = by_precedence(people[p] for p in other.person_ids if p in people)
            who = "<br/>".join(esc(_person(p)) for p in theirs)
            rows.append(f"<tr><td>{esc(h.span(start, end))}</td><td>{esc(table)}</td>"
                        f"<td><b>{esc(other.name)}</b>{native_block(other.native_name)}"
                        f'{"" if other.native_name else "<br/>"}<span class="muted">{who}</span></td><td>{esc(talk.interpreter)}</td></tr>')
        caption = f"{esc(session.title)} · {esc(long_day(session.starts_at().date()))}"
        body.append(grid([("Time", 14), ("Table", 8), ("Counterpart", None), ("Interpreter", 16)], rows,
                         caption=caption) + "<p></p>")
    if not mine:
        body.append("<p>No talks placed for this company yet.</p>")
    furniture = PageFurniture(visit.title, f"B2B schedule: {company.name}", visit.revision,
                              printed_now(visit, printed_at), prepared_by=prepared_by(visit))
    return Report(document(f"B2B schedule: {company.name}", "".join(body)), furniture,
                  file_stem=f"b2b-{file_stem(company.name)}", facts={"talks": sum(map(len, mine.values()))})


def _person(person) -> str:
    return person.display_name + (f", {person.designation}" if person.designation else "")
