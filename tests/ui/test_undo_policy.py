"""One undo policy: the first write happens before the step is pushed; a refused write leaves no step and says why."""

import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.domain import model as m
from planner.storage.store import Store
from planner.storage.transactions import BUSY_MESSAGE
from planner.ui.files import ics_actions
from planner.ui.files.ics_actions import ImportCommand
from planner.ui.shell.commands import AddCommand, DeleteCommand, EditCommand
from planner.ui.shell.session import Session
from planner.ui.widgets import file_dialogs
from tests.ui.test_ics_actions import OUTLOOK, counts
from tests.ui.window_helpers import make_window

DUSHANBE = ZoneInfo("Asia/Dushanbe")


@pytest.fixture
def told(monkeypatch):
    """What the one message box of refusals said: (title, text) pairs."""
    said = []
    monkeypatch.setattr("planner.ui.shell.refusals.QMessageBox.warning",
                        lambda _parent, title, text: said.append((title, text)))
    return said


def fail_on_call(monkeypatch, store, method: str, call: int, error: Exception):
    """Make ``store.method`` raise ``error`` on its ``call``-th use (1-based), working normally before."""
    real = getattr(store, method)
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == call:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(store, method, failing)
    return calls


def test_a_refused_write_leaves_no_step_and_says_why_in_one_sentence(qtbot, demo, told, monkeypatch):
    store, visit_id = demo
    session = Session(store, visit_id)
    lunch = next(x for x in store.meetings(visit_id) if x.title == "Working lunch")
    fail_on_call(monkeypatch, store, "update", 1, sqlite3.OperationalError("disk I/O error"))
    done = session.run(EditCommand(session, lunch, replace(lunch, title="Lunch"), text="Rename lunch"))
    assert not done and session.undo_stack.count() == 0
    assert told == [("Rename lunch: not done", "The database refused the change (disk I/O error).")]
    assert store.meeting(lunch.id) == lunch


def test_an_invalid_object_is_refused_before_the_stack_and_a_valid_one_is_one_step(qtbot, demo, told):
    store, visit_id = demo
    session = Session(store, visit_id)
    assert not session.run(AddCommand(session, m.Person(visit_id, "Nobody", email="not-an-address")))
    assert session.undo_stack.count() == 0 and len(told) == 1 and "e-mail" in told[0][1]
    assert told[0][1].count(".") == 1 and told[0][1].endswith(".")
    command = AddCommand(session, m.Person(visit_id, "Somebody"))
    assert session.run(command) and session.undo_stack.count() == 1
    person_id = command.objects[0].id
    session.undo_stack.undo()
    assert store.person(person_id) is None
    session.undo_stack.redo()
    assert store.person(person_id).name == "Somebody"


@pytest.fixture
def on_file(tmp_path):
    path = tmp_path / "visit.sqlite"
    store = Store(path)
    visit = store.insert(m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                                 "Asia/Dushanbe", "Asia/Karachi"))
    start = datetime(2026, 12, 14, 10, tzinfo=DUSHANBE)
    store.add(m.Meeting(visit.id, "Talks", start, start + timedelta(hours=1), "Asia/Dushanbe"))
    yield store, visit.id, path
    store.db.close()


def test_a_file_held_by_another_program_leaves_no_step_and_a_refused_undo_stays_undoable(qtbot, on_file, told):
    store, visit_id, path = on_file
    session = Session(store, visit_id)
    command = AddCommand(session, m.Person(visit_id, "Sadia Rehman"))
    blocker = sqlite3.connect(path)  # another program in the middle of a long write
    blocker.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 20")  # the test need not wait the full five seconds
    assert not session.run(command)
    assert session.undo_stack.count() == 0 and [text for _title, text in told] == [BUSY_MESSAGE]
    blocker.rollback()

    assert session.run(AddCommand(session, m.Person(visit_id, "Sadia Rehman"))) and session.undo_stack.count() == 1
    blocker.execute("BEGIN IMMEDIATE")
    session.undo_stack.undo()  # refused: the person stays, and so does the step, still to be undone
    assert told[-1] == ("Undo Add Sadia Rehman: not done", BUSY_MESSAGE)
    qtbot.waitUntil(lambda: session.undo_stack.index() == 1)
    assert [p.name for p in store.people(visit_id)] == ["Sadia Rehman"] and session.undo_stack.canUndo()
    blocker.rollback()
    session.undo_stack.undo()
    assert store.people(visit_id) == [] and session.undo_stack.index() == 0
    blocker.close()


def test_deleting_meetings_is_one_transaction(qtbot, demo, told, monkeypatch):
    store, visit_id = demo
    session = Session(store, visit_id)
    ids = [x.id for x in store.meetings(visit_id)][:3]
    before = counts(store, visit_id)
    fail_on_call(monkeypatch, store, "delete", 3, sqlite3.OperationalError("disk I/O error"))
    assert not session.run(DeleteCommand.of_meetings(session, ids))
    assert counts(store, visit_id) == before and session.undo_stack.count() == 0 and len(told) == 1


@pytest.fixture
def window(qtbot, demo, tmp_path):
    store, visit_id = demo
    return make_window(qtbot, store, visit_id, tmp_path)


def test_cancelling_several_meetings_is_one_transaction_and_one_step(qtbot, window, told, monkeypatch, tmp_path):
    session, store = window.session, window.session.store
    meetings = [x for x in store.meetings(session.visit_id) if x.status is not m.MeetingStatus.CANCELLED][:3]
    out = tmp_path / "cancellations"  # several meetings: one file each, in a folder
    out.mkdir()

    def choose():
        monkeypatch.setattr(window, "selected_meeting_ids", lambda: [x.id for x in meetings])
        monkeypatch.setattr(file_dialogs, "folder", lambda *a, **k: str(out))

    choose()
    calls = fail_on_call(monkeypatch, store, "update", 2, sqlite3.OperationalError("database disk image is malformed"))
    ics_actions.export_cancellation(window)  # the second of three cancellations fails
    assert len(calls) == 2 and [store.meeting(x.id) for x in meetings] == meetings  # the first was rolled back
    assert session.undo_stack.count() == 0 and not any(out.iterdir())
    assert told == [("Cancel 3 meeting(s): not done",
                     "The database refused the change (database disk image is malformed).")]

    monkeypatch.delattr(store, "update")  # the store writes again
    ics_actions.export_cancellation(window)
    assert all(store.meeting(x.id).status is m.MeetingStatus.CANCELLED for x in meetings)
    assert len(list(out.iterdir())) == 3
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "Cancel 3 meeting(s)"
    session.undo_stack.undo()
    assert [store.meeting(x.id).status for x in meetings] == [x.status for x in meetings]


def test_a_cancellation_that_cannot_be_written_cancels_nothing(qtbot, window, monkeypatch, tmp_path):
    session, store = window.session, window.session.store
    meeting = next(x for x in store.meetings(session.visit_id) if x.status is not m.MeetingStatus.CANCELLED)
    monkeypatch.setattr(window, "selected_meeting_ids", lambda: [meeting.id])
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(tmp_path / "no" / "x.ics"), ""))
    shown = []
    monkeypatch.setattr(ics_actions.QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    ics_actions.export_cancellation(window)
    assert shown and shown[0].startswith("The cancellation was not written")
    assert store.meeting(meeting.id) == meeting and session.undo_stack.count() == 0


def test_a_calendar_import_that_fails_half_way_leaves_nothing_and_no_step(qtbot, demo, told, monkeypatch):
    from planner.mail.inbox import plan_import

    store, visit_id = demo
    session = Session(store, visit_id)
    before = counts(store, visit_id)
    plan = plan_import(store, visit_id, OUTLOOK)
    fail_on_call(monkeypatch, store, "add_many", 2, sqlite3.OperationalError("disk I/O error"))
    assert not session.run(ImportCommand(session, plan, "outlook.ics"))
    assert counts(store, visit_id) == before and session.undo_stack.count() == 0
    assert told == [("Import outlook.ics: not done", "The database refused the change (disk I/O error).")]


def test_no_window_module_pushes_past_the_policy():
    """Every step reaches the undo stack through Session.run, which writes first."""
    root = Path(__file__).parents[2] / "planner" / "ui"
    pushing = [str(path.relative_to(root)) for path in root.rglob("*.py")
               if "undo_stack.push(" in path.read_text(encoding="utf-8")]
    assert pushing == ["shell/session.py"]
