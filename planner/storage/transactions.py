"""Writes that wait their turn: immediate transactions and a busy timeout on every connection.

sqlite-utils' ``atomic()`` starts a deferred ``BEGIN``: the transaction reads
first and asks for the write lock only at its first write. When another
program wrote in between, SQLite cannot wait (the snapshot already read is
stale) and answers "database is locked" at once, and the edit is lost.
``BEGIN IMMEDIATE`` takes the write lock before anything is read, and the busy
timeout makes it wait for the other program's transaction to end.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from sqlite_utils import Database

from planner.domain.validation import Problem, ValidationError
from planner.storage.changes import Changes

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another program's transaction before giving up
BUSY_MESSAGE = ("Another program is writing to this database file and it stayed busy, so nothing was saved; "
                "try again in a moment.")


class FileBusy(ValidationError):
    """Another program held the database file longer than the busy timeout; nothing was written."""

    def __init__(self) -> None:
        super().__init__([Problem("file", BUSY_MESSAGE)])


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


class VisitDatabase(Database):
    """sqlite-utils' Database whose outermost ``atomic()`` is ``BEGIN IMMEDIATE``; nested ones stay savepoints.

    sqlite-utils' own writes (insert, update, upsert, migrations) call
    ``atomic()`` too, so every write of the application takes this road.
    """

    @contextmanager
    def atomic(self):
        if self.conn.in_transaction:
            with super().atomic():
                yield self
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
