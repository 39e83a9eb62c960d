"""Limits on what a calendar file may ask of us: its size and the rules of its time zones.

A VTIMEZONE's rules are expanded by dateutil each time a time in that zone is
read; a rule such as FREQ=MINUTELY from 1601 never finishes. Real zones change
their clocks at most a few times a year, so anything else is refused before a
single time is read. Repeat rules of meetings are bounded in recurrence.py.
"""

from __future__ import annotations

from pathlib import Path

from planner.domain.text import one_line

# A year's programme with every zone's history is well under a megabyte.
MAX_BYTES = 50 * 1024 * 1024
# Rule parts a zone's yearly change of clock may use, and how many dates a year they may pick at most.
ZONE_RULE_PARTS = {"FREQ", "INTERVAL", "UNTIL", "COUNT", "BYMONTH", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYSETPOS",
                   "WKST"}
MAX_PICKS = 31
MAX_OBSERVANCES = 5000  # STANDARD and DAYLIGHT parts and their RDATEs, over all zones of a file


class ImportRefused(ValueError):
    """The file cannot be imported; the message names the problem on one line. Nothing was written."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


def _refused(message: str) -> ImportRefused:
    return ImportRefused(message)


def read_limited(path: str | Path) -> bytes:
    """The bytes of a calendar file, refused before reading when it is far larger than any calendar."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES and path.is_file():
            raise _refused(f"the file is larger than {MAX_BYTES // 2**20} MB ({size // 2**20} MB); "
                           "it is not a calendar export")
        return path.read_bytes()
    except FileNotFoundError:
        raise _refused(f"there is no file {path}") from None
    except OSError as exc:
        raise _refused(f"cannot read {path}: {exc.strerror or exc}") from None


def _first(values) -> str:
    values = values if isinstance(values, list) else [values]
    return str(values[0]).upper() if values else ""


def _check_rule(rule, where: str) -> None:
    parts = {str(k).upper(): v for k, v in dict(rule).items()}
    freq = _first(parts.get("FREQ", []))
    if freq != "YEARLY":
        every = {"SECONDLY": "second", "MINUTELY": "minute", "HOURLY": "hour", "DAILY": "day", "WEEKLY": "week",
                 "MONTHLY": "month"}.get(freq, freq.lower() or "(no FREQ)")
        raise _refused(f"{where} changes its clock every {every}; a real time zone changes it once a year")
    odd = sorted(set(parts) - ZONE_RULE_PARTS)
    if odd:
        raise _refused(f"{where} changes its clock by the {odd[0]} of a day; a real time zone does not")
    picks = 1
    for key in ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYDAY"):
        value = parts.get(key)
        picks *= len(value) if isinstance(value, list) and value else 1
    if picks > MAX_PICKS:
        raise _refused(f"{where} changes its clock on up to {picks} days a year; a real time zone does not")


def forget_earlier_zones() -> None:
    """Drop the zones earlier files defined: icalendar keeps the first VTIMEZONE of each made-up TZID for the
    whole process, so a second file using the same name for other rules would be read with the first's."""
    from icalendar.timezone import tzp

    tzp.use(tzp.name)


def check_zones(cal) -> None:
    """Refuse VTIMEZONE rules no real zone has, before any time in them is read."""
    observances = 0
    for tz in cal.walk("VTIMEZONE"):
        name = str(tz.get("TZID", "")).strip().strip('"') or "(unnamed)"
        where = f"the time zone '{name}'"
        for part in tz.subcomponents:
            observances += 1
            rules = part.get("RRULE")
            for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
                _check_rule(rule, where)
            dates = part.get("RDATE")
            for each in dates if isinstance(dates, list) else [dates] if dates is not None else []:
                observances += len(getattr(each, "dts", [])) or 1
        if observances > MAX_OBSERVANCES:
            raise _refused(f"{where} lists more than {MAX_OBSERVANCES} changes of clock; it is not a real zone")
