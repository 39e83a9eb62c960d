"""Time zone rules: only named IANA zones, looked up from the tzdata package.

Python compares and subtracts two datetimes of the same zone by their wall
clocks, ignoring daylight saving and ``fold``: 01:00 to 04:00 in Berlin on the
night the clocks go forward looks like three hours but lasts two. Everything
that measures or orders time goes through ``instant`` (or the helpers built on
it) and so works on the UTC instant instead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from planner.domain.model import Meeting


class UnknownZone(ValueError):
    pass


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name``, or UnknownZone with a readable message."""
    if not name or not isinstance(name, str):
        raise UnknownZone("no time zone given; use an IANA name such as Asia/Dushanbe")
    if name.upper().startswith(("GMT+", "GMT-", "UTC+", "UTC-")) or name[0] in "+-":
        raise UnknownZone(f"'{name}' is an offset, not a time zone; use an IANA name such as Asia/Dushanbe")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownZone(f"'{name}' is not a known time zone; use an IANA name such as Asia/Dushanbe") from None


def city_of(zone_name: str) -> str:
    """A short label for a zone in the UI: 'Asia/Karachi' -> 'Karachi'."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def local(moment: datetime, zone_name: str) -> datetime:
    """The instant ``moment`` on the clock of ``zone_name``."""
    return moment.astimezone(zone(zone_name))


def instant(moment: datetime) -> datetime:
    """The same moment on the UTC clock, where comparing and subtracting are by elapsed time."""
    if moment.tzinfo is None:
        raise ValueError("a time without a time zone is not an instant")
    return moment.astimezone(UTC)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """The time that really passes from ``start`` to ``end``, daylight saving included."""
    return instant(end) - instant(start)


def later(moment: datetime, delta: timedelta) -> datetime:
    """``delta`` of elapsed time after ``moment``, on the same clock as ``moment``."""
    return (instant(moment) + delta).astimezone(moment.tzinfo)


def on_clock(moment: datetime) -> datetime:
    """A local time that exists on its own clock: a time in a gap is read as RFC 5545 says (the offset before it)."""
    return instant(moment).astimezone(moment.tzinfo)


def _transition(before: datetime, after: datetime, tz) -> datetime:
    """The first UTC minute in (before, after] at which the clock of ``tz`` runs on its later offset."""
    later_offset = after.astimezone(tz).utcoffset()
    moment = before
    while moment < after and moment.astimezone(tz).utcoffset() != later_offset:
        moment += timedelta(minutes=1)
    return moment


def wall_clock_problem(moment: datetime) -> tuple[str, str] | None:
    """('gap' or 'repeated', a sentence) when ``moment`` does not exist on its clock or happens twice there.

    The clocks going forward skip a stretch of local times (02:30 on that night
    in Berlin never happens); going back, a stretch happens twice and ``fold``
    tells which of the two is meant (0 the first, 1 the second).
    """
    tz = moment.tzinfo
    if tz is None:
        return None
    first, second = moment.replace(fold=0), moment.replace(fold=1)
    offset_first, offset_second = first.utcoffset(), second.utcoffset()
    if offset_first == offset_second:
        return None
    wall = moment.replace(tzinfo=None, fold=0)
    where = f"on {moment:%a %d %b %Y} in {city_of(str(tz))}"
    if offset_first < offset_second:  # the clocks go forward: this wall time is skipped
        starts = _transition(instant(second), instant(first), tz)
        gap_from = (starts + offset_first).replace(tzinfo=None)
        gap_to = (starts + offset_second).replace(tzinfo=None)
        return "gap", (f"There is no {wall:%H:%M} {where}: the clocks go forward from {gap_from:%H:%M} "
                       f"to {gap_to:%H:%M}. Choose a time before {gap_from:%H:%M} or from {gap_to:%H:%M}.")
    which = "the second" if moment.fold else "the first"
    return "repeated", (f"{wall:%H:%M} happens twice {where} (the clocks go back); this is {which} "
                        f"{wall:%H:%M}, {utc_offset_text(moment.utcoffset())}.")


def utc_offset_text(offset: timedelta) -> str:
    """'UTC+04:30' for an offset of four and a half hours."""
    sign = "+" if offset >= timedelta(0) else "-"
    hours, minutes = divmod(abs(int(offset.total_seconds())) // 60, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def day_of(meeting: Meeting, zone_name: str) -> date:
    """The day the meeting starts on, by the clock of ``zone_name``."""
    if meeting.all_day:
        return meeting.start
    return local(meeting.starts_at(), zone_name).date()
