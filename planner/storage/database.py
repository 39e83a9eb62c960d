"""Open a Visit Planner database: refuse what is not ours, back up, then migrate."""

from __future__ import annotations

import os
import sqlite3
import stat
import struct
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.text import one_line
from planner.domain.validation import Problem, ValidationError
from planner.storage import soundness
from planner.storage.file_checks import (
    FileCheck,
    damage_problem,
    quick_check_problem,
    read_only_uri,
    tables_and_steps,
)
from planner.storage.migrations import known_names, migrations
from planner.storage.transactions import BUSY_TIMEOUT_MS, FileBusy, VisitDatabase, configure_writes

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseRefused(Exception):
    """The file cannot be used as a Visit Planner database; it was not changed. The message is one line."""

    def __init__(self, message: str):
        super().__init__(one_line(message, 400))


class ReadOnlyDatabase(DatabaseRefused):
    """The file is sound but cannot be written; it may still be opened with read_only=True."""


def is_read_only(path: Path) -> bool:
    """Whether Visit Planner may not write ``path``: marked read-only (even for an administrator), or in a
    folder where SQLite cannot keep its journal beside it."""
    try:
        marked = not path.stat().st_mode & stat.S_IWUSR
    except OSError:
        return False
    return marked or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


# sqlite-utils would look through every installed package for plugins that change its connections:
# a scan of all their metadata at each start-up, for plugins this program never asked for.
PLUGINS = {"execute_plugins": False}


def configure(db: Database) -> Database:
    configure_writes(db)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def open_memory() -> Database:
    """A fresh in-memory database with every migration applied (tests, benchmarks)."""
    db = configure(VisitDatabase(memory=True, **PLUGINS))
    migrations.apply(db)
    return db


def open_database(path: str | Path, *, create: bool = True, read_only: bool = False,
                  checking: FileCheck | None = None) -> Database:
    """Open ``path``, creating it when missing, and bring its schema up to date.

    Anything that is not a Visit Planner database made by this or an older
    version raises DatabaseRefused and its bytes are left exactly as they were.
    An existing file is copied with SQLite's backup API before any migration.
    A file that cannot be written raises ReadOnlyDatabase unless ``read_only``
    asks for a connection that only reads.

    ``checking``, a FileCheck of ``path`` already under way, lets the reading of
    the whole file go on while the caller builds its window: the database it
    returns then waits for that reading before its first write
    (``VisitDatabase.atomic``) and says what it found (``whole_file_problem``).
    It is waited for here whenever something must be written at once.
    """
    path = Path(path)
    existed = path.exists()
    if checking is not None and not (existed and checking.path == path):
        checking = None
    if existed:
        if path.is_dir():
            raise DatabaseRefused(f"{path} is a folder, not a database file.")
        up_to_date, in_wal_mode = inspect(path, checking)
        if read_only or is_read_only(path) or not in_wal_mode or not up_to_date:
            _wait_for(checking)  # about to migrate or change the journal, or a read-only file: no reason to wait
            checking = None
        if read_only or is_read_only(path):
            return _open_read_only(path, up_to_date, asked=read_only)
    elif read_only or not create:
        raise DatabaseRefused(f"{path} does not exist.")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseRefused(f"Cannot create {path}: {exc.strerror or exc}.") from None
    db = _open_writable(path, existed, checking)
    db.checking = checking
    return db


def _wait_for(checking: FileCheck | None) -> None:
    problem = checking.problem() if checking is not None else None
    if problem:
        raise DatabaseRefused(problem)


def _open_writable(path: Path, existed: bool, checking: FileCheck | None) -> Database:
    copy = None
    try:
        db = configure(VisitDatabase(path, **PLUGINS))
        if not existed:
            db.execute("PRAGMA journal_mode = WAL")
        pending = migrations.pending(db)
        if pending:  # sqlite-utils is imported only to apply a step: an up-to-date file opens without it
            _wait_for(checking)
            copy = backup(db, path) if existed else None
            # The steps and the check of what they made in one transaction: an older file found damaged
            # (a value this version does not know) is refused as it was, not half upgraded.
            with db.atomic():
                migrations.apply(db)
                found = soundness.damage(db.conn)
                if found:
                    raise _Damaged(found)
        db.execute("PRAGMA journal_mode = WAL")
    except _Damaged as exc:
        db.conn.close()
        if copy is not None:
            copy.unlink(missing_ok=True)  # nothing was upgraded, so there is nothing to go back to
        raise DatabaseRefused(f"{path} is damaged: {exc}. It was not changed.") from None
    except FileBusy:
        raise DatabaseRefused(f"Cannot open {path}: another program kept it busy for more than "
                              f"{BUSY_TIMEOUT_MS // 1000} seconds; try again in a moment.") from None
    except sqlite3.Error as exc:
        raise DatabaseRefused(f"Cannot open {path}: {exc}.") from None
    return db


class _Damaged(Exception):
    """What soundness.damage found once the schema steps were applied: rolls them back."""


def _open_read_only(path: Path, up_to_date: bool, *, asked: bool) -> Database:
    if not asked:
        raise ReadOnlyDatabase(f"{path} is read-only, so Visit Planner cannot change it; "
                               "make it writable (or work on a copy) and try again.")
    if not up_to_date:
        raise DatabaseRefused(f"{path} was written by an older Visit Planner and is read-only, so it cannot "
                              "be brought up to date; make it writable and open it again.")
    wal = path.with_name(path.name + "-wal")
    query = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise DatabaseRefused(f"Cannot open {path}: {exc}.") from None
    db = configure(ReadOnlyVisitDatabase(conn))
    db.read_only = True  # Store.read_only tells the window to say so at once
    return db


class FileReadOnly(ValidationError):
    """A write to a file opened read-only: refused before SQLite is asked, in one sentence."""

    def __init__(self) -> None:
        super().__init__([Problem("file", "This file is read-only, so the change was not saved.")])


class ReadOnlyVisitDatabase(VisitDatabase):
    """A database opened only for reading: every write (they all go through atomic()) is refused."""

    @contextmanager
    def atomic(self):
        raise FileReadOnly()
        yield self  # never reached: makes this a generator for contextmanager


def backup(db: Database, path: Path) -> Path:
    """Copy the database beside itself before a migration touches it."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{stamp}{path.suffix or '.sqlite'}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.before-upgrade-{stamp}-{n}{path.suffix or '.sqlite'}")
    copy = sqlite3.connect(target)
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    return target


def inspect(path: Path, checking: FileCheck | None = None) -> tuple[bool, bool]:
    """Raise DatabaseRefused unless ``path`` is a sound Visit Planner database we can open.

    Reads only: the header by hand, then the file through a read-only connection.
    Returns whether its schema is up to date (then its tables, columns and values
    are checked too) and whether it is in WAL mode. With ``checking`` under way,
    the reading of the whole file is left to it, and its answer is awaited only
    when the schema's reading refuses the file (then what it found comes first).
    """
    wal, in_wal_mode = _check_header(path)  # what the header alone tells comes first, as without the thread
    try:
        tables, applied, found = _read_schema(path, wal, whole=checking is None)
        up_to_date = _refuse_foreign_or_newer(path, tables, applied)
    except DatabaseRefused:
        _wait_for(checking)
        raise
    if found:
        raise DatabaseRefused(found)
    return up_to_date, in_wal_mode


def _refuse_foreign_or_newer(path: Path, tables: set[str], applied: set[str]) -> bool:
    """Whether the schema is up to date; DatabaseRefused for another program's file or a newer version's."""
    if not applied:
        if not tables:
            raise DatabaseRefused(f"{path} is an empty SQLite database, not a Visit Planner database.")
        listed = ", ".join(sorted(tables)[:5])
        raise DatabaseRefused(f"{path} belongs to another program (its tables are {listed}), not to Visit Planner.")
    newer = applied - known_names()
    if newer:
        raise DatabaseRefused(
            f"{path} was written by a newer version of Visit Planner (schema step {sorted(newer)[0]}); "
            "install that version to open it. The file was not changed."
        )
    return not known_names() - applied


def _check_header(path: Path) -> tuple[Path, bool]:
    """Refuse an empty, foreign or truncated file from its SQLite header alone; its WAL file's path, and
    whether the file is in WAL mode (its header's read and write versions are 2)."""
    size = path.stat().st_size
    if size == 0:
        raise DatabaseRefused(f"{path} is an empty file, not a Visit Planner database.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseRefused(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if not header.startswith(SQLITE_MAGIC):
        raise DatabaseRefused(f"{path} is not a Visit Planner database (it is not an SQLite file at all).")
    if len(header) < 100:
        raise DatabaseRefused(f"{path} is truncated: it ends inside the SQLite header.")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    wal = path.with_name(path.name + "-wal")
    if page_count and change_counter == valid_for and not wal.exists() and size < page_size * page_count:
        raise DatabaseRefused(
            f"{path} is truncated: it holds {size} bytes but its header promises {page_size * page_count}."
        )
    return wal, header[18:20] == b"\x02\x02"


def _read_schema(path: Path, wal: Path, *, whole: bool = True):
    """Through a read-only connection: its tables, applied migrations and, when ``whole``, what the reading of
    the whole file found (file_checks), as a refusal."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DatabaseRefused(f"Cannot open {path}: {exc}.") from None
    try:
        found = quick_check_problem(conn, path) if whole else None
        if found:
            raise DatabaseRefused(found)
        tables, applied = tables_and_steps(conn)
        if whole and applied == known_names():
            found = damage_problem(conn, path)
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path} is not a usable SQLite database ({exc}).") from None
    except UnicodeDecodeError:  # SQLite quoting a damaged schema whose bytes are no longer text
        raise DatabaseRefused(f"{path} is damaged: its schema cannot be read.") from None
    finally:
        conn.close()
    return tables, applied, found


def schema_sql(db: Database) -> str:
    """The schema as SQL text, in a stable order: what db/schema.sql must hold."""
    rows = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, name"
    ).fetchall()
    return "".join(f"{sql};\n\n" for _, _, sql in rows).rstrip() + "\n"


if __name__ == "__main__":
    # python -m planner.storage.database > db/schema.sql
    print(schema_sql(open_memory()), end="")
