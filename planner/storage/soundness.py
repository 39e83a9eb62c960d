"""Is an up-to-date Visit Planner file whole: every table and column the schema needs, no value it does not know.

A file damaged by hand or by another tool (a table dropped, a column removed,
a status written by something else) would otherwise open and fail later, on
the first reading of that row or the first edit. It is refused on opening instead.
"""

from __future__ import annotations

import sqlite3
import textwrap
import typing
from enum import Enum
from functools import lru_cache

from planner.storage.migrations import migrations


@lru_cache(maxsize=1)
def expected_columns() -> dict[str, frozenset[str]]:
    """Each table of a freshly migrated database with its columns.

    Read from the snapshot in planner.storage.schema_columns while it was made
    from the steps this version has (a test keeps it so); worked out by
    applying every step to a database in memory otherwise, which needs sqlite-utils.
    """
    from planner.storage import schema_columns

    if list(schema_columns.STEPS) == migrations.names():
        return {table: frozenset(columns) for table, columns in schema_columns.COLUMNS.items()}
    return migrated_columns()


def migrated_columns() -> dict[str, frozenset[str]]:
    """Each table with its columns, in a database in memory after every schema step."""
    from planner.storage.transactions import VisitDatabase

    db = VisitDatabase(memory=True)
    migrations.apply(db)
    return {table: frozenset(row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall())
            for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%'").fetchall()}


def snapshot() -> str:
    """The text of planner/storage/schema_columns.py for this version's schema steps."""
    tables = migrated_columns()
    lines = ['"""The columns of every table after the schema steps below, so that opening a file need not apply them.',
             "",
             "Written by ``python -m planner.storage.soundness > planner/storage/schema_columns.py`` after a",
             "schema step is added; tests/storage keeps it true. While it is out of date the columns are worked",
             'out by applying the steps instead (slower, never wrong)."""',
             "", "STEPS = ("]
    lines += [f"    {name!r}," for name in migrations.names()]
    lines += [")", "", "COLUMNS = {"]
    for table, columns in sorted(tables.items()):
        lines.append(f"    {table!r}: (")
        lines += textwrap.wrap(" ".join(f"{column!r}," for column in sorted(columns)), 110,
                               initial_indent=" " * 8, subsequent_indent=" " * 8)
        lines.append("    ),")
    lines += ["}"]
    return "\n".join(lines) + "\n"


def _enum_of(hint) -> type[Enum] | None:
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


@lru_cache(maxsize=1)
def enum_columns() -> list[tuple[str, str, tuple[str, ...]]]:
    """(table, column, allowed values) for every stored field whose type is one of the domain's enums."""
    from planner.storage.rows import TABLE_OF

    found = []
    for cls, table in TABLE_OF.items():
        for name, hint in typing.get_type_hints(cls).items():
            kind = _enum_of(hint)
            if kind is not None and name in expected_columns().get(table, ()):
                found.append((table, name, tuple(str(member.value) for member in kind)))
    return found


def damage(conn: sqlite3.Connection) -> str | None:
    """What is missing or unknown in the database on ``conn``, in a few words, or None when it is whole.

    Three statements in all: when this runs on a thread of its own, each statement is a
    wait for Python's lock, which the window's thread holds most of the time.
    """
    have: dict[str, set[str]] = {}
    for table, column in conn.execute("SELECT m.name, p.name FROM sqlite_master AS m "
                                      "JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'"):
        have.setdefault(table, set()).add(column)
    for table, columns in expected_columns().items():
        if table not in have:
            return f"the table {table} is missing"
        gone = sorted(columns - have[table])
        if gone:
            return f"the column {table}.{gone[0]} is missing"
    checks = enum_columns()
    scans = [f"SELECT * FROM (SELECT {n}, [{column}] FROM [{table}] WHERE [{column}] IS NOT NULL "
             f"AND [{column}] NOT IN ({', '.join('?' * len(allowed))}) LIMIT 1)"
             for n, (table, column, allowed) in enumerate(checks)]
    if not scans:
        return None
    found = conn.execute(" UNION ALL ".join(scans), [value for *_, allowed in checks for value in allowed]).fetchall()
    if found:
        n, value = min(found, key=lambda row: row[0])
        return f"{checks[n][0]}.{checks[n][1]} holds '{value}', which this version does not know"
    return None


if __name__ == "__main__":
    # python -m planner.storage.soundness > planner/storage/schema_columns.py
    print(snapshot(), end="")
