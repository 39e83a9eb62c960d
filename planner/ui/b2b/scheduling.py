"""The scheduler off the window's thread: a worker in a QThread, progress in a dialog, Cancel that stops it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal


class ScheduleWorker(QObject):
    progressed = Signal(str)
    finished = Signal(object)  # Outcome
    failed = Signal(str)

    def __init__(self, problem, time_limit: float):
        super().__init__()
        self.problem, self.time_limit = problem, time_limit
        self.stop = threading.Event()

    def run(self) -> None:
        from planner.b2b.scheduler import solve

        try:
            outcome = solve(self.problem, time_limit=self.time_limit, progress=self.progressed.emit, stop=self.stop)
        except Exception as exc:  # the window says it in one sentence; nothing was written
            self.failed.emit(f"The scheduler stopped: {exc}")
            return
        self.finished.emit(outcome)


def start(problem, time_limit: float, parent: QObject) -> tuple[QThread, ScheduleWorker]:
    """Run the scheduler in a thread of its own; the caller connects to the worker's signals."""
    thread = QThread(parent)
    worker = ScheduleWorker(problem, time_limit)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread, worker
