"""The new people of a roster preview, kept as the rows the people table will hold rather than as objects.

A roster of 50,000 people built a Person for each row in the preview, copied it
with its id when it was stored and turned it back into a row to insert it;
those three steps cost more than reading the file. A row that needs nothing
but the file's text (the common case, see preview.QuickRows) is kept here as a
tuple of the people table's values, in PERSON_COLUMNS order, and goes into the
database as it is. Whoever asks for a row (the preview's summary, the import
dialog) gets the usual PersonRow, built then.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from planner.domain import model as m
from planner.storage.rows import member_row, person_from, person_row

# The people table's columns as Store writes a Person (rows.person_row), without the id SQLite gives.
PERSON_COLUMNS = tuple(name for name in person_row(m.Person(0, "")) if name != "id")
MEMBER_COLUMNS = tuple(name for name in member_row(m.DelegationMember(0, 0)) if name != "id")

# One new person as a plain row: (row number, values in PERSON_COLUMNS order, sector, company, role or None).
PlainRow = tuple[int, tuple, str, str, "m.MemberRole | None"]


def template(visit_id: int, side: m.Side) -> list:
    """The stored values of a new person with nothing filled in but the visit and the side."""
    row = person_row(m.Person(visit_id, "", side=side))
    return [row[name] for name in PERSON_COLUMNS]


def person_of(values: Sequence) -> m.Person:
    """The Person a plain row stands for."""
    return person_from({**dict(zip(PERSON_COLUMNS, values)), "id": None})


@dataclass
class PersonRow:
    """One accepted row: the person as it will be stored and, for a match, as it is now."""

    row: int
    person: m.Person
    existing: m.Person | None = None
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (old, new)
    sector: str = ""
    company: str = ""
    role: m.MemberRole | None = None
    member: m.DelegationMember | None = None  # the person's membership of the target delegation, if any
    joins: bool = False  # an existing person who is not yet in the target delegation


class NewPeople(Sequence):
    """Preview.new: the new people in the order of the file, each a PersonRow when asked for."""

    def __init__(self) -> None:
        self._rows: list = []  # PlainRow tuples, or PersonRow objects for rows the reference path built

    def append(self, row) -> None:
        """Add a PersonRow (a row the reference path built)."""
        self._rows.append(row)

    def append_plain(self, row: PlainRow) -> None:
        self._rows.append(row)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._shown(row) for row in self._rows[index]]
        return self._shown(self._rows[index])

    def __iter__(self) -> Iterator:
        return map(self._shown, self._rows)

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self) -> str:
        return f"NewPeople({len(self)} rows)"

    @staticmethod
    def _shown(row):
        if type(row) is not tuple:
            return row
        number, values, sector, company, role = row
        return PersonRow(number, person_of(values), sector=sector, company=company, role=role)

    def in_business(self) -> bool:
        """Whether any new person comes with a sector or a company."""
        return any(row[2] or row[3] if type(row) is tuple else row.sector or row.company for row in self._rows)

    def plain(self) -> list[PlainRow]:
        """Every row as a PlainRow, in order: what the import writes."""
        return [row if type(row) is tuple else
                (row.row, tuple(person_row(row.person)[name] for name in PERSON_COLUMNS), row.sector, row.company,
                 row.role) for row in self._rows]
