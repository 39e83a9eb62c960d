"""A quick reading of the plain .ics files calendars write, or None where icalendar must read the file.

icalendar builds an object for every parameter and property of every line; an
import reads a dozen of them per event. Here the unfolded text is split into
content lines with one pattern, each line is checked as icalendar would check
it (so a file icalendar refuses is never read here), the common value forms
are decoded directly and the others, a line at a time, by icalendar's own
value types. VTIMEZONE blocks are read by icalendar whole. Anything this
module cannot vouch for (another kind of component, a parameter with RFC 6868
escapes or a list of values, a value icalendar would refuse) hands the whole
file back to icalendar, so odd files are read exactly as before; a test reads
every file both ways and compares.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from planner.ical.bounds import ImportRefused, forget_earlier_zones

# icalendar's own unfolding (parser/content_line.py): a line break and any blank lines before a space or tab.
UNFOLD = re.compile(r"(?:(?<!\n)\r\n|(?<![\r\n])\n)(?:\r?\n)*[ \t]")
NEWLINE = re.compile(r"\r?\n")
# NAME, then ;PARAM=value or ;PARAM="value" (no lists, no backslash, no RFC 6868 caret), then :value.
# An unquoted value may escape , ; and : with a backslash, as Thunderbird writes CN=Doe\, Jane.
LINE = re.compile(r'([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"\x00-\x1f\x7f\\^]*"|(?:[^";:,\x00-\x1f\x7f\\^]|\\[,;:])*))*)'
                  r":([^\x00-\x08\x0a-\x1f\x7f]*)\Z")
PARAM = re.compile(r';([A-Za-z0-9-]+)=(?:"([^"]*)"|((?:[^";:,\\]|\\[,;:])*))')
SPACED_EQUALS = re.compile(r"[ \t]=|=[ \t]")
ESCAPE = re.compile(r"\\([\\,;:nN])")  # icalendar's unescape_backslash
STAMP = re.compile(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(Z?)\Z", re.ASCII)
DAY = re.compile(r"(\d{4})(\d\d)(\d\d)\Z", re.ASCII)
INTEGER = re.compile(r"[+-]?\d{1,10}\Z", re.ASCII)
# Properties whose TZID icalendar reads (ComponentIcalParser.datetime_names).
ZONED = frozenset({"DTSTART", "DTEND", "RECURRENCE-ID", "DUE", "RDATE", "EXDATE"})
# Properties the import reads as one value: twice in a component, icalendar's list of them goes its own way.
SINGLE = frozenset({"DTSTART", "DTEND", "DURATION", "ORGANIZER", "SEQUENCE", "RECURRENCE-ID", "METHOD",
                    "X-WR-TIMEZONE"})
# Where each component may stand; anything else (VTODO, VJOURNAL, an X- component) goes to icalendar.
PARENT = {"VEVENT": "VCALENDAR", "VALARM": "VEVENT"}
TEXT, RAW, ADDRESS, INT, MOMENT, EXACT = range(6)


class GiveUp(Exception):
    """The file holds something only icalendar's full parse reads as the import expects."""


class Value(str):
    """A property's value as icalendar's str() of it gives, with its parameters (upper-case names)."""

    __slots__ = ("params",)


class Moment:
    """A DATE or DATE-TIME property as the import reads it: ``dt`` and ``params``, like icalendar's vDDDTypes."""

    __slots__ = ("dt", "params")

    def __init__(self, dt, params: dict):
        self.dt, self.params = dt, params

    def to_ical(self) -> bytes:
        from icalendar.prop import vDDDTypes

        return vDDDTypes(self.dt).to_ical()

    def __repr__(self) -> str:
        return f"vDDDTypes({self.dt!r}, Parameters({self.params!r}))"


class Event:
    """The part of icalendar's Event the import reads: properties by upper-case name, one or a list."""

    __slots__ = ("props",)
    name = "VEVENT"
    errors = ()  # a property icalendar would record as broken hands the file back instead

    def __init__(self):
        self.props: dict[str, object] = {}

    def get(self, name: str, default=None):
        return self.props.get(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self.props

    def __getitem__(self, name: str):
        return self.props[name]


class Calendar:
    """The part of icalendar's Calendar the import reads: its own properties, zones and events."""

    name = "VCALENDAR"
    errors = ()

    def __init__(self):
        self.props: dict[str, object] = {}
        self.timezones: list = []  # icalendar Timezone components, in file order
        self.events: list[Event] = []

    def get(self, name: str, default=None):
        return self.props.get(name, default)

    def walk(self, name: str | None = None) -> list:
        if name is None:
            return [self, *(part for tz in self.timezones for part in tz.walk()), *self.events]
        if name == "VTIMEZONE":
            return list(self.timezones)
        if name == "VEVENT":
            return list(self.events)
        return []


def _kinds():
    from icalendar.prop import vCalAddress, vDate, vDDDTypes, vInt, vText, vUnknown, vUri

    return {vText: TEXT, vUnknown: RAW, vCalAddress: ADDRESS, vUri: ADDRESS, vInt: INT, vDDDTypes: MOMENT,
            vDate: MOMENT}


class _Decoder:
    """Turns one content line's parts into the value icalendar would hold, or raises GiveUp."""

    def __init__(self):
        from icalendar.cal.component import Component
        from icalendar.parser import Parameters
        from icalendar.timezone import tzp

        self.types = Component.types_factory
        self.parameters = Parameters
        self.tzp = tzp
        self.kinds = _kinds()
        self.factories: dict[tuple[str, str | None], tuple[type, int]] = {}
        self.zones: dict[str, object] = {}

    def factory(self, name: str, value_type: str | None) -> tuple[type, int]:
        key = (name, value_type)
        found = self.factories.get(key)
        if found is None:
            factory = self.types.for_property(name, value_type)
            found = self.factories[key] = (factory, self.kinds.get(factory, EXACT))
        return found

    def value(self, name: str, params: dict, raw: str):
        value_type = params.get("VALUE")
        factory, kind = self.factory(name, value_type.upper() if value_type is not None else None)
        if kind is TEXT:
            value = Value(ESCAPE.sub(_unescaped, raw) if "\\" in raw else raw)
        elif kind is RAW or (kind is ADDRESS and "\\" not in raw):
            value = Value(raw)
        elif kind is INT and INTEGER.match(raw) and -2147483648 <= int(raw) <= 2147483647:
            value = Value(int(raw))
        else:
            return self.typed(name, factory, kind, params, raw)
        value.params = params
        return value

    def typed(self, name: str, factory: type, kind: int, params: dict, raw: str):
        """A real icalendar value (dates, rules, anything uncommon), as ComponentIcalParser makes it."""
        tzid = params.get("TZID") if name in ZONED else None
        parsed = self.moment(factory, raw, tzid) if kind is MOMENT else None
        if parsed is None:
            if name in ("CATEGORIES", "FREEBUSY", "RDATE"):
                raise GiveUp(name)  # icalendar splits or drops these values its own way
            text = raw if hasattr(factory, "get_value_from_content_line") else ESCAPE.sub(_unescaped, raw)
            try:
                parsed = factory.from_ical(text, tzid) if tzid else factory.from_ical(text)
                made = factory(parsed)
            except Exception as exc:  # icalendar records or raises it; its own reading says which
                raise GiveUp(name) from exc
        else:
            return Moment(parsed, params)
        made.params = self.parameters(params)
        return made

    def moment(self, factory, raw: str, tzid: str | None):
        """DATE-TIME (UTC, floating or with a TZID) and DATE in their plain forms, as vDDDTypes reads them."""
        general = factory.__name__ == "vDDDTypes"
        try:
            found = STAMP.match(raw) if general else None
            if found:
                year, month, day, hour, minute, second, utc = found.groups()
                moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
                zone = self.zone(tzid) if tzid else None
                if zone is not None:
                    return self.tzp.localize(moment, zone)
                return self.tzp.localize_utc(moment) if utc else moment
            found = DAY.match(raw)
            if found and (general or not tzid):  # vDate refuses a TZID: icalendar's own reading says how
                day = date(int(found[1]), int(found[2]), int(found[3]))
                zone = self.zone(tzid) if tzid else None
                return day if zone is None else self.tzp.localize(datetime(day.year, day.month, day.day), zone)
        except ValueError:
            return None  # February 30th: icalendar's own reading says what becomes of it
        return None

    def zone(self, tzid: str):
        if tzid.startswith("/"):
            raise GiveUp(tzid)  # icalendar guesses these with a warning each time
        if tzid not in self.zones:
            self.zones[tzid] = self.tzp.timezone(tzid)
        return self.zones[tzid]


def _unescaped(found: re.Match) -> str:
    return "\n" if found.group(1) in "nN" else found.group(1)


def _params(text: str, known: dict) -> dict:
    """The parameters of a line; the same text (an attendee in many meetings) gives the same dict, read only."""
    found = known.get(text)
    if found is not None:
        return found
    params = known[text] = {}
    for key, quoted, plain in PARAM.findall(text):
        if plain and (plain != plain.strip(" \t") or ("=" in plain and SPACED_EQUALS.search(plain))):
            raise GiveUp(key)  # icalendar strips the spaces around delimiters (; and =) its own way
        if "\\" in plain:
            plain = plain.replace("\\,", ",").replace("\\;", ";").replace("\\:", ":")
        params[key.upper()] = quoted or plain
    return params


def _add(props: dict, name: str, value) -> None:
    if name not in props:
        props[name] = value
    elif name in SINGLE:
        raise GiveUp(name)
    elif isinstance(props[name], list):
        props[name].append(value)
    else:
        props[name] = [props[name], value]


def _timezone(lines: list[str]):
    """A VTIMEZONE read by icalendar itself, which also keeps a made-up zone for the TZIDs that name it."""
    from icalendar import Component

    try:
        found = Component.from_ical("\r\n".join(lines) + "\r\n", multiple=True)
    except Exception as exc:
        raise GiveUp("VTIMEZONE") from exc
    if len(found) != 1 or any(part.name not in ("VTIMEZONE", "STANDARD", "DAYLIGHT") for part in found[0].walk()):
        raise GiveUp("VTIMEZONE")
    return found[0]


def _split(text: str) -> tuple[list[tuple[str, str, dict, str]], list[list[str]]]:
    """(content lines outside VTIMEZONE as (NAME, value, params, raw line), the VTIMEZONE blocks' lines)."""
    lines, zones, zone, known = [], [], None, {}
    if "\n " in text or "\n\t" in text:  # bytes arrive unfolded already (reading._decode)
        text = UNFOLD.sub("", text)
    for line in NEWLINE.split(text):
        if not line:
            continue
        found = LINE.match(line)
        if found is None:
            raise GiveUp(line[:40])
        name, params, value = found.groups()
        name = name.upper()
        if zone is not None:
            zone.append(line)
            if name == "END" and value.upper() == "VTIMEZONE":
                zone = None
            continue
        if name == "BEGIN" and value.upper() == "VTIMEZONE":
            zone = [line]
            zones.append(zone)
            lines.append(("ZONE", "", {}, ""))
            continue
        lines.append((name, value, _params(params, known) if params else {}, params))
    if zone is not None:
        raise GiveUp("VTIMEZONE")
    return lines, zones


def _build(lines, zones) -> Calendar:
    decoder = _Decoder()
    calendar = Calendar()
    calendar.timezones = [_timezone(block) for block in zones]  # before any time: a TZID may name one later on
    stack: list[tuple[str, dict]] = []
    opened = False
    for name, value, params, raw_params in lines:
        if name == "ZONE":
            if [kind for kind, _ in stack] != ["VCALENDAR"]:
                raise GiveUp("VTIMEZONE")
            continue
        if name in ("BEGIN", "END"):
            kind = value.upper()
            if raw_params:
                raise GiveUp(name)
            if name == "END":
                if not stack or stack[-1][0] != kind:
                    raise GiveUp(value)
                stack.pop()
                continue
            if (kind == "VCALENDAR" and not stack and not opened) or (
                    kind in PARENT and stack and stack[-1][0] == PARENT[kind]):
                props = calendar.props if kind == "VCALENDAR" else {}
                if kind == "VEVENT":
                    event = Event()
                    calendar.events.append(event)
                    props = event.props
                stack.append((kind, props))
                opened = True
                continue
            raise GiveUp(kind)
        if not stack:
            raise GiveUp(name)
        _add(stack[-1][1], name, decoder.value(name, params, value))
    if stack:
        raise GiveUp(stack[-1][0])
    return calendar


def parse(text: str) -> Calendar | None:
    """The calendar in ``text`` (unfolded and decoded), or None when icalendar's full parse must read it."""
    try:
        return _build(*_split(text))
    except Exception:  # GiveUp, or a slip of this module's own: icalendar reads the file then
        return None


def calendar_of(text: str, quick: bool = True):
    """The calendar as the quick reading or, for what it cannot vouch for, icalendar's full parse gives it."""
    import icalendar

    forget_earlier_zones()
    found = parse(text) if quick else None
    if found is not None:
        return found
    forget_earlier_zones()
    try:
        return icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ImportRefused(f"the file cannot be read as iCalendar: {exc}") from None
