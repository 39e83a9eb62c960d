"""The reading of a whole file for damage on a thread of its own: the same refusals as reading it first, and a
file found damaged while open is never written to."""

import dataclasses
import sqlite3

import pytest

from planner.domain import model as m
from planner.domain.validation import ValidationError
from planner.storage.database import DatabaseRefused, open_database
from planner.storage.file_checks import FileCheck, check_in_background, whole_file_problem
from planner.storage.store import Store
from tests.storage import test_damaged_database as damage_tests
from tests.storage.test_damaged_database import DAMAGE, damaged, digest

demo_file = damage_tests.demo_file  # the demo visit in a file, in rollback-journal mode


def in_wal_mode(path):
    """As Visit Planner leaves its files: in WAL mode, so that opening them writes nothing."""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    conn.close()
    return path


def refusal(path, **options) -> str:
    with pytest.raises(DatabaseRefused) as refused:
        open_database(path, **options)
    return str(refused.value)


@pytest.mark.parametrize("case", DAMAGE)
def test_the_thread_finds_what_reading_first_finds(demo_file, tmp_path, case):
    path = in_wal_mode(damaged(demo_file, tmp_path, DAMAGE[case][0]))
    assert whole_file_problem(path) == refusal(path)


@pytest.mark.parametrize("case", DAMAGE)
def test_a_file_found_damaged_while_open_refuses_every_write_and_is_never_changed(demo_file, tmp_path, case):
    path = in_wal_mode(damaged(demo_file, tmp_path, DAMAGE[case][0]))
    before = digest(path)
    db = open_database(path, checking=FileCheck(path))  # the schema is this version's: it opens at once
    store = Store(db)
    with pytest.raises(ValidationError) as refused:
        store.add(m.Sector(1, "Fisheries"))
    message = str(refused.value)
    assert DAMAGE[case][1] in message and "damaged" in message and "nothing was saved" in message
    assert "\n" not in message
    assert db.whole_file_problem() == whole_file_problem(path)
    with pytest.raises(ValidationError, match="damaged"):  # and every later write too
        store.update(dataclasses.replace(store.visits()[0], title="Changed"))
    db.close()
    assert digest(path) == before


def test_a_broken_page_found_by_the_thread_is_the_reason_given(demo_file, tmp_path):
    path = tmp_path / "corrupt.sqlite"
    path.write_bytes(demo_file.read_bytes())
    path = in_wal_mode(path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page):
        data[n * page + 8: n * page + 200] = bytes(range(192))
    path.write_bytes(bytes(data))
    expected = refusal(path)
    assert refusal(path, checking=FileCheck(path)) == expected
    assert "\n" not in expected


def test_a_whole_file_opens_with_the_thread_and_writes_once_it_has_answered(demo_file, tmp_path):
    path = tmp_path / "whole.sqlite"
    path.write_bytes(demo_file.read_bytes())
    path = in_wal_mode(path)
    checking = check_in_background(path)
    db = open_database(path, checking=checking)
    assert db.checking is checking
    store = Store(db)
    store.add(m.Sector(store.visits()[0].id, "Fisheries"))
    assert db.checking is None and checking.done() and db.whole_file_problem() is None
    db.close()


def test_a_file_that_needs_writing_at_once_waits_for_the_thread(demo_file, tmp_path):
    """Not in WAL mode yet (opening it would change its journal): the reading is awaited before."""
    path = damaged(demo_file, tmp_path, DAMAGE["unknown side"][0])  # left in rollback-journal mode
    before = digest(path)
    assert refusal(path, checking=FileCheck(path)) == refusal(path)
    assert digest(path) == before


def test_a_check_of_another_file_or_of_nothing_is_not_used(demo_file, tmp_path):
    assert check_in_background(tmp_path / "missing.sqlite") is None and check_in_background(None) is None
    other = in_wal_mode(damaged(demo_file, tmp_path, DAMAGE["unknown side"][0]))
    path = tmp_path / "new.sqlite"
    db = open_database(path, checking=FileCheck(other))
    assert db.checking is None
    db.close()


@pytest.mark.parametrize("content", [b"", b"these are not the tables you are looking for",
                                     b"SQLite format 3\x00 and then nothing"])
def test_what_the_header_tells_is_said_first_as_without_the_thread(tmp_path, content):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    assert refusal(path, checking=FileCheck(path)) == refusal(path)
    assert path.read_bytes() == content


@pytest.mark.parametrize("wal", [True, False])
def test_an_older_file_found_damaged_is_refused_as_it_was_not_half_upgraded(tmp_path, wal):
    from planner.storage.database import configure
    from planner.storage.migrations import migrations
    from planner.storage.transactions import VisitDatabase

    path = tmp_path / "older.sqlite"
    older = configure(VisitDatabase(path))
    last = migrations.names()[-1]
    migrations.apply(older, stop_before=[last])  # as an older Visit Planner left it
    older.execute("INSERT INTO visits (title, kind, first_day, last_day, zone, home_zone, status, revision) "
                  "VALUES ('Old', 'official', '2026-12-14', '2026-12-16', 'Asia/Dushanbe', 'Asia/Karachi', "
                  "'shelved', 0)")  # a status no version knows
    if wal:
        older.execute("PRAGMA journal_mode = WAL")
    older.close()
    before = digest(path)
    with pytest.raises(DatabaseRefused) as refused:
        open_database(path, checking=FileCheck(path))
    message = str(refused.value)
    assert "visits.status holds 'shelved'" in message and "not changed" in message and "\n" not in message
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["older.sqlite"]  # no upgrade, so no copy of it kept
