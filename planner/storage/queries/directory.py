"""The people directory's index: the visit's precedence order, kept in memory so a filter costs one frame (no Qt).

Sorting 50,000 people in SQL on every keystroke takes longer than a frame,
so the order is worked out once (and patched as people are edited); a filter
then walks that order only as far as the screen needs, asking SQLite about
delegation members a chunk at a time. Text search runs over one casefolded
string in C.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from planner.domain.model import Side
from planner.storage.queries.people import SEARCHED, PeopleFilter

if TYPE_CHECKING:
    from sqlite_utils import Database

_SIDE_ORDER = {"host": 0, "guest": 1, "other": 2}
_SEPARATOR = "\x00"  # never typed, so a search cannot match across two people
_CHUNK = 400  # people asked about at once when walking the order of a large delegation


def order_key(precedence: int, side: str, name: str, person_id: int) -> tuple:
    """planner.domain.precedence.precedence_key for a bare row."""
    return (precedence, _SIDE_ORDER.get(side, 3), (name or "").casefold(), person_id)


def _haystack(row) -> str:
    return unicodedata.normalize("NFC", " \n ".join(value or "" for value in row)).casefold()


class DirectoryIndex:
    """The visit's people in precedence order with what a filter needs: side and searchable text."""

    def __init__(self, db: Database, visit_id: int):
        self.db, self.visit_id = db, visit_id
        self.keys: list[tuple] = []
        self.order: list[int] = []
        self.side: dict[int, str] = {}
        self.text: dict[int, str] = {}  # searchable text, worked out by prepare_text()
        self._raw: dict[int, tuple] = {}  # searched fields of people whose text is not worked out yet
        self._rank: dict[int, int] | None = None
        self._joined: tuple[str, list[int]] | None = None
        self._by_side: dict[str, list[int]] = {}
        self.rebuild()

    def _read(self, where: str, params: list) -> list[tuple]:
        columns = ", ".join(SEARCHED)
        return self.db.execute(f"SELECT id, precedence, side, name, {columns} FROM people WHERE {where}",
                               params).fetchall()

    def rebuild(self) -> None:
        rows = self._read("visit_id = ?", [self.visit_id])
        keys = [order_key(r[1], r[2], r[3], r[0]) for r in rows]
        ranked = sorted(range(len(rows)), key=keys.__getitem__)
        self.keys = [keys[n] for n in ranked]
        self.order = [rows[n][0] for n in ranked]
        self.side = {r[0]: r[2] for r in rows}
        # The searchable text is half the cost of reading 50,000 people and only a text search needs it:
        # prepare_text() works it out a slice at a time once the directory is on screen.
        self.text, self._raw = {}, {r[0]: r[4:] for r in rows}
        self._rank, self._joined, self._by_side = None, None, {}

    def prepare_text(self, count: int | None = None) -> bool:
        """Work out the searchable text of up to ``count`` more people (None: all); True once all are done."""
        raw = self._raw
        for _ in range(len(raw) if count is None else min(count, len(raw))):
            person_id, fields = raw.popitem()
            self.text[person_id] = _haystack(fields)
        return not raw

    def update(self, person_ids: set[int]) -> None:
        """Patch the index for people added, edited or deleted (far cheaper than a rebuild)."""
        for person_id in person_ids:
            if person_id in self.side:
                position = self.order.index(person_id)
                del self.keys[position], self.order[position]
                del self.side[person_id]
                self.text.pop(person_id, None)
                self._raw.pop(person_id, None)
        marks = ",".join("?" * len(person_ids))
        for row in self._read(f"visit_id = ? AND id IN ({marks})", [self.visit_id, *person_ids]) if person_ids else []:
            key = order_key(row[1], row[2], row[3], row[0])
            position = bisect.bisect_left(self.keys, key)
            self.keys.insert(position, key)
            self.order.insert(position, row[0])
            self.side[row[0]] = row[2]
            self.text[row[0]] = _haystack(row[4:])
        self._rank, self._joined, self._by_side = None, None, {}

    def key_of(self, person_id: int) -> tuple | None:
        """The person's place in the precedence order (None: not in the visit)."""
        if person_id not in self.side:
            return None
        return self.keys[self.order.index(person_id)]

    def accepts(self, chosen: PeopleFilter, person_id: int) -> bool:
        """Whether the filter lets this one person through (what plan() would say of them)."""
        if person_id not in self.side:
            return False
        text, side, clause = self._parts(chosen)
        if side is not None and self.side[person_id] != side:
            return False
        if text:
            if person_id not in self.text:
                self.text[person_id] = _haystack(self._raw.pop(person_id))
            if text not in self.text[person_id]:
                return False
        return clause is None or any(True for _ in self._members_among(clause, iter([person_id])))

    def rank(self) -> dict[int, int]:
        if self._rank is None:
            self._rank = {person_id: n for n, person_id in enumerate(self.order)}
        return self._rank

    def __len__(self) -> int:
        return len(self.order)

    # -- filtering: lazily, so the first screenful costs the same with 50 or 50,000 people ----------

    def _joined_text(self) -> tuple[str, list[int]]:
        if self._joined is None:
            self.prepare_text()
            starts, position = [], 0
            for person_id in self.order:
                starts.append(position)
                position += len(self.text[person_id]) + 1
            self._joined = (_SEPARATOR.join(self.text[i] for i in self.order), starts)
        return self._joined

    def _text_hits(self, text: str) -> Iterator[int]:
        """People whose searchable fields contain ``text`` (casefolded), in precedence order."""
        joined, starts = self._joined_text()
        position = joined.find(text)
        while position >= 0:
            row = bisect.bisect_right(starts, position) - 1
            yield self.order[row]
            # Next person: one hit each, however often the text occurs in their fields.
            following = starts[row + 1] if row + 1 < len(starts) else len(joined)
            position = joined.find(text, following)

    def _member_clause(self, chosen: PeopleFilter) -> tuple[str, list] | None:
        clauses, params = [], []
        for column, value in (("delegation_id", chosen.delegation_id), ("sector_id", chosen.sector_id),
                              ("company", chosen.company or None)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        return (" AND ".join(clauses), params) if clauses else None

    def _member_count(self, clause: tuple[str, list]) -> int:
        sql = f"SELECT count(DISTINCT person_id) FROM delegation_members WHERE {clause[0]}"
        return self.db.execute(sql, clause[1]).fetchone()[0]

    def _members(self, clause: tuple[str, list]) -> set[int]:
        # One joined row instead of thousands of small ones: fetching is most of the cost in Python.
        sql = f"SELECT group_concat(person_id) FROM delegation_members WHERE {clause[0]}"
        joined = self.db.execute(sql, clause[1]).fetchone()[0]
        return set(map(int, joined.split(","))) if joined else set()

    def _members_among(self, clause: tuple[str, list], candidates: Iterator[int]) -> Iterator[int]:
        """The candidates (in order) who are members, asking SQLite a chunk of candidates at a time."""
        while True:
            chunk = list(islice(candidates, _CHUNK))
            if not chunk:
                return
            sql = (f"SELECT person_id FROM delegation_members WHERE {clause[0]} "
                   f"AND person_id IN ({','.join('?' * len(chunk))})")
            found = {row[0] for row in self.db.execute(sql, [*clause[1], *chunk])}
            yield from (i for i in chunk if i in found)

    def _side_list(self, side: str) -> list[int]:
        if side not in self._by_side:
            self._by_side[side] = [i for i in self.order if self.side[i] == side]
        return self._by_side[side]

    def _parts(self, chosen: PeopleFilter) -> tuple[str, str | None, tuple[str, list] | None]:
        text = unicodedata.normalize("NFC", chosen.text.strip()).casefold()
        side = str(Side(chosen.side)) if chosen.side is not None else None
        return text, side, self._member_clause(chosen)

    def plan(self, chosen: PeopleFilter) -> tuple[Iterator[int], int | None]:
        """The people the filter lets through, in precedence order and found as they are asked for,
        with how many there are when that is cheap to know (else None)."""
        text, side, clause = self._parts(chosen)
        candidates: Iterable[int] = self.order if side is None else self._side_list(side)
        if text:
            hits = self._text_hits(text)
            candidates = hits if side is None else (i for i in hits if self.side[i] == side)
        if clause is None:
            return iter(candidates), (None if text else len(candidates))
        if chosen.delegation_id is None and chosen.sector_id is None:
            # Companies have no index: one pass over the members reads them all (and so counts them).
            company = self._members(clause)
            if not text and side is None and len(company) * 20 <= len(self.order):
                rank = self.rank()
                ordered = sorted(filter(rank.__contains__, company), key=rank.__getitem__)
                return iter(ordered), len(ordered)
            found = filter(company.__contains__, candidates)
            return found, (None if text or side is not None else len(company & self.side.keys()))
        members = None if text or side is not None else self._member_count(clause)
        if members is not None and members * 20 <= len(self.order):
            # A few members (a company, a small sector): read them all and put them in order.
            rank = self.rank()
            found = sorted(filter(rank.__contains__, self._members(clause)), key=rank.__getitem__)
            return iter(found), len(found)
        # Many members (a large delegation): walk the order, asking about a chunk at a time.
        return self._members_among(clause, iter(candidates)), members

    def iter_matching(self, chosen: PeopleFilter) -> Iterator[int]:
        return self.plan(chosen)[0]

    def matching(self, chosen: PeopleFilter) -> list[int]:
        """Ids of all the people the filter lets through, in precedence order."""
        return list(self.iter_matching(chosen))
