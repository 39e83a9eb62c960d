"""The Conflicts panel: errors first, current after every edit, and a click selects the meetings."""

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt

from planner.domain.conflicts import ConflictKind
from planner.domain.model import Meeting, MeetingStatus
from planner.domain.validation import Severity
from planner.ui.conflicts.panel import ConflictRole, ConflictsModel, summary
from planner.ui.conflicts.watch import ConflictWatch
from planner.ui.meetings.model import COL
from planner.ui.shell.commands import EditCommand, MeetingState, SaveMeetingCommand
from planner.ui.shell.session import Session
from tests.ui.window_helpers import make_window, meeting_by_title


def test_conflicts_model_passes_the_model_tester(qtmodeltester, demo):
    store, visit_id = demo
    session = Session(store, visit_id)
    model = ConflictsModel(session, ConflictWatch(session))
    qtmodeltester.check(model)
    assert model.rowCount() == 1  # the demo's virtual session happens a week before the visit
    assert model.index(0).data(ConflictRole).kind is ConflictKind.OUTSIDE_VISIT


def test_a_double_booked_venue_appears_first_and_goes_on_undo(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    panel = window.conflicts_panel
    assert panel.summary.text() == "1 warning."
    talks = meeting_by_title(store, visit_id, "Delegation-level talks")
    clash = Meeting(visit_id, "Briefing of the press attachés", talks.start + timedelta(minutes=15),
                    talks.end, talks.zone, venue_id=talks.venue_id)
    window.session.run(SaveMeetingCommand(window.session, None, MeetingState(clash)))

    first = panel.model.index(0).data(ConflictRole)
    assert first.severity is Severity.ERROR and first.kind is ConflictKind.VENUE
    assert panel.model.index(0).data().startswith("Error · venue double-booked: Palace of the Nation")
    assert panel.summary.text() == "1 error, 1 warning."
    row = window.meetings_model.row_of(talks.id)
    assert window.meetings_model.index(row, COL["Conflicts"]).data() == "1 (1 error)"

    window.session.undo_stack.undo()
    assert panel.summary.text() == "1 warning."
    assert window.meetings_model.index(window.meetings_model.row_of(talks.id), COL["Conflicts"]).data() == ""


def test_cancelling_a_meeting_settles_its_conflict(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    virtual = meeting_by_title(store, visit_id, "Virtual interactive session of the industries ministers")
    cancelled = store.meeting(virtual.id)
    cancelled = replace(cancelled, status=MeetingStatus.CANCELLED)
    window.session.run(EditCommand(window.session, virtual, cancelled))
    assert window.conflicts_panel.summary.text() == "No conflicts."
    window.session.undo_stack.undo()
    assert window.conflicts_panel.model.rowCount() == 1


def test_clicking_a_conflict_selects_its_meetings_even_when_filtered_out(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.show_tab("people")
    window.meetings_panel.kind_filter.setCurrentIndex(window.meetings_panel.kind_filter.findData("meal"))
    view = window.conflicts_panel.view
    rect = view.visualRect(window.conflicts_panel.model.index(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    virtual = meeting_by_title(store, visit_id, "Virtual interactive session of the industries ministers")
    assert window.tabs.currentWidget() is window.meetings_panel
    assert window.meetings_panel.proxy.rowCount() == 21  # the filter that hid it was cleared
    assert window.selected_meeting_ids() == [virtual.id]


def test_summary_counts_errors_and_warnings():
    from planner.domain.conflicts import Conflict

    def conflict(severity):
        return Conflict(ConflictKind.VENUE, severity, "", (1,))

    assert summary([]) == "No conflicts."
    assert summary([conflict(Severity.ERROR)] * 2 + [conflict(Severity.WARNING)]) == "2 errors, 1 warning."
    assert summary([conflict(Severity.WARNING)] * 3) == "3 warnings."


def test_a_large_visit_in_a_file_finds_conflicts_in_the_background(qtbot, tmp_path, monkeypatch):
    from planner.demo import build_demo
    from planner.storage.database import open_database
    from planner.storage.store import Store
    from planner.ui.conflicts import watch as conflict_watch

    monkeypatch.setattr(conflict_watch, "BACKGROUND_FROM", 1)  # the demo counts as large here
    store = Store(open_database(tmp_path / "visit.sqlite"))
    visit_id = build_demo(store)
    window = make_window(qtbot, store, visit_id, tmp_path)
    watch, panel = window.watch, window.conflicts_panel
    assert watch.in_background()
    assert panel.summary.text() == "Checking for conflicts…" or not watch.pending
    qtbot.waitUntil(lambda: not watch.pending, timeout=10_000)
    assert panel.summary.text() == "1 warning."

    talks = meeting_by_title(store, visit_id, "Delegation-level talks")
    clash = Meeting(visit_id, "Press briefing", talks.start, talks.end, talks.zone, venue_id=talks.venue_id)
    with qtbot.waitSignal(watch.updated, timeout=10_000):
        window.session.run(SaveMeetingCommand(window.session, None, MeetingState(clash)))
        assert panel.summary.text() == "1 warning. Checking again…"
    qtbot.waitUntil(lambda: not watch.pending, timeout=10_000)
    assert panel.summary.text() == "1 error, 1 warning."
    row = window.meetings_model.row_of(talks.id)
    assert window.meetings_model.index(row, COL["Conflicts"]).data() == "1 (1 error)"
