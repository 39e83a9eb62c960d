"""What a typed day or time means: '14:30', '1430', '2:30 pm'; '10 May 2027', '10.05.2027', '2027-05-10' (no Qt)."""

from __future__ import annotations

import re
from datetime import date, time

MONTHS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^\s*(\d{1,2})(?:\s*[:.h]\s*(\d{2})|(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?\s*$", re.IGNORECASE)


def parse_time(text: str) -> time | None:
    """A clock time from what an officer types, or None: '14:30', '1430', '930', '14.30', '2:30 pm', '2pm'."""
    found = _TIME.match(text or "")
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or found.group(3) or 0)
    half = (found.group(4) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def parse_day(text: str, near: date) -> date | None:
    """A day from what an officer types, or None; day before month, and the year of ``near`` when none is given.

    '10 May 2027', 'Mon 10 May 2027', 'May 10', '10.05.2027', '10/5/27', '2027-05-10'.
    """
    text = (text or "").strip().casefold()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    parts = [p for p in re.split(r"[\s,./-]+", text) if p and p[:3] not in WEEKDAYS]
    month = next((MONTHS[p[:3]] for p in parts if p[:3] in MONTHS and p.isalpha()), None)
    numbers = [int(p) for p in parts if p.isdigit()]
    if month is None:
        if len(numbers) < 2:
            return None
        day, month, *rest = numbers
    else:
        if not numbers or len(parts) != len(numbers) + 1:
            return None
        day, *rest = numbers
    year = rest[0] if rest else near.year
    if len(rest) > 1:
        return None
    year = year + 2000 if year < 100 else year
    try:
        return date(year, month, day)
    except ValueError:
        return None
