"""The repository: every read and write of a visit goes through Store.

Each public write is one transaction, records what it did in the change log
and returns a Changes set naming the rows it touched.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from planner.domain import model as m
from planner.domain import validation as v
from planner.domain.conflicts import Conflict, find_conflicts
from planner.domain.precedence import by_precedence
from planner.storage import bulk, removal, revisions
from planner.storage.changes import ChangeRecord, Changes, Removed
from planner.storage.database import open_database
from planner.storage.rows import CODECS, TABLE_OF

if TYPE_CHECKING:
    from sqlite_utils import Database

T = TypeVar("T")

# A calendar client replaces an invite only when its sequence rises, so these
# fields of a meeting raise it.
SEQUENCED = ("starts_at", "ends_at", "zone", "all_day", "venue_id", "online_link", "status", "recurrence", "exdates")

VALIDATORS = {
    m.Visit: v.validate_visit, m.Person: v.validate_person, m.Venue: v.validate_venue,
    m.AgendaItem: v.validate_agenda_item,
}


class Store:
    def __init__(self, db: Database | str | Path):
        self.db = open_database(db) if isinstance(db, str | Path) else db
        self.clock = lambda: datetime.now(UTC)

    @property
    def read_only(self) -> bool:
        """Whether the file was opened only for reading (it is marked read-only)."""
        return bool(getattr(self.db, "read_only", False))

    @property
    def path(self) -> Path | None:
        """The database file, or None for a database in memory."""
        for _seq, name, file in self.db.execute("PRAGMA database_list").fetchall():
            if name == "main" and file:
                return Path(file)
        return None

    # -- transactions and the change log ---------------------------------

    @contextmanager
    def atomic(self):
        """Group several writes into one transaction (nested calls use savepoints)."""
        with self.db.atomic():
            yield self

    def stamp(self) -> str:
        """Now, as the change log writes it."""
        return self.clock().strftime("%Y-%m-%dT%H:%M:%SZ")

    def _visit_of(self, table: str, row: dict) -> int | None:
        return bulk.visit_of(self.db, table, row)

    def _log(self, table: str, record_id, action: str, old: dict | None, new: dict | None, visit_id) -> None:
        bulk.write_log(self.db, self.stamp(), [(table, record_id, action, old, new, visit_id)])

    def _row(self, table: str, record_id: int) -> dict | None:
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
        found = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], found)) if found else None

    def _rows(self, sql: str, params: Iterable = ()) -> list[dict]:
        cursor = self.db.execute(sql, list(params))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]

    # -- generic writes ----------------------------------------------------

    def _validate(self, obj) -> None:
        validator = VALIDATORS.get(type(obj))
        if validator is None and not isinstance(obj, m.Meeting):
            # The validators check text too; every path (roster, calendar, window, command line) meets this.
            v.raise_for_errors(v.text_problems(obj))
        if validator:
            v.raise_for_errors(validator(obj))
        if isinstance(obj, m.Meeting):
            visit = self.visit(obj.visit_id) if obj.visit_id else None
            v.raise_for_errors(v.validate_meeting(obj, visit))

    def _integrity(self, exc: sqlite3.IntegrityError, obj) -> v.ValidationError:
        text = str(exc)
        if isinstance(obj, m.Attendee) and "UNIQUE" in text:
            person = self.person(obj.person_id)
            name = person.display_name if person else "This person"
            return v.ValidationError([v.Problem("person_id", f"{name} is already at this meeting.")])
        if isinstance(obj, m.DelegationMember) and "UNIQUE" in text:
            return v.ValidationError([v.Problem("person_id", "This person is already in that delegation.")])
        if isinstance(obj, m.Sector) and "UNIQUE" in text:
            return v.ValidationError([v.Problem("name", f"There is already a sector called '{obj.name}'.")])
        if "FOREIGN KEY" in text:
            return v.ValidationError([v.Problem("id", "It refers to something that no longer exists.")])
        return v.ValidationError([v.Problem("id", f"The database refused the change ({text}).")])

    def add(self, obj) -> Changes:
        """Store a new object; the change set's ``added`` holds it as stored, with its id."""
        table = TABLE_OF[type(obj)]
        self._validate(obj)
        row = CODECS[table][0](obj)
        if row.get("id") is None:
            row.pop("id", None)
        try:
            with self.db.atomic():
                self.db[table].insert(row)
                row["id"] = self.db.execute("SELECT last_insert_rowid()").fetchone()[0]
                self._log(table, row["id"], "insert", None, row, self._visit_of(table, row))
        except sqlite3.IntegrityError as exc:
            raise self._integrity(exc, obj) from None
        return Changes(added=[replace(obj, id=row["id"])]).add(table, row["id"])

    def insert(self, obj: T) -> T:
        """``add`` when only the stored object matters: returns it with its id."""
        return self.add(obj).added[0]

    def add_all(self, objects: Iterable) -> Changes:
        changes = Changes()
        with self.db.atomic():
            for obj in objects:
                changes.merge(self.add(obj))
        return changes

    def add_many(self, objects: Sequence) -> Changes:
        """``add`` for many objects of one type (a roster), validated and logged alike but far faster."""
        return bulk.add_many(self, objects)

    def update(self, obj) -> Changes:
        """Write an edited object back; logs the fields that changed."""
        table = TABLE_OF[type(obj)]
        self._validate(obj)
        try:
            # The stored row is read inside the transaction: another program may have changed it just now.
            with self.db.atomic():
                old = self._row(table, obj.id)
                if old is None:
                    raise v.ValidationError([v.Problem("id", f"That {table[:-1].replace('_', ' ')} no longer exists.")])
                new = CODECS[table][0](obj)
                if table == "meetings" and any(old[k] != new[k] for k in SEQUENCED):
                    new["sequence"] = max(old["sequence"], obj.sequence) + 1
                diff_old = {k: old[k] for k in new if old.get(k) != new[k]}
                if not diff_old:
                    return Changes()
                diff_new = {k: new[k] for k in diff_old}
                self.db[table].update(obj.id, diff_new)
                self._log(table, obj.id, "update", diff_old, diff_new, self._visit_of(table, new))
        except sqlite3.IntegrityError as exc:
            raise self._integrity(exc, obj) from None
        return Changes().add(table, obj.id)

    def delete(self, obj_or_table, record_id: int | None = None) -> Removed:
        """Delete an object with everything that belongs to it; the result undoes it."""
        if isinstance(obj_or_table, str):
            table, record_id = obj_or_table, record_id
        else:
            table, record_id = TABLE_OF[type(obj_or_table)], obj_or_table.id
        removed = Removed()
        with self.db.atomic():
            removal.delete_where(self, table, "id", record_id, removed)
        return removed

    def restore(self, removed: Removed) -> Changes:
        """Put back exactly what a delete removed (the undo of delete)."""
        return removal.restore(self, removed)

    def delete_many(self, table: str, ids: list[int], removed: Removed | None = None) -> Removed:
        """``delete`` for many rows of one table, children included; adds to ``removed`` when given."""
        removed = removed if removed is not None else Removed()
        bulk.delete_many(self, table, ids, removed)
        return removed

    def restore_many(self, removed: Removed) -> Changes:
        """``restore`` for a large Removed (an undone import): the same rows and log, far faster."""
        return bulk.restore_many(self, removed)

    # -- reads ---------------------------------------------------------------

    def get(self, cls, record_id: int | None):
        if record_id is None:
            return None
        table = TABLE_OF[cls]
        row = self._row(table, record_id)
        return CODECS[table][1](row) if row else None

    def _list(self, table: str, where: str = "1", params: Iterable = (), order: str = "id") -> list:
        decode = CODECS[table][1]
        return [decode(r) for r in self._rows(f"SELECT * FROM {table} WHERE {where} ORDER BY {order}", params)]

    def visit(self, visit_id: int) -> m.Visit | None:
        return self.get(m.Visit, visit_id)

    def person(self, person_id: int) -> m.Person | None:
        return self.get(m.Person, person_id)

    def meeting(self, meeting_id: int) -> m.Meeting | None:
        return self.get(m.Meeting, meeting_id)

    def visits(self) -> list[m.Visit]:
        return self._list("visits", order="first_day, id")

    def people(self, visit_id: int, *, side: m.Side | None = None, delegation_id: int | None = None,
               sector_id: int | None = None, company: str | None = None) -> list[m.Person]:
        """The visit's people in precedence order, optionally filtered."""
        where, params = ["visit_id = ?"], [visit_id]
        if side is not None:
            where.append("side = ?")
            params.append(str(side))
        member_filters = []
        if delegation_id is not None:
            member_filters.append("delegation_id = ?")
            params.append(delegation_id)
        if sector_id is not None:
            member_filters.append("sector_id = ?")
            params.append(sector_id)
        if company is not None:
            member_filters.append("company = ?")
            params.append(company)
        if member_filters:
            where.append(f"id IN (SELECT person_id FROM delegation_members WHERE {' AND '.join(member_filters)})")
        return by_precedence(self._list("people", " AND ".join(where), params))

    def sectors(self, visit_id: int) -> list[m.Sector]:
        return self._list("sectors", "visit_id = ?", [visit_id], order="priority DESC, name")

    def delegations(self, visit_id: int) -> list[m.Delegation]:
        return self._list("delegations", "visit_id = ?", [visit_id],
                          order="CASE side WHEN 'host' THEN 0 WHEN 'guest' THEN 1 ELSE 2 END, id")

    def members(self, *, delegation_id: int | None = None, visit_id: int | None = None,
                person_id: int | None = None) -> list[m.DelegationMember]:
        if delegation_id is not None:
            return self._list("delegation_members", "delegation_id = ?", [delegation_id])
        if person_id is not None:
            return self._list("delegation_members", "person_id = ?", [person_id])
        return self._list("delegation_members",
                          "delegation_id IN (SELECT id FROM delegations WHERE visit_id = ?)", [visit_id])

    def venues(self, visit_id: int) -> list[m.Venue]:
        return self._list("venues", "visit_id = ?", [visit_id], order="name")

    def travel_times(self, visit_id: int) -> dict[tuple[int, int], int]:
        rows = self._rows("SELECT t.* FROM travel_times t JOIN venues v ON v.id = t.from_venue_id "
                          "WHERE v.visit_id = ?", [visit_id])
        return {(r["from_venue_id"], r["to_venue_id"]): r["minutes"] for r in rows}

    def set_travel_time(self, from_venue_id: int, to_venue_id: int, minutes: int) -> Changes:
        if minutes < 0:
            raise v.ValidationError([v.Problem("minutes", "Travel time cannot be negative.")])
        key = {"from_venue_id": from_venue_id, "to_venue_id": to_venue_id}
        with self.db.atomic():
            old = self._rows("SELECT * FROM travel_times WHERE from_venue_id = ? AND to_venue_id = ?",
                             [from_venue_id, to_venue_id])
            self.db["travel_times"].upsert({**key, "minutes": minutes}, pk=("from_venue_id", "to_venue_id"))
            self._log("travel_times", None, "update" if old else "insert", old[0] if old else None,
                      {**key, "minutes": minutes}, self._visit_of("travel_times", key))
        return Changes().add("travel_times", None)

    def meetings(self, visit_id: int) -> list[m.Meeting]:
        return self._list("meetings", "visit_id = ?", [visit_id], order="starts_at, id")

    def attendees(self, *, meeting_id: int | None = None, visit_id: int | None = None,
                  person_id: int | None = None) -> list[m.Attendee]:
        if meeting_id is not None:
            return self._list("attendees", "meeting_id = ?", [meeting_id])
        if person_id is not None:
            return self._list("attendees", "person_id = ?", [person_id])
        return self._list("attendees", "meeting_id IN (SELECT id FROM meetings WHERE visit_id = ?)", [visit_id])

    def uids_elsewhere(self, visit_id: int, uids: list[str]) -> dict[str, tuple[int, str]]:
        """Which of these meeting UIDs other visits hold: uid -> (that visit's id, its title)."""
        found = {}
        for start in range(0, len(uids), 500):  # SQLite limits the number of parameters
            chunk = uids[start:start + 500]
            for uid, other, title in self.db.execute(
                    "SELECT m.uid, v.id, v.title FROM meetings m JOIN visits v ON v.id = m.visit_id "
                    f"WHERE m.visit_id != ? AND m.uid IN ({', '.join('?' * len(chunk))})", [visit_id, *chunk]):
                found[uid] = (other, title)
        return found

    def agenda(self, meeting_id: int) -> list[m.AgendaItem]:
        return self._list("agenda_items", "meeting_id = ?", [meeting_id], order="position, id")

    def agenda_for_visit(self, visit_id: int) -> dict[int, list[m.AgendaItem]]:
        items: dict[int, list[m.AgendaItem]] = defaultdict(list)
        for item in self._list("agenda_items", "meeting_id IN (SELECT id FROM meetings WHERE visit_id = ?)",
                               [visit_id], order="meeting_id, position, id"):
            items[item.meeting_id].append(item)
        return dict(items)

    # -- operations with rules of their own ------------------------------

    def add_agenda_item(self, item: m.AgendaItem) -> Changes:
        """Append (or insert at ``item.position``) keeping positions 1..n without gaps."""
        with self.db.atomic():
            items = self.agenda(item.meeting_id)
            position = item.position if 1 <= item.position <= len(items) else len(items) + 1
            changes = self.add(replace(item, position=len(items) + 1))
            changes.merge(self.move_agenda_item(changes.added[0].id, position))
        return changes

    def move_agenda_item(self, item_id: int, position: int) -> Changes:
        """Move an item to ``position`` (1-based) and renumber the others."""
        item = self.get(m.AgendaItem, item_id)
        changes = Changes()
        with self.db.atomic():
            others = [i for i in self.agenda(item.meeting_id) if i.id != item_id]
            position = min(max(position, 1), len(others) + 1)
            others.insert(position - 1, item)
            for n, each in enumerate(others, start=1):
                if each.position != n:
                    changes.merge(self.update(replace(each, position=n)))
        return changes

    def issue_revision(self, visit_id: int) -> Changes:
        """Raise the visit's revision and stamp the change log at this point."""
        return revisions.issue_revision(self, visit_id)

    def changes_since(self, visit_id: int, revision: int) -> list[ChangeRecord]:
        """Every logged edit to the visit after ``revision`` was issued (all of them for 0)."""
        return revisions.changes_since(self, visit_id, revision)

    def conflicts(self, visit_id: int) -> list[Conflict]:
        """Every conflict in the visit, from one read of each table."""
        visit = self.visit(visit_id)
        return find_conflicts(
            visit, self.meetings(visit_id), self.attendees(visit_id=visit_id), self.agenda_for_visit(visit_id),
            people=PeopleOnDemand(self, visit_id),
            venues={x.id: x for x in self.venues(visit_id)}, travel_minutes=self.travel_times(visit_id),
        )


class PeopleOnDemand(Mapping):
    """The visit's people by id, each read when a conflict first names them.

    Conflicts name a few people; reading all 50,000 of a large visit's directory
    for their names made the conflict reader's process several times larger.
    """

    def __init__(self, store: Store, visit_id: int):
        self.store, self.visit_id = store, visit_id
        self._read: dict[int, m.Person | None] = {}

    def __getitem__(self, person_id: int) -> m.Person:
        if person_id not in self._read:
            person = self.store.person(person_id)
            self._read[person_id] = person if person is not None and person.visit_id == self.visit_id else None
        if self._read[person_id] is None:
            raise KeyError(person_id)
        return self._read[person_id]

    def __iter__(self) -> Iterator[int]:
        return (row[0] for row in self.store.db.execute("SELECT id FROM people WHERE visit_id = ? ORDER BY id",
                                                        [self.visit_id]).fetchall())

    def __len__(self) -> int:
        return self.store.db.execute("SELECT count(*) FROM people WHERE visit_id = ?", [self.visit_id]).fetchone()[0]
