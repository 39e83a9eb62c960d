"""Damaged and read-only Visit Planner files: refused on opening with one line, never written into."""

import dataclasses
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from planner.demo import build_demo
from planner.domain import model as m
from planner.domain.validation import ValidationError
from planner.storage.database import DatabaseRefused, ReadOnlyDatabase, open_database
from planner.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("damage") / "demo.sqlite"
    store = Store(open_database(path))
    build_demo(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("PRAGMA journal_mode = DELETE")
    store.db.close()
    return path


DAMAGE = {
    "dropped table": ("PRAGMA foreign_keys = OFF; DROP TABLE agenda_items;", "table agenda_items is missing"),
    "dropped column": ("ALTER TABLE people DROP COLUMN dietary;", "people.dietary is missing"),
    "unknown status": ("UPDATE meetings SET status = 'postponed' WHERE id = 1;", "'postponed'"),
    "unknown side": ("UPDATE people SET side = 'alien' WHERE id = 2;", "'alien'"),
}


def damaged(demo_file: Path, tmp_path: Path, sql: str) -> Path:
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(demo_file.read_bytes())
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.commit()
    conn.close()
    return path


def run_cli(*args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("VISIT_PLANNER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("case", DAMAGE)
def test_a_damaged_file_is_refused_on_opening_in_one_line(demo_file, tmp_path, case):
    sql, says = DAMAGE[case]
    path = damaged(demo_file, tmp_path, sql)
    before = digest(path)
    with pytest.raises(DatabaseRefused) as refused:
        open_database(path)
    message = str(refused.value)
    assert says in message and "damaged" in message and "\n" not in message
    assert digest(path) == before


@pytest.mark.parametrize("case", ["dropped table", "unknown status"])
def test_import_never_writes_into_a_damaged_file(demo_file, tmp_path, case):
    path = damaged(demo_file, tmp_path, DAMAGE[case][0])
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Designation\nNew Person,Minister\n", encoding="utf-8")
    before = digest(path)
    done = run_cli("import", "people", "--db", str(path), "--visit", "1", str(roster))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "damaged" in done.stderr
    assert digest(path) == before


def test_a_corrupt_page_is_refused_in_one_line(demo_file, tmp_path):
    path = tmp_path / "corrupt.sqlite"
    data = bytearray(demo_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page):
        data[n * page + 8: n * page + 200] = bytes(range(192))  # every page's cell pointers point at garbage
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseRefused) as refused:
        open_database(path)
    assert "\n" not in str(refused.value) and len(str(refused.value)) <= 400


@pytest.fixture
def read_only_file(demo_file, tmp_path):
    path = tmp_path / "read-only.sqlite"
    path.write_bytes(demo_file.read_bytes())
    path.chmod(stat.S_IREAD)
    yield path
    path.chmod(stat.S_IREAD | stat.S_IWRITE)


def test_a_read_only_file_is_refused_for_writing_and_opens_for_reading(read_only_file):
    before = digest(read_only_file)
    with pytest.raises(ReadOnlyDatabase, match="read-only"):
        open_database(read_only_file)
    store = Store(open_database(read_only_file, read_only=True))
    assert store.visits()
    with pytest.raises(sqlite3.OperationalError):
        store.db.execute("UPDATE visits SET title = 'x'")
    visit = store.visits()[0]
    with pytest.raises(ValidationError, match="read-only"):
        store.add(m.Person(visit.id, "New Person"))
    with pytest.raises(ValidationError, match="read-only"):
        store.update(dataclasses.replace(visit, title="Changed"))
    store.db.close()
    assert digest(read_only_file) == before
    assert sorted(p.name for p in read_only_file.parent.iterdir()) == ["read-only.sqlite"]


def test_the_command_line_says_read_only_in_one_line_and_still_lists(read_only_file, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Designation\nNew Person,Minister\n", encoding="utf-8")
    before = digest(read_only_file)
    done = run_cli("import", "people", "--db", str(read_only_file), "--visit", "1", str(roster))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "read-only" in done.stderr
    listed = run_cli("list", "visits", "--db", str(read_only_file))
    assert listed.returncode == 0, listed.stderr
    assert digest(read_only_file) == before


def test_a_schema_damaged_into_bytes_that_are_not_text_is_refused(demo_file, tmp_path):
    # SQLite's error then quotes the broken schema, and that quote is not UTF-8.
    path = tmp_path / "garbled.sqlite"
    data = bytearray(demo_file.read_bytes())
    at = data.index(b"REFERENCES")
    data[at + 6] = 0x88
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseRefused, match="damaged") as refused:
        open_database(path)
    assert "\n" not in str(refused.value)
