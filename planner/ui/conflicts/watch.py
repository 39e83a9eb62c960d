"""One reading of the visit's conflicts per change, shared by every view that shows them.

Finding conflicts reads the whole visit. For a large visit kept in a file that takes
seconds, so the reading moves to a process of its own (planner.ui.conflicts.reading)
and ``updated`` tells the views when the new list is in. Small visits, and
databases in memory, are read at once.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from planner.domain.conflicts import Conflict
from planner.storage.queries.meetings import meeting_count
from planner.ui.shell.session import Session

# Changes to these tables can make or settle a conflict.
CONFLICT_TABLES = ("meetings", "attendees", "agenda_items", "venues", "travel_times", "visits", "people")
# From this many meetings on, conflicts are found in the background.
BACKGROUND_FROM = 1500


class _Relay(QObject):
    """Carries a finished reading from the waiting thread to the window's thread.

    It lives as long as the program: the waiting thread may finish after the window that asked has closed,
    and it must then touch no object of that window, only this one."""

    arrived = Signal(object)  # a call to make on the window's thread

    def __init__(self):
        super().__init__()
        self.arrived.connect(self._run)

    @Slot(object)
    def _run(self, call: Callable[[], None]) -> None:
        call()


_relay: _Relay | None = None


def relay() -> _Relay:
    """The program's one relay, made on first use (on the window's thread)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class ConflictWatch(QObject):
    """Views ask here instead of each reading the visit again."""

    updated = Signal()  # a background reading finished; ask conflicts_after() again
    _finished = Signal(int, object)  # generation, conflicts (from the worker thread)

    def __init__(self, session: Session, parent: QObject | None = None, hold: bool = False):
        super().__init__(parent)
        self.session = session
        # hold: a background reading waits for release(), so that it does not slow the window's first paint.
        self._held = hold
        self._conflicts: list[Conflict] | None = None
        self._seen = None  # the change set the current list already reflects
        self._generation = 0
        self._running = False
        self.pending = False  # a background reading is under way
        self._finished.connect(self._on_finished)
        session.visitChanged.connect(self.invalidate)

    def invalidate(self, *_args) -> None:
        self._conflicts = None
        self._generation += 1

    @property
    def known(self) -> bool:
        """Whether a list has been found at all (a first background reading may still be under way)."""
        return self._conflicts is not None

    def in_background(self) -> bool:
        visit_id = self.session.visit_id
        if visit_id is None or self.session.store.path is None:
            return False
        return meeting_count(self.session.store.db, visit_id) >= BACKGROUND_FROM

    def conflicts_after(self, changes=None) -> list[Conflict]:
        """The conflicts once ``changes`` is applied (None: as they stand); read at most once per change.

        In the background case this returns the last list found and ``updated`` follows.
        """
        stale = self._conflicts is None or (
            changes is not None and changes is not self._seen and changes.touches(*CONFLICT_TABLES))
        if not stale:
            return self._conflicts
        if changes is not None:
            self._seen = changes
        visit_id = self.session.visit_id
        if visit_id is None:
            self._conflicts = []
        elif self.in_background():
            self._generation += 1
            self._start()
            return self._conflicts or []
        else:
            self._conflicts = self.session.store.conflicts(visit_id)
        return self._conflicts

    def release(self) -> None:
        """Let background readings run (the window calls this once it has painted)."""
        if self._held:
            self._held = False
            if self.pending:
                self._start()

    def _start(self) -> None:
        self.pending = True
        if self._running or self._held:  # an outdated reading runs on: _on_finished starts another
            return
        from planner.ui.conflicts.reading import find_in_background

        self._running = True
        generation, carrier, watch = self._generation, relay(), weakref.ref(self)
        find_in_background(self.session.store.path, self.session.visit_id,
                           lambda found: carrier.arrived.emit(lambda: _deliver(watch, generation, found)))

    def _on_finished(self, generation: int, found) -> None:
        self._running = False
        if generation != self._generation:
            self._start()
            return
        self.pending = False
        if found is not None:
            self._conflicts = found
        self.updated.emit()


def _deliver(watch: weakref.ref, generation: int, found) -> None:
    """On the window's thread: give the reading to its watch, unless the window has closed meanwhile."""
    target = watch()
    if target is None:
        return
    try:
        target._finished.emit(generation, found)
    except RuntimeError:  # its Qt half is gone: the window closed while the reading ran
        pass
