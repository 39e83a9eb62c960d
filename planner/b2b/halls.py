"""The slots of a B2B session: its time cut into equal slots, around the hall's breaks."""

from __future__ import annotations

from datetime import datetime, timedelta

from planner.b2b.model import Hall
from planner.domain.model import Meeting


def _at(meeting: Meeting, clock: str) -> datetime:
    hours, minutes = (int(x) for x in clock.split(":"))
    start = meeting.starts_at()
    return start.replace(hour=hours, minute=minutes, second=0, microsecond=0)


def slots(meeting: Meeting, hall: Hall) -> list[tuple[datetime, datetime]]:
    """(start, end) of each slot, in the meeting's zone; a slot that would touch a break starts after it."""
    if meeting.all_day:
        return []
    breaks = sorted((_at(meeting, a), _at(meeting, b)) for a, b in hall.breaks)
    length = timedelta(minutes=hall.slot_minutes)
    found, moment, end = [], meeting.starts_at(), meeting.ends_at()
    while moment + length <= end:
        clash = next((b for b in breaks if moment < b[1] and b[0] < moment + length), None)
        if clash:
            moment = clash[1]
            continue
        found.append((moment, moment + length))
        moment += length
    return found


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def span(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"
