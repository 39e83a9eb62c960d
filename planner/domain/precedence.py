"""Precedence: the one order in which people are listed, seated and printed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from planner.domain.model import Person, Side

_SIDE_ORDER = {Side.HOST: 0, Side.GUEST: 1, Side.OTHER: 2}

T = TypeVar("T")


def precedence_key(person: Person) -> tuple:
    """Rank first (1 is the most senior), then side (host before guest), then name."""
    return (person.precedence, _SIDE_ORDER.get(Side(person.side), 3), person.name.casefold(), person.id or 0)


def by_precedence(people: Iterable[Person]) -> list[Person]:
    return sorted(people, key=precedence_key)


def by_precedence_of(items: Iterable[T], person_of) -> list[T]:
    """Sort anything that belongs to a person (attendees, delegation members) by that person's precedence."""
    return sorted(items, key=lambda item: precedence_key(person_of(item)))
