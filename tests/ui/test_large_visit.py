"""A very large visit: the window appears first, then reads its meetings a chunk at a time with progress."""

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from planner.demo import build_demo
from planner.domain.model import Meeting
from planner.storage.database import open_database
from planner.storage.store import Store
from planner.ui.meetings import model as meetings_model
from planner.ui.meetings.model import COL, MeetingRole, MeetingsFilter, MeetingsModel
from planner.ui.shell import launch
from planner.ui.shell.commands import MeetingState, SaveMeetingCommand
from planner.ui.shell.session import Session
from tests.ui.window_helpers import loaded_at_first_paint, make_window, meeting_by_title

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def large(monkeypatch, tmp_path):
    """The demo visit in a file, counted as large: its 21 meetings are read 8 at a time."""
    monkeypatch.setattr(meetings_model, "READ_IN_CHUNKS_FROM", 5)
    monkeypatch.setattr(meetings_model, "CHUNK", 8)
    monkeypatch.setattr(meetings_model, "CHUNK_SECONDS", 0)  # 8 every turn
    store = Store(open_database(tmp_path / "visit.sqlite"))
    return store, build_demo(store)


def titles(model) -> list[str]:
    return [model.index(row, COL["Title"]).data() for row in range(model.rowCount())]


def test_the_window_appears_before_the_meetings_are_read_and_shows_progress(qtbot, large, tmp_path):
    store, visit_id = large
    window = launch.show_window(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    try:
        model, panel = window.meetings_model, window.meetings_panel
        assert window.isVisible() and model.rowCount() == 0 and model.reading_total() == 21
        assert window.reading_bar.isVisibleTo(window) and window.reading_bar.maximum() == 21
        assert panel.count_label.text() == "Reading meetings… 0 of 21"
        progress = []
        model.reading.connect(lambda done, total: progress.append((done, total)))
        qtbot.waitUntil(lambda: model.reading_total() is None, timeout=5000)
        assert progress == [(8, 21), (16, 21), (21, 21)]
        assert model.rowCount() == 21 and panel.count_label.text() == "21 meetings"
        assert not window.reading_bar.isVisibleTo(window)
        assert panel.day_filter.count() == 1 + len(model.days())  # "Every day" and the visit's days
        starts = [model.index(row, 0).data(MeetingRole).starts_at() for row in range(21)]
        assert starts == sorted(starts)
        assert gc.get_freeze_count() > 0  # what the window holds is left out of the collector's full passes
    finally:
        window.close()


def test_each_turn_reads_as_many_meetings_as_fit_in_its_time(qtbot, large, monkeypatch):
    store, visit_id = large
    monkeypatch.setattr(meetings_model, "CHUNK_SECONDS", 60.0)  # far more time than 8 meetings take
    model = MeetingsModel(Session(store, visit_id))
    progress = []
    model.reading.connect(lambda done, total: progress.append((done, total)))
    qtbot.waitUntil(lambda: model.reading_total() is None, timeout=5000)
    assert progress == [(8, 21), (21, 21)]


def test_rows_read_in_chunks_pass_the_model_tester_and_end_in_the_chosen_order(qtmodeltester, qtbot, large,
                                                                               monkeypatch):
    store, visit_id = large
    with monkeypatch.context() as small:
        small.setattr(meetings_model, "READ_IN_CHUNKS_FROM", 1000)  # read at once, for comparison
        at_once = MeetingsFilter()
        at_once.setSourceModel(MeetingsModel(Session(store, visit_id), at_once))
        at_once.set_text("b2b")
    model = MeetingsModel(Session(store, visit_id), hold=True)
    proxy = MeetingsFilter()
    proxy.setSourceModel(model)
    proxy.set_text("b2b")
    qtmodeltester.check(model)
    model.sort(COL["Title"], Qt.SortOrder.DescendingOrder)  # chosen before the rows are in
    assert model.rowCount() == 0  # held until release()
    model.release()
    qtbot.waitUntil(lambda: model.reading_total() is None, timeout=5000)
    expected = sorted((m.title for m in store.meetings(visit_id)), key=str.casefold, reverse=True)
    assert titles(model) == expected
    assert proxy.rowCount() == at_once.rowCount() == 7  # six B2B sessions by title, one more by its kind
    talks = meeting_by_title(store, visit_id, "Delegation-level talks")
    assert model.index(model.row_of(talks.id), COL["Attendees"]).data() == len(store.attendees(meeting_id=talks.id))


def test_an_edit_while_reading_starts_the_reading_again(qtbot, large, tmp_path):
    store, visit_id = large
    window = make_window(qtbot, store, visit_id, tmp_path)
    model = window.meetings_model
    talks = meeting_by_title(store, visit_id, "Delegation-level talks")
    press = Meeting(visit_id, "Press briefing", talks.start, talks.end, talks.zone)
    edited = []

    def edit_midway(done, total):  # the edit lands between two turns of the reading, whatever the machine's pace
        if done < total and not edited:
            edited.append(done)
            window.session.run(SaveMeetingCommand(window.session, None, MeetingState(press)))

    model.reading.connect(edit_midway)
    qtbot.waitUntil(lambda: bool(edited) and model.reading_total() is None, timeout=5000)
    assert edited == [8]
    assert model.rowCount() == 22 and "Press briefing" in titles(model)


def test_selecting_a_meeting_not_read_yet_reads_the_rest_at_once(qtbot, large, tmp_path):
    store, visit_id = large
    window = make_window(qtbot, store, visit_id, tmp_path)
    last = store.meetings(visit_id)[-1]
    window.select_meetings([last.id])
    assert window.meetings_model.reading_total() is None and window.meetings_model.rowCount() == 21
    assert window.current_meeting_id() == last.id


def test_start_up_imports_nothing_that_only_printing_calendars_or_rosters_need(tmp_path):
    """The window opens without the printing, calendar and roster libraries: they load when first used."""
    # dateutil.rrule, not dateutil: sqlite-utils itself brings in dateutil's parser.
    heavy = ["PySide6.QtPrintSupport", "icalendar", "openpyxl", "dateutil.rrule", "planner.reports",
             "planner.printing", "planner.ical", "planner.roster"]
    assert loaded_at_first_paint(tmp_path, ["--demo"], heavy) == []
