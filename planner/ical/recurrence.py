"""Recurrence rules checked with python-dateutil and written the way every client reads them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache

from dateutil.rrule import rrulestr

from planner.domain.zones import zone


class BadRecurrence(ValueError):
    pass


# Expanding a rule costs time for each occurrence: a meeting that repeats every second,
# or a billion times, would hang whatever lists its dates.
TOO_OFTEN = {"SECONDLY": "second", "MINUTELY": "minute"}
MAX_COUNT = 1000


def _until(text: str, zone_name: str, all_day: bool) -> datetime | date:
    text = text.strip().upper()
    try:
        if len(text) == 8:
            day = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
            if all_day:
                return day
            # A bare day means "up to and including that day" in the meeting's zone.
            return datetime.combine(day, time(23, 59, 59), zone(zone_name)).astimezone(UTC)
        moment = datetime.strptime(text.rstrip("Z"), "%Y%m%dT%H%M%S")
    except ValueError:
        raise BadRecurrence(f"UNTIL={text} is not a date or time") from None
    if text.endswith("Z"):
        moment = moment.replace(tzinfo=UTC)
    else:
        moment = moment.replace(tzinfo=zone(zone_name))
    return moment.date() if all_day else moment.astimezone(UTC)


@lru_cache(maxsize=512)
def normalise(rule: str, zone_name: str, all_day: bool) -> tuple[str, datetime | date | None]:
    """Check ``rule`` and return it as RFC 5545 text (UNTIL in UTC for timed meetings) and its UNTIL.

    Raises BadRecurrence with a readable message when dateutil cannot read it.
    """
    rule = rule.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    parts: dict[str, str] = {}
    for piece in rule.replace(" ", "").split(";"):
        if not piece:
            continue
        key, sep, value = piece.partition("=")
        if not sep or not value:
            raise BadRecurrence(f"'{piece}' in the recurrence '{rule}' is not NAME=VALUE")
        parts[key.upper()] = value.upper()
    if "FREQ" not in parts:
        raise BadRecurrence(f"the recurrence '{rule}' has no FREQ (for example FREQ=DAILY)")
    if parts["FREQ"] in TOO_OFTEN:
        raise BadRecurrence(f"the recurrence '{rule}' repeats every {TOO_OFTEN[parts['FREQ']]}; "
                            "a meeting repeats at most hourly")
    if parts.get("COUNT", "").isdigit() and int(parts["COUNT"]) > MAX_COUNT:
        raise BadRecurrence(f"the recurrence '{rule}' repeats {int(parts['COUNT'])} times; "
                            f"a meeting repeats at most {MAX_COUNT} times")
    if "COUNT" in parts and "UNTIL" in parts:
        raise BadRecurrence(f"the recurrence '{rule}' has both COUNT and UNTIL")
    until = _until(parts.pop("UNTIL"), zone_name, all_day) if "UNTIL" in parts else None
    checked = ";".join(f"{k}={v}" for k, v in parts.items())
    try:
        rrulestr("RRULE:" + checked, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError, KeyError) as exc:
        raise BadRecurrence(f"the recurrence '{rule}' cannot be read ({exc})") from None
    ordered = {"FREQ": parts.pop("FREQ"), **parts}
    if until is not None:
        ordered["UNTIL"] = (f"{until.year:04d}{until.month:02d}{until.day:02d}" if not isinstance(until, datetime)
                            else until.strftime("%Y%m%dT%H%M%SZ"))
    return ";".join(f"{k}={v}" for k, v in ordered.items()), until


def last_year(rule: str, start: datetime | date, zone_name: str, all_day: bool) -> int:
    """The last year the rule can reach (ten years on for a rule without end), for VTIMEZONE coverage."""
    text, until = normalise(rule, zone_name, all_day)
    if until is not None:
        return until.year
    if "COUNT=" in text:
        base = start if isinstance(start, datetime) else datetime.combine(start, time())
        if base.tzinfo is not None:
            base = base.replace(tzinfo=None)
        found = list(rrulestr("RRULE:" + text, dtstart=base))
        return found[-1].year if found else base.year
    return (start.year if isinstance(start, date) else start.year) + 10
