"""The programme's reads: which days have meetings, and the meetings of some days only (no Qt).

A large visit holds thousands of meetings; a day at a time reads only that
day's rows instead of decoding the whole visit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from planner.domain.model import Meeting, Visit
from planner.domain.zones import day_of, zone
from planner.storage.rows import CODECS, utc_text


def meeting_days(db, visit: Visit) -> list[date]:
    """The visit's days plus every day (by the visit's clock) that has a meeting, in order."""
    days = set(visit.days())
    for (text,) in db.execute("SELECT DISTINCT starts_at FROM meetings WHERE visit_id = ? AND all_day = 1",
                              [visit.id]):
        days.add(date.fromisoformat(text[:10]))
    # Starts are stored in UTC. The UTC hour alone does not tell the local day: Kabul, Delhi and
    # Tehran are a half hour off it (and the past had odder offsets), so a start is read whole. One
    # start per day is enough: from the first, jump to the next day's local midnight (in UTC) and
    # ask for the first start from there: a query per day, not one decoded start per meeting
    # (a visit of 10,000 meetings took 10-20 ms at each programme reading).
    tz, after = zone(visit.zone), ""
    while True:
        row = db.execute("SELECT starts_at FROM meetings WHERE visit_id = ? AND all_day = 0 AND starts_at >= ? "
                         "ORDER BY starts_at LIMIT 1", [visit.id, after]).fetchone()
        if row is None:
            return sorted(days)
        day = datetime.fromisoformat(row[0].replace("Z", "+00:00")).astimezone(tz).date()
        days.add(day)
        after = utc_text(datetime.combine(day + timedelta(days=1), time(), tz))


def meetings_on(db, visit: Visit, days: list[date]) -> list[Meeting]:
    """The meetings starting on these days (visit clock), in start order."""
    if not days:
        return []
    tz = zone(visit.zone)
    first = datetime.combine(min(days), time(), tz).astimezone(UTC)
    after = datetime.combine(max(days) + timedelta(days=1), time(), tz).astimezone(UTC)
    cursor = db.execute(
        "SELECT * FROM meetings WHERE visit_id = ? AND ((all_day = 0 AND starts_at >= ? AND starts_at < ?) "
        "OR (all_day = 1 AND starts_at >= ? AND starts_at <= ?)) ORDER BY starts_at, id",
        [visit.id, utc_text(first), utc_text(after), min(days).isoformat(), max(days).isoformat()])
    names = [c[0] for c in cursor.description]
    decode = CODECS["meetings"][1]
    wanted = set(days)
    meetings = [decode(dict(zip(names, row))) for row in cursor.fetchall()]
    # A range of days may include days not asked for (one day and the last): keep only those asked.
    return [m for m in meetings if day_of(m, visit.zone) in wanted]
