"""Two programs editing one database file: every write waits its turn, none is lost."""

import dataclasses
import multiprocessing
import sqlite3
from datetime import date

import pytest

from planner.domain import model as m
from planner.domain.validation import ValidationError
from planner.storage import transactions
from planner.storage.database import DatabaseRefused, configure, open_database
from planner.storage.migrations import migrations
from planner.storage.store import Store
from planner.storage.transactions import BUSY_MESSAGE, BUSY_TIMEOUT_MS, FileBusy, VisitDatabase
from tests.storage.two_writers import edit_in_a_loop

EDITS = 80


def test_two_processes_editing_one_file_lose_no_edit(tmp_path):
    path = tmp_path / "visit.sqlite"
    store = Store(path)
    visit = m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                    "Asia/Dushanbe", "Asia/Karachi", notes="0")
    visit = store.insert(visit)
    spawn = multiprocessing.get_context("spawn")  # as on Windows and macOS: nothing inherited
    barrier = spawn.Barrier(2)
    writers = [spawn.Process(target=edit_in_a_loop, args=(str(path), visit.id, name, EDITS, barrier))
               for name in ("Window", "Import")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]  # no edit of either failed
    assert store.visit(visit.id).notes == str(2 * EDITS)  # each read-and-write saw the other's
    assert len(store.people(visit.id)) == 2 * EDITS
    logged = store.db.execute("SELECT count(*) FROM change_log WHERE table_name = 'people'").fetchone()[0]
    assert logged == 2 * EDITS


def traced(db) -> list[str]:
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    return statements


def begins(statements: list[str]) -> list[str]:
    return [s.strip().upper() for s in statements if s.strip().upper().startswith("BEGIN")]


def test_every_transaction_takes_the_write_lock_at_its_start_migrations_and_bulk_writes_included(store, visit):
    fresh = VisitDatabase(memory=True)
    configure(fresh)
    statements = traced(fresh)
    migrations.apply(fresh)
    assert begins(statements) and set(begins(statements)) == {"BEGIN IMMEDIATE"}

    statements = traced(store.db)
    person = m.Person(visit.id, "Sadia Rehman")
    person = store.insert(person)
    store.update(dataclasses.replace(person, designation="Protocol officer"))
    store.add_many([m.Person(visit.id, f"Member {n}") for n in range(3)])
    removed = store.delete(person)
    store.restore_many(removed)
    store.db.execute("UPDATE people SET notes = 'x' WHERE id = ?", [person.id])  # a lone statement
    store.issue_revision(visit.id)
    assert len(begins(statements)) == 7 and set(begins(statements)) == {"BEGIN IMMEDIATE"}


def test_a_file_that_stays_busy_refuses_the_write_in_one_sentence_and_changes_nothing(tmp_path):
    path = tmp_path / "visit.sqlite"
    store = Store(path)
    visit = m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                    "Asia/Dushanbe", "Asia/Karachi")
    visit = store.insert(visit)
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 20")
    with pytest.raises(FileBusy) as refused:
        store.add(m.Person(visit.id, "Sadia Rehman"))
    assert str(refused.value) == BUSY_MESSAGE and isinstance(refused.value, ValidationError)
    blocker.rollback()
    assert store.people(visit.id) == [] and not store.db.conn.in_transaction
    store.add(m.Person(visit.id, "Sadia Rehman"))  # once the other program is done, the same write goes through
    assert [p.name for p in store.people(visit.id)] == ["Sadia Rehman"]
    blocker.close()
    store.db.close()


def test_bringing_a_file_up_to_date_waits_for_the_other_program_and_says_so_when_it_cannot(tmp_path, monkeypatch):
    path = tmp_path / "older.sqlite"
    older = VisitDatabase(path)
    configure(older)
    last = [x.name for x in migrations.pending(older)][-1]
    migrations.apply(older, stop_before=[last])  # as an older Visit Planner left it
    older.execute("PRAGMA journal_mode = WAL")
    older.close()
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(transactions, "BUSY_TIMEOUT_MS", 20)
    with pytest.raises(DatabaseRefused, match="another program kept it busy") as refused:
        open_database(path)
    assert len(str(refused.value).splitlines()) == 1
    blocker.rollback()
    blocker.close()
    store = Store(open_database(path))  # the other program is done: the file is brought up to date
    assert not migrations.pending(store.db)
    store.db.close()
