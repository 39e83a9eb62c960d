"""A large visit's conflicts are found a slice at a time between the window's turns, and nothing lands once it is gone."""

import shiboken6
from PySide6.QtCore import QCoreApplication

from planner.domain.model import Meeting
from planner.ui.conflicts import watch as watch_module
from planner.ui.shell.session import Session
from tests.ui.window_helpers import meeting_by_title


def sliced(monkeypatch) -> None:
    """The demo counts as large, and each slice takes a single step."""
    monkeypatch.setattr(watch_module, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(watch_module, "SLICE_SECONDS", 0)


def test_the_conflicts_come_in_slices_and_are_the_stores(qtbot, demo, monkeypatch):
    sliced(monkeypatch)
    store, visit_id = demo
    watch = watch_module.ConflictWatch(Session(store, visit_id))
    slices = []
    watch._slices.timeout.connect(lambda: slices.append(watch.pending))
    assert watch.conflicts_after() == [] and watch.pending and not watch.known
    with qtbot.waitSignal(watch.updated, timeout=10_000):
        pass
    assert watch.conflicts_after() == store.conflicts(visit_id) != []
    assert watch.known and not watch.pending
    assert len(slices) > 20  # one step each: the window had a turn between every two


def test_a_held_watch_waits_for_release(qtbot, demo, monkeypatch):
    sliced(monkeypatch)
    store, visit_id = demo
    watch = watch_module.ConflictWatch(Session(store, visit_id), hold=True)
    watch.conflicts_after()
    qtbot.wait(20)
    assert watch.pending and watch._steps is None
    with qtbot.waitSignal(watch.updated, timeout=10_000):
        watch.release()
    assert watch.conflicts_after() == store.conflicts(visit_id)


def test_an_edit_while_reading_starts_the_reading_again(qtbot, demo, monkeypatch):
    sliced(monkeypatch)
    store, visit_id = demo
    session = Session(store, visit_id)
    watch = watch_module.ConflictWatch(session)
    watch.conflicts_after()
    with qtbot.waitSignal(watch._slices.timeout, timeout=2000):  # a first slice has run, the next is due
        pass
    assert watch._steps is not None
    talks = meeting_by_title(store, visit_id, "Delegation-level talks")
    changes = store.add(Meeting(visit_id, "Press briefing", talks.start, talks.end, talks.zone,
                                venue_id=talks.venue_id))
    assert watch.conflicts_after(changes) == [] and watch._steps is None  # the half-read visit is dropped
    with qtbot.waitSignal(watch.updated, timeout=10_000):
        pass
    found = watch.conflicts_after()
    assert found == store.conflicts(visit_id) and any("Press briefing" in c.message for c in found)


def test_a_watch_gone_while_reading_gets_nothing_and_nothing_breaks(qtbot, demo, monkeypatch):
    sliced(monkeypatch)
    store, visit_id = demo
    watch = watch_module.ConflictWatch(Session(store, visit_id))
    watch.conflicts_after()
    with qtbot.waitSignal(watch._slices.timeout, timeout=2000):  # a first slice has run, the next is due
        pass
    assert watch._steps is not None
    steps = watch._steps
    shiboken6.delete(watch)  # the window closed half-way: its watch and the watch's timer are gone
    for _ in range(50):
        QCoreApplication.processEvents()
    assert steps.gi_frame is not None  # no slice ran after the watch had gone


def test_a_database_that_cannot_be_read_keeps_the_last_list(qtbot, demo, monkeypatch):
    sliced(monkeypatch)
    store, visit_id = demo
    watch = watch_module.ConflictWatch(Session(store, visit_id))
    watch.conflicts_after()
    with qtbot.waitSignal(watch.updated, timeout=10_000):
        pass
    found = watch.conflicts_after()
    store.db.execute("DROP TABLE agenda_items")  # as if the file had been damaged since
    watch._start()
    with qtbot.waitSignal(watch.updated, timeout=10_000):
        pass
    assert watch.conflicts_after() == found and not watch.pending


def test_the_conflicts_wait_for_the_meetings_table_to_be_read(qtbot, demo, monkeypatch):
    from planner.ui.meetings import model as meetings_model

    sliced(monkeypatch)
    monkeypatch.setattr(meetings_model, "READ_IN_CHUNKS_FROM", 5)
    monkeypatch.setattr(meetings_model, "CHUNK", 4)
    monkeypatch.setattr(meetings_model, "CHUNK_SECONDS", 0)
    store, visit_id = demo
    session = Session(store, visit_id)
    watch = watch_module.ConflictWatch(session)
    model = meetings_model.MeetingsModel(session, watch=watch)
    order = []
    model.reading.connect(lambda done, total: order.append("table read") if done == total else None)
    watch._slices.timeout.connect(lambda: order.append("slice") if not order or order[-1] != "slice" else None)
    watch.conflicts_after()
    with qtbot.waitSignal(watch.updated, timeout=10_000):
        pass
    assert order[0] == "table read" and "slice" in order
    row = model.row_of(meeting_by_title(store, visit_id, "Virtual interactive session of the industries ministers").id)
    assert model.index(row, meetings_model.COL["Conflicts"]).data() == "1"


def test_no_slice_reads_while_a_write_is_under_way(qtbot, demo, monkeypatch):
    sliced(monkeypatch)
    store, visit_id = demo
    watch = watch_module.ConflictWatch(Session(store, visit_id))
    store.db.execute("BEGIN IMMEDIATE")  # as during a long delete that repaints the window as it goes
    try:
        watch.conflicts_after()
        qtbot.wait(60)
        assert watch.pending and watch._steps is None
    finally:
        store.db.execute("ROLLBACK")
    with qtbot.waitSignal(watch.updated, timeout=10_000):
        pass
    assert watch.conflicts_after() == store.conflicts(visit_id)
