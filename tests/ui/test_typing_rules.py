"""Days and times as officers type them."""

from datetime import date, time

import pytest

from planner.ui.widgets.typing_rules import parse_day, parse_time


@pytest.mark.parametrize("text, meant", [
    ("14:30", time(14, 30)), ("1430", time(14, 30)), ("930", time(9, 30)), ("9", time(9, 0)),
    ("14.30", time(14, 30)), ("2:30 pm", time(14, 30)), ("2pm", time(14, 0)), ("12:15 am", time(0, 15)),
    ("12 pm", time(12, 0)), ("10:05 a.m.", time(10, 5)),
])
def test_times(text, meant):
    assert parse_time(text) == meant


@pytest.mark.parametrize("text", ["", "25:00", "14:75", "13 pm", "half past two", "14:3"])
def test_not_times(text):
    assert parse_time(text) is None


NEAR = date(2027, 1, 15)


@pytest.mark.parametrize("text, meant", [
    ("10 May 2027", date(2027, 5, 10)), ("Mon 10 May 2027", date(2027, 5, 10)), ("May 10", date(2027, 5, 10)),
    ("10.05.2027", date(2027, 5, 10)), ("10/5/27", date(2027, 5, 10)), ("2027-05-10", date(2027, 5, 10)),
    ("10 may", date(2027, 5, 10)), ("1 december 2026", date(2026, 12, 1)),
])
def test_days(text, meant):
    assert parse_day(text, NEAR) == meant


@pytest.mark.parametrize("text", ["", "31 Feb 2027", "tomorrow", "10", "10 May 2027 12"])
def test_not_days(text):
    assert parse_day(text, NEAR) is None


def test_the_meeting_editor_takes_typed_times_and_days_at_once(qtbot, demo, tmp_path):
    from PySide6.QtCore import Qt

    from tests.ui.window_helpers import make_window

    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    editor = window.open_meeting(None)
    editor.title_edit.setText("Call on the Speaker")
    editor.start_edit.selectAll()
    qtbot.keyClicks(editor.start_edit, "2:30 pm")
    qtbot.keyClick(editor.start_edit, Qt.Key.Key_Return)
    assert editor.start_edit.text() == "14:30" and editor.isVisible()
    editor.end_edit.selectAll()
    qtbot.keyClicks(editor.end_edit, "1515")
    editor.day_edit.edit.selectAll()
    qtbot.keyClicks(editor.day_edit.edit, "15.12.2026")
    meeting = editor.meeting()
    assert (meeting.start.hour, meeting.start.minute, meeting.end.hour, meeting.end.minute) == (14, 30, 15, 15)
    assert meeting.start.date() == date(2026, 12, 15)
    editor.start_edit.selectAll()
    qtbot.keyClicks(editor.start_edit, "25:00")
    assert editor.meeting().start.hour == 14  # not a time: the last good one stands, the field says so in red
    qtbot.keyClick(editor.start_edit, Qt.Key.Key_Return)
    assert editor.start_edit.text() == "14:30"
    editor.reject()
