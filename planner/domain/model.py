"""The visit model: immutable values (change one with dataclasses.replace) and the vocabulary of a protocol office."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from planner.domain.zones import elapsed


def new_uid() -> str:
    """A new meeting's calendar uid. uuid is imported here: it brings the platform module with it, which
    the window does not need for its first paint (meetings read from the file keep theirs)."""
    import uuid

    return f"{uuid.uuid4()}@visit-planner"


class VisitKind(StrEnum):
    STATE = "state"
    OFFICIAL = "official"
    WORKING = "working"
    VIRTUAL = "virtual"


class VisitStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"


class Side(StrEnum):
    HOST = "host"
    GUEST = "guest"
    OTHER = "other"


class DelegationKind(StrEnum):
    OFFICIAL = "official"
    BUSINESS = "business"
    PRESS = "press"
    SECURITY = "security"
    OTHER = "other"
    HOST = "host"  # kept for delegations made before the side said it
    SUPPORT = "support staff"


class MemberRole(StrEnum):
    HEAD = "head"
    MEMBER = "member"
    LIAISON = "liaison officer"
    INTERPRETER = "interpreter"


class MeetingKind(StrEnum):
    BILATERAL = "bilateral talks"
    ONE_ON_ONE = "one-on-one"
    DELEGATION_LEVEL = "delegation-level"
    B2B = "B2B"
    VIRTUAL_SESSION = "virtual session"
    SIGNING = "signing ceremony"
    ARRIVAL = "arrival ceremony"
    WREATH = "wreath laying"
    CALL_ON = "call on"
    BANQUET = "state banquet"
    MEAL = "meal"
    TRANSFER = "transfer"
    PRESS = "press"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class Confidentiality(StrEnum):
    PUBLIC = "public"
    RESTRICTED = "restricted"
    CONFIDENTIAL = "confidential"


class AttendeeRole(StrEnum):
    CHAIR = "chair"
    REQUIRED = "required"
    OPTIONAL = "optional"
    OBSERVER = "observer"


class Reply(StrEnum):
    NEEDS_ACTION = "needs action"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"
    DELEGATED = "delegated"


@dataclass(frozen=True, slots=True)
class Organiser:
    """The protocol office that sends the invites: the ORGANIZER of every invite and the sender of its mail."""

    name: str
    email: str
    phone: str = ""

    def address(self) -> str:
        """'Protocol Department <protocol@mfa.tj>', as a mail header or the command line writes it."""
        return f"{self.name} <{self.email}>" if self.name else self.email

    @classmethod
    def parse(cls, text: str) -> Organiser:
        """Read 'Name <e-mail>' (or a bare e-mail); validation says whether the address is one."""
        text = text.strip()
        if text.endswith(">") and "<" in text:
            name, _, email = text[:-1].rpartition("<")
            return cls(name.strip().strip('"').strip(), email.strip())
        return cls("", text)


@dataclass(frozen=True, slots=True)
class Visit:
    title: str
    kind: VisitKind
    host_country: str
    guest_country: str
    first_day: date
    last_day: date
    zone: str
    home_zone: str
    status: VisitStatus = VisitStatus.DRAFT
    revision: int = 0
    revision_issued_at: datetime | None = None
    notes: str = ""
    organiser: Organiser | None = None
    id: int | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(max(count, 0))]

    def starts_at(self) -> datetime:
        """The first instant of the visit, in the visit's zone."""
        return datetime.combine(self.first_day, time(), self.tz)

    def ends_at(self) -> datetime:
        """The instant the visit's last day ends, in the visit's zone."""
        return datetime.combine(self.last_day + timedelta(days=1), time(), self.tz)


@dataclass(frozen=True, slots=True)
class Person:
    visit_id: int
    name: str
    honorific: str = ""
    native_name: str = ""
    designation: str = ""
    organisation: str = ""
    country: str = ""
    side: Side = Side.GUEST
    email: str = ""
    phone: str = ""
    precedence: int = 1000
    languages: tuple[str, ...] = ()
    dietary: str = ""
    notes: str = ""
    # The designation and organisation in a second language (English beside Russian, say): documents choose.
    second_designation: str = ""
    second_organisation: str = ""
    id: int | None = None

    def __post_init__(self):
        # A value holds its languages as a tuple, so that a list given here cannot change it later.
        if type(self.languages) is not tuple:
            object.__setattr__(self, "languages", tuple(self.languages))

    @property
    def display_name(self) -> str:
        """The name as a letter or place card addresses the person: 'H.E. Mr. X'."""
        return f"{self.honorific} {self.name}".strip()

    def in_second_language(self) -> Person:
        """The person as a document in the second language names them: each title given there replaces the first."""
        return dataclasses.replace(self, designation=self.second_designation or self.designation,
                                   organisation=self.second_organisation or self.organisation)


@dataclass(frozen=True, slots=True)
class Sector:
    visit_id: int
    name: str
    priority: bool = False
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Delegation:
    visit_id: int
    name: str
    kind: DelegationKind
    side: Side
    id: int | None = None


@dataclass(frozen=True, slots=True)
class DelegationMember:
    delegation_id: int
    person_id: int
    role: MemberRole = MemberRole.MEMBER
    sector_id: int | None = None
    company: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Venue:
    visit_id: int
    name: str
    address: str = ""
    city: str = ""
    capacity: int | None = None
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting of the visit.

    ``start`` and ``end`` are aware datetimes in ``zone`` for a timed meeting,
    or plain dates for an all-day one; an all-day ``end`` is the last day it
    covers (inclusive), never the day after.
    """

    visit_id: int
    title: str
    start: datetime | date
    end: datetime | date
    zone: str
    kind: MeetingKind = MeetingKind.BILATERAL
    venue_id: int | None = None
    online_link: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    confidentiality: Confidentiality = Confidentiality.PUBLIC
    notes: str = ""
    organiser_id: int | None = None
    sector_id: int | None = None
    recurrence: str = ""
    exdates: tuple[datetime | date, ...] = ()
    uid: str = field(default_factory=new_uid)
    sequence: int = 0
    id: int | None = None

    def __post_init__(self):
        if type(self.exdates) is not tuple:
            object.__setattr__(self, "exdates", tuple(self.exdates))

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def starts_at(self) -> datetime:
        """Start as an aware datetime; an all-day meeting starts at midnight."""
        if isinstance(self.start, datetime):
            return self.start
        return datetime.combine(self.start, time(), self.tz)

    def ends_at(self) -> datetime:
        """End as an aware datetime; an all-day meeting ends at the next midnight."""
        if isinstance(self.end, datetime):
            return self.end
        return datetime.combine(self.end + timedelta(days=1), time(), self.tz)

    def duration_minutes(self) -> int:
        """How long the meeting really lasts: 01:00 to 04:00 on the night the clocks go forward is 120."""
        return int(elapsed(self.starts_at(), self.ends_at()).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class Attendee:
    meeting_id: int
    person_id: int
    role: AttendeeRole = AttendeeRole.REQUIRED
    reply: Reply = Reply.NEEDS_ACTION
    id: int | None = None


@dataclass(frozen=True, slots=True)
class AgendaItem:
    meeting_id: int
    position: int
    title: str
    duration_minutes: int = 10
    presenter_id: int | None = None
    sector_id: int | None = None
    notes: str = ""
    outcome: str = ""
    id: int | None = None

