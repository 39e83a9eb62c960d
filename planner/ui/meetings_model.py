"""The meetings table model and its filter: one row per meeting of the visit."""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from planner.domain.model import Meeting, MeetingStatus
from planner.domain.validation import Severity
from planner.domain.zones import zone
from planner.ui.conflict_watch import CONFLICT_TABLES, ConflictWatch
from planner.ui.session import Session
from planner.ui.text import meeting_time

MeetingRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ["Day", "Time", "Title", "Kind", "Venue", "Status", "Attendees", "Conflicts"]
COL = {name: n for n, name in enumerate(COLUMNS)}


def short_day(meeting: Meeting, visit_zone: str) -> str:
    """'Tue 15 Dec': the year is in the window title's visit and would only crowd the column."""
    return f"{meeting.starts_at().astimezone(zone(visit_zone)):%a %d %b}"


def conflict_text(count: int, errors: int) -> str:
    if not count:
        return ""
    if errors:
        return f"{count} ({errors} error{'s' if errors > 1 else ''})"
    return str(count)


class MeetingsModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None, watch: ConflictWatch | None = None):
        super().__init__(parent)
        self.session = session
        self.watch = watch or ConflictWatch(session, self)
        self._meetings: list[Meeting] = []
        self._row_of: dict[int, int] = {}
        self._venues: dict[int, str] = {}
        self._counts: Counter = Counter()
        self._conflicts: Counter = Counter()
        self._errors: Counter = Counter()
        self._visit = None
        session.changed.connect(self._on_changed)
        session.visitChanged.connect(self.reload)
        self.reload()

    # -- reading -----------------------------------------------------------

    def reload(self, *_args) -> None:
        self.beginResetModel()
        store, visit_id = self.session.store, self.session.visit_id
        self._visit = self.session.visit
        if visit_id is None:
            self._meetings, self._venues = [], {}
        else:
            self._meetings = store.meetings(visit_id)
            self._venues = {v.id: v.name for v in store.venues(visit_id)}
        self._row_of = {m.id: n for n, m in enumerate(self._meetings)}
        self._read_counts()
        self._read_conflicts(None)
        self.endResetModel()

    def _read_counts(self) -> None:
        visit_id = self.session.visit_id
        self._counts = Counter()
        if visit_id is not None:
            self._counts.update(a.meeting_id for a in self.session.store.attendees(visit_id=visit_id))

    def _read_conflicts(self, changes) -> None:
        self._conflicts, self._errors = Counter(), Counter()
        for conflict in self.watch.conflicts_after(changes):
            for meeting_id in conflict.meeting_ids:
                self._conflicts[meeting_id] += 1
                if conflict.severity is Severity.ERROR:
                    self._errors[meeting_id] += 1

    def _on_changed(self, changes) -> None:
        """Refresh only the rows a change set names; reset only when rows come or go."""
        if changes.touches("visits", "venues"):
            self.watch.conflicts_after(changes)
            self.reload()
            return
        if not changes.touches(*CONFLICT_TABLES):
            return
        if changes.touches("meetings"):
            ids = changes.ids("meetings")
            fresh = {i: self.session.store.meeting(i) for i in ids}
            came_or_went = any((i in self._row_of) != (fresh[i] is not None) for i in ids)
            moved = any(m is not None and m.starts_at() != self._meetings[self._row_of[i]].starts_at()
                        for i, m in fresh.items() if i in self._row_of)
            if came_or_went or moved or not ids:
                self.watch.conflicts_after(changes)
                self.reload()
                return
            for meeting_id, meeting in fresh.items():
                self._meetings[self._row_of[meeting_id]] = meeting
        if changes.touches("attendees"):
            self._read_counts()
        before = (self._conflicts, self._errors)
        self._read_conflicts(changes)
        rows = {self._row_of[i] for i in changes.ids("meetings") if i in self._row_of}
        rows |= {self._row_of[i] for i in set(before[0]) ^ set(self._conflicts) if i in self._row_of}
        rows |= {self._row_of[i] for i in self._conflicts if i in self._row_of
                 and (before[0][i], before[1][i]) != (self._conflicts[i], self._errors[i])}
        if changes.touches("attendees"):
            rows = set(range(len(self._meetings)))
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    @property
    def visit(self):
        return self._visit

    def meeting_ids(self) -> list[int]:
        return [m.id for m in self._meetings]

    def row_of(self, meeting_id: int) -> int | None:
        return self._row_of.get(meeting_id)

    def days(self) -> list[date]:
        visit = self._visit
        if visit is None:
            return []
        found = {m.starts_at().astimezone(zone(visit.zone)).date() for m in self._meetings}
        return sorted(found | set(visit.days()))

    # -- the model interface -------------------------------------------------

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
        column = COLUMNS[index.column()]
        if role == MeetingRole:
            return meeting
        if role == SortRole:
            return self._sort_key(meeting, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("Attendees", "Conflicts"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and meeting.status is MeetingStatus.CANCELLED:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == "Conflicts" and self._conflicts[meeting.id]:
            from PySide6.QtGui import QColor

            return QColor("#b00020") if self._errors[meeting.id] else QColor("#9a6700")
        if role == Qt.ItemDataRole.ToolTipRole and column == "Conflicts" and self._conflicts[meeting.id]:
            return "See the Conflicts panel (View ▸ Conflicts) for what clashes."
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        visit = self._visit
        if column == "Day":
            return short_day(meeting, visit.zone)
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
        if column == "Conflicts":
            return conflict_text(self._conflicts[meeting.id], self._errors[meeting.id])
        return None

    def _sort_key(self, meeting: Meeting, column: str):
        if column in ("Day", "Time"):
            return meeting.starts_at().timestamp()
        if column == "Attendees":
            return self._counts.get(meeting.id, 0)
        if column == "Conflicts":
            return self._errors[meeting.id] * 1000 + self._conflicts[meeting.id]
        text = self.data(self.index(self._row_of[meeting.id], COL[column]))
        return (text or "").casefold()


class MeetingsFilter(QSortFilterProxyModel):
    """Filter by free text (title, venue, kind, notes), day, kind and status; sort by real values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._text = ""
        self._day: date | None = None
        self._kind: str | None = None
        self._status: str | None = None

    def set_text(self, text: str) -> None:
        self._refilter("_text", text.strip().casefold())

    def set_day(self, day: date | None) -> None:
        self._refilter("_day", day)

    def set_kind(self, kind: str | None) -> None:
        self._refilter("_kind", kind or None)

    def set_status(self, status: str | None) -> None:
        self._refilter("_status", status or None)

    def _refilter(self, name: str, value) -> None:
        if getattr(self, name) == value:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later: invalidateFilter is deprecated
            self.beginFilterChange()
            setattr(self, name, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            setattr(self, name, value)
            self.invalidateFilter()

    def is_filtering(self) -> bool:
        return bool(self._text or self._day or self._kind or self._status)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        source = self.sourceModel()
        meeting: Meeting = source.index(source_row, 0, source_parent).data(MeetingRole)
        if meeting is None:
            return False
        if self._kind and str(meeting.kind) != self._kind:
            return False
        if self._status and str(meeting.status) != self._status:
            return False
        if self._day is not None:
            visit_zone = zone(source.visit.zone) if source.visit else meeting.tz
            first = meeting.starts_at().astimezone(visit_zone).date()
            last = meeting.ends_at().astimezone(visit_zone).date()
            if not (first <= self._day <= last if meeting.all_day else first == self._day):
                return False
        if self._text:
            venue = source.index(source_row, COL["Venue"], source_parent).data() or ""
            haystack = " ".join((meeting.title, venue, str(meeting.kind), meeting.notes)).casefold()
            if self._text not in haystack:
                return False
        return True
