"""Finding a person by what was typed: any word of the name, native name, designation or organisation.

Honorifics are left out ("H.E. Mr." starts every principal's name and would
match everyone), and each typed word must begin a word of the person, in any
script and any case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from planner.domain.model import Person

HONORIFICS = {"h.e.", "he", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "prof", "prof.", "engr", "engr.",
              "his", "her", "excellency", "sir", "madam", "г-н", "г-жа", "господин", "госпожа"}
_WORD = re.compile(r"[\w.'’-]+", re.UNICODE)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").casefold()


def words(text: str) -> list[str]:
    """The words of ``text``, folded, honorifics left out; 'Kabir-Zoda' is also 'zoda'."""
    found = []
    for word in _WORD.findall(_fold(text)):
        if word in HONORIFICS:
            continue
        found.append(word)
        found += [part for part in re.split(r"[-.'’]", word) if part and part != word]
    return found


def _fields(person: Person) -> list[list[str]]:
    return [words(person.name), words(person.native_name), words(person.designation), words(person.organisation)]


def match_rank(person: Person, typed: str) -> int | None:
    """How well ``typed`` finds ``person``: 0 by the name, 1 by the native name, 2 by designation or
    organisation; None when some typed word begins no word of theirs."""
    wanted = words(typed)
    if not wanted:
        return None if (typed or "").strip() else 0
    fields = _fields(person)
    worst = 0
    for term in wanted:
        rank = next((n for n, field in enumerate(fields) if any(w.startswith(term) for w in field)), None)
        if rank is None:
            return None
        worst = max(worst, min(rank, 2))
    return worst


def find_people(people: Iterable[Person], typed: str) -> list[Person]:
    """The people ``typed`` finds, those found by name first, each group in the order given (precedence)."""
    ranked = [(rank, n, p) for n, p in enumerate(people) if (rank := match_rank(p, typed)) is not None]
    return [p for _rank, _n, p in sorted(ranked, key=lambda t: (t[0], t[1]))]
