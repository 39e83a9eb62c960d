"""Another program writing to the same file: the window reads again, and a busy file keeps what was typed."""

import sqlite3
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from planner.domain import model as m
from planner.storage.store import Store
from planner.storage.transactions import BUSY_MESSAGE
from planner.ui.shell import session as session_module
from tests.ui.window_helpers import make_window

DUSHANBE = ZoneInfo("Asia/Dushanbe")


@pytest.fixture
def on_file(tmp_path):
    """(store, visit id, path) of a small visit in a database file."""
    path = tmp_path / "visit.sqlite"
    store = Store(path)
    visit = m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                    "Asia/Dushanbe", "Asia/Karachi")
    visit = store.insert(visit)
    start = datetime(2026, 12, 14, 10, tzinfo=DUSHANBE)
    store.add(m.Meeting(visit.id, "Talks", start, start + timedelta(hours=1), "Asia/Dushanbe"))
    yield store, visit.id, path
    store.db.close()


def test_the_window_reads_again_when_another_program_changed_the_file(qtbot, on_file, tmp_path):
    store, visit_id, path = on_file
    window = make_window(qtbot, store, visit_id, tmp_path)
    session = window.session
    assert session.outside_changes.isActive() and 1000 <= session.outside_changes.interval() <= 2000
    assert session_module.OUTSIDE_CHANGES_MS == session.outside_changes.interval()
    assert not session.check_outside_changes()  # nothing happened yet

    other = Store(path)  # a second window, or an import from the command line
    start = datetime(2026, 12, 15, 9, tzinfo=DUSHANBE)
    other.add(m.Meeting(visit_id, "Lunch", start, start + timedelta(hours=1), "Asia/Dushanbe"))
    with qtbot.waitSignal(session.changed) as changed:
        assert session.check_outside_changes()
    assert changed.args[0].touches("meetings", "people", "visits") and not changed.args[0].ids("meetings")
    model = window.meetings_model
    assert sorted(model.index(r, 2).data() for r in range(model.rowCount())) == ["Lunch", "Talks"]

    # The window's own writes are not news to it.
    session.notify(store.add(m.Person(visit_id, "Sadia Rehman")))
    assert not session.check_outside_changes()
    other.db.close()


def test_a_busy_file_says_so_in_one_sentence_and_the_editor_keeps_what_was_typed(qtbot, on_file, tmp_path,
                                                                               monkeypatch):
    store, visit_id, path = on_file
    window = make_window(qtbot, store, visit_id, tmp_path)
    told = []
    monkeypatch.setattr("planner.ui.shell.refusals.QMessageBox.warning",
                        lambda _parent, title, text: told.append((title, text)))
    editor = window.open_meeting(None)
    editor.title_edit.setText("Courtesy call on the Speaker")
    editor.notes_edit.setPlainText("Gift: a carpet from Herat.")

    blocker = sqlite3.connect(path)  # another program in the middle of a long write
    blocker.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 50")  # the test need not wait the full five seconds
    editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert [text for _title, text in told] == [BUSY_MESSAGE] and BUSY_MESSAGE.count(".") == 1
    assert editor.isVisible() and editor.title_edit.text() == "Courtesy call on the Speaker"
    assert editor.notes_edit.toPlainText() == "Gift: a carpet from Herat."
    assert window.session.undo_stack.count() == 0
    assert [x.title for x in store.meetings(visit_id)] == ["Talks"]

    blocker.rollback()  # the other program is done: the same OK now saves
    editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not editor.isVisible() and window.session.undo_stack.count() == 1
    assert sorted(x.title for x in store.meetings(visit_id)) == ["Courtesy call on the Speaker", "Talks"]
    blocker.close()


def test_a_visit_another_program_deleted_is_closed_in_the_window(qtbot, on_file, tmp_path):
    store, visit_id, path = on_file
    window = make_window(qtbot, store, visit_id, tmp_path)
    other = Store(path)
    other.delete(other.visit(visit_id))
    other.db.close()
    with qtbot.waitSignal(window.session.visitChanged):
        assert window.session.check_outside_changes()
    assert window.session.visit_id is None and window.meetings_model.rowCount() == 0
    assert window.windowTitle() == "Visit Planner"


def test_the_person_form_stays_open_with_what_was_typed_while_the_file_is_busy(qtbot, on_file, tmp_path,
                                                                              monkeypatch):
    store, visit_id, path = on_file
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.show_tab("people")
    told = []
    monkeypatch.setattr("planner.ui.shell.refusals.QMessageBox.warning",
                        lambda _parent, title, text: told.append(text))
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 50")
    seen = {}

    def in_the_form():
        form = QApplication.activeModalWidget()
        form.name.setText("Rustam Nazarov")
        form.designation.setText("Deputy Minister")
        form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # refused: the file is busy
        seen.update(open=form.isVisible(), name=form.name.text(), designation=form.designation.text(), told=list(told))
        blocker.rollback()
        form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # the same OK, once the file is free

    QTimer.singleShot(0, in_the_form)
    window.people_view.new_person()
    assert seen == {"open": True, "name": "Rustam Nazarov", "designation": "Deputy Minister", "told": [BUSY_MESSAGE]}
    assert [p.designation for p in store.people(visit_id) if p.name == "Rustam Nazarov"] == ["Deputy Minister"]
    assert window.session.undo_stack.count() == 1
    blocker.close()
