"""The B2B window through pytest-qt: the lists, a drag checked against the rules, Schedule off the window's thread,
an import with preview, suggestions, the hall form; every edit one undo step."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex

from planner.storage.queries import b2b as q
from planner.ui.b2b.actions import open_b2b
from planner.ui.b2b.models import OBJECT_ROLE
from tests.ui.window_helpers import make_window


@pytest.fixture
def room(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    return open_b2b(window)


def test_the_room_lists_companies_requests_and_the_plan(room, qtmodeltester):
    assert room.companies_tab.companies_model.rowCount() == 26
    assert room.companies_tab.requests_model.rowCount() == 22
    plan = room.plan_tab.model
    assert plan.rowCount() == 3 and plan.columnCount() == 3  # three tables, three 20-minute slots
    for model in (room.companies_tab.companies_model, room.companies_tab.requests_model, plan,
                  room.suggestions_tab.model):
        qtmodeltester.check(model)
    texts = [plan.data(plan.index(r, s)) for r in range(3) for s in range(3)]
    assert any(t and "Indus Loom Mills\n× Dushanbe Textile Combine" in t for t in texts)


def _first_talk(model):
    for r in range(model.rowCount()):
        for s in range(model.columnCount()):
            talk = model.data(model.index(r, s), OBJECT_ROLE)
            if talk is not None:
                return talk, r, s
    raise AssertionError("no talk")


def test_a_drag_to_a_free_table_moves_the_talk_locked_and_undo_puts_it_back(room):
    store, session = room.session.store, room.session
    model = room.plan_tab.model
    talk, row, slot = _first_talk(model)
    free = next(r for r in range(model.rowCount()) if model.data(model.index(r, slot), OBJECT_ROLE) is None)
    model.dropMimeData(model.mimeData([model.index(row, slot)]), None, -1, -1, model.index(free, slot))
    moved = next(t for t in q.talks(store.db, session.visit_id) if t.request_id == talk.request_id)
    assert (moved.slot, moved.table, moved.locked) == (slot, free, True)
    session.undo_stack.undo()
    back = next(t for t in q.talks(store.db, session.visit_id) if t.request_id == talk.request_id)
    assert (back.slot, back.table, back.locked) == (talk.slot, talk.table, False)


def test_a_drag_that_breaks_a_rule_is_refused_with_the_reason(room):
    store, session = room.session.store, room.session
    model = room.plan_tab.model
    talk, row, slot = _first_talk(model)
    taken = next((r, s) for r in range(model.rowCount()) for s in range(model.columnCount())
                 if model.data(model.index(r, s), OBJECT_ROLE) not in (None, talk))
    depth = session.undo_stack.count()
    model.dropMimeData(model.mimeData([model.index(row, slot)]), None, -1, -1, model.index(*taken))
    assert session.undo_stack.count() == depth
    assert room.status.text().startswith("The talk stays where it was: ")
    assert next(t for t in q.talks(store.db, session.visit_id) if t.request_id == talk.request_id) == talk


def test_schedule_runs_in_a_thread_and_its_plan_is_one_undo_step(room, qtbot):
    session = room.session
    before = q.talks(session.store.db, session.visit_id)
    room.plan_tab.time_limit.setValue(3)
    room.plan_tab.schedule()
    assert room.plan_tab.thread.isRunning()
    with qtbot.waitSignal(room.plan_tab.thread.finished, timeout=60000):
        pass
    qtbot.waitUntil(lambda: session.undo_stack.count() == 1, timeout=5000)
    assert room.plan_tab.summary.text().startswith("Placed 20 of 22 requests")
    assert "Vakhsh Agro already has its 3 talks" in room.plan_tab.reasons.toPlainText()
    session.undo_stack.undo()
    assert q.talks(session.store.db, session.visit_id) == before


def test_lock_toggles_the_selected_talk(room):
    model, grid = room.plan_tab.model, room.plan_tab.grid
    talk, row, slot = _first_talk(model)
    grid.setCurrentIndex(model.index(row, slot))
    room.plan_tab.toggle_lock()
    assert next(t for t in q.talks(room.session.store.db, room.session.visit_id)
                if t.request_id == talk.request_id).locked


def test_accepting_a_suggestion_adds_a_request(room):
    tab = room.suggestions_tab
    assert tab.model.rowCount() > 0
    tab.view.selectRow(0)
    before = room.companies_tab.requests_model.rowCount()
    tab.accept_selected()
    assert room.companies_tab.requests_model.rowCount() == before + 1
    room.session.undo_stack.undo()
    assert room.companies_tab.requests_model.rowCount() == before


def test_import_requests_with_preview_is_one_undo_step(room, monkeypatch, tmp_path):
    path = tmp_path / "requests.csv"
    path.write_text("Company,Wants to meet,Priority\nNew Textiles,Dushanbe Textile Combine,must\n", encoding="utf-8")
    monkeypatch.setattr("planner.ui.b2b.forms.PreviewDialog.exec", lambda self: 1)
    room.companies_tab.import_requests(str(path))
    assert "new company: New Textiles (guest)" in room.last_preview_dialog.findChild(
        type(room.plan_tab.reasons)).toPlainText()
    assert room.companies_tab.companies_model.rowCount() == 27
    room.session.undo_stack.undo()
    assert room.companies_tab.companies_model.rowCount() == 26


def test_the_hall_form_refuses_a_bad_break_and_saves_a_good_hall(room, qtbot):
    from planner.ui.b2b.forms import HallDialog

    meeting = room.plan_tab.current_meeting()
    dialog = HallDialog(room.data.halls[meeting.id], meeting.title)
    qtbot.addWidget(dialog)
    dialog.breaks.setText("15:00–14:00")
    dialog.accept()
    assert "not a time span" in dialog.problem.text() and not dialog.result()
    dialog.breaks.setText("")
    dialog.tables.setText("4")
    dialog.interpreters.setText("Urdu–Tajik x2")
    hall = dialog.value()
    assert hall.tables == ("1", "2", "3", "4") and hall.interpreters[0].count == 2
    from planner.ui.b2b.commands import HallCommand

    assert room.run(HallCommand(room.session, hall))
    assert room.plan_tab.model.rowCount() == 4
    room.session.undo_stack.undo()
    assert room.plan_tab.model.rowCount() == 3
    assert not room.run(HallCommand(room.session, replace(hall, tables=())))
    assert "at least one table" in room.status.text()


def test_the_room_works_on_an_empty_visit(qtbot, store, tmp_path):
    from datetime import date

    from planner.domain import model as m

    visit = store.insert(m.Visit("Empty", m.VisitKind.WORKING, "TJ", "PK", date(2026, 1, 1), date(2026, 1, 2),
                                 "Asia/Dushanbe", "Asia/Karachi"))
    window = make_window(qtbot, store, visit.id, tmp_path)
    room = open_b2b(window)
    assert room.companies_tab.companies_model.rowCount() == 0 and room.plan_tab.model.rowCount() == 0
    room.plan_tab.schedule()
    assert "hall first" in room.status.text()
    assert QModelIndex().isValid() is False
