"""The list beside the programme timeline: the shown meetings in time order, conflicts marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from planner.domain.model import Meeting
from planner.ui.programme.text import block_text, day_of
from planner.ui.widgets.table_model import ColumnTableModel

ProgrammeMeetingRole = Qt.ItemDataRole.UserRole + 11

COLUMNS = ["Day", "Time", "Title", "Venue", "Status", "Conflicts"]


class ProgrammeListModel(ColumnTableModel):
    """Rows are handed in by the programme view, which already read them for the timeline."""

    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._meetings: list[Meeting] = []
        self._zone = "UTC"
        self._venues: dict[int, str] = {}
        self._conflicts: dict[int, list[str]] = {}
        self._rows: dict[int, tuple] = {}

    def set_meetings(self, meetings: list[Meeting], zone_name: str, venues: dict[int, str],
                     conflicts: dict[int, list[str]]) -> None:
        self.beginResetModel()
        self._meetings, self._zone, self._venues, self._conflicts = list(meetings), zone_name, venues, conflicts
        self._rows: dict[int, tuple] = {}
        self.endResetModel()

    def row_of(self, meeting_id: int) -> int:
        return next((n for n, m in enumerate(self._meetings) if m.id == meeting_id), -1)

    def row_total(self) -> int:
        return len(self._meetings)

    def _row(self, row: int) -> tuple:
        """(texts per column, block text, conflicts) of a row, worked out once when first painted."""
        found = self._rows.get(row)
        if found is None:
            meeting = self._meetings[row]
            conflicts = self._conflicts.get(meeting.id, [])
            text = block_text(meeting, self._zone, self._venues.get(meeting.venue_id, ""), conflicts)
            cells = (day_of(meeting, self._zone).strftime("%a %d %b"), text.time, text.title, text.venue,
                     str(meeting.status), f"⚠ {len(conflicts)}" if conflicts else "")
            found = self._rows[row] = (cells, text, conflicts)
        return found

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ANSWERED or not index.isValid() or not (0 <= index.row() < len(self._meetings)):
            return None
        if role == ProgrammeMeetingRole:
            return self._meetings[index.row()]
        cells, text, conflicts = self._row(index.row())
        column = index.column()
        if role == _DISPLAY:
            return cells[column]
        if role == _TOOLTIP:
            return text.tooltip
        if role == _FONT and text.struck and column in (1, 2):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == _FOREGROUND:
            if column == 5 and conflicts:
                return QColor("#c62828")
            if text.struck:
                return QColor("#777777")
        return None


_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.ToolTipRole.value)
_FONT, _FOREGROUND = int(Qt.ItemDataRole.FontRole.value), int(Qt.ItemDataRole.ForegroundRole.value)
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _FONT, _FOREGROUND, int(ProgrammeMeetingRole)})
