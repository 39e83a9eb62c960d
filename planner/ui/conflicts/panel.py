"""The Conflicts panel: every clash in the visit, errors first, kept current as the visit is edited."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from planner.domain.conflicts import Conflict
from planner.domain.validation import Severity
from planner.ui.conflicts.watch import CONFLICT_TABLES, ConflictWatch
from planner.ui.shell.session import Session

ConflictRole = Qt.ItemDataRole.UserRole + 30


def conflict_line(conflict: Conflict) -> str:
    """'Error · venue double-booked: Navruz Palace is booked for …'"""
    severity = "Error" if conflict.severity is Severity.ERROR else "Warning"
    return f"{severity} · {conflict.kind}: {conflict.message}"


def summary(conflicts: list[Conflict]) -> str:
    if not conflicts:
        return "No conflicts."
    errors = sum(1 for c in conflicts if c.severity is Severity.ERROR)
    warnings = len(conflicts) - errors
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    parts += [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
    return ", ".join(parts) + "."


class ConflictsModel(QAbstractListModel):
    def __init__(self, session: Session, watch: ConflictWatch, parent=None):
        super().__init__(parent)
        self.session, self.watch = session, watch
        self._conflicts: list[Conflict] = []
        session.changed.connect(self._on_changed)
        session.visitChanged.connect(self._visit_changed)
        watch.updated.connect(self.reload)
        self.reload()

    def reload(self, changes=None) -> None:
        """Show the watch's current list (``changes``: the edit it must reflect)."""
        self.beginResetModel()
        self._conflicts = list(self.watch.conflicts_after(changes))
        self.endResetModel()

    def _visit_changed(self, _visit_id: int) -> None:
        self.reload()

    def _on_changed(self, changes) -> None:
        if changes.touches(*CONFLICT_TABLES):
            fresh = self.watch.conflicts_after(changes)
            if fresh != self._conflicts:
                self.reload(changes)

    def conflicts(self) -> list[Conflict]:
        return list(self._conflicts)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._conflicts)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._conflicts)):
            return None
        conflict = self._conflicts[index.row()]
        if role == ConflictRole:
            return conflict
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return conflict_line(conflict)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#b00020") if conflict.severity is Severity.ERROR else QColor("#7a5200")
        return None


class ConflictsPanel(QWidget):
    """Clicking (or Enter on) a conflict asks the window to select the meetings involved."""

    meetingsSelected = Signal(list)

    def __init__(self, session: Session, watch: ConflictWatch, parent=None):
        super().__init__(parent)
        self.model = ConflictsModel(session, watch, self)
        self.summary = QLabel()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Conflicts")
        self.view.setWordWrap(True)
        self.view.setSpacing(3)  # wrapped messages would otherwise run into each other
        # Thousands of wrapped messages (a very large visit) are measured a batch at a time between
        # paints: measuring them all at once froze the window for more than half a second.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(40)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.clicked.connect(self._chosen)
        self.view.activated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        self.model.modelReset.connect(self._update_summary)
        session.changed.connect(self._update_summary)  # a background reading may have just begun
        self._update_summary()

    def sizeHint(self) -> QSize:
        # Wide enough for a conflict's sentence to read in three or four lines, not ten.
        return QSize(320, 400)

    def _update_summary(self, *_args) -> None:
        watch = self.model.watch
        if not watch.known:
            self.summary.setText("Checking for conflicts…")
            return
        self.summary.setText(summary(self.model.conflicts()) + (" Checking again…" if watch.pending else ""))

    def _chosen(self, index) -> None:
        conflict = index.data(ConflictRole)
        if conflict is not None:
            self.meetingsSelected.emit(list(conflict.meeting_ids))
