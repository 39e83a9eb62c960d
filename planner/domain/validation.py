"""Validation with messages a protocol officer can read, attached to the field at fault."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, is_dataclass
from datetime import datetime
from enum import StrEnum
from operator import attrgetter

from planner.domain.countries import country
from planner.domain.model import AgendaItem, Attendee, Meeting, Organiser, Person, Venue, Visit
from planner.domain.text import first_control
from planner.domain.zones import UnknownZone, instant, wall_clock_problem, zone


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return self.message


class ValidationError(ValueError):
    """Raised when an object with errors is about to be stored."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


# Deliberately permissive: one @, no spaces, a dot in the domain. Mail servers
# decide the rest; we only catch typing mistakes.
_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]{2,}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def raise_for_errors(problems: Iterable[Problem]) -> None:
    found = errors(problems)
    if found:
        raise ValidationError(found)


# Fields that must stay on one line (they become iCalendar names, e-mail addresses, headings): no tab
# or line break. Elsewhere (notes, addresses, a long designation) tab and line breaks are content.
SINGLE_LINE = frozenset({"name", "native_name", "honorific", "email", "country", "title", "zone", "home_zone",
                         "host_country", "guest_country", "uid", "online_link"})


_TEXT_FIELDS: dict[type, tuple[Callable, Callable]] = {}


def _clean(obj) -> bool:
    """Whether no text field of ``obj`` holds a control character: one search over all of them.

    Importing 50,000 people checks half a million fields; a search per field cost more than
    storing the row. Only an object with something to report is looked at field by field.
    """
    getters = _TEXT_FIELDS.get(type(obj))
    if getters is None:
        every = [spec.name for spec in fields(obj)]
        # The first name twice, so that a group of one field still comes back as a tuple.
        getters = _TEXT_FIELDS[type(obj)] = tuple(
            attrgetter(*group, *group[:1]) if group else (lambda _obj: ()) for group in (
                [n for n in every if n in SINGLE_LINE], [n for n in every if n not in SINGLE_LINE]))
    single, multi = ("".join([v for v in getter(obj) if isinstance(v, str)]) for getter in getters)
    # isprintable() is true of text without any control character, line break or tab (the common case);
    # what it refuses (a line break in notes, a no-break space) the searches decide.
    return ((single.isprintable() or first_control(single, breaks_allowed=False) is None)
            and (multi.isprintable() or first_control(multi, breaks_allowed=True) is None))


def text_problems(obj) -> list[Problem]:
    """Control characters in any text field of ``obj`` (a NUL would end up raw in .ics files and documents)."""
    if not is_dataclass(obj) or _clean(obj):
        return []
    problems = []
    for spec in fields(obj):
        value = getattr(obj, spec.name)
        if not isinstance(value, str):
            continue
        found = first_control(value, breaks_allowed=spec.name not in SINGLE_LINE)
        if found is not None:
            label = spec.name.replace("_", " ")
            what = "a line break or tab" if found in "\t\n\r" else f"the control character U+{ord(found):04X}"
            problems.append(Problem(spec.name, f"The {label} holds {what}, which cannot be stored."))
    return problems


def _zone_problem(field: str, name: str) -> list[Problem]:
    try:
        zone(name)
    except UnknownZone as exc:
        return [Problem(field, str(exc))]
    return []


def validate_visit(visit: Visit) -> list[Problem]:
    problems: list[Problem] = text_problems(visit)
    if not visit.title.strip():
        problems.append(Problem("title", "The visit needs a title."))
    for field_name in ("host_country", "guest_country"):
        code = getattr(visit, field_name)
        label = field_name.replace("_", " ")
        if not code:
            problems.append(Problem(field_name, f"Choose the {label}."))
        elif not _COUNTRY.match(code) or country(code) is None:
            problems.append(Problem(field_name, f"The {label} must be a country (a two-letter ISO 3166 code such as "
                                                f"PK or TJ), not '{code}'."))
    if visit.last_day < visit.first_day:
        problems.append(Problem("last_day", "The visit's last day is before its first day."))
    problems += _zone_problem("zone", visit.zone)
    problems += _zone_problem("home_zone", visit.home_zone)
    if visit.organiser is not None:
        problems += validate_organiser(visit.organiser)
    return problems


def validate_organiser(organiser: Organiser) -> list[Problem]:
    """The office sends invites and receives the replies: it needs a name and an e-mail address."""
    problems = [Problem(f"organiser_{p.field}", p.message.replace("The ", "The organiser's ", 1))
                for p in text_problems(organiser)]
    if not organiser.name.strip():
        problems.append(Problem("organiser_name", "The organiser needs a name, such as 'Protocol Department'."))
    email = organiser.email.strip()
    if not email:
        problems.append(Problem("organiser_email", "The organiser needs an e-mail address: invites are sent from it."))
    elif not is_email(email):
        problems.append(Problem("organiser_email", f"'{organiser.email}' is not an e-mail address."))
    return problems


def validate_person(person: Person) -> list[Problem]:
    problems: list[Problem] = text_problems(person)
    if not person.name.strip():
        problems.append(Problem("name", "A person needs a name."))
    if person.email and not is_email(person.email.strip()):
        problems.append(Problem("email", f"'{person.email}' is not an e-mail address."))
    if person.country and not _COUNTRY.match(person.country):
        problems.append(Problem("country", f"The country must be a two-letter ISO 3166 code, not '{person.country}'."))
    if person.precedence < 0:
        problems.append(Problem("precedence", "Precedence rank cannot be negative."))
    return problems


def validate_venue(venue: Venue) -> list[Problem]:
    problems: list[Problem] = text_problems(venue)
    if not venue.name.strip():
        problems.append(Problem("name", "A venue needs a name."))
    if venue.capacity is not None and venue.capacity < 0:
        problems.append(Problem("capacity", "Capacity cannot be negative."))
    return problems


def validate_meeting(meeting: Meeting, visit: Visit | None = None) -> list[Problem]:
    problems: list[Problem] = text_problems(meeting)
    if not meeting.title.strip():
        problems.append(Problem("title", "The meeting needs a title."))
    zone_problems = _zone_problem("zone", meeting.zone)
    problems += zone_problems
    timed = [isinstance(meeting.start, datetime), isinstance(meeting.end, datetime)]
    if timed[0] != timed[1]:
        problems.append(Problem("end", "Start and end must both be times, or both be days for an all-day meeting."))
        return problems
    if timed[0]:
        for field_name in ("start", "end"):
            moment = getattr(meeting, field_name)
            if moment.tzinfo is None:
                problems.append(Problem(field_name, f"The {field_name} time has no time zone."))
        if any(p.field in ("start", "end") for p in problems):
            return problems
        problems += _wall_clock_problems(meeting)
        if any(p.field in ("start", "end") and p.severity is Severity.ERROR for p in problems):
            return problems
        if instant(meeting.end) <= instant(meeting.start):
            problems.append(Problem("end", "The meeting must end after it starts."))
    elif meeting.end < meeting.start:
        problems.append(Problem("end", "An all-day meeting cannot end before the day it starts."))
    if visit is not None and not zone_problems and not any(p.field == "end" for p in problems):
        if instant(meeting.starts_at()) < instant(visit.starts_at()) or \
                instant(meeting.ends_at()) > instant(visit.ends_at()):
            problems.append(Problem(
                "start",
                f"The meeting falls outside the visit ({visit.first_day:%d %b} to {visit.last_day:%d %b %Y}).",
                Severity.WARNING,
            ))
    if meeting.online_link and not meeting.online_link.startswith(("https://", "http://")):
        problems.append(Problem("online_link", "The online link must start with https:// or http://."))
    return problems


def _wall_clock_problems(meeting: Meeting) -> list[Problem]:
    """A start or end the clocks skip is an error; one they pass twice is named (which of the two) as a warning."""
    problems = []
    for field_name in ("start", "end"):
        found = wall_clock_problem(getattr(meeting, field_name))
        if found is not None:
            kind, message = found
            problems.append(Problem(field_name, message, Severity.ERROR if kind == "gap" else Severity.WARNING))
    return problems


def validate_attendees(attendees: Iterable[Attendee], name_of=lambda person_id: f"person {person_id}") -> list[Problem]:
    counts = Counter(a.person_id for a in attendees)
    return [
        Problem("attendees", f"{name_of(person_id)} is listed {n} times at this meeting.")
        for person_id, n in counts.items()
        if n > 1
    ]


def validate_agenda_item(item: AgendaItem) -> list[Problem]:
    problems: list[Problem] = text_problems(item)
    if not item.title.strip():
        problems.append(Problem("title", "An agenda item needs a title."))
    if item.duration_minutes <= 0:
        problems.append(Problem("duration_minutes", "An agenda item must last at least one minute."))
    return problems


def validate_agenda(meeting: Meeting, items: Iterable[AgendaItem]) -> list[Problem]:
    items = list(items)
    problems: list[Problem] = []
    for item in items:
        problems += validate_agenda_item(item)
    total = sum(max(i.duration_minutes, 0) for i in items)
    length = meeting.duration_minutes()
    if total > length:
        problems.append(Problem(
            "agenda",
            f"The agenda runs {total} minutes but the meeting lasts {length}; it overruns by {total - length}.",
            Severity.WARNING,
        ))
    return problems
