"""Writes that wait their turn: immediate transactions and a busy timeout on every connection.

sqlite-utils' ``atomic()`` starts a deferred ``BEGIN``: the transaction reads
first and asks for the write lock only at its first write. When another
program wrote in between, SQLite cannot wait (the snapshot already read is
stale) and answers "database is locked" at once, and the edit is lost.
``BEGIN IMMEDIATE`` takes the write lock before anything is read, and the busy
timeout makes it wait for the other program's transaction to end.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.validation import Problem, ValidationError
from planner.storage.changes import Changes

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another program's transaction before giving up
BUSY_MESSAGE = ("Another program is writing to this database file and it stayed busy, so nothing was saved; "
                "try again in a moment.")


class FileBusy(ValidationError):
    """Another program held the database file longer than the busy timeout; nothing was written."""

    def __init__(self) -> None:
        super().__init__([Problem("file", BUSY_MESSAGE)])


class FileDamaged(ValidationError):
    """The file turned out to be damaged while it was open: nothing was written, nothing will be."""

    def __init__(self, problem: str) -> None:
        super().__init__([Problem("file", f"{problem.rstrip('.')}; nothing was saved.")])


# What a refused write raises; the transaction it ran in rolled back, so nothing of it was kept.
WRITE_ERRORS = (ValidationError, sqlite3.Error)


def why_not_written(exc: BaseException) -> str:
    """A refused write's reason, in one sentence for the person who asked for it."""
    if isinstance(exc, ValidationError):
        text = str(exc)
    elif is_busy(exc):
        text = BUSY_MESSAGE
    else:
        text = f"The database refused the change ({exc})"
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def is_busy(exc: BaseException) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc).lower() for word in ("database is locked", "database is busy", "database table is locked"))


class VisitDatabase:
    """A connection to a Visit Planner file: SQL through the standard sqlite3 module, as sqlite-utils runs it.

    The window's start-up and every read need only ``execute``; sqlite-utils
    (with click, pluggy, dateutil and, when installed, pandas and numpy) is
    imported the first time a table helper is asked for: ``db["people"]``,
    ``db.table(...)`` or any other attribute of sqlite-utils' Database, which
    then works on this same connection. Its writes call ``atomic()`` too, so
    every write of the application takes this road: the outermost ``atomic()``
    is ``BEGIN IMMEDIATE``, nested ones are savepoints.
    """

    read_only = False  # True on a file opened only for reading (see database.ReadOnlyVisitDatabase)
    checking = None  # a file_checks.FileCheck still reading the file for damage, if open_database left one

    def __init__(self, filename_or_conn: str | Path | sqlite3.Connection | None = None, memory: bool = False,
                 recursive_triggers: bool = True, **_sqlite_utils_options):
        if memory or filename_or_conn == ":memory:":
            self.conn, self.memory = sqlite3.connect(":memory:"), True
        elif isinstance(filename_or_conn, str | Path):
            self.conn, self.memory = sqlite3.connect(str(filename_or_conn)), False
        elif isinstance(filename_or_conn, sqlite3.Connection):
            self.conn, self.memory = filename_or_conn, False
        else:
            raise ValueError("Either specify a filename_or_conn or pass memory=True")
        self._tools = None
        if recursive_triggers:
            self.execute("PRAGMA recursive_triggers=on;")

    # -- what sqlite-utils' Database does, without importing it ----------------------------------

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction is committed at once (as sqlite-utils does)."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # the implicit transaction the failed statement opened
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and _first_keyword(sql) not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    def executescript(self, sql: str) -> sqlite3.Cursor:
        if self.conn.in_transaction:  # sqlite3's executescript would commit the open transaction first
            return self.tools.executescript(sql)
        return self.conn.executescript(sql)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]

    def close(self) -> None:
        self.conn.close()

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def whole_file_problem(self) -> str | None:
        """What the reading of the whole file found wrong (one line), or None; waits for that reading to end."""
        if self.checking is None:
            return None
        problem = self.checking.problem()
        if problem is None:
            self.checking = None
        return problem

    @contextmanager
    def atomic(self):
        if self.checking is not None:  # nothing is written into a file before it is known to be whole
            problem = self.whole_file_problem()
            if problem:
                raise FileDamaged(problem)
        if self.conn.in_transaction:
            savepoint = f"visit_planner_{next(_SAVEPOINTS)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:  # an error may have ended the whole transaction already
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise FileBusy() from None
            raise
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self.rollback()
            if is_busy(exc):
                raise FileBusy() from None
            raise

    # -- sqlite-utils, on first use ------------------------------------------------------------

    @property
    def tools(self):
        """sqlite-utils' Database on this connection (imported now, if it was not yet)."""
        if self._tools is None:
            self._tools = _tools_database(self)
        return self._tools

    def __getitem__(self, table_name: str):
        return self.tools[table_name]

    def table(self, table_name: str, **options):
        return self.tools.table(table_name, **options)

    def __getattr__(self, name: str):
        if name.startswith("_"):  # not found the usual way, and not sqlite-utils' business
            raise AttributeError(name)
        return getattr(self.tools, name)


_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}
_SAVEPOINTS = itertools.count(1)
_FIRST_WORD = re.compile(r"(?:[\s;\ufeff]+|--[^\n]*(?:\n|$)|/\*.*?(?:\*/|$))*([A-Za-z]+)", re.DOTALL)


def _first_keyword(sql: str) -> str:
    """The statement's first word, upper-cased, after blanks, empty statements and comments."""
    found = _FIRST_WORD.match(sql)
    return found.group(1).upper() if found else ""


def _tools_database(owner: VisitDatabase):
    """A sqlite-utils Database sharing ``owner``'s connection, whose transactions are ``owner``'s."""
    from sqlite_utils import Database

    class ToolsDatabase(Database):
        @contextmanager
        def atomic(self):
            with owner.atomic():
                yield self

    return ToolsDatabase(owner.conn, recursive_triggers=False, execute_plugins=False)


def configure_writes(db: Database) -> None:
    """Wait up to BUSY_TIMEOUT_MS for a lock; statements outside ``atomic()`` also begin immediately."""
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Python's sqlite3 begins a transaction of its own before a lone INSERT, UPDATE or DELETE.
    db.conn.isolation_level = "IMMEDIATE"


def data_version(db: Database) -> int | None:
    """SQLite's count of commits by other connections to this file; None when it cannot be read (closed)."""
    try:
        return db.execute("PRAGMA data_version").fetchone()[0]
    except sqlite3.Error:
        return None


def every_table(db: Database) -> Changes:
    """A change set naming every table and no ids: after another program wrote, anything may have changed."""
    changes = Changes()
    for name in db.table_names():
        if not name.startswith(("_", "sqlite_")):
            changes.add(name, None)
    return changes
