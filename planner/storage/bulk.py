"""Writing thousands of rows at once for Store: the same validation, rows and change log, far fewer statements.

Store.add costs about a millisecond an object (sqlite-utils looks the table up
each time, and every log entry reads the visit's revision again); a roster of
10,000 people would take ten seconds. Here each table's rows go in with one
prepared statement, and each visit's revision and each parent's visit are read
once. Store.add_many, delete_many and restore_many are the public doors.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence

from planner.storage.changes import Changes, Removed
from planner.storage.rows import CODECS, TABLE_OF

# (table, record id, action, old row, new row, visit id): one change-log entry.
LogEntry = tuple[str, "int | None", str, "dict | None", "dict | None", "int | None"]
# Rows without a visit_id column belong to the visit of the row this column points at.
PARENTS: dict[str, tuple[str, str]] = {
    "attendees": ("meetings", "meeting_id"), "agenda_items": ("meetings", "meeting_id"),
    "delegation_members": ("delegations", "delegation_id"), "travel_times": ("venues", "from_venue_id"),
    "invitations_sent": ("meetings", "meeting_id"), "replies_received": ("meetings", "meeting_id"),
    "counter_proposals": ("meetings", "meeting_id"),
}
CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound parameters


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

    def text(row):
        return json.dumps(row, ensure_ascii=False) if row is not None else None

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


def add_many(store, objects: Sequence) -> Changes:
    """Store.add for many objects of one type: all validated before any is written; sets their ids."""
    changes = Changes()
    if not objects:
        return changes
    table = TABLE_OF[type(objects[0])]
    rows = []
    for obj in objects:
        if TABLE_OF[type(obj)] != table:
            raise TypeError("add_many takes objects of one type")
        store._validate(obj)
        row = CODECS[table][0](obj)
        if row.get("id") is None:
            row.pop("id", None)
        rows.append(row)
    find_visit = visit_finder(store.db, table)
    log: list[LogEntry] = []
    conn = store.db.conn
    statements: dict[tuple[str, ...], str] = {}  # one per set of columns (with or without a given id)
    with store.atomic():
        for obj, row in zip(objects, rows):
            columns = tuple(row)
            if columns not in statements:
                statements[columns] = _insert_sql(table, list(columns))
            try:
                obj.id = conn.execute(statements[columns], [row[c] for c in columns]).lastrowid
            except sqlite3.IntegrityError as exc:
                # The same readable message Store.add gives (a vanished sector, a person twice in a delegation).
                raise store._integrity(exc, obj) from None
            row["id"] = obj.id
            changes.add(table, obj.id)
            log.append((table, obj.id, "insert", None, row, find_visit(row)))
        write_log(store.db, store.stamp(), log)
    return changes


def delete_many(store, table: str, ids: list[int], removed: Removed) -> None:
    """Store.delete for many rows of one table; rows something else points at take Store.delete's road."""
    from planner.storage.store import CHILDREN, CLEARS

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
        write_log(store.db, store.stamp(), log)
        for record_id in ids:
            if record_id in referenced:
                part = store.delete(table, record_id)
                removed.rows += part.rows
                removed.cleared += part.cleared
                removed.changes.merge(part.changes)


def restore_many(store, removed: Removed) -> Changes:
    """Store.restore with one statement per run of rows of the same table and columns."""
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
            write_log(store.db, at, [(table, row.get("id"), "insert", None, row, find_visit(row)) for row in run])
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
