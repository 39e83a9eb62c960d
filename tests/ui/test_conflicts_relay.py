"""A background reading of conflicts reaches its watch on the window's thread, and nothing once the window is gone."""

import threading

import shiboken6

from planner.ui.conflicts import reading
from planner.ui.conflicts import watch as watch_module
from planner.ui.shell.session import Session


def started_readings(monkeypatch) -> list:
    """Stand in for the child process: keep each reading's 'done' to call later from a thread of our own."""
    calls: list = []
    monkeypatch.setattr(reading, "find_in_background", lambda _path, _visit_id, done: calls.append(done))
    return calls


def finish_on_another_thread(done, found) -> None:
    worker = threading.Thread(target=done, args=(found,))
    worker.start()
    worker.join()


def test_a_reading_arrives_on_the_window_thread(qtbot, demo, monkeypatch):
    calls = started_readings(monkeypatch)
    store, visit_id = demo
    watch = watch_module.ConflictWatch(Session(store, visit_id))
    watch._start()
    seen = []
    watch.updated.connect(lambda: seen.append(threading.current_thread() is threading.main_thread()))
    finish_on_another_thread(calls[0], ["a conflict"])
    qtbot.waitUntil(lambda: seen == [True], timeout=2000)
    assert watch.conflicts_after() == ["a conflict"] and not watch.pending


def test_a_reading_that_arrives_after_the_window_closed_touches_nothing(qtbot, demo, monkeypatch):
    calls = started_readings(monkeypatch)
    store, visit_id = demo
    watch = watch_module.ConflictWatch(Session(store, visit_id))
    watch._start()
    shiboken6.delete(watch)  # the window closed: the watch's Qt half is gone while the reading still runs
    delivered = []

    def count(_call):
        delivered.append(True)

    watch_module.relay().arrived.connect(count)
    try:
        finish_on_another_thread(calls[0], ["late"])
        qtbot.waitUntil(lambda: bool(delivered), timeout=2000)  # the relay took it and drops it: no watch is left
        qtbot.wait(20)
    finally:
        watch_module.relay().arrived.disconnect(count)
