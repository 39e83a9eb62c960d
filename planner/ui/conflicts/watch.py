"""One reading of the visit's conflicts per change, shared by every view that shows them.

Finding conflicts reads the whole visit. For a large visit that takes most of a
second, so the window finds them a slice at a time between its repaints
(planner.storage.queries.conflicts.conflict_steps) and ``updated`` tells the views
when the new list is in. Small visits are read at once.

The slices run on the window's own thread, from a timer the watch owns: a thread would
hold the interpreter's lock against every repaint, and a second process doubled the
memory the program needs; and nothing arrives for a window that has closed meanwhile,
as the timer goes with its watch.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from planner.domain.conflicts import Conflict
from planner.storage.queries.conflicts import ConflictsUnreadable, conflict_steps, mid_write
from planner.storage.queries.meetings import meeting_count
from planner.ui.shell.session import Session

# Changes to these tables can make or settle a conflict.
CONFLICT_TABLES = ("meetings", "attendees", "agenda_items", "venues", "travel_times", "visits", "people")
# From this many meetings on, conflicts are found in slices between repaints.
BACKGROUND_FROM = 1500
# How long a slice may take: the window's other work (repaints, reading the meetings table) goes between.
SLICE_SECONDS = 0.008
WRITE_WAIT_MS = 20  # how often to look again while the window's own write is under way


class ConflictWatch(QObject):
    """Views ask here instead of each reading the visit again."""

    updated = Signal()  # a reading in slices finished; ask conflicts_after() again

    def __init__(self, session: Session, parent: QObject | None = None, hold: bool = False):
        super().__init__(parent)
        self.session = session
        # hold: a reading in slices waits for release(), so that it does not slow the window's first paint.
        self._held = hold
        self._waiting_for: set[object] = set()  # others to let finish first (see wait_for)
        self._conflicts: list[Conflict] | None = None
        self._seen = None  # the change set the current list already reflects
        self._steps = None  # the reading under way (conflict_steps), None before its first slice
        self._found: tuple[list[Conflict] | None] | None = None  # a reading done, for the views next turn
        self._slices = QTimer(self)
        self._slices.setSingleShot(True)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._slice)
        self.pending = False  # a reading in slices is under way
        session.visitChanged.connect(self.invalidate)

    def invalidate(self, *_args) -> None:
        self._conflicts = None
        self._steps = self._found = None
        self._slices.stop()
        self.pending = False

    @property
    def known(self) -> bool:
        """Whether a list has been found at all (a first reading in slices may still be under way)."""
        return self._conflicts is not None

    def in_background(self) -> bool:
        visit_id = self.session.visit_id
        return visit_id is not None and meeting_count(self.session.store.db, visit_id) >= BACKGROUND_FROM

    def conflicts_after(self, changes=None) -> list[Conflict]:
        """The conflicts once ``changes`` is applied (None: as they stand); read at most once per change.

        For a large visit this returns the last list found and ``updated`` follows.
        """
        edited = changes is not None and changes is not self._seen and changes.touches(*CONFLICT_TABLES)
        if not (edited or self._conflicts is None):
            return self._conflicts
        if changes is not None:
            self._seen = changes
        visit_id = self.session.visit_id
        if visit_id is None:
            self._conflicts = []
        elif self.in_background():
            if edited or not self.pending:
                self._start()
            return self._conflicts or []
        else:
            self._conflicts = self.session.store.conflicts(visit_id)
        return self._conflicts

    def release(self) -> None:
        """Let readings in slices run (the window calls this once it has painted)."""
        if self._held:
            self._held = False
            self._resume()

    def wait_for(self, other: object, waiting: bool = True) -> None:
        """Hold readings in slices while ``other`` is busy (the meetings table reading a large visit).

        Both would take turns of the event loop that fall due together: the window then
        waited for a turn of each at once. One after the other, the table fills sooner
        and the conflicts come no later.
        """
        if waiting:
            self._waiting_for.add(other)
        elif other in self._waiting_for:
            self._waiting_for.discard(other)
            self._resume()

    def _resume(self) -> None:
        if self.pending and not self._stopped() and not self._slices.isActive():
            self._slices.start()

    def _stopped(self) -> bool:
        return self._held or bool(self._waiting_for)

    def _start(self) -> None:
        """Begin a reading from the start: one under way read the visit as it was before this change."""
        self.pending = True
        self._steps = self._found = None
        if not self._stopped():
            self._slices.start()

    def _slice(self) -> None:
        """Read and find for up to SLICE_SECONDS, then give the window its turn."""
        if self._stopped():  # _resume() starts again
            return
        if mid_write(self.session.store):  # read once the write is over: it may yet be undone
            self._slices.start(WRITE_WAIT_MS)
            return
        self._slices.setInterval(0)
        if self._found is not None:
            self._finished()
            return
        if self._steps is None:
            self._steps = conflict_steps(self.session.store, self.session.visit_id)
        deadline = time.perf_counter() + SLICE_SECONDS
        try:
            next(self._steps)  # at least one step a slice, however short the slices
            while time.perf_counter() < deadline:
                next(self._steps)
        except StopIteration as done:
            # The views take the new list in a turn of their own, not on top of this slice.
            self._found = (done.value,)
        except ConflictsUnreadable:  # the file could not be read (damaged, gone): keep what was found before
            self._found = (None,)
        self._slices.start()

    def _finished(self) -> None:
        (found,), self._found = self._found, None
        self._steps = None
        self.pending = False
        if found is not None:
            self._conflicts = found
        self.updated.emit()
