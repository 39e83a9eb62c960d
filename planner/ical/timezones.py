"""VTIMEZONE blocks for export and IANA names for the zones other calendars write on import."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache

from icalendar import Timezone

from planner.domain.zones import UnknownZone, zone

try:  # CLDR's windowsZones table, kept up to date by the icalendar project
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
except ImportError:  # pragma: no cover - an icalendar without the table
    WINDOWS_TO_OLSON = {}

# The zones our officers meet most, in case the table above is missing or lacks a name.
WINDOWS_ZONES = {
    "Pakistan Standard Time": "Asia/Karachi",
    "West Asia Standard Time": "Asia/Tashkent",
    "Ekaterinburg Standard Time": "Asia/Yekaterinburg",
    "Central Asia Standard Time": "Asia/Bishkek",
    "Afghanistan Standard Time": "Asia/Kabul",
    "India Standard Time": "Asia/Kolkata",
    "Arabian Standard Time": "Asia/Dubai",
    "Russian Standard Time": "Europe/Moscow",
    "W. Europe Standard Time": "Europe/Berlin",
    "GMT Standard Time": "Europe/London",
    "Eastern Standard Time": "America/New_York",
    "Pacific Standard Time": "America/Los_Angeles",
    "China Standard Time": "Asia/Shanghai",
    "UTC": "UTC",
    **WINDOWS_TO_OLSON,
}

# Windows zones that several countries share (CLDR windowsZones, the regions our visits meet most):
# a file from Outlook in Dushanbe says "West Asia Standard Time", which the table above reads as Tashkent.
WINDOWS_SHARED = {
    "West Asia Standard Time": {"Asia/Tashkent", "Asia/Dushanbe", "Asia/Samarkand", "Asia/Ashgabat", "Asia/Aqtau",
                                "Asia/Aqtobe", "Asia/Atyrau", "Asia/Oral", "Asia/Qyzylorda", "Indian/Maldives"},
    "Central Asia Standard Time": {"Asia/Bishkek", "Asia/Almaty", "Asia/Qostanay", "Asia/Urumqi"},
    "Arabian Standard Time": {"Asia/Dubai", "Asia/Muscat"},
    "Arab Standard Time": {"Asia/Riyadh", "Asia/Kuwait", "Asia/Qatar", "Asia/Bahrain", "Asia/Aden"},
    "W. Europe Standard Time": {"Europe/Berlin", "Europe/Amsterdam", "Europe/Rome", "Europe/Vienna", "Europe/Zurich",
                                "Europe/Stockholm", "Europe/Oslo", "Europe/Luxembourg", "Europe/Malta",
                                "Europe/Monaco", "Europe/Vaduz", "Europe/San_Marino", "Europe/Vatican",
                                "Europe/Andorra", "Europe/Gibraltar", "Europe/Busingen"},
    "Romance Standard Time": {"Europe/Paris", "Europe/Brussels", "Europe/Madrid", "Europe/Copenhagen"},
    "Central Europe Standard Time": {"Europe/Budapest", "Europe/Prague", "Europe/Belgrade", "Europe/Bratislava",
                                     "Europe/Ljubljana", "Europe/Tirane", "Europe/Podgorica"},
    "GMT Standard Time": {"Europe/London", "Europe/Dublin", "Europe/Lisbon", "Atlantic/Canary", "Atlantic/Faroe",
                          "Atlantic/Madeira", "Europe/Guernsey", "Europe/Isle_of_Man", "Europe/Jersey"},
    "Eastern Standard Time": {"America/New_York", "America/Toronto", "America/Detroit", "America/Nassau"},
    "China Standard Time": {"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau"},
    "Russian Standard Time": {"Europe/Moscow", "Europe/Simferopol", "Europe/Kirov"},
}

# Prefixes some clients put before an IANA name: "/mozilla.org/20070129_1/Europe/Berlin", "custom_Europe/Berlin".
_PREFIXES = re.compile(r"^(?:/[^/]*mozilla\.org/[^/]+/|/softwarestudio\.org/[^/]+/|custom_|posix/|right/)",
                       re.IGNORECASE)
_OFFSET_NAME = re.compile(r"^\s*(?:UTC|GMT)?\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*$", re.IGNORECASE)


def _onset(wall: datetime, offset_from: timedelta, offset_to: timedelta, tz: tzinfo) -> datetime:
    """The transition near ``wall`` as RFC 5545 wants it: local time in the offset before the change.

    icalendar writes some onsets in the offset after the change (02:00 -> 03:00 becomes 03:00), which
    strict readers place an hour late; we find the real instant in the zone's own data.
    """
    if offset_from == offset_to:
        return wall
    step = timedelta(minutes=15)
    moment = (wall - offset_from).replace(tzinfo=UTC) - timedelta(hours=3)
    for _ in range(6 * 4):
        after = moment + step
        if moment.astimezone(tz).utcoffset() == offset_from and after.astimezone(tz).utcoffset() == offset_to:
            return (after + offset_from).replace(tzinfo=None)
        moment = after
    return wall


def _tidy(component, tz: tzinfo) -> None:
    """Correct each onset and put each RDATE on its own line: ical.js (Thunderbird) and vobject read only
    the first date of a comma-separated RDATE list and shift times by an hour."""
    for sub in component.subcomponents:
        offset_from, offset_to = sub["TZOFFSETFROM"].td, sub["TZOFFSETTO"].td
        sub.DTSTART = _onset(sub.DTSTART, offset_from, offset_to, tz)
        if "RDATE" not in sub:
            continue
        found = sub.pop("RDATE")
        for prop in found if isinstance(found, list) else [found]:
            for each in prop.dts:
                sub.add("RDATE", _onset(each.dt, offset_from, offset_to, tz))


@lru_cache(maxsize=64)
def vtimezone_text(zone_name: str, first_year: int, last_year: int) -> str:
    """The VTIMEZONE block for ``zone_name`` covering the given years, CRLF line ends."""
    component = Timezone.from_tzid(zone_name, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1))
    _tidy(component, zone(zone_name))
    return component.to_ical().decode("utf-8")


class ZoneNotNamed(ValueError):
    """A TZID that names no zone we can keep (a bare offset, or rules matching no IANA zone)."""


_DISPLAY_NAME = re.compile(r"^\(\s*(?:UTC|GMT)\s*(?:([+-])(\d{1,2}):?(\d{2}))?\s*\)\s*(.+)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _zones_by_city() -> dict[str, list[str]]:
    from zoneinfo import available_timezones

    cities: dict[str, list[str]] = {}
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/")):
            cities.setdefault(name.rsplit("/", 1)[1].replace("_", " ").casefold(), []).append(name)
    return cities


def zone_of_display_name(text: str) -> str | None:
    """The IANA zone a Windows display name names: '(UTC+05:00) Islamabad, Karachi' -> Asia/Karachi.

    The cities are looked up among the IANA zones' own cities; a city whose zone has another offset
    than the one written is passed over.
    """
    found = _DISPLAY_NAME.match(text.strip().strip('"'))
    if not found:
        return None
    sign, hours, minutes, places = found.groups()
    offset = timedelta(hours=int(hours or 0), minutes=int(minutes or 0)) * (-1 if sign == "-" else 1)
    for city in re.split(r"\s*(?:,|&|\band\b|/)\s*", places):
        for name in _zones_by_city().get(city.strip().replace("_", " ").casefold(), []):
            tz = zone(name)
            # The standard offset: January in the north, July in the south.
            if offset in {datetime(2026, 1, 15, tzinfo=UTC).astimezone(tz).utcoffset(),
                          datetime(2026, 7, 15, tzinfo=UTC).astimezone(tz).utcoffset()}:
                return name
    return None


def iana_name(tzid: str) -> str | None:
    """The IANA name for a TZID as clients write it (IANA, Windows id or display name, or prefixed), or None."""
    tzid = tzid.strip().strip('"')
    for candidate in (tzid, WINDOWS_ZONES.get(tzid), _PREFIXES.sub("", tzid), zone_of_display_name(tzid)):
        if candidate and not _OFFSET_NAME.match(candidate):
            try:
                zone(candidate)
            except UnknownZone:
                continue
            return candidate
    return None


def is_offset_name(tzid: str) -> bool:
    return bool(_OFFSET_NAME.match(tzid.strip().strip('"')))


def _samples(around: datetime) -> list[datetime]:
    """Noon on the 1st and 15th of each month of the year around ``around`` (UTC)."""
    base = datetime(around.year, 1, 1, 12, tzinfo=zone("UTC"))
    return [base + timedelta(days=d) for d in range(0, 366, 15)]


def zone_by_rules(tz: tzinfo, around: datetime, prefer: list[str]) -> str | None:
    """An IANA zone whose offsets equal ``tz``'s through the year of ``around`` (for made-up TZIDs)."""
    samples = _samples(around)
    wanted = [s.astimezone(tz).utcoffset() for s in samples]
    seen = set()
    for name in [*prefer, *WINDOWS_ZONES.values()]:
        if name in seen:
            continue
        seen.add(name)
        try:
            candidate = zone(name)
        except UnknownZone:
            continue
        if all(s.astimezone(candidate).utcoffset() == w for s, w in zip(samples, wanted)):
            return name
    return None


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def definition_differs(component, tzid: str, moment: datetime) -> str | None:
    """A warning when a file's VTIMEZONE named ``tzid`` (an IANA name) keeps another offset at ``moment``
    than the IANA zone of that name; None when they agree or the definition cannot be built."""
    try:
        own = component.to_tz(lookup_tzid=False)  # the file's own rules, not the zone of that name
    except Exception:  # a definition icalendar cannot build: the name is all we can go by
        return None
    wall = moment.replace(tzinfo=None)
    theirs, ours = wall.replace(tzinfo=own).utcoffset(), wall.replace(tzinfo=zone(tzid)).utcoffset()
    if theirs is None or theirs == ours:
        return None
    return (f"Warning: the file defines the time zone {tzid} with another offset than the IANA zone of that name "
            f"on {wall:%d %b %Y} (UTC{_offset(theirs)} in the file, UTC{_offset(ours)} in the zone); times are "
            f"read in the IANA zone {tzid}.")
