"""The meetings table model and its filter: one row per meeting of the visit."""

from __future__ import annotations

import gc
import time
from collections import Counter
from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)

from planner.domain.model import Meeting, MeetingStatus
from planner.domain.validation import Severity
from planner.domain.zones import day_of
from planner.storage.queries.meetings import (
    attendee_counts,
    attendee_counts_in_visit,
    meeting_count,
    meeting_page,
)
from planner.ui.conflicts.watch import CONFLICT_TABLES, ConflictWatch
from planner.ui.meetings.filter import MeetingsFilter as MeetingsFilter  # kept importable from here
from planner.ui.shell.session import Session
from planner.ui.widgets.table_model import ColumnTableModel
from planner.ui.widgets.text import meeting_time

MeetingRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
# From this many meetings on, the table fills a chunk at a time between paints: decoding
# 10,000 meetings at once would keep the window from answering for half a second.
READ_IN_CHUNKS_FROM = 2000
CHUNK = 200  # meetings decoded in the first turn of the event loop; later turns aim at CHUNK_SECONDS
# Each turn reads as many meetings as fit in this much time, as the turn before it measured (0: CHUNK
# every turn): 500 a turn took 60-140 ms on a busy machine, and the window answered nothing meanwhile.
CHUNK_SECONDS = 0.015
CONFLICT_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole]

COLUMNS = ["Day", "Time", "Title", "Kind", "Venue", "Status", "Attendees", "Conflicts"]
COL = {name: n for n, name in enumerate(COLUMNS)}


def short_day(meeting: Meeting, visit_zone: str) -> str:
    """'Tue 15 Dec': the year is in the window title's visit and would only crowd the column."""
    return f"{day_of(meeting, visit_zone):%a %d %b}"


def conflict_text(count: int, errors: int) -> str:
    if not count:
        return ""
    if errors:
        return f"{count} ({errors} error{'s' if errors > 1 else ''})"
    return str(count)


def settle_heap(collect: bool = True) -> None:
    """Leave what the window holds now out of the cycle collector's full passes.

    Such a pass walks every object the program holds: with a large visit read, 25 ms and more
    of the window's time, at a moment it chooses, on top of whatever the window was doing.
    What is held now (the window itself, the visit's meetings) lives on; plain reference counting
    still frees it when it goes. ``collect``: one pass first over what is not yet left out (a few
    milliseconds once the window's own objects are), so that no garbage is left out with it.
    """
    if collect:
        gc.collect()
    gc.freeze()


class MeetingsModel(ColumnTableModel):
    """The visit's meetings; a very large visit is read in chunks after the window has painted."""

    COLUMNS = COLUMNS

    reading = Signal(int, int)  # meetings read so far and how many there are; equal once all are in

    def __init__(self, session: Session, parent=None, watch: ConflictWatch | None = None, hold: bool = False):
        super().__init__(parent)
        self.session = session
        self.watch = watch or ConflictWatch(session, self)
        self._sort_order: tuple[int, Qt.SortOrder] | None = None
        self._meetings: list[Meeting] = []
        self._starts: list[float] = []
        self._row_of: dict[int, int] = {}
        self._haystacks: list[str] | None = None
        self._venues: dict[int, str] = {}
        self._counts: Counter = Counter()
        self._conflicts: Counter = Counter()
        self._errors: Counter = Counter()
        self._visit = None
        # While a large visit is read: (starts_at, id) of the last row read (None: none yet), and the total.
        self._unread: tuple[tuple[str, int] | None, int] | None = None
        self._held = hold  # a window starts reading only once it has painted itself: see release()
        self._chunk_timer = QTimer(self)
        self._chunk_timer.setSingleShot(True)
        self._chunk_timer.setInterval(0)
        self._chunk_timer.timeout.connect(self._read_chunk)
        self._chunk_size = CHUNK
        session.changed.connect(self._on_changed)
        session.visitChanged.connect(self.reload)
        self.watch.updated.connect(self._conflicts_updated)
        self.reload()

    # -- reading -----------------------------------------------------------

    def reload(self, *_args) -> None:
        self._chunk_timer.stop()
        self.beginResetModel()
        store, visit_id = self.session.store, self.session.visit_id
        self._visit = self.session.visit
        self._meetings, self._venues, self._unread = [], {}, None
        if visit_id is not None:
            self._venues = {v.id: v.name for v in store.venues(visit_id)}
            total = meeting_count(store.db, visit_id)
            if total >= READ_IN_CHUNKS_FROM:
                self._unread = (None, total)
            else:
                self._meetings = store.meetings(visit_id)
        self._index_rows()
        self._counts = Counter()
        if self._unread is None:
            self._read_counts()
            self._read_conflicts(None)
            if self._sort_order is not None:
                self._reorder(*self._sort_order)
        self.endResetModel()
        self.watch.wait_for(self, self._unread is not None)  # the table first, then the conflicts
        if self._unread is not None:
            self.reading.emit(0, self._unread[1])
            if not self._held:
                self._chunk_timer.start()

    def _index_rows(self) -> None:
        self._row_of = {m.id: n for n, m in enumerate(self._meetings)}
        self._starts = [m.starts_at().timestamp() for m in self._meetings]
        self._haystacks = None  # the text filter's lower-case search text per row, made when first needed

    def release(self) -> None:
        """Start reading a large visit (the window calls this once it has painted)."""
        self._held = False
        if self._unread is not None and not self._chunk_timer.isActive():
            settle_heap(collect=False)  # the window just built: little garbage, and a pass would cost 10-15 ms here
            self._chunk_timer.start()

    def reading_total(self) -> int | None:
        """How many meetings a visit still being read has (None: all are in)."""
        return None if self._unread is None else self._unread[1]

    def _read_chunk(self) -> None:
        """Append the next chunk of meetings in time order; the last chunk settles conflicts and sorting."""
        if self._unread is None:
            return
        after, total = self._unread
        size, started = self._chunk_size, time.perf_counter()
        chunk, last = meeting_page(self.session.store.db, self.session.visit_id, after, size)
        if chunk:
            first = len(self._meetings)
            self._counts.update(attendee_counts(self.session.store.db, [m.id for m in chunk]))
            self.beginInsertRows(QModelIndex(), first, first + len(chunk) - 1)
            self._meetings += chunk
            self._starts += [m.starts_at().timestamp() for m in chunk]
            self._row_of.update((m.id, first + n) for n, m in enumerate(chunk))
            if self._haystacks is not None:
                self._haystacks += [self._haystack(m) for m in chunk]
            self.endInsertRows()
        if CHUNK_SECONDS:  # the next turn's size from this one's pace, within reason
            spent = max(time.perf_counter() - started, 1e-4)
            self._chunk_size = max(50, min(2000, int(size * CHUNK_SECONDS / spent)))
        if len(chunk) == size:
            self._unread = (last, total)
            self.reading.emit(len(self._meetings), max(total, len(self._meetings) + 1))
            self._chunk_timer.start()
            return
        self._unread = None
        QTimer.singleShot(0, self, settle_heap)  # the visit just read stays as long as the window shows it
        self.watch.wait_for(self, False)
        self._read_conflicts(None)
        if self._conflicts:
            self._repaint_conflicts()
        if self._sort_order is not None and self._sort_order != (COL["Time"], Qt.SortOrder.AscendingOrder):
            self.sort(*self._sort_order)  # rows came in time order
        self.reading.emit(len(self._meetings), len(self._meetings))

    def finish_reading(self) -> None:
        """Read the rest of a large visit now (the user asked for a meeting that may not be in yet)."""
        while self._unread is not None:
            self._read_chunk()
        self._chunk_timer.stop()

    def _read_counts(self) -> None:
        visit_id = self.session.visit_id
        self._counts = Counter()
        if visit_id is not None:
            self._counts.update(attendee_counts_in_visit(self.session.store.db, visit_id))

    def _read_conflicts(self, changes) -> None:
        self._conflicts, self._errors = Counter(), Counter()
        for conflict in self.watch.conflicts_after(changes):
            for meeting_id in conflict.meeting_ids:
                self._conflicts[meeting_id] += 1
                if conflict.severity is Severity.ERROR:
                    self._errors[meeting_id] += 1

    def _on_changed(self, changes) -> None:
        """Refresh only the rows a change set names; reset only when rows come or go."""
        if changes.touches("visits", "venues") or (self._unread is not None and changes.touches(*CONFLICT_TABLES)):
            # While a large visit is still being read, rows already in may be stale: start again.
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
                self._starts[self._row_of[meeting_id]] = meeting.starts_at().timestamp()
            self._haystacks = None
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
            if self._sort_order is not None and COLUMNS[self._sort_order[0]] not in ("Day", "Time"):
                self.sort(*self._sort_order)  # the edit may have moved a row in this order

    def _conflicts_updated(self) -> None:
        """A background reading of the conflicts came in: repaint the conflicts column."""
        self._read_conflicts(None)
        self._repaint_conflicts()

    def _repaint_conflicts(self) -> None:
        # Naming the roles tells the filter that nothing it filters on changed: re-filtering
        # 10,000 rows in Python would hold the window up for no reason.
        if self._meetings:
            column = COL["Conflicts"]
            self.dataChanged.emit(self.index(0, column), self.index(len(self._meetings) - 1, column), CONFLICT_ROLES)

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
        found = {day_of(m, visit.zone) for m in self._meetings}
        return sorted(found | set(visit.days()))

    # -- the model interface -------------------------------------------------

    def row_total(self) -> int:
        return len(self._meetings)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._meetings)):
            return None
        meeting = self._meetings[index.row()]
        column = COLUMNS[index.column()]
        if role == MeetingRole:
            return meeting
        if role == SortRole:
            return self._starts[index.row()] if column in ("Day", "Time") else self._sort_key(index.row(), column)
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

    # -- sorting and filtering in Python lists: asking data() per comparison is slow for 10,000 rows --

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by ``column``, keeping selections (persistent indexes) on their meetings."""
        self._sort_order = (column, order)
        if not self._meetings or self._unread is not None:
            return  # a visit still being read is sorted once all of it is in
        self.layoutAboutToBeChanged.emit()
        new_row = self._reorder(column, order)
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(new_row[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def _reorder(self, column: int, order) -> dict[int, int]:
        """Sort the rows in place; returns old row -> new row."""
        name = COLUMNS[column]
        if name in ("Day", "Time"):
            keys = self._starts
        else:
            keys = [self._sort_key(row, name) for row in range(len(self._meetings))]
        order_of = sorted(range(len(keys)), key=lambda r: (keys[r], self._starts[r]),
                          reverse=order == Qt.SortOrder.DescendingOrder)
        new_row = {old: new for new, old in enumerate(order_of)}
        self._meetings = [self._meetings[r] for r in order_of]
        self._starts = [self._starts[r] for r in order_of]
        self._row_of = {m.id: n for n, m in enumerate(self._meetings)}
        self._haystacks = None
        return new_row

    def _sort_key(self, row: int, column: str):
        meeting = self._meetings[row]
        if column == "Attendees":
            return self._counts.get(meeting.id, 0)
        if column == "Conflicts":
            return self._errors[meeting.id] * 1000 + self._conflicts[meeting.id]
        return str(self.data(self.index(row, COL[column])) or "").casefold()

    def accepts(self, row: int, text: str, day: date | None, kind: str | None, status: str | None) -> bool:
        """Whether the meeting in ``row`` passes the filter (``text`` already casefolded)."""
        meeting = self._meetings[row]
        if kind and str(meeting.kind) != kind:
            return False
        if status and str(meeting.status) != status:
            return False
        if day is not None:
            if meeting.all_day:  # its days are calendar days, the last one included
                if not (meeting.start <= day <= meeting.end):
                    return False
            elif day_of(meeting, self._visit.zone if self._visit else meeting.zone) != day:
                return False
        if text:
            if self._haystacks is None:
                self._haystacks = [self._haystack(m) for m in self._meetings]
            return text in self._haystacks[row]
        return True

    def _haystack(self, meeting: Meeting) -> str:
        return " ".join((meeting.title, self._venues.get(meeting.venue_id, ""), str(meeting.kind), meeting.notes,
                         "online" if meeting.online_link else "")).casefold()
