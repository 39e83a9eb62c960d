"""RFC 5545 content lines: text escaping, parameter quoting, date formats and folding at 75 octets.

Export writes VEVENT text itself because building icalendar objects for a
whole programme is several times slower; tests parse every line written here
back with icalendar and vobject.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

CRLF = "\r\n"
LIMIT = 75  # octets per physical line, CRLF not counted (RFC 5545 3.1)

_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})
# Control characters (NUL included) that no content line may hold (RFC 5545 3.3.11: TSAFE-CHAR); a tab stays.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Characters that force a parameter value into double quotes (RFC 5545 3.2).
_PARAM_SPECIALS = frozenset(':;,')


def clean(value: str, line_breaks: str = " ") -> str:
    """``value`` without control characters; line breaks become ``line_breaks`` (kept when it is a newline)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", line_breaks)
    return _CONTROLS.sub("", value)


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newline escaped; CR and other control characters dropped."""
    return clean(value, "\n").translate(_TEXT_ESCAPES)


def param_value(value: str) -> str:
    """A parameter value, quoted when it holds : ; or , (a DQUOTE cannot appear, so it becomes ')."""
    value = clean(value.replace('"', "'"))
    if any(ch in _PARAM_SPECIALS for ch in value):
        return f'"{value}"'
    return value


def fold(line: str) -> str:
    """Fold one content line at 75 octets, never inside a UTF-8 character; ends with CRLF."""
    if len(line) <= LIMIT // 4 or (len(line) <= LIMIT and line.isascii()):
        return line + CRLF
    raw = line.encode("utf-8")
    if len(raw) <= LIMIT:
        return line + CRLF
    parts = []
    start, limit = 0, LIMIT
    while len(raw) - start > limit:
        cut = start + limit
        # Back off to the first byte of a character: continuation bytes are 0b10xxxxxx.
        while raw[cut] & 0xC0 == 0x80:
            cut -= 1
        parts.append(raw[start:cut])
        start = cut
        limit = LIMIT - 1  # continuation lines begin with one space
    parts.append(raw[start:])
    return (CRLF + " ").join(p.decode("utf-8") for p in parts) + CRLF


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment: datetime) -> str:
    """Wall-clock time without zone, for use with a TZID parameter."""
    return f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}"


def date_stamp(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def moment_line(name: str, value: datetime | date, zone_name: str) -> str:
    """DTSTART/DTEND/EXDATE: a date (VALUE=DATE) or a wall time with TZID, or UTC for the UTC zone."""
    if not isinstance(value, datetime):
        return f"{name};VALUE=DATE:{date_stamp(value)}"
    if zone_name == "UTC" or _second_pass(value):
        # With a TZID a repeated local time means its first pass (RFC 5545, 3.3.5): the second needs UTC.
        return f"{name}:{utc_stamp(value)}"
    return f"{name};TZID={param_value(zone_name)}:{local_stamp(value)}"


def _second_pass(value: datetime) -> bool:
    """Whether ``value`` is the second of two equal wall times on the night its clocks go back."""
    return value.fold == 1 and value.utcoffset() != value.replace(fold=0).utcoffset()
