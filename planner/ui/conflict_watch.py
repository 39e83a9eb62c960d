"""One reading of the visit's conflicts per change, shared by every view that shows them."""

from __future__ import annotations

from PySide6.QtCore import QObject

from planner.domain.conflicts import Conflict
from planner.ui.session import Session

# Changes to these tables can make or settle a conflict.
CONFLICT_TABLES = ("meetings", "attendees", "agenda_items", "venues", "travel_times", "visits", "people")


class ConflictWatch(QObject):
    """Finding conflicts reads the whole visit, so views ask here instead of each reading it again."""

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._conflicts: list[Conflict] | None = None
        self._seen = None  # the change set the current list already reflects
        session.visitChanged.connect(self.invalidate)

    def invalidate(self, *_args) -> None:
        self._conflicts = None

    def conflicts_after(self, changes=None) -> list[Conflict]:
        """The conflicts once ``changes`` is applied (None: as they stand); read at most once per change."""
        stale = self._conflicts is None or (
            changes is not None and changes is not self._seen and changes.touches(*CONFLICT_TABLES))
        if stale:
            visit_id = self.session.visit_id
            self._conflicts = self.session.store.conflicts(visit_id) if visit_id is not None else []
            if changes is not None:
                self._seen = changes
        return self._conflicts
