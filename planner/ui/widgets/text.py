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


def dual_span(start: datetime, end: datetime, visit_zone: str, home_zone: str) -> str:
    """'10:00–11:00 Dushanbe · 10:00–11:00 Karachi': start and end on the visit's clock, then the home office's."""
    def span(zone_name: str) -> str:
        first, last = start.astimezone(zone(zone_name)), end.astimezone(zone(zone_name))
        later = "" if last.date() == first.date() else f" ({last:%a})"
        return f"{clock(first)}–{clock(last)}{later}"

    here = start.astimezone(zone(visit_zone))
    if home_zone == visit_zone:
        return f"{span(visit_zone)} {city_of(visit_zone)}"
    home = start.astimezone(zone(home_zone))
    day_note = f" ({home:%a})" if home.date() != here.date() else ""
    return f"{span(visit_zone)} {city_of(visit_zone)} · {span(home_zone)}{day_note} {city_of(home_zone)}"


def meeting_time(meeting: Meeting, visit_zone: str, home_zone: str) -> str:
    if meeting.all_day:
        return "all day"
    return dual_span(meeting.starts_at(), meeting.ends_at(), visit_zone, home_zone)
