"""The Meetings tab: a filter bar over the sortable meetings table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.model import MeetingKind, MeetingStatus
from planner.ui.meetings.filter import MeetingsFilter
from planner.ui.meetings.model import COL, MeetingRole, MeetingsModel
from planner.ui.shell.session import Session


class MeetingsPanel(QWidget):
    """Filter by text, day, kind and status; Enter or double-click opens the meeting."""

    meetingActivated = Signal(int)

    def __init__(self, session: Session, parent=None, watch=None, hold: bool = False):
        super().__init__(parent)
        self.session = session
        # hold: a large visit is read only once the window calls model.release() after its first paint.
        self.model = MeetingsModel(session, self, watch, hold)
        self.proxy = MeetingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build_filters()
        self._build_table()
        self._lay_out()
        self._connect_filters()
        self._fill_days()
        self._update_count()

    def _build_filters(self) -> None:
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter meetings by title, venue, kind or notes")
        self.text_filter.setAccessibleName("Filter meetings")
        self.text_filter.setClearButtonEnabled(True)
        self.day_filter = QComboBox()
        self.day_filter.setAccessibleName("Day")
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName("Kind")
        self.kind_filter.addItem("Every kind", None)
        for kind in MeetingKind:
            self.kind_filter.addItem(str(kind), str(kind))
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Status")
        self.status_filter.addItem("Every status", None)
        for status in MeetingStatus:
            self.status_filter.addItem(str(status), str(status))
        self.count_label = QLabel()

    def _build_table(self) -> None:
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Meetings")
        # The indicator first, so that turning sorting on sorts once, not twice.
        self.view.horizontalHeader().setSortIndicator(COL["Time"], Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL["Title"], QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(False)
        for name, width in (("Day", 90), ("Time", 205), ("Kind", 115), ("Venue", 190), ("Status", 80),
                            ("Attendees", 75), ("Conflicts", 85)):
            self.view.setColumnWidth(COL[name], width)
        self.view.doubleClicked.connect(self._activated)
        self.view.activated.connect(self._activated)

    def _lay_out(self) -> None:
        """The filter bar over the table; Tab runs through the filters, then into the table."""
        bar = QHBoxLayout()
        for label, widget in (("&Find:", self.text_filter), ("D&ay:", self.day_filter), ("&Kind:", self.kind_filter),
                              ("&Status:", self.status_filter)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget, 2 if widget is self.text_filter else 0)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.setTabOrder(self.text_filter, self.day_filter)
        self.setTabOrder(self.day_filter, self.kind_filter)
        self.setTabOrder(self.kind_filter, self.status_filter)
        self.setTabOrder(self.status_filter, self.view)

    def _connect_filters(self) -> None:
        self.text_filter.textChanged.connect(self.proxy.set_text)
        self.day_filter.currentIndexChanged.connect(lambda _i: self.proxy.set_day(self.chosen_day()))
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.proxy.set_kind(self.kind_filter.currentData()))
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status_filter.currentData()))
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self.model.modelReset.connect(self._fill_days)
        self.model.reading.connect(self._reading)

    def _fill_days(self) -> None:
        chosen = self.day_filter.currentData()
        self.day_filter.blockSignals(True)
        self.day_filter.clear()
        self.day_filter.addItem("Every day", None)
        for day in self.model.days():
            self.day_filter.addItem(f"{day:%a %d %b}", day.isoformat())  # Qt would turn a date into a QDate
        self.day_filter.setCurrentIndex(max(self.day_filter.findData(chosen), 0))
        self.day_filter.blockSignals(False)

    def chosen_day(self) -> date | None:
        text = self.day_filter.currentData()
        return date.fromisoformat(text) if text else None

    def _reading(self, done: int, total: int) -> None:
        if done >= total:
            self._fill_days()  # the days of the meetings come with the last chunk
        self._update_count()

    def _update_count(self, *_args) -> None:
        reading = self.model.reading_total()
        if reading is not None:
            self.count_label.setText(f"Reading meetings… {self.model.rowCount()} of {reading}")
            return
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total}" if shown != total else f"{total} meetings")

    def _activated(self, index) -> None:
        meeting = index.data(MeetingRole)
        if meeting is not None:
            self.meetingActivated.emit(meeting.id)

    def clear_filters(self) -> None:
        self.text_filter.clear()
        for combo in (self.day_filter, self.kind_filter, self.status_filter):
            combo.setCurrentIndex(0)

    # -- what the window asks -----------------------------------------------------

    def current_meeting_id(self) -> int | None:
        index = self.view.currentIndex()
        meeting = index.data(MeetingRole) if index.isValid() else None
        return meeting.id if meeting is not None else None

    def selected_meeting_ids(self) -> list[int]:
        selection = self.view.selectionModel()
        rows = selection.selectedRows() if selection else []
        return [r.data(MeetingRole).id for r in rows]

    def select_meetings(self, meeting_ids: list[int]) -> None:
        """Select these meetings (clearing filters that hide them) and scroll to the first."""
        self.model.finish_reading()
        rows = [self.model.row_of(i) for i in meeting_ids]
        rows = [r for r in rows if r is not None]
        if any(not self.proxy.mapFromSource(self.model.index(r, 0)).isValid() for r in rows):
            self.clear_filters()
        selection = QItemSelection()
        indexes = [self.proxy.mapFromSource(self.model.index(r, 0)) for r in rows]
        for index in indexes:
            selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().select(selection, flags)
        if indexes:
            self.view.selectionModel().setCurrentIndex(
                indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(indexes[0])
