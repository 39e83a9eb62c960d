"""The conflicts' reads: a visit's conflicts through a read-only connection of this process's own (no Qt).

A large visit's conflicts are found in a child process (planner.ui.conflicts.reading)
while the window goes on writing; SQLite in WAL mode lets this connection read meanwhile.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from planner.domain.conflicts import Conflict


class ConflictsUnreadable(Exception):
    """The database file could not be read (missing, damaged, locked)."""


def conflicts_in_file(path: Path, visit_id: int) -> list[Conflict]:
    """The visit's conflicts, read from the database file at ``path`` without writing to it."""
    from planner.storage.store import Store
    from planner.storage.transactions import VisitDatabase

    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return Store(VisitDatabase(connection)).conflicts(visit_id)
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise ConflictsUnreadable(str(exc)) from exc
