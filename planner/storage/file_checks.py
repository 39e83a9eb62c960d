"""Reading a whole database file for damage, SQLite's quick_check and then soundness, on a thread of its own.

On a large visit this reading is a fifth of the window's start-up. SQLite lets go
of Python's lock while a statement runs, so a thread with a read-only connection
of its own reads the file on a second core while the window is being built. The
window waits for the answer before it shows the file and before anything is
written to it (launch.show_window, VisitDatabase.atomic), so a damaged file is
still refused in one line with nothing written.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from planner.storage import soundness
from planner.storage.migrations import MIGRATION_SET, MIGRATIONS_TABLE, known_names


def read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` for reading only; without a WAL file nothing, not even one, is created beside it."""
    wal = path.with_name(path.name + "-wal")
    return f"{path.resolve().as_uri()}?{'mode=ro' if wal.exists() else 'mode=ro&immutable=1'}"


def quick_check_problem(conn: sqlite3.Connection, path: Path) -> str | None:
    """SQLite's own check of every page, as a one-line refusal, or None when it found nothing."""
    check = conn.execute("PRAGMA quick_check").fetchall()
    if [tuple(row) for row in check] != [("ok",)]:
        detail = "; ".join(str(row[0]) for row in check[:3])
        return f"{path} is damaged ({detail})."
    return None


def tables_and_steps(conn: sqlite3.Connection) -> tuple[set[str], set[str]]:
    """The file's tables and the schema steps recorded in it."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    applied: set[str] = set()
    if MIGRATIONS_TABLE in tables:
        applied = {row[0] for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])}
    return tables, applied


def damage_problem(conn: sqlite3.Connection, path: Path) -> str | None:
    found = soundness.damage(conn)
    return f"{path} is damaged: {found}. It was not changed." if found else None


def whole_file_problem(path: Path) -> str | None:
    """What the reading of the whole file finds wrong, as the one-line refusal, or None.

    Only what the schema's own reading (database.inspect) cannot tell: broken
    pages, and the tables, columns and values of a file whose schema is this
    version's. A foreign, older or newer file is left to that reading, which
    refuses or migrates it; this one then has nothing to add.
    """
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        return f"Cannot open {path}: {exc}."
    try:
        problem = quick_check_problem(conn, path)
        if problem is not None:
            return problem
        _tables, applied = tables_and_steps(conn)
        return damage_problem(conn, path) if applied == known_names() else None
    except sqlite3.DatabaseError as exc:
        return f"{path} is not a usable SQLite database ({exc})."
    except UnicodeDecodeError:  # SQLite quoting a damaged schema whose bytes are no longer text
        return f"{path} is damaged: its schema cannot be read."
    finally:
        conn.close()


class FileCheck:
    """whole_file_problem(path), read on a thread started at once; ``problem()`` waits for its answer."""

    def __init__(self, path: Path):
        self.path = path
        self._problem: str | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._read, name="database file check", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            self._problem = whole_file_problem(self.path)
        except BaseException as exc:  # handed to whoever waits: never lost on this thread
            self._error = exc

    def done(self) -> bool:
        return not self._thread.is_alive()

    def problem(self) -> str | None:
        """The refusal in one line, or None when the file is whole; waits for the reading to end."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._problem


def check_in_background(path: Path | str | None) -> FileCheck | None:
    """Start reading ``path`` for damage, when it is a file; None otherwise (nothing to read yet)."""
    if path is None:
        return None
    path = Path(path)
    return FileCheck(path) if path.is_file() else None
