"""Reading other calendars' .ics files into plain event records, or refusing them with one clear reason.

icalendar parses; this module decides what a protocol office can keep: every
time gets a named IANA zone (Windows names and made-up TZIDs are mapped, bare
offsets refused), floating times are taken in the visit's zone, and a file
with any unreadable event is refused whole so nothing is half-imported.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import icalendar

from planner.domain.text import strip_controls
from planner.domain.zones import later, on_clock, zone
from planner.ical import clients
from planner.ical.bounds import ImportRefused, check_zones
from planner.ical.lines import clean
from planner.ical.quick import calendar_of
from planner.ical.recurrence import BadRecurrence, normalise
from planner.ical.timezones import WINDOWS_SHARED, definition_differs, iana_name, is_offset_name, zone_by_rules

STAND_IN = "X-VISIT-PLANNER-STAND-IN"


@dataclass
class Address:
    email: str  # lower case, "" when the client gave none
    name: str
    role: str = "REQ-PARTICIPANT"
    partstat: str = "NEEDS-ACTION"
    stand_in: bool = False  # the organiser written as attendee only because RFC 5546 needs one
    cutype: str = "INDIVIDUAL"  # ROOM and RESOURCE are venues, not people
    comment: str = ""  # Google writes a reply's comment as a parameter (X-RESPONSE-COMMENT)


@dataclass
class EventRecord:
    uid: str
    title: str
    start: datetime | date
    end: datetime | date  # inclusive end day for all-day events, like the domain
    zone: str
    sequence: int = 0
    recurrence: str = ""
    exdates: list = field(default_factory=list)
    location: str = ""
    description: str = ""
    online_link: str = ""
    status: str = "CONFIRMED"
    organiser: Address | None = None
    attendees: list[Address] = field(default_factory=list)
    classification: str = ""  # CLASS: PUBLIC, PRIVATE, CONFIDENTIAL
    comment: str = ""  # COMMENT: what a replier or proposer wrote
    kind: str = ""  # what our own export wrote of the meeting (X-VISIT-PLANNER-*), for a whole re-import
    sector: str = ""
    agenda: list[AgendaRecord] = field(default_factory=list)
    rooms: list[str] = field(default_factory=list)  # attendees of CUTYPE ROOM or RESOURCE
    timed: bool = True  # False for a reply that carries no time of its own (RFC 5546 allows it)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


@dataclass
class ReadCalendar:
    events: list[EventRecord]
    notes: list[str] = field(default_factory=list)  # what was adjusted or left out, for the preview
    skipped: list[str] = field(default_factory=list)
    method: str = ""  # METHOD: REQUEST, CANCEL, REPLY, COUNTER, PUBLISH, or "" for a plain calendar file


@dataclass
class AgendaRecord:
    title: str
    minutes: int = 10
    presenter: str = ""
    email: str = ""
    sector: str = ""


def _text(component, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    # Control characters never reach the store; only the description may keep its line breaks.
    return strip_controls(str(value), keep_breaks=name == "DESCRIPTION").strip() if value is not None else ""


def _decode(data: bytes | str) -> str:
    if isinstance(data, bytes):
        # RFC 5545 3.1: unfold first, then decode; a fold may split a multi-byte character in two.
        data = re.sub(rb"\r?\n[ \t]", b"", data)
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportRefused(f"the file is not UTF-8 text (byte {exc.start} cannot be read)") from None
    text = data.lstrip("\ufeff")
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    if not lines:
        raise ImportRefused("the file is empty")
    if lines[0].strip().upper() != "BEGIN:VCALENDAR":
        raise ImportRefused(f"the file does not start with BEGIN:VCALENDAR, so it is not an iCalendar file "
                            f"(it starts with {lines[0][:40]!r})")
    if lines[-1].strip().upper() != "END:VCALENDAR":
        raise ImportRefused("the file ends before END:VCALENDAR; it is truncated or was cut off")
    if "\x00" in text:
        raise ImportRefused("the file contains NUL characters; it is damaged")
    return text


def _address(prop) -> Address:
    value = str(prop).strip()
    email = value[7:].strip().lower() if value.lower().startswith("mailto:") else ""
    params = getattr(prop, "params", {})
    name = strip_controls(str(params.get("CN", "")), keep_breaks=False).strip() or (email.split("@")[0] if email else value)
    return Address(email, clean(name), str(params.get("ROLE", "REQ-PARTICIPANT")).upper(),
                   str(params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
                   str(params.get(STAND_IN, "")).upper() == "TRUE", str(params.get("CUTYPE", "INDIVIDUAL")).upper(),
                   clean(str(params.get("X-RESPONSE-COMMENT", "")).strip()))


class _Reader:
    def __init__(self, cal, visit_zone: str, home_zone: str):
        self.visit_zone, self.home_zone = visit_zone, home_zone
        self.cal = cal
        self.defined = {_text(tz, "TZID").strip('"') for tz in self.cal.walk("VTIMEZONE")}
        default = str(self.cal.get("X-WR-TIMEZONE", "")).strip()
        self.utc_zone = iana_name(default) if default else None
        self.notes: list[str] = []
        self.skipped: list[str] = []
        self.zone_names: dict[str, str] = {}
        self.floating = 0

    def label(self, event, n: int) -> str:
        title = _text(event, "SUMMARY")
        return f"event {n}" + (f" ('{title}')" if title else "")

    def zone_for(self, tzid: str, moment: datetime, where: str) -> str:
        if tzid in self.zone_names:
            return self.zone_names[tzid]
        if is_offset_name(tzid):
            raise ImportRefused(f"{where} uses the time zone '{tzid}', an offset rather than a named zone; "
                                "export it again with a zone such as Asia/Karachi")
        if tzid not in self.defined and tzid != "UTC" and iana_name(tzid) not in (None, tzid):
            # Outlook may name a Windows zone and leave its VTIMEZONE out: the name says which zone it is.
            name = iana_name(tzid)
            self.notes.append(f"The time zone '{tzid}' is not defined in the file (no VTIMEZONE); it is read "
                              f"as {name}, the zone that Windows name stands for.")
            self.zone_names[tzid] = name
            return name
        if tzid not in self.defined and tzid != "UTC":
            raise ImportRefused(f"{where} uses the time zone '{tzid}' but the file does not define it "
                                "(no VTIMEZONE); export it again with time zones included")
        name = iana_name(tzid)
        if name is None:
            name = zone_by_rules(moment.tzinfo, moment, [self.visit_zone, self.home_zone])
            if name is None:
                raise ImportRefused(f"{where} uses the time zone '{tzid}', which matches no known zone")
            self.notes.append(f"The time zone '{tzid}' is read as {name} (same offsets through the year).")
        elif name != tzid:
            # A Windows name several countries share is read as the visit's (or home) zone when it is one of them.
            shared = WINDOWS_SHARED.get(tzid, ())
            name = next((own for own in (self.visit_zone, self.home_zone) if own in shared), name)
            self.notes.append(f"The time zone '{tzid}' is read as {name}.")
        else:
            self.compare_definition(tzid, moment)
        self.zone_names[tzid] = name
        return name

    def compare_definition(self, tzid: str, moment: datetime) -> None:
        """Warn when the file's VTIMEZONE for an IANA name keeps other offsets than the IANA zone itself."""
        component = next((tz for tz in self.cal.walk("VTIMEZONE") if _text(tz, "TZID").strip('"') == tzid), None)
        warning = definition_differs(component, tzid, moment) if component is not None else None
        if warning:
            self.notes.append(warning)

    def moment(self, prop, where: str, what: str) -> tuple[datetime | date, str | None]:
        """(value, IANA zone or None for a date) of DTSTART/DTEND-like ``prop``."""
        try:
            value = prop.dt
        except Exception:  # icalendar's BrokenCalendarProperty and friends
            raise ImportRefused(f"{where}: the {what} '{prop}' is not a date or time") from None
        if not isinstance(value, datetime):
            if not isinstance(value, date):
                raise ImportRefused(f"{where}: the {what} is not a date or time")
            return value, None
        # A local time the clocks skip is read with the offset before the gap (RFC 5545, 3.3.5): on_clock.
        if value.tzinfo is None:
            self.floating += 1
            return on_clock(value.replace(tzinfo=zone(self.visit_zone))), self.visit_zone
        tzid = str(prop.params.get("TZID", "")).strip('"') if hasattr(prop, "params") else ""
        if not tzid:  # UTC ("Z"): show it in the calendar's own zone or the visit's
            name = self.utc_zone or self.visit_zone
            return value.astimezone(zone(name)), name
        name = self.zone_for(tzid, value, where)
        return on_clock(value).astimezone(zone(name)), name

    def read(self) -> ReadCalendar:
        for component in self.cal.walk():
            if component.errors:
                # A repeat rule with spaces inside (Exchange) is repaired below; everything else is refused.
                bad = [(p, e) for p, e in component.errors if not (p == "RRULE" and component.name == "VEVENT")]
                if bad:
                    prop, error = bad[0]
                    raise ImportRefused(f"a {component.name} has a property that cannot be read "
                                        f"({prop or 'content line'}: {error})")
        check_zones(self.cal)  # before any time is read: a zone's rules are expanded on each reading
        for kind in ("VTODO", "VJOURNAL", "VFREEBUSY"):
            found = self.cal.walk(kind)
            if found:
                self.skipped.append(f"{len(found)} {kind[1:].lower()} item(s), which are not meetings")
        raw = self.cal.walk("VEVENT")
        if not raw:
            raise ImportRefused("the file holds no events")
        self.method = str(self.cal.get("METHOD", "")).strip().upper()
        method_cancel = self.method == "CANCEL"
        events, masters = [], {}
        for n, event in enumerate(raw, start=1):
            record = self.event(event, n)
            if record is None:
                continue
            if method_cancel:
                record.status = "CANCELLED"
            if "RECURRENCE-ID" in event:
                events.append((record, event))
            else:
                masters[record.uid] = record
                events.append((record, None))
        out = []
        for record, override in events:
            if override is not None and record.uid in masters:
                # A moved or changed occurrence: the series skips that date and the occurrence stands alone.
                original, _ = self.moment(override["RECURRENCE-ID"], record.title, "recurrence id")
                masters[record.uid].exdates.append(original)
                record.uid = f"{record.uid}/{original:%Y%m%dT%H%M%S}" if isinstance(original, datetime) \
                    else f"{record.uid}/{original:%Y%m%d}"
                self.notes.append(f"'{record.title}': a changed occurrence of a series is imported "
                                  "as a meeting of its own.")
            out.append(record)
        if self.floating:
            self.notes.append(f"{self.floating} time(s) had no time zone (floating); they are read as "
                              f"{self.visit_zone}, the visit's zone.")
        return ReadCalendar(out, self.notes, self.skipped, self.method)

    def event(self, event, n: int) -> EventRecord | None:
        where = self.label(event, n)
        if "DTSTART" not in event and self.method == "REPLY" and _text(event, "UID"):
            # A reply need not repeat the meeting's time (RFC 5546 3.2.3); it only says who answered what.
            record = EventRecord(uid=_text(event, "UID"), title=clean(_text(event, "SUMMARY")), start=date.min,
                                 end=date.min, zone=self.visit_zone, timed=False)
            _details(event, record)
            return record
        if "DTSTART" not in event:
            self.skipped.append(f"{where}: it has no start time (DTSTART)")
            return None
        start, start_zone = self.moment(event["DTSTART"], where, "start")
        zone_name = start_zone or self.visit_zone
        if "DTEND" in event:
            end, _ = self.moment(event["DTEND"], where, "end")
            if isinstance(end, datetime) and isinstance(start, datetime):
                end = end.astimezone(zone(zone_name))
            elif isinstance(end, datetime) != isinstance(start, datetime):
                raise ImportRefused(f"{where}: the start and end are not both days or both times")
        elif "DURATION" in event:
            try:
                end = _after(start, event["DURATION"].dt)
            except Exception:
                raise ImportRefused(f"{where}: the duration '{event['DURATION']}' cannot be read") from None
        else:
            end = start + timedelta(days=1) if not isinstance(start, datetime) else start + timedelta(hours=1)
            if isinstance(start, datetime):
                self.notes.append(f"{where} has no end time; it is given one hour.")
        if not isinstance(start, datetime):
            end = max(end - timedelta(days=1), start)  # iCalendar's end day is exclusive, ours inclusive
        uid = _text(event, "UID")
        if not uid:
            digest = hashlib.sha1(f"{_text(event, 'SUMMARY')}|{event['DTSTART'].to_ical()!r}".encode()).hexdigest()
            uid = f"import-{digest[:16]}@visit-planner"
            self.notes.append(f"{where} has no UID; it is given {uid} so that importing again updates it.")
        record = EventRecord(uid=uid, title=clean(_text(event, "SUMMARY")) or "(untitled)", start=start, end=end,
                             zone=zone_name, location=clean(_text(event, "LOCATION"), ", "),
                             description=clean(_text(event, "DESCRIPTION"), "\n"),
                             status=_text(event, "STATUS").upper())
        try:
            record.sequence = int(str(event.get("SEQUENCE", 0)))
        except ValueError:
            record.sequence = 0
        self.recurrence(event, record, where)
        _details(event, record)
        return record

    def recurrence(self, event, record: EventRecord, where: str) -> None:
        rules = event.get("RRULE")
        if rules is None:
            return
        rules = rules if isinstance(rules, list) else [rules]
        if len(rules) > 1:
            self.notes.append(f"{where} has {len(rules)} repeat rules; only the first is kept.")
        first = rules[0]
        text = first.to_ical().decode() if isinstance(first, icalendar.vRecur) else str(first)
        try:
            record.recurrence, _until = normalise(text, record.zone, record.all_day)
        except BadRecurrence as exc:
            raise ImportRefused(f"{where}: {exc}") from None
        exdates = event.get("EXDATE", [])
        for prop in exdates if isinstance(exdates, list) else [exdates]:
            for each in prop.dts:
                value = each.dt
                if isinstance(value, datetime):
                    value = value.replace(tzinfo=zone(self.visit_zone)) if value.tzinfo is None else value
                    value = value.astimezone(zone(record.zone))
                record.exdates.append(value)
        if "RDATE" in event:
            self.notes.append(f"{where}: extra dates (RDATE) are not imported; add them as meetings.")


def _all(event, name: str) -> list:
    found = event.get(name, [])
    return found if isinstance(found, list) else [found]


def _unescape(text: str) -> str:
    """A TEXT value of an X- property, which icalendar hands over as written (RFC 5545 3.3.11)."""
    return re.sub(r"\\([\\;,nN])", lambda found: "\n" if found.group(1) in "nN" else found.group(1), text)


def _details(event, record: EventRecord) -> None:
    """Who, the link, the confidentiality, a reply's comment and what our own export adds; client prefixes
    ('Accepted:', 'Canceled:') are taken off the title."""
    record.title, _had = clients.strip_prefixes(record.title)
    for name in clients.LINK_PROPERTIES:
        link = _text(event, name)
        if link.startswith(("https://", "http://")):
            record.online_link = link
            break
    if not record.online_link:
        record.online_link = clients.meeting_link(record.location) or clients.meeting_link(record.description)
    if clients.is_only_a_link(record.location):
        record.location = ""  # 'https://zoom.us/j/1' or 'Microsoft Teams Meeting' is no venue
    if "ORGANIZER" in event:
        record.organiser = _address(event["ORGANIZER"])
    for address in (_address(a) for a in _all(event, "ATTENDEE")):
        if address.cutype in clients.ROOM_TYPES:
            record.rooms.append(address.name)
        else:
            record.attendees.append(address)
    if record.rooms and not record.location:
        record.location = record.rooms[0]
    record.classification = _text(event, "CLASS").upper()
    record.comment = clean(_text(event, "COMMENT"), "\n")
    record.kind = _unescape(_text(event, "X-VISIT-PLANNER-KIND"))
    record.sector = _unescape(_text(event, "X-VISIT-PLANNER-SECTOR"))
    for item in _all(event, "X-VISIT-PLANNER-AGENDA"):
        params = getattr(item, "params", {})
        try:
            minutes = int(str(params.get("X-MINUTES", "10")))
        except ValueError:
            minutes = 10
        record.agenda.append(AgendaRecord(clean(_unescape(str(item))), minutes, clean(str(params.get("X-PRESENTER", ""))),
                                          str(params.get("X-EMAIL", "")).strip().lower(),
                                          clean(str(params.get("X-SECTOR", "")))))


def _after(start: datetime | date, duration: timedelta) -> datetime | date:
    """The end ``duration`` after ``start``: days are calendar days, hours and less are elapsed time (RFC 5545, 3.3.6)."""
    if not isinstance(start, datetime):
        return start + duration
    days = timedelta(days=duration.days)
    return on_clock(later(on_clock(start + days), duration - days))


def read_calendar(data: bytes | str, visit_zone: str, home_zone: str | None = None, *,
                  quick: bool = True) -> ReadCalendar:
    """The events of an .ics file as records, with notes; ImportRefused names the problem otherwise.

    ``quick=False`` reads every file with icalendar's full parse, the reference the quick reading is tested against.
    """
    text = _decode(data)
    try:
        return _Reader(calendar_of(text, quick), visit_zone, home_zone or visit_zone).read()
    except ImportRefused:
        raise
    except Exception as exc:  # icalendar and dateutil fail their own ways on damage; none may escape
        raise ImportRefused(f"the file cannot be read as iCalendar ({type(exc).__name__}: {exc})") from None
