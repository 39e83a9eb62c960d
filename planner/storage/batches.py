"""Many new rows of one table written with one statement and logged as one change-log entry, which readers expand.

A roster of 50,000 people logged one JSON object per person and one per
membership: encoding and storing them cost more than storing the people.
Here the log holds one entry per table for the whole batch, action
``insert_rows``. Its ``new`` holds the batch by column: ``columns`` names
them, ``values`` gives each column's values as a list, or as ``{"all": v}``
when every row holds the same ``v`` (the visit, the side, the many empty
fields); the ids, consecutive as SQLite hands them out, are given by the first
and the count (``first_id``, ``count``), or listed (``ids``).

Undoing such an import logs its deletions the same way (``delete_rows``, the
batch in ``old``, with the ids listed), and redoing it its inserts
(``write_compact``, the ``write`` of bulk.delete_many and restore_many).

Every reader of the log (the changes since a revision, undo and redo of logged
writes) reads it through ``expand``, which gives back one insert or delete
per row, as Store.add or Store.delete would have logged it. Older files hold only per-row
entries; ``expand`` passes them through unchanged. A version of the program
that predates these entries refuses the file (migration
m008_change_log_batches), so none misreads it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from itertools import repeat

INSERT_ROWS = "insert_rows"
DELETE_ROWS = "delete_rows"  # the same for rows taken away (undoing an import): the batch is in ``old``
_BATCH_OF = {"insert": INSERT_ROWS, "delete": DELETE_ROWS}
LAST_ROWID = 2**63 - 1  # SQLite's largest rowid: beyond it, it picks ids at random
_JSON = json.JSONEncoder(ensure_ascii=False)

# One change-log entry as its readers see it: (record id, action, old row, new row).
Expanded = tuple["int | None", str, "dict | None", "dict | None"]


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})"


def insert_rows(store, table: str, columns: Sequence[str], rows: Sequence[Sequence], visit_id: int | None,
                refused=None) -> range | list[int]:
    """Insert ``rows`` (values in the order of ``columns``, no id) and log them as one entry; returns their ids.

    The ids are the ones SQLite gives one row at a time (the largest rowid plus
    one, and so on), so one prepared statement takes every row and the ids are
    known without asking for each; a count afterwards makes sure. A row the database refuses raises Store's readable
    ValidationError for ``refused`` (an object of the table's type, or None),
    and the transaction around the call leaves nothing written.
    """
    if not rows:
        return []
    conn = store.db.conn
    with store.atomic():
        start, count = conn.execute(f"SELECT coalesce(max(rowid), 0) + 1, count(*) FROM [{table}]").fetchone()
        try:
            if start + len(rows) <= LAST_ROWID:
                # Inside this transaction, which holds the write lock, SQLite numbers each row one past the
                # largest rowid: start, start + 1, ... No id to bind, no tuple to build per row.
                conn.executemany(_insert_sql(table, columns), rows)
                ids = range(start, start + len(rows))
                if conn.execute(f"SELECT count(*), max(rowid) FROM [{table}]").fetchone() != (
                        count + len(rows), ids[-1]):
                    raise sqlite3.IntegrityError(f"the new rows of {table} were not numbered as expected")
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


def write_compact(db, at: str, entries: Iterable[tuple]) -> None:
    """bulk.write_log, with each run of whole-row inserts or deletes of one table and visit as one batch entry.

    bulk.delete_many and restore_many take it as their ``write`` when an import
    is undone and redone: 100,000 rows, two entries.
    """
    runs: list[tuple[tuple, list]] = []
    for table, record_id, action, old, new, visit_id in entries:
        row = new if action == "insert" else old if action == "delete" else None
        key = (table, action, visit_id, tuple(row) if row else None)
        if row is None or record_id is None or not runs or runs[-1][0] != key:
            runs.append((key, []))
        runs[-1][1].append((record_id, old, new))
    revisions = _revisions(db, {key[2] for key, _run in runs})
    logged = []
    for (table, action, visit_id, columns), run in runs:
        if columns is None or len(run) == 1:
            logged += [(at, visit_id, revisions.get(visit_id), table, record_id, action, _text(old), _text(new))
                       for record_id, old, new in run]
            continue
        at_key = 2 if action == "insert" else 1
        batch = _text({"columns": list(columns), "values": _by_column([tuple(r[at_key].values()) for r in run]),
                       "ids": [r[0] for r in run]})
        logged.append((at, visit_id, revisions.get(visit_id), table, None, _BATCH_OF[action],
                       *((None, batch) if action == "insert" else (batch, None))))
    db.conn.executemany("INSERT INTO change_log (at, visit_id, revision, table_name, record_id, action, old, new) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", logged)


def _text(row) -> str | None:
    return _JSON.encode(row) if row is not None else None


def _revisions(db, visits: set) -> dict:
    found = {}
    for visit_id in visits - {None}:
        row = db.execute("SELECT revision FROM visits WHERE id = ?", [visit_id]).fetchone()
        found[visit_id] = row[0] if row else None
    return found


def expand(record_id: int | None, action: str, old: dict | None, new: dict | None) -> list[Expanded]:
    """One change-log entry as the per-row entries it stands for: itself, or one per row of a batch."""
    if action == DELETE_ROWS:
        return [(row_id, "delete", dict(zip(old["columns"], row)), None) for row_id, row in zip(old["ids"], _rows(old))]
    if action != INSERT_ROWS:
        return [(record_id, action, old, new)]
    columns = new["columns"]
    ids = new["ids"] if "ids" in new else range(new["first_id"], new["first_id"] + new["count"])
    # The id last, where Store.add's log entry has it (a batch that lists the id among its columns keeps it there).
    return [(row_id, "insert", None, {**dict(zip(columns, row)), "id": row_id}) for row_id, row in zip(ids, _rows(new))]
