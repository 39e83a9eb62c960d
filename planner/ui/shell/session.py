"""The session: one open database and visit, its undo stack, and one changed signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from planner.storage.changes import Changes
from planner.storage.store import Store


class Session(QObject):
    """Turns the change sets of store calls into one ``changed`` signal for every view."""

    changed = Signal(object)  # Changes
    visitChanged = Signal(int)

    def __init__(self, store: Store, visit_id: int | None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.visit_id = visit_id
        self.undo_stack = QUndoStack(self)

    @property
    def visit(self):
        return self.store.visit(self.visit_id) if self.visit_id is not None else None

    def set_visit(self, visit_id: int | None) -> None:
        self.visit_id = visit_id
        self.undo_stack.clear()
        self.visitChanged.emit(visit_id or 0)

    def notify(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
