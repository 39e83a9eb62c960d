"""Adding thousands of people at once: the same validation, rows and change log as Store.add, far fewer statements.

Store.add costs about a millisecond an object (sqlite-utils looks the table up
each time, and every log entry reads the visit's revision again); a roster of
10,000 people would take ten seconds. Here each table's rows go in with one
prepared statement and the visit's revision is read once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from planner.domain import validation as v
from planner.storage.changes import Changes, Removed
from planner.storage.rows import CODECS, TABLE_OF
from planner.storage.store import VALIDATORS


def add_many(store, visit_id: int, objects: Sequence) -> Changes:
    """Add objects of one type that all belong to ``visit_id``; sets their ids. Call inside store.atomic()."""
    changes = Changes()
    if not objects:
        return changes
    table = TABLE_OF[type(objects[0])]
    validator = VALIDATORS.get(type(objects[0]))
    rows = []
    for obj in objects:
        if TABLE_OF[type(obj)] != table:
            raise TypeError("add_many takes objects of one type")
        if validator:
            v.raise_for_errors(validator(obj))
        row = CODECS[table][0](obj)
        row.pop("id", None)
        rows.append(row)
    columns = list(rows[0])
    insert = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})"
    found = store.db.execute("SELECT revision FROM visits WHERE id = ?", [visit_id]).fetchone()
    revision = found[0] if found else None
    at = store.clock().strftime("%Y-%m-%dT%H:%M:%SZ")
    conn = store.db.conn
    log = []
    with store.atomic():
        for obj, row in zip(objects, rows):
            try:
                obj.id = conn.execute(insert, [row[c] for c in columns]).lastrowid
            except sqlite3.IntegrityError as exc:
                # The same readable message Store.add gives (a vanished sector, a person twice in a delegation).
                raise store._integrity(exc, obj) from None
            row["id"] = obj.id
            changes.add(table, obj.id)
            log.append((at, visit_id, revision, table, obj.id, "insert", None, json.dumps(row, ensure_ascii=False)))
        conn.executemany("INSERT INTO change_log (at, visit_id, revision, table_name, record_id, action, old, new) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", log)
    return changes


def _log_many(store, visit_id: int, entries: list[tuple[str, int | None, str, dict | None, dict | None]]) -> None:
    found = store.db.execute("SELECT revision FROM visits WHERE id = ?", [visit_id]).fetchone()
    revision = found[0] if found else None
    at = store.clock().strftime("%Y-%m-%dT%H:%M:%SZ")

    def text(row):
        return json.dumps(row, ensure_ascii=False) if row is not None else None

    store.db.conn.executemany(
        "INSERT INTO change_log (at, visit_id, revision, table_name, record_id, action, old, new) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(at, visit_id, revision, table, record_id, action, text(old), text(new))
         for table, record_id, action, old, new in entries])


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def remove_many(store, visit_id: int, table: str, ids: list[int], removed: Removed) -> None:
    """Delete rows of one table, logged like Store.delete; rows something else now points at take that road."""
    from planner.storage.store import CHILDREN, CLEARS

    referenced: set[int] = set()
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        for other, column in CHILDREN.get(table, []) + CLEARS.get(table, []):
            referenced.update(r[0] for r in store.db.execute(
                f"SELECT DISTINCT [{column}] FROM [{other}] WHERE [{column}] IN ({marks})", chunk))
    plain = [i for i in ids if i not in referenced]
    entries = []
    for chunk in _chunks(plain):
        marks = ", ".join("?" * len(chunk))
        rows = {r["id"]: r for r in store._rows(f"SELECT * FROM [{table}] WHERE id IN ({marks})", chunk)}
        store.db.execute(f"DELETE FROM [{table}] WHERE id IN ({marks})", chunk)
        for record_id in chunk:
            if record_id in rows:
                removed.rows.append((table, rows[record_id]))
                removed.changes.add(table, record_id)
                entries.append((table, record_id, "delete", rows[record_id], None))
    _log_many(store, visit_id, entries)
    for record_id in ids:
        if record_id in referenced:
            part = store.delete(table, record_id)
            removed.rows += part.rows
            removed.cleared += part.cleared
            removed.changes.merge(part.changes)


def restore_many(store, visit_id: int, removed: Removed) -> Changes:
    """Put back what remove_many took, same ids, logged like Store.restore."""
    changes = Changes()
    rows = list(reversed(removed.rows))
    start = 0
    while start < len(rows):
        table, first = rows[start]
        end = start
        while end < len(rows) and rows[end][0] == table and list(rows[end][1]) == list(first):
            end += 1
        columns = list(first)
        store.db.conn.executemany(
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})",
            [[row[c] for c in columns] for _t, row in rows[start:end]])
        _log_many(store, visit_id, [(table, row.get("id"), "insert", None, row) for _t, row in rows[start:end]])
        for _t, row in rows[start:end]:
            changes.add(table, row.get("id"))
        start = end
    for table, record_id, column, value in removed.cleared:
        store.db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?", [value, record_id])
        _log_many(store, visit_id, [(table, record_id, "update", {column: None}, {column: value})])
        changes.add(table, record_id)
    return changes
