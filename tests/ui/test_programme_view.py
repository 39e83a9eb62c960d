"""The programme: pure helpers for blocks and days, the timeline drag, and the list model."""

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from planner.domain.model import Meeting, MeetingStatus
from planner.ui.programme.model import ProgrammeListModel, ProgrammeMeetingRole
from planner.ui.programme.text import (
    block_text,
    day_heading,
    hour_range,
    lanes,
    moved,
    programme_days,
    snap,
)
from planner.ui.programme.view import ProgrammeView
from planner.ui.shell.session import Session

DUSHANBE = ZoneInfo("Asia/Dushanbe")


def _meeting(hour: int, minutes: int = 60, **extra) -> Meeting:
    start = datetime(2026, 12, 15, hour, 0, tzinfo=DUSHANBE)
    return Meeting(visit_id=1, title="Talks", start=start, end=start + timedelta(minutes=minutes),
                   zone="Asia/Dushanbe", id=extra.pop("id", 1), **extra)


# -- pure helpers -------------------------------------------------------------------------


def test_a_cancelled_meeting_is_struck_through_and_a_planned_one_is_not():
    cancelled = block_text(_meeting(10, status=MeetingStatus.CANCELLED), "Asia/Dushanbe", "Palace of the Nation")
    planned = block_text(_meeting(10), "Asia/Dushanbe", "Palace of the Nation")
    assert cancelled.struck and not planned.struck
    assert cancelled.time == "10:00–11:00" and cancelled.venue == "Palace of the Nation"


def test_block_text_marks_conflicts_and_explains_them_in_the_tooltip():
    text = block_text(_meeting(10), "Asia/Dushanbe", conflicts=["Room booked twice."])
    assert text.conflict and "⚠ Room booked twice." in text.tooltip
    assert not block_text(_meeting(10), "Asia/Dushanbe").conflict


def test_block_times_are_shown_in_the_visit_zone():
    karachi = datetime(2026, 12, 15, 9, 0, tzinfo=ZoneInfo("Asia/Karachi"))  # same offset as Dushanbe
    berlin = datetime(2026, 12, 15, 6, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # 10:00 in Dushanbe
    meeting = Meeting(visit_id=1, title="Call", start=berlin, end=berlin + timedelta(minutes=30),
                      zone="Europe/Berlin")
    assert block_text(meeting, "Asia/Dushanbe").time == "10:00–10:30"
    assert karachi.tzinfo is not None


@pytest.mark.parametrize(("minutes", "snapped"), [(602, 600), (603, 605), (607.4, 605), (0, 0), (1437, 1435)])
def test_drags_snap_to_five_minutes(minutes, snapped):
    assert snap(minutes) == snapped


def test_overlapping_blocks_sit_side_by_side_and_touching_ones_share_a_lane():
    # 14:30-15:30 three times, then 15:30-16:00 touching the first cluster.
    placed = lanes([(870, 930), (870, 930), (870, 930), (930, 960)])
    assert placed[:3] == [(0, 3), (1, 3), (2, 3)]
    assert placed[3] == (0, 1)


def test_moving_keeps_the_length_and_the_meeting_zone():
    meeting = _meeting(10, 45)
    after = moved(meeting, date(2026, 12, 16), 14 * 60 + 5, "Asia/Dushanbe")
    assert after.starts_at() == datetime(2026, 12, 16, 14, 5, tzinfo=DUSHANBE)
    assert after.duration_minutes() == 45 and after.zone == meeting.zone and after.uid == meeting.uid
    assert meeting.starts_at().hour == 10  # the original is untouched


def test_days_include_meetings_outside_the_visit_and_headings_say_so(demo):
    store, visit_id = demo
    visit = store.visit(visit_id)
    days = programme_days(visit, store.meetings(visit_id))
    assert days[0] == date(2026, 12, 8) and days[1:] == visit.days()
    assert day_heading(days[0], visit) == "Tue 08 Dec · before the visit"
    assert day_heading(date(2026, 12, 15), visit) == "Tue 15 Dec · day 2"


def test_hour_range_widens_to_fit_an_early_or_late_meeting():
    assert hour_range([_meeting(10)], "Asia/Dushanbe") == (8, 20)
    assert hour_range([_meeting(6), _meeting(21, 90)], "Asia/Dushanbe") == (6, 23)


# -- the list model -------------------------------------------------------------------------


def test_programme_list_model_passes_the_model_tester(qtmodeltester, demo):
    store, visit_id = demo
    model = ProgrammeListModel()
    meetings = store.meetings(visit_id)
    meetings[1] = replace(meetings[1], status=MeetingStatus.CANCELLED)
    model.set_meetings(meetings, "Asia/Dushanbe", {}, {meetings[0].id: ["outside the visit"]})
    qtmodeltester.check(model)
    assert model.rowCount() == 21
    assert model.index(1, 2).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.index(0, 5).data() == "⚠ 1"
    assert model.index(0, 0).data(ProgrammeMeetingRole).id == meetings[0].id


# -- the view -----------------------------------------------------------------------------------


@pytest.fixture
def programme(qtbot, demo):
    store, visit_id = demo
    session = Session(store, visit_id)
    view = ProgrammeView(session)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitUntil(lambda: not view.reading.stale and bool(view.timeline.blocks))
    return view, session


def test_the_timeline_shows_every_day_and_marks_the_conflicting_meeting(programme):
    view, session = programme
    assert view.timeline.days[0] == date(2026, 12, 8) and len(view.timeline.days) == 4
    assert len(view.timeline.blocks) == 21
    virtual = next(b for b in view.timeline.blocks if b.meeting.title.startswith("Virtual"))
    assert virtual.text.conflict  # it falls outside the visit's days
    assert "1 with conflicts" in view.summary.text()


def test_dragging_a_block_moves_the_meeting_and_one_undo_puts_it_back(programme, qtbot):
    view, session = programme
    store = session.store
    block = next(b for b in view.timeline.blocks if b.meeting.title == "Joint press stakeout")
    meeting_id, before = block.meeting.id, block.meeting.starts_at()
    start = block.rect.center().toPoint()
    minutes_down = 62  # lands on +60 after snapping to 5 minutes
    pixels = round(minutes_down * 1.1)
    QTest.mousePress(view.timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):  # several moves: still one undo step
        QTest.mouseMove(view.timeline, start + QPoint(0, pixels * step // 5))
    QTest.mouseRelease(view.timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(0, pixels))
    after = store.meeting(meeting_id)
    assert after.starts_at() == before + timedelta(minutes=60)
    assert after.duration_minutes() == 30
    assert session.undo_stack.count() == 1
    moved_block = view.timeline.block_of(meeting_id)
    assert moved_block.rect.top() > block.rect.top()  # the timeline redrew from the store
    session.undo_stack.undo()
    assert store.meeting(meeting_id).starts_at() == before
    session.undo_stack.redo()
    assert store.meeting(meeting_id).starts_at() == before + timedelta(minutes=60)


def test_dragging_across_columns_moves_the_meeting_to_another_day(programme):
    view, session = programme
    block = next(b for b in view.timeline.blocks if b.meeting.title == "Departure")  # Wed 16 Dec
    start = block.rect.center().toPoint()
    left = QPoint(-int(view.timeline.column_width()), 0)
    QTest.mousePress(view.timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(view.timeline, start + left)
    QTest.mouseRelease(view.timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + left)
    after = session.store.meeting(block.meeting.id)
    assert after.starts_at() == datetime(2026, 12, 15, 13, 0, tzinfo=DUSHANBE)


def test_a_click_without_moving_selects_and_changes_nothing(programme, qtbot):
    view, session = programme
    block = next(b for b in view.timeline.blocks if b.meeting.title == "Working lunch")
    with qtbot.waitSignal(view.meetingsSelected) as selected:
        QTest.mouseClick(view.timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         block.rect.center().toPoint())
    assert selected.args == [[block.meeting.id]]
    assert session.undo_stack.count() == 0
    assert [i.row() for i in view.list.selectionModel().selectedRows()] == [view.model.row_of(block.meeting.id)]


def test_double_click_asks_to_open_the_meeting(programme, qtbot):
    view, _session = programme
    block = view.timeline.blocks[3]
    with qtbot.waitSignal(view.meetingActivated) as activated:
        QTest.mouseDClick(view.timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          block.rect.center().toPoint())
    assert activated.args == [block.meeting.id]


def test_keyboard_nudge_moves_by_five_minutes(programme, qtbot):
    view, session = programme
    block = next(b for b in view.timeline.blocks if b.meeting.title == "Working lunch")
    view.select_meetings([block.meeting.id])
    view.timeline.setFocus()
    QTest.keyClick(view.timeline, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert session.store.meeting(block.meeting.id).starts_at() == block.meeting.starts_at() + timedelta(minutes=5)


def test_one_day_at_a_time_and_select_meetings_turns_to_their_day(programme):
    view, session = programme
    view.show_day(date(2026, 12, 14))
    assert view.timeline.days == [date(2026, 12, 14)]
    assert view.model.rowCount() == 7
    departure = next(m for m in session.store.meetings(session.visit_id) if m.title == "Departure")
    view.select_meetings([departure.id])
    assert view.timeline.days == [date(2026, 12, 16)]
    assert view.timeline.selected == [departure.id]


def test_the_programme_follows_edits_made_elsewhere(programme):
    view, session = programme
    meeting = next(m for m in view._meetings if m.title == "Working lunch")
    meeting = replace(meeting, status=MeetingStatus.CANCELLED)
    session.notify(session.store.update(meeting))
    assert view.timeline.block_of(meeting.id).text.struck
    assert "1 cancelled" in view.summary.text()


def test_one_day_reads_only_that_days_meetings_and_days_come_from_the_database(demo):
    from planner.storage.queries.programme import meeting_days, meetings_on

    store, visit_id = demo
    visit = store.visit(visit_id)
    assert meeting_days(store.db, visit) == programme_days(visit, store.meetings(visit_id))
    tuesday = meetings_on(store.db, visit, [date(2026, 12, 15)])
    assert [m.id for m in tuesday] == [m.id for m in store.meetings(visit_id)
                                       if m.starts_at().date() == date(2026, 12, 15)]
    assert len(meetings_on(store.db, visit, visit.days())) == 20  # the virtual session is a week before


def test_a_late_evening_meeting_belongs_to_its_local_day():
    from planner.domain.model import Visit, VisitKind
    from planner.storage.database import open_memory
    from planner.storage.queries.programme import meeting_days, meetings_on
    from planner.storage.store import Store

    store = Store(open_memory())
    visit = Visit("V", VisitKind.WORKING, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 15), "Asia/Dushanbe",
                  "Asia/Karachi")
    visit = store.insert(visit)
    late = datetime(2026, 12, 15, 2, 0, tzinfo=DUSHANBE)  # 21:00 UTC on the 14th
    store.add(Meeting(visit_id=visit.id, title="Night flight", start=late, end=late + timedelta(hours=1),
                      zone="Asia/Dushanbe"))
    store.add(Meeting(visit_id=visit.id, title="Wreath", start=date(2026, 12, 16), end=date(2026, 12, 16),
                      zone="Asia/Dushanbe"))
    assert meeting_days(store.db, visit) == [date(2026, 12, 14), date(2026, 12, 15), date(2026, 12, 16)]
    assert [m.title for m in meetings_on(store.db, visit, [date(2026, 12, 15)])] == ["Night flight"]
    assert [m.title for m in meetings_on(store.db, visit, [date(2026, 12, 16)])] == ["Wreath"]
    assert meetings_on(store.db, visit, [date(2026, 12, 14)]) == []


def test_enter_in_the_list_opens_the_meeting(programme, qtbot):
    view, _session = programme
    view.list.setFocus()
    view.list.setCurrentIndex(view.model.index(2, 0))
    with qtbot.waitSignal(view.meetingActivated) as activated:
        QTest.keyClick(view.list, Qt.Key.Key_Return)
    assert activated.args == [view.model.index(2, 0).data(ProgrammeMeetingRole).id]


def test_an_all_day_meeting_sits_in_the_band_above_the_hours_and_does_not_drag(programme):
    view, session = programme
    wreath = Meeting(visit_id=session.visit_id, title="Wreath laying", start=date(2026, 12, 15),
                     end=date(2026, 12, 15), zone="Asia/Dushanbe")
    added = session.store.add(wreath)
    session.notify(added)
    wreath = added.added[0]
    block = view.timeline.block_of(wreath.id)
    assert block.text.time == "all day" and block.rect.bottom() <= view.timeline.top()
    start = block.rect.center().toPoint()
    QTest.mousePress(view.timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(view.timeline, start + QPoint(0, 100))
    QTest.mouseRelease(view.timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(0, 100))
    assert session.store.meeting(wreath.id).start == date(2026, 12, 15)
    assert session.undo_stack.count() == 0
