"""The B2B vocabulary: companies, meeting requests, the hall of a B2B session and the talks placed in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from planner.domain.model import Side


class Priority(StrEnum):
    MUST = "must"
    SHOULD = "should"
    COULD = "could"


# How much a placed talk is worth to the plan; a mutual request counts half as much again.
PRIORITY_WEIGHT = {Priority.MUST: 8, Priority.SHOULD: 4, Priority.COULD: 2}
PRIORITY_ORDER = (Priority.MUST, Priority.SHOULD, Priority.COULD)


def weight(priority: Priority, mutual: bool) -> int:
    base = PRIORITY_WEIGHT[Priority(priority)]
    return base * 3 // 2 if mutual else base


def parse_priority(text: str) -> Priority | None:
    """'must', 'Must', 'обязательно', '1' ... -> a Priority; None when it says none of them."""
    word = (text or "").strip().casefold()
    for priority, words in PRIORITY_WORDS.items():
        if word in words:
            return priority
    return None


PRIORITY_WORDS = {
    Priority.MUST: {"must", "high", "1", "a", "обязательно", "высокий", "высокая", "важно"},
    Priority.SHOULD: {"should", "medium", "2", "b", "желательно", "средний", "средняя"},
    Priority.COULD: {"could", "low", "3", "c", "можно", "низкий", "низкая", "возможно"},
}


class Origin(StrEnum):
    REQUESTED = "requested"  # asked for by the company (entered or imported)
    SUGGESTED = "suggested"  # a suggestion the officer accepted


@dataclass(frozen=True)
class Company:
    """A company of the visit, with the sectors it works in and the people who represent it."""

    visit_id: int
    name: str
    native_name: str = ""
    side: Side = Side.GUEST
    city: str = ""
    offers: str = ""
    seeks: str = ""
    sector_ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class MeetingRequest:
    """Company ``from_company_id`` asks to meet ``to_company_id``."""

    visit_id: int
    from_company_id: int
    to_company_id: int
    priority: Priority = Priority.SHOULD
    note: str = ""
    origin: Origin = Origin.REQUESTED
    id: int | None = None


@dataclass(frozen=True)
class Interpreters:
    """How many interpreters between two languages the hall has in every slot."""

    language_a: str
    language_b: str
    count: int = 1

    def serves(self, one: str, other: str) -> bool:
        pair = {self.language_a.casefold(), self.language_b.casefold()}
        return pair == {one.casefold(), other.casefold()}

    @property
    def label(self) -> str:
        return f"{self.language_a}–{self.language_b}"


@dataclass(frozen=True)
class Hall:
    """The hall of a B2B session (a meeting of kind B2B): its tables, slots, breaks and interpreters.

    ``breaks`` are (start, end) clock times "HH:MM" in the meeting's zone on the
    meeting's day; no slot overlaps one.
    """

    meeting_id: int
    tables: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")
    slot_minutes: int = 20
    breaks: tuple[tuple[str, str], ...] = ()
    max_talks_per_company: int | None = None
    interpreters: tuple[Interpreters, ...] = ()


@dataclass(frozen=True)
class Talk:
    """One placed talk: the request it answers, in a slot of a B2B session at a table (an index into its tables)."""

    meeting_id: int
    request_id: int
    slot: int
    table: int
    locked: bool = False
    interpreter: str = ""  # "Urdu–Tajik" when the sides share no language
    id: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """Two companies of a sector on opposite sides that nobody asked to meet."""

    company_a_id: int
    company_b_id: int
    sector_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class B2BData:
    """What the B2B documents and lists need, as plain values a query reads in one go."""

    visit: object  # planner.domain.model.Visit
    sessions: list  # the B2B sessions (meetings) that have a hall, in time order
    halls: dict[int, Hall]
    companies: dict[int, Company]
    requests: dict[int, MeetingRequest]
    talks: list[Talk]
    people: dict = field(default_factory=dict)  # person id -> Person (representatives)
    venues: dict[int, str] = field(default_factory=dict)  # venue id -> name
