"""The list beside the programme timeline: the shown meetings in time order, conflicts marked."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from planner.domain.model import Meeting
from planner.ui.programme_text import block_text, day_of

ProgrammeMeetingRole = Qt.ItemDataRole.UserRole + 11

COLUMNS = ["Day", "Time", "Title", "Venue", "Status", "Conflicts"]


class ProgrammeListModel(QAbstractTableModel):
    """Rows are handed in by the programme view, which already read them for the timeline."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._meetings: list[Meeting] = []
        self._zone = "UTC"
        self._venues: dict[int, str] = {}
        self._conflicts: dict[int, list[str]] = {}

    def set_meetings(self, meetings: list[Meeting], zone_name: str, venues: dict[int, str],
                     conflicts: dict[int, list[str]]) -> None:
        self.beginResetModel()
        self._meetings, self._zone, self._venues, self._conflicts = list(meetings), zone_name, venues, conflicts
        self.endResetModel()

    def row_of(self, meeting_id: int) -> int:
        return next((n for n, m in enumerate(self._meetings) if m.id == meeting_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._meetings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._meetings)):
            return None
        meeting = self._meetings[index.row()]
        if role == ProgrammeMeetingRole:
            return meeting
        conflicts = self._conflicts.get(meeting.id, [])
        text = block_text(meeting, self._zone, self._venues.get(meeting.venue_id, ""), conflicts)
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "Day": day_of(meeting, self._zone).strftime("%a %d %b"), "Time": text.time, "Title": text.title,
                "Venue": text.venue, "Status": str(meeting.status),
                "Conflicts": f"⚠ {len(conflicts)}" if conflicts else "",
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return text.tooltip
        if role == Qt.ItemDataRole.FontRole and text.struck and column in ("Time", "Title"):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "Conflicts" and conflicts:
                return QColor("#c62828")
            if text.struck:
                return QColor("#777777")
        return None
