"""Clocks in the window: the editor on the nights the clocks change, the day filter and all-day meetings."""

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialogButtonBox

from planner.domain import model as m
from planner.domain.zones import instant
from planner.ui.meetings.editor import MeetingEditor
from planner.ui.meetings.model import MeetingsModel
from planner.ui.shell.session import Session
from tests.ui.window_helpers import make_window, meeting_by_title

SPRING_FORWARD, FALL_BACK = date(2026, 3, 29), date(2026, 10, 25)  # in Berlin


@pytest.fixture
def berlin(store):
    """(store, visit id) of an empty visit in Berlin over both nights the clocks change."""
    visit = m.Visit("Berlin", m.VisitKind.WORKING, "DE", "PK", SPRING_FORWARD, FALL_BACK, "Europe/Berlin",
                    "Asia/Karachi")
    visit = store.insert(visit)
    return store, visit.id


def editor_for(qtbot, store, visit_id, meeting_id=None) -> MeetingEditor:
    editor = MeetingEditor(Session(store, visit_id), meeting_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def ok(editor):
    return editor.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_a_time_the_clocks_skip_is_refused_next_to_the_field(qtbot, berlin):
    store, visit_id = berlin
    editor = editor_for(qtbot, store, visit_id)
    editor.title_edit.setText("Night train")
    editor.day_edit.setDate(QDate(SPRING_FORWARD))
    editor.start_edit.setTime(QTime(2, 30))
    editor.end_edit.setTime(QTime(4, 0))
    assert editor.messages["start"].isVisible() and not ok(editor).isEnabled()
    assert editor.messages["start"].text() == ("There is no 02:30 on Sun 29 Mar 2026 in Berlin: the clocks go "
                                               "forward from 02:00 to 03:00. Choose a time before 02:00 or from 03:00.")
    assert editor.meeting().start.hour == 2  # as typed, not moved to 03:30
    editor.start_edit.setTime(QTime(1, 0))
    assert ok(editor).isEnabled() and not editor.messages["start"].isVisible()
    assert "120 min meeting" in editor.agenda_total.text()  # 01:00 to 04:00 that night
    ok(editor).click()
    stored = meeting_by_title(store, visit_id, "Night train")
    assert stored.duration_minutes() == 120 and instant(stored.start) == datetime(2026, 3, 29, 0, 0, tzinfo=UTC)


def test_a_time_the_clocks_pass_twice_says_which_pass_and_can_be_the_second(qtbot, berlin):
    store, visit_id = berlin
    editor = editor_for(qtbot, store, visit_id)
    editor.title_edit.setText("Late call")
    editor.day_edit.setDate(QDate(FALL_BACK))
    assert not editor.start_fold.isVisible()
    editor.start_edit.setTime(QTime(2, 30))
    editor.end_edit.setTime(QTime(3, 30))
    assert editor.start_fold.isVisible() and not editor.end_fold.isVisible()
    assert "the first 02:30, UTC+02:00" in editor.messages["start"].text() and ok(editor).isEnabled()
    assert [editor.start_fold.itemText(i) for i in (0, 1)] == ["first 02:30 (UTC+02:00)", "second 02:30 (UTC+01:00)"]
    editor.start_fold.setCurrentIndex(1)
    assert "the second 02:30, UTC+01:00" in editor.messages["start"].text()
    ok(editor).click()
    stored = meeting_by_title(store, visit_id, "Late call")
    assert instant(stored.start) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC) and stored.duration_minutes() == 60

    # Opened again and only renamed, it stays on the second pass.
    again = editor_for(qtbot, store, visit_id, stored.id)
    assert again.start_fold.currentIndex() == 1
    again.title_edit.setText("Late call with Karachi")
    ok(again).click()
    assert instant(store.meeting(stored.id).start) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_the_day_filter_shows_an_all_day_meeting_on_its_days_only(qtbot, demo, tmp_path):
    store, visit_id = demo
    store.add(m.Meeting(visit_id, "Exhibition", date(2026, 12, 14), date(2026, 12, 15), "Asia/Dushanbe"))
    window = make_window(qtbot, store, visit_id, tmp_path)
    panel = window.meetings_panel

    def titles_on(day):
        panel.day_filter.setCurrentIndex(panel.day_filter.findData(day.isoformat()))
        return [panel.proxy.index(r, 2).data() for r in range(panel.proxy.rowCount())]

    assert "Exhibition" in titles_on(date(2026, 12, 14)) and "Exhibition" in titles_on(date(2026, 12, 15))
    assert "Exhibition" not in titles_on(date(2026, 12, 16))


def test_an_all_day_meeting_keeps_its_calendar_day_whatever_its_zone(store):
    visit = m.Visit("V", m.VisitKind.WORKING, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16), "Asia/Dushanbe",
                    "Asia/Karachi")
    visit = store.insert(visit)
    # Midnight in New York is already the next morning in Dushanbe: an all-day date is not a time.
    store.add(m.Meeting(visit.id, "Film week", date(2026, 12, 14), date(2026, 12, 14), "America/New_York"))
    model = MeetingsModel(Session(store, visit.id))
    assert model.days() == visit.days()
    assert model.index(0, 0).data() == "Mon 14 Dec"
    assert model.accepts(0, "", date(2026, 12, 14), None, None)
    assert not model.accepts(0, "", date(2026, 12, 15), None, None)
