"""Many new rows of one table written with one statement and logged as one change-log entry, which readers expand.

A roster of 50,000 people logged one JSON object per person and one per
membership: encoding and storing them cost more than storing the people.
Here the log holds one entry per table for the whole batch, action
``insert_rows``. Its ``new`` holds the batch by column: ``columns`` names
them, ``values`` gives each column's values as a list, or as ``{"all": v}``
when every row holds the same ``v`` (the visit, the side, the many empty
fields); the ids, consecutive as SQLite hands them out, are given by the first
and the count (``first_id``, ``count``), or listed (``ids``).

Every reader of the log (the changes since a revision, undo and redo of logged
writes) reads it through ``expand``, which gives back one insert per row,
exactly as Store.add would have logged it. Older files hold only per-row
entries; ``expand`` passes them through unchanged. A version of the program
that predates these entries refuses the file (migration
m008_change_log_batches), so none misreads it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from itertools import repeat

INSERT_ROWS = "insert_rows"
LAST_ROWID = 2**63 - 1  # SQLite's largest rowid: beyond it, it picks ids at random
_JSON = json.JSONEncoder(ensure_ascii=False)

# One change-log entry as its readers see it: (record id, action, old row, new row).
Expanded = tuple["int | None", str, "dict | None", "dict | None"]


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})"


def insert_rows(store, table: str, columns: Sequence[str], rows: Sequence[Sequence], visit_id: int | None,
                refused=None) -> range | list[int]:
    """Insert ``rows`` (values in the order of ``columns``, no id) and log them as one entry; returns their ids.

    The ids are the ones SQLite would give one row at a time (the largest rowid
    plus one, and so on), given explicitly so that one prepared statement takes
    every row. A row the database refuses raises Store's readable
    ValidationError for ``refused`` (an object of the table's type, or None),
    and the transaction around the call leaves nothing written.
    """
    if not rows:
        return []
    conn = store.db.conn
    with store.atomic():
        start = conn.execute(f"SELECT coalesce(max(rowid), 0) + 1 FROM [{table}]").fetchone()[0]
        try:
            if start + len(rows) <= LAST_ROWID:
                ids = range(start, start + len(rows))
                conn.executemany(_insert_sql(table, ["id", *columns]),
                                 [(record_id, *row) for record_id, row in zip(ids, rows)])
            else:  # past the largest rowid SQLite numbers at random: let it, one row at a time
                sql = _insert_sql(table, columns)
                ids = [conn.execute(sql, row).lastrowid for row in rows]
        except sqlite3.IntegrityError as exc:
            raise store._integrity(exc, refused) from None
        batch = {"columns": list(columns), "values": _by_column(rows)}
        batch.update({"first_id": start, "count": len(rows)} if isinstance(ids, range) else {"ids": ids})
        revision = None
        if visit_id is not None:
            found = conn.execute("SELECT revision FROM visits WHERE id = ?", [visit_id]).fetchone()
            revision = found[0] if found else None
        conn.execute("INSERT INTO change_log (at, visit_id, revision, table_name, record_id, action, old, new) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [store.stamp(), visit_id, revision, table, None, INSERT_ROWS, None, _JSON.encode(batch)])
    return ids


def _by_column(rows: Sequence[Sequence]) -> list:
    """The rows' values column by column, a column whose rows all hold one value as {"all": value}."""
    found = []
    for values in zip(*rows):
        first = values[0]
        # count() compares identity first: a value every row shares (the template's) is counted at C speed.
        found.append({"all": first} if values.count(first) == len(values) else values)
    return found


def _rows(batch: dict) -> list[tuple]:
    count = len(batch["ids"]) if "ids" in batch else batch["count"]
    return list(zip(*(repeat(values["all"], count) if isinstance(values, dict) else values
                      for values in batch["values"])))


def expand(record_id: int | None, action: str, old: dict | None, new: dict | None) -> list[Expanded]:
    """One change-log entry as the per-row entries it stands for: itself, or one insert per row of a batch."""
    if action != INSERT_ROWS:
        return [(record_id, action, old, new)]
    columns = new["columns"]
    ids = new["ids"] if "ids" in new else range(new["first_id"], new["first_id"] + new["count"])
    # The id last, where Store.add's log entry has it.
    return [(row_id, "insert", None, {**dict(zip(columns, row)), "id": row_id}) for row_id, row in zip(ids, _rows(new))]
