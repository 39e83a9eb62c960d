"""The session: one open database and visit, its undo stack, and one changed signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from planner.storage.changes import Changes
from planner.storage.store import Store
from planner.storage.transactions import WRITE_ERRORS, data_version, every_table, why_not_written
from planner.ui.shell import refusals

# How often to ask SQLite whether another program (an import, a second window) wrote to the file.
OUTSIDE_CHANGES_MS = 1500


class Session(QObject):
    """Turns the change sets of store calls into one ``changed`` signal for every view.

    Writes by another program to the same file arrive as one broad change
    (every table, no ids), found by polling SQLite's ``data_version``.
    """

    changed = Signal(object)  # Changes
    visitChanged = Signal(int)

    def __init__(self, store: Store, visit_id: int | None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.visit_id = visit_id
        self.undo_stack = QUndoStack(self)
        self._data_version = data_version(store.db)
        self.outside_changes = QTimer(self)
        self.outside_changes.setInterval(OUTSIDE_CHANGES_MS)
        self.outside_changes.timeout.connect(self.check_outside_changes)
        self.outside_changes.start()

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

    def run(self, command, refused: Callable[[str], None] | None = None) -> bool:
        """Do a command's first write in one transaction, then push it: the undo policy of the window.

        A write that fails leaves no step on the undo stack, and ``refused`` (by
        default a message box) is told why in one sentence. Returns whether the
        action was done. ``command`` is a StoreCommand (ui.shell.commands).
        """
        try:
            command.write_first()
        except WRITE_ERRORS as exc:
            why = why_not_written(exc)
            if refused is not None:
                refused(why)
            else:
                self.refused(command.text(), why)
            return False
        if command.isObsolete():  # it wrote nothing that undo would take back
            command.redo()
        else:
            self.undo_stack.push(command)  # push calls redo(), which tells the views what the write changed
        return True

    def refused(self, action: str, why: str) -> None:
        """Say why ``action`` (an undo step's text) was not done."""
        refusals.tell_refused(why, f"{action}: not done" if action else "Nothing was saved")

    def check_outside_changes(self) -> bool:
        """Tell every view to read again when another program has written to the file since the last look."""
        version = data_version(self.store.db)
        if version is None or version == self._data_version:
            return False
        self._data_version = version
        if self.visit_id is not None and self.visit is None:  # the other program deleted this visit
            self.set_visit(None)
        self.notify(every_table(self.store.db))
        return True
