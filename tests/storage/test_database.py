import hashlib
import sqlite3
from pathlib import Path

import pytest

from planner.storage import database
from planner.storage.database import DatabaseRefused, open_database, open_memory, schema_sql
from planner.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_snapshot_matches_the_migrations():
    expected = (ROOT / "db" / "schema.sql").read_text(encoding="utf-8")
    assert schema_sql(open_memory()) == expected, (
        "db/schema.sql has drifted from the migrations; regenerate it with "
        "'python -m planner.storage.database > db/schema.sql'"
    )


def test_new_file_is_created_migrated_in_wal_with_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "visits.sqlite"
    db = open_database(path)
    assert path.exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"visits", "meetings", "people", "change_log"} <= set(db.table_names())
    db.close()
    # Reopening applies nothing and makes no backup.
    open_database(path).close()
    assert not list(tmp_path.glob("sub/*before-upgrade*"))


def make_foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()


def make_truncated(path: Path, tmp_path: Path) -> None:
    source = tmp_path / "whole.sqlite"
    store = Store(open_database(source))
    from planner.demo import build_demo

    build_demo(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("PRAGMA journal_mode = DELETE")
    store.db.close()
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("kind,expected", [
    ("empty", "empty file"),
    ("random", "not an SQLite file"),
    ("text", "not an SQLite file"),
    ("foreign", "another program"),
    ("empty_sqlite", "empty SQLite database"),
    ("truncated", "truncated"),
    ("folder", "folder"),
])
def test_files_that_are_not_ours_are_refused_and_left_untouched(tmp_path, kind, expected):
    path = tmp_path / "visits.sqlite"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(bytes(range(256)) * 40)
    elif kind == "text":
        path.write_text("Name,Designation\nSherali Kabir,Minister\n", encoding="utf-8")
    elif kind == "foreign":
        make_foreign(path)
    elif kind == "empty_sqlite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        conn.execute("DROP TABLE t")
        conn.commit()
        conn.close()
    elif kind == "truncated":
        make_truncated(path, tmp_path)
    elif kind == "folder":
        path.mkdir()
    before = None if path.is_dir() else digest(path)
    siblings = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DatabaseRefused) as caught:
        open_database(path)
    message = str(caught.value)
    assert str(path) in message and expected in message
    if before is not None:
        assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings


def test_a_database_from_a_newer_version_is_refused_unchanged(tmp_path):
    path = tmp_path / "visits.sqlite"
    db = open_database(path)
    db["_sqlite_migrations"].insert({"migration_set": "visit_planner", "name": "m999_from_the_future",
                                     "applied_at": "2030-01-01"})
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="newer version"):
        open_database(path)
    assert digest(path) == before


def test_a_missing_migration_is_applied_after_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "visits.sqlite"
    db = open_database(path)
    db["visits"].insert({"title": "Kept", "kind": "official", "first_day": "2026-12-14", "last_day": "2026-12-16",
                         "zone": "Asia/Dushanbe", "home_zone": "Asia/Karachi", "status": "draft", "revision": 0})
    db.close()

    from sqlite_utils.migrations import Migrations

    newer = Migrations("visit_planner")
    present = sorted(database.known_names())
    for name in present:  # already applied: never run again
        newer(name=name)(lambda db: None)

    @newer(name="m999_add_dress_code")
    def add_dress_code(db):
        db["meetings"].add_column("dress_code", str)

    monkeypatch.setattr(database, "migrations", newer)
    monkeypatch.setattr(database, "known_names", lambda: {*present, "m999_add_dress_code"})
    db = open_database(path)
    assert "dress_code" in db["meetings"].columns_dict
    (backup,) = tmp_path.glob("visits.before-upgrade-*.sqlite")
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT title FROM visits").fetchall() == [("Kept",)]
    assert "dress_code" not in [r[1] for r in copy.execute("PRAGMA table_info(meetings)")]
    copy.close()


def test_a_failing_migration_leaves_the_data_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "visits.sqlite"
    open_database(path).close()
    from sqlite_utils.migrations import Migrations

    newer = Migrations("visit_planner")
    newer(name="m001_visit_model")(lambda db: None)

    @newer(name="m002_broken")
    def broken(db):
        db["meetings"].add_column("half_done", str)
        raise RuntimeError("disk full")

    monkeypatch.setattr(database, "migrations", newer)
    with pytest.raises(RuntimeError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert "half_done" not in [r[1] for r in conn.execute("PRAGMA table_info(meetings)")]
    conn.close()
