"""Time zone rules: only named IANA zones, looked up from the tzdata package."""

from __future__ import annotations

from datetime import date, datetime
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


def day_of(meeting: Meeting, zone_name: str) -> date:
    """The day the meeting starts on, by the clock of ``zone_name``."""
    if meeting.all_day:
        return meeting.start
    return local(meeting.starts_at(), zone_name).date()
