"""Writing thousands of rows at once for Store: the same validation, rows and change log, far fewer statements.

Store.add costs about a millisecond an object (sqlite-utils looks the table up
each time, and every log entry reads the visit's revision again); a roster of
10,000 people would take ten seconds. Here each table's rows go in with one
prepared statement, and each visit's revision and each parent's visit are read
once. Store.add_many, delete_many and restore_many are the public doors.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import ContextDecorator
from dataclasses import replace

from planner.domain import validation as v
from planner.storage.changes import Changes, Removed
from planner.storage.relations import CHILDREN, CLEARS, PARENTS
from planner.storage.rows import CODECS, TABLE_OF

# (table, record id, action, old row, new row, visit id): one change-log entry.
LogEntry = tuple[str, "int | None", str, "dict | None", "dict | None", "int | None"]
CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound parameters
# json.dumps with keyword arguments builds a new encoder on every call; one encoder serves every log entry.
_JSON = json.JSONEncoder(ensure_ascii=False)
LAST_ROWID = 2**63 - 1  # SQLite's largest rowid: beyond it, it picks ids at random


class collection_paused(ContextDecorator):  # noqa: N801 (used as a decorator, like contextmanager)
    """Pause Python's cycle collector while thousands of rows are built and written.

    A roster of 50,000 people makes a few hundred thousand small objects, none of
    them in a cycle; the collector walked all of them again and again as they
    piled up, so each row cost more the more rows there were. Paused, the cost
    per row stays flat; the collector resumes as it was afterwards.
    """

    def _recreate_cm(self):
        return type(self)()  # each call its own state, so nested and concurrent calls restore the right one

    def __enter__(self):
        self._was_enabled = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc) -> bool:
        if self._was_enabled:
            gc.enable()
        return False


def visit_of(db, table: str, row: dict) -> int | None:
    """The visit a row belongs to, for the change log."""
    if table == "visits":
        return row.get("id")
    if "visit_id" in row:
        return row["visit_id"]
    parent = PARENTS.get(table)
    if parent is None:
        return None
    found = db.execute(f"SELECT visit_id FROM {parent[0]} WHERE id = ?", [row[parent[1]]]).fetchone()
    return found[0] if found else None


def visit_finder(db, table: str) -> Callable[[dict], int | None]:
    """visit_of for many rows of one table, reading each parent's visit once."""
    parent = PARENTS.get(table)
    if parent is None:
        return lambda row: visit_of(db, table, row)
    known: dict[object, int | None] = {}

    def find(row: dict) -> int | None:
        key = row[parent[1]]
        if key not in known:
            known[key] = visit_of(db, table, row)
        return known[key]
    return find


def write_log(db, at: str, entries: Iterable[LogEntry]) -> None:
    """Append change-log entries stamped ``at``, each with its visit's current revision."""
    revisions: dict[int, int | None] = {}

    def revision(visit_id):
        if visit_id is None:
            return None
        if visit_id not in revisions:
            found = db.execute("SELECT revision FROM visits WHERE id = ?", [visit_id]).fetchone()
            revisions[visit_id] = found[0] if found else None
        return revisions[visit_id]

    encode = _JSON.encode

    def text(row):
        return encode(row) if row is not None else None

    db.conn.executemany(
        "INSERT INTO change_log (at, visit_id, revision, table_name, record_id, action, old, new) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(at, visit_id, revision(visit_id), table, record_id, action, text(old), text(new))
         for table, record_id, action, old, new, visit_id in entries])


def _insert_sql(table: str, columns: list[str]) -> str:
    return f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})"


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


@collection_paused()
def add_many(store, objects: Sequence) -> Changes:
    """Store.add for many objects of one type: all validated before any is written; ``added`` holds them stored."""
    changes = Changes()
    if not objects:
        return changes
    table = TABLE_OF[type(objects[0])]
    rows = []
    validate = _validator(store, table)
    for obj in objects:
        if TABLE_OF[type(obj)] != table:
            raise TypeError("add_many takes objects of one type")
        validate(obj)
        row = CODECS[table][0](obj)
        if row.get("id") is None:
            row.pop("id", None)
        rows.append(row)
    find_visit = visit_finder(store.db, table)
    with store.atomic():
        ids = _insert_all(store, table, objects, rows)
        for obj, row, record_id in zip(objects, rows, ids):
            row["id"] = record_id
            changes.add(table, record_id)
            changes.added.append(replace(obj, id=record_id))
        write_log(store.db, store.stamp(), [(table, row["id"], "insert", None, row, find_visit(row)) for row in rows])
    return changes


def _validator(store, table: str) -> Callable[[object], None]:
    """Store._validate, reading each meeting's visit once for all of them rather than once a meeting."""
    if table != "meetings":
        return store._validate
    visits: dict[int, object] = {}

    def validate(meeting) -> None:
        if meeting.visit_id and meeting.visit_id not in visits:
            visits[meeting.visit_id] = store.visit(meeting.visit_id)
        v.raise_for_errors(v.validate_meeting(meeting, visits.get(meeting.visit_id)))
    return validate


def _insert_all(store, table: str, objects: Sequence, rows: list[dict]) -> list[int]:
    """Insert the rows, returning their ids: one executemany when SQLite would number them anyway.

    A table's rowid is the largest one plus one, so within this transaction the
    ids SQLite would hand out are known before inserting, and giving them
    explicitly lets one prepared statement take every row.
    """
    conn = store.db.conn
    columns = tuple(rows[0])
    if "id" not in columns and all(tuple(row) == columns for row in rows):
        start = conn.execute(f"SELECT coalesce(max(rowid), 0) + 1 FROM [{table}]").fetchone()[0]
        if start + len(rows) <= LAST_ROWID:
            ids = list(range(start, start + len(rows)))
            try:
                with store.atomic():  # a savepoint: a refused row leaves none of them behind
                    conn.executemany(_insert_sql(table, ["id", *columns]),
                                     [(record_id, *row.values()) for record_id, row in zip(ids, rows)])
                return ids
            except sqlite3.IntegrityError:
                pass  # row by row below, to name the row the database refused
    ids = []
    statements: dict[tuple[str, ...], str] = {}  # one per set of columns (with or without a given id)
    for obj, row in zip(objects, rows):
        columns = tuple(row)
        if columns not in statements:
            statements[columns] = _insert_sql(table, list(columns))
        try:
            ids.append(conn.execute(statements[columns], [row[c] for c in columns]).lastrowid)
        except sqlite3.IntegrityError as exc:
            # The same readable message Store.add gives (a vanished sector, a person twice in a delegation).
            raise store._integrity(exc, obj) from None
    return ids


@collection_paused()
def delete_many(store, table: str, ids: list[int], removed: Removed, *, write=write_log) -> None:
    """Store.delete for many rows of one table; rows something else points at take Store.delete's road.

    ``write`` logs the plain rows' deletions (batches.write_compact logs them as one entry)."""
    referenced: set[int] = set()
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        for other, column in CHILDREN.get(table, []) + CLEARS.get(table, []):
            referenced.update(r[0] for r in store.db.execute(
                f"SELECT DISTINCT [{column}] FROM [{other}] WHERE [{column}] IN ({marks})", chunk))
    plain = [i for i in ids if i not in referenced]
    find_visit = visit_finder(store.db, table)
    log: list[LogEntry] = []
    with store.atomic():
        for chunk in _chunks(plain):
            marks = ", ".join("?" * len(chunk))
            rows = {r["id"]: r for r in store._rows(f"SELECT * FROM [{table}] WHERE id IN ({marks})", chunk)}
            visits = {record_id: find_visit(row) for record_id, row in rows.items()}  # before the parent goes
            store.db.execute(f"DELETE FROM [{table}] WHERE id IN ({marks})", chunk)
            for record_id in chunk:
                if record_id in rows:
                    removed.rows.append((table, rows[record_id]))
                    removed.changes.add(table, record_id)
                    log.append((table, record_id, "delete", rows[record_id], None, visits[record_id]))
        write(store.db, store.stamp(), log)
        for record_id in ids:
            if record_id in referenced:
                removed.merge(store.delete(table, record_id))


@collection_paused()
def restore_many(store, removed: Removed, *, write=write_log) -> Changes:
    """Store.restore with one statement per run of rows of the same table and columns; ``write`` logs the rows."""
    changes = Changes()
    rows = list(reversed(removed.rows))
    at = store.stamp()
    with store.atomic():
        start = 0
        while start < len(rows):
            table, first = rows[start]
            end = start
            while end < len(rows) and rows[end][0] == table and list(rows[end][1]) == list(first):
                end += 1
            columns = list(first)
            run = [row for _t, row in rows[start:end]]
            store.db.conn.executemany(_insert_sql(table, columns), [[row[c] for c in columns] for row in run])
            find_visit = visit_finder(store.db, table)
            write(store.db, at, [(table, row.get("id"), "insert", None, row, find_visit(row)) for row in run])
            for row in run:
                changes.add(table, row.get("id"))
            start = end
        for table, record_id, column, value in removed.cleared:
            store.db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?", [value, record_id])
            row = store._row(table, record_id)
            write_log(store.db, at, [(table, record_id, "update", {column: None}, {column: value},
                                      visit_of(store.db, table, row))])
            changes.add(table, record_id)
    return changes
