"""The connection the window reads through: sqlite-utils' behaviour on the standard sqlite3 module, sqlite-utils
itself imported only when a table helper or a schema step needs it."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.storage import schema_columns, soundness
from planner.storage.database import open_database
from planner.storage.migrations import migrations
from planner.storage.transactions import VisitDatabase

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def two(tmp_path):
    """A VisitDatabase on a file with a table, and a second connection that sees only what was committed."""
    path = tmp_path / "two.sqlite"
    db = VisitDatabase(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    other = sqlite3.connect(path)
    yield db, other
    other.close()
    db.close()


def seen(other) -> list[str]:
    return [row[0] for row in other.execute("SELECT text FROM notes ORDER BY id")]


def test_a_lone_write_is_committed_at_once_and_a_failed_one_leaves_no_transaction_open(two):
    db, other = two
    db.conn.isolation_level = "IMMEDIATE"  # as configure_writes sets it: sqlite3 opens a transaction itself
    db.execute("INSERT INTO notes (text) VALUES (?)", ["kept"])
    assert seen(other) == ["kept"] and not db.conn.in_transaction
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO notes (text) VALUES (NULL)")
    assert not db.conn.in_transaction
    assert db.execute("  -- a comment first\n SELECT count(*) FROM notes").fetchone() == (1,)


def test_atomic_commits_once_and_a_nested_failure_rolls_back_only_its_savepoint(two):
    db, other = two
    with db.atomic():
        db.execute("INSERT INTO notes (text) VALUES ('outer')")
        with pytest.raises(RuntimeError), db.atomic():
            db.execute("INSERT INTO notes (text) VALUES ('inner')")
            raise RuntimeError("undone")
        assert seen(other) == []  # nothing is visible before the outermost block ends
    assert seen(other) == ["outer"]
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO notes (text) VALUES ('lost')")
        raise RuntimeError("all undone")
    assert seen(other) == ["outer"] and not db.conn.in_transaction


def test_table_helpers_come_from_sqlite_utils_on_the_same_connection_and_transactions(two):
    db, other = two
    with db.atomic():
        db["notes"].insert({"text": "through sqlite-utils"})
        assert seen(other) == []  # its write joined this transaction rather than committing its own
    assert seen(other) == ["through sqlite-utils"]
    assert db["notes"].count == 1 and "notes" in db.table_names() and db.tools.conn is db.conn


def test_the_column_snapshot_is_what_the_schema_steps_make():
    """After adding a schema step: python -m planner.storage.soundness > planner/storage/schema_columns.py"""
    assert list(schema_columns.STEPS) == migrations.names()
    assert Path(schema_columns.__file__).read_text(encoding="utf-8") == soundness.snapshot()


def test_an_out_of_date_snapshot_is_not_trusted(monkeypatch):
    monkeypatch.setattr(schema_columns, "STEPS", schema_columns.STEPS[:-1])
    monkeypatch.setattr(schema_columns, "COLUMNS", {"visits": ("id",)})
    soundness.expected_columns.cache_clear()
    try:
        assert soundness.expected_columns() == soundness.migrated_columns()
    finally:
        soundness.expected_columns.cache_clear()


OPEN_AND_READ = """
import sys
from planner.storage.database import open_database
from planner.storage.queries.meetings import meeting_count
from planner.storage.store import Store
store = Store(open_database(sys.argv[1]))
visit = store.visits()[0]
print(visit.title, meeting_count(store.db, visit.id), store.conflicts(visit.id) is not None)
print(sorted(m for m in ("sqlite_utils", "pandas", "numpy", "click") if m in sys.modules))
"""


def test_an_up_to_date_file_opens_and_reads_without_importing_sqlite_utils(tmp_path):
    path = tmp_path / "visit.sqlite"
    db = open_database(path)  # a new file: every schema step applied, through sqlite-utils
    db.execute("INSERT INTO visits (title, kind, first_day, last_day, zone, home_zone, status, revision) "
               "VALUES ('Kept', 'official', '2026-12-14', '2026-12-16', 'Asia/Dushanbe', 'Asia/Karachi', 'draft', 0)")
    db.close()
    done = subprocess.run([sys.executable, "-c", OPEN_AND_READ, str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["Kept 0 True", "[]"]
