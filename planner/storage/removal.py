"""Deleting a row with everything that belongs to it, and putting it all back: Store.delete and Store.restore.

A delete walks the children (relations.CHILDREN) and clears the references
that may outlive it (relations.CLEARS), logging each row; the Removed it fills
holds exactly what restore needs to undo it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.storage.changes import Changes, Removed
from planner.storage.relations import CHILDREN, CLEARS

if TYPE_CHECKING:
    from planner.storage.store import Store


def delete_where(store: Store, table: str, column: str, value, removed: Removed) -> None:
    """Delete the rows of ``table`` whose ``column`` is ``value``, their children first; record it all in ``removed``."""
    rows = store._rows(f"SELECT * FROM {table} WHERE {column} = ?", [value])
    for row in rows:
        record_id = row.get("id")
        visit_id = store._visit_of(table, row)
        if record_id is not None:
            for child, child_column in CHILDREN.get(table, []):
                delete_where(store, child, child_column, record_id, removed)
            for other, other_column in CLEARS.get(table, []):
                for ref in store._rows(f"SELECT id FROM {other} WHERE {other_column} = ?", [record_id]):
                    removed.cleared.append((other, ref["id"], other_column, record_id))
                    store.db.execute(f"UPDATE {other} SET {other_column} = NULL WHERE id = ?", [ref["id"]])
                    store._log(other, ref["id"], "update", {other_column: record_id}, {other_column: None},
                               visit_id)
                    removed.changes.add(other, ref["id"])
        store.db.execute(f"DELETE FROM {table} WHERE {column} = ? AND rowid = ?",
                         [value, _rowid(store, table, row)])
        store._log(table, record_id, "delete", row, None, visit_id)
        removed.rows.append((table, row))
        removed.changes.add(table, record_id)


def _rowid(store: Store, table: str, row: dict) -> int:
    if "id" in row:
        return row["id"]
    keys = " AND ".join(f"{k} = ?" for k in row)
    return store.db.execute(f"SELECT rowid FROM {table} WHERE {keys}", list(row.values())).fetchone()[0]


def restore(store: Store, removed: Removed) -> Changes:
    """Put back exactly what a delete removed (the undo of delete)."""
    changes = Changes()
    with store.db.atomic():
        for table, row in reversed(removed.rows):
            store.db[table].insert(row)
            store._log(table, row.get("id"), "insert", None, row, store._visit_of(table, row))
            changes.add(table, row.get("id"))
        for table, record_id, column, value in removed.cleared:
            store.db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", [value, record_id])
            row = store._row(table, record_id)
            store._log(table, record_id, "update", {column: None}, {column: value}, store._visit_of(table, row))
            changes.add(table, record_id)
    return changes
