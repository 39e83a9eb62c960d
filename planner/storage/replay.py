"""Undo and redo of any logged write: the change log says what a step did, so it can be reverted and replayed.

An operation that touches many rows of many tables (copying a visit, merging
two sectors, renumbering the order of precedence) is run once; the log
entries it wrote are its undo data. Reverting applies them backwards, in
reverse order (children before parents); replaying applies them forwards with
the same ids. Both write their own log entries, like every other write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from planner.storage.batches import expand
from planner.storage.changes import Changes

# Tables keyed by something other than an id column.
KEYS = {"travel_times": ("from_venue_id", "to_venue_id")}


@dataclass(frozen=True)
class LoggedWrite:
    """One change-log entry as replay needs it."""

    table: str
    record_id: int | None
    action: str
    old: dict | None
    new: dict | None


def log_position(store) -> int:
    """The id of the last change-log entry (0 for an empty log)."""
    return store.db.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]


def writes_after(store, position: int) -> list[LoggedWrite]:
    """Every write logged after ``position``, in order."""
    rows = store.db.execute("SELECT table_name, record_id, action, old, new FROM change_log WHERE id > ? ORDER BY id",
                            [position]).fetchall()
    return [LoggedWrite(t, record_id, action, old, new)
            for t, r, a, o, n in rows
            for record_id, action, old, new in expand(r, a, json.loads(o) if o else None, json.loads(n) if n else None)]


def _where(write: LoggedWrite, row: dict) -> tuple[str, list]:
    if write.table in KEYS:
        columns = KEYS[write.table]
        return " AND ".join(f"[{c}] = ?" for c in columns), [row[c] for c in columns]
    return "id = ?", [write.record_id]


def _apply(store, table: str, write: LoggedWrite, action: str, old: dict | None, new: dict | None) -> None:
    db = store.db
    if action == "insert":
        db.execute(f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in new)}) "
                   f"VALUES ({', '.join('?' * len(new))})", list(new.values()))
    elif action == "delete":
        where, params = _where(write, old)
        db.execute(f"DELETE FROM [{table}] WHERE {where}", params)
    else:
        where, params = _where(write, {**(old or {}), **(new or {})})
        db.execute(f"UPDATE [{table}] SET {', '.join(f'[{c}] = ?' for c in new)} WHERE {where}",
                   [*new.values(), *params])
    row = {**(old or {}), **(new or {})}
    if action == "update" and write.record_id is not None and table not in KEYS:
        row = store._row(table, write.record_id) or row  # an update logs only the fields it changed
    visit_id = write.record_id if table == "visits" else store._visit_of(table, row)
    store._log(table, write.record_id, action, old, new, visit_id)


_OPPOSITE = {"insert": "delete", "delete": "insert", "update": "update"}


def revert(store, writes: list[LoggedWrite]) -> Changes:
    """Undo ``writes``: the last first, each turned round."""
    changes = Changes()
    with store.atomic():
        for write in reversed(writes):
            _apply(store, write.table, write, _OPPOSITE[write.action], write.new, write.old)
            changes.add(write.table, write.record_id)
    return changes


def replay(store, writes: list[LoggedWrite]) -> Changes:
    """Do ``writes`` again, in their order, with the same ids."""
    changes = Changes()
    with store.atomic():
        for write in writes:
            _apply(store, write.table, write, write.action, write.old, write.new)
            changes.add(write.table, write.record_id)
    return changes
