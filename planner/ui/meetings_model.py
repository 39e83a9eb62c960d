"""The meetings table model: one row per meeting of the visit."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.ui.session import Session
from planner.ui.text import meeting_day, meeting_time

MeetingRole = Qt.ItemDataRole.UserRole + 1

COLUMNS = ["Day", "Time", "Title", "Kind", "Venue", "Status", "Attendees"]


class MeetingsModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._meetings = []
        self._venues: dict[int, str] = {}
        self._counts: dict[int, int] = {}
        session.changed.connect(self._on_changed)
        session.visitChanged.connect(lambda _id: self.reload())
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        store, visit_id = self.session.store, self.session.visit_id
        if visit_id is None:
            self._meetings, self._venues, self._counts = [], {}, {}
        else:
            self._meetings = store.meetings(visit_id)
            self._venues = {v.id: v.name for v in store.venues(visit_id)}
            self._counts = {}
            for attendee in store.attendees(visit_id=visit_id):
                self._counts[attendee.meeting_id] = self._counts.get(attendee.meeting_id, 0) + 1
        self.endResetModel()

    def _on_changed(self, changes) -> None:
        if changes.touches("meetings", "attendees", "venues", "visits"):
            self.reload()

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
        if role == MeetingRole:
            return meeting
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        visit = self.session.visit
        column = COLUMNS[index.column()]
        if column == "Day":
            return meeting_day(meeting, visit.zone)
        if column == "Time":
            return meeting_time(meeting, visit.zone, visit.home_zone)
        if column == "Title":
            return meeting.title
        if column == "Kind":
            return str(meeting.kind)
        if column == "Venue":
            return self._venues.get(meeting.venue_id) or ("online" if meeting.online_link else "")
        if column == "Status":
            return str(meeting.status)
        if column == "Attendees":
            return self._counts.get(meeting.id, 0)
        return None
