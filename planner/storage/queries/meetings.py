"""The meetings table's reads: how many there are, a page in time order, attendees per meeting (no Qt).

A visit of 10,000 meetings is read a page at a time after the window has
painted; the keyset (start, id) of a page's last row says where the next begins.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from planner.domain.model import Meeting
from planner.storage.rows import meeting_from

if TYPE_CHECKING:
    from sqlite_utils import Database

PageKey = tuple[str, int]  # (starts_at as stored, id) of the last meeting of a page


def meeting_count(db: Database, visit_id: int) -> int:
    return db.execute("SELECT count(*) FROM meetings WHERE visit_id = ?", [visit_id]).fetchone()[0]


def meeting_page(db: Database, visit_id: int, after: PageKey | None, size: int) -> tuple[list[Meeting], PageKey | None]:
    """Up to ``size`` meetings in start order following ``after`` (None: from the first), with the key of the last."""
    keyset = "" if after is None else "AND (starts_at, id) > (?, ?) "
    cursor = db.execute(f"SELECT * FROM meetings WHERE visit_id = ? {keyset}ORDER BY starts_at, id LIMIT ?",
                        [visit_id, *(after or ()), size])
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    last = (rows[-1]["starts_at"], rows[-1]["id"]) if rows else None
    return [meeting_from(row) for row in rows], last


def attendee_counts(db: Database, meeting_ids: Iterable[int]) -> dict[int, int]:
    """How many attendees each of these meetings has (meetings without any are left out)."""
    ids = list(meeting_ids)
    counts: dict[int, int] = {}
    for start in range(0, len(ids), 500):  # SQLite limits the number of parameters
        chunk = ids[start:start + 500]
        counts.update(db.execute(f"SELECT meeting_id, count(*) FROM attendees WHERE meeting_id IN "
                                 f"({','.join('?' * len(chunk))}) GROUP BY meeting_id", chunk).fetchall())
    return counts


def attendee_counts_in_visit(db: Database, visit_id: int) -> dict[int, int]:
    """How many attendees each meeting of the visit has, counted in SQL: a large visit has tens of
    thousands of attendees not worth decoding for a number."""
    return dict(db.execute("SELECT meeting_id, count(*) FROM attendees WHERE meeting_id IN "
                           "(SELECT id FROM meetings WHERE visit_id = ?) GROUP BY meeting_id", [visit_id]).fetchall())
