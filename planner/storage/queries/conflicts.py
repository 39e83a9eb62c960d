"""The conflicts' reads: a visit's conflicts found a page and a piece at a time (no Qt).

``Store.conflicts`` reads each table whole and finds the conflicts at once: right for a
small visit. A visit of 10,000 meetings and 30,000 attendees takes most of a second
that way, so the window takes ``conflict_steps`` instead, a few milliseconds at a time
between its repaints. Each step reads at most one page and runs no statement across
steps (no read stays open while the window writes); attendees are read a page at a
time and not kept once counted, so the window never holds the whole visit twice.
The conflicts are the same as ``Store.conflicts`` finds, in the same order.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator

from planner.domain.conflicts import Steps
from planner.domain.conflicts import conflict_steps as find_steps
from planner.domain.model import AgendaItem, Attendee, Meeting
from planner.storage.queries.meetings import meeting_page
from planner.storage.rows import agenda_from, attendee_from
from planner.storage.store import PeopleOnDemand

PAGE = 250  # meetings a step (and their agenda items), or four times as many attendees: a few milliseconds


class ConflictsUnreadable(Exception):
    """The database could not be read (damaged, gone) while the conflicts were being found."""


def conflict_steps(store, visit_id: int, page: int = PAGE) -> Steps:
    """The visit's conflicts, as ``Store.conflicts`` finds them, one small piece per ``next()``.

    Drop it half-way and nothing is left open; the visit's state is the one the pages
    were read in, so a caller starts again after an edit. Raises ConflictsUnreadable.
    """
    try:
        return (yield from _steps(store, visit_id, page))
    except sqlite3.Error as exc:
        raise ConflictsUnreadable(str(exc)) from exc


def mid_write(store) -> bool:
    """Whether the store's connection is inside a write that has not committed (a long delete repaints
    the window while it runs): what a page read now shows may yet be rolled back."""
    return store.db.conn.in_transaction


def _steps(store, visit_id: int, page: int) -> Steps:
    visit = store.visit(visit_id)
    meetings: list[Meeting] = []
    after = None
    while True:
        chunk, after = meeting_page(store.db, visit_id, after, page)
        meetings += chunk
        yield
        if len(chunk) < page:
            break
    agenda = yield from _agenda(store.db, [m.id for m in meetings], page)
    venues = {venue.id: venue for venue in store.venues(visit_id)}
    return (yield from find_steps(visit, meetings, _attendees(store.db, visit_id, page * 4), agenda,
                                  people=PeopleOnDemand(store, visit_id), venues=venues,
                                  travel_minutes=store.travel_times(visit_id)))


def _attendees(db, visit_id: int, page: int) -> Iterator[Attendee]:
    """The visit's attendees in id order (as Store.attendees gives them), read a page at a time as they are walked."""
    after = 0
    while True:
        # A join, not "meeting_id IN (…)": SQLite would then sort all the visit's attendees for every page.
        rows = _page(db, "SELECT a.* FROM attendees a JOIN meetings m ON m.id = a.meeting_id "
                         "WHERE m.visit_id = ? AND a.id > ? ORDER BY a.id LIMIT ?", [visit_id, after, page])
        yield from (attendee_from(row) for row in rows)
        if len(rows) < page:
            return
        after = rows[-1]["id"]


def _agenda(db, meeting_ids: list[int], page: int) -> Steps:
    """Each meeting's agenda items in order (as Store.agenda_for_visit gives them), a page of meetings a step."""
    items: dict[int, list[AgendaItem]] = defaultdict(list)
    ids = sorted(meeting_ids)
    for start in range(0, len(ids), page):
        chunk = ids[start:start + page]
        for row in _page(db, f"SELECT * FROM agenda_items WHERE meeting_id IN ({','.join('?' * len(chunk))}) "
                             "ORDER BY meeting_id, position, id", chunk):
            items[row["meeting_id"]].append(agenda_from(row))
        yield
    return dict(items)


def _page(db, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
