"""What each printed document needs, as plain values: a query builds them, the reports render them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from planner.domain import model as m


class NotFound(LookupError):
    """The meeting, visit or person a document is for is not in the database."""


class LoggedChange(Protocol):
    """One entry of the change log, as 'changes since revision N' reads it."""

    at: str
    table: str
    record_id: int | None
    action: str
    old: dict
    new: dict


@dataclass(frozen=True)
class ChangesSince:
    """The edits made since a revision was issued, with the names they refer to as they stand now."""

    revision: int
    records: list[LoggedChange]
    # table -> id -> name: meeting titles, people's display names, delegation and venue names
    names: dict[str, dict[int, str]]


@dataclass(frozen=True)
class AgendaData:
    visit: m.Visit
    meeting: m.Meeting
    attendees: list[m.Attendee]
    items: list[m.AgendaItem]
    people: dict[int, m.Person]  # the attendees and the presenters
    venues: dict[int, m.Venue]
    sectors: dict[int, str]


@dataclass(frozen=True)
class ProgrammeData:
    visit: m.Visit
    meetings: list[m.Meeting]  # all of them, cancelled too, in start order
    present: dict[int, list[m.Person]]  # meeting id -> who attends
    venues: dict[int, m.Venue]
    changes: ChangesSince | None = None


@dataclass(frozen=True)
class DelegationListData:
    visit: m.Visit
    delegations: list[m.Delegation]
    members: dict[int, list[m.DelegationMember]]  # delegation id -> its members
    people: dict[int, m.Person]
    sectors: list[m.Sector]  # priority sectors first


@dataclass(frozen=True)
class ItineraryData:
    visit: m.Visit
    person: m.Person
    attending: dict[int, m.Attendee]  # meeting id -> the person's place at it
    meetings: list[m.Meeting]  # the meetings they attend, cancelled too, in start order
    others: dict[int, list[m.Person]]  # meeting id -> who else attends
    venues: dict[int, m.Venue]
    delegations: list[str] = field(default_factory=list)  # the names of those they belong to
