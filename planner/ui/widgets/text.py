"""Display text for the window, as small pure functions that tests call without Qt."""

from __future__ import annotations

from datetime import datetime

from planner.domain.model import Meeting
from planner.domain.zones import city_of, zone


def clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def dual_time(moment: datetime, visit_zone: str, home_zone: str) -> str:
    """'10:00 Dushanbe · 10:00 Karachi': the visit's clock, then the home office's."""
    here = moment.astimezone(zone(visit_zone))
    if home_zone == visit_zone:
        return f"{clock(here)} {city_of(visit_zone)}"
    home = moment.astimezone(zone(home_zone))
    day_note = ""
    if home.date() != here.date():
        day_note = f" ({home:%a})"
    return f"{clock(here)} {city_of(visit_zone)} · {clock(home)}{day_note} {city_of(home_zone)}"


def meeting_time(meeting: Meeting, visit_zone: str, home_zone: str) -> str:
    if meeting.all_day:
        return "all day"
    return dual_time(meeting.starts_at(), visit_zone, home_zone)
