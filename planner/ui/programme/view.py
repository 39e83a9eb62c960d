"""The programme: the visit day by day as a timeline, with a list beside it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.storage.queries.programme import meeting_days, meetings_on
from planner.ui.programme.model import ProgrammeListModel, ProgrammeMeetingRole
from planner.ui.programme.text import day_heading, day_of, moved
from planner.ui.programme.timeline import Timeline
from planner.ui.shell.commands import EditCommand
from planner.ui.widgets.deferred import ReadWhenShown

ALL_DAYS = "all"
# Changes to these tables can move, rename, cancel or (un)conflict a block.
WATCHED = ("meetings", "venues", "visits", "attendees", "agenda_items", "travel_times")


class ProgrammeView(QWidget):
    """The visit's meetings drawn as blocks per day; double-click opens, drag moves."""

    meetingActivated = Signal(int)
    meetingsSelected = Signal(list)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.reading = ReadWhenShown(self, self.reload)
        self.setAccessibleName("Programme")
        self._meetings = []
        self._days: list[date] = []
        self._syncing = False
        self._last_changes = None
        self._visit = None
        self._venues: dict[int, str] = {}
        self._conflicts: dict[int, list[str]] = {}
        # The main window's shared conflict reading, when there is one (captured now: tabs reparent us).
        self.watch = getattr(parent, "watch", None) if hasattr(getattr(parent, "watch", None), "conflicts_after") \
            else None
        bar = self._build_day_bar()
        self._build_timeline_and_list()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.day_picker, self.timeline)
        self.setTabOrder(self.timeline, self.list)
        self._connect_signals()

    def _build_day_bar(self) -> QHBoxLayout:
        """Which days are shown, the previous/next day buttons and the summary."""
        self.day_picker = QComboBox(self)
        self.day_picker.setAccessibleName("Days shown")
        self.day_picker.setToolTip("Show every day side by side, or one day at a time")
        self.day_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.previous_day = QToolButton(self, text="◀", toolTip="Previous day (Alt+PgUp)", autoRaise=True)
        self.next_day = QToolButton(self, text="▶", toolTip="Next day (Alt+PgDown)", autoRaise=True)
        self.previous_day.setAccessibleName("Previous day")
        self.next_day.setAccessibleName("Next day")
        self.previous_day.setShortcut("Alt+PgUp")
        self.next_day.setShortcut("Alt+PgDown")
        self.summary = QLabel(self)
        self.summary.setAccessibleName("Programme summary")
        bar = QHBoxLayout()
        label = QLabel("&Show:", self)
        label.setBuddy(self.day_picker)
        for widget in (label, self.previous_day, self.day_picker, self.next_day):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        return bar

    def _build_timeline_and_list(self) -> None:
        """The timeline (scrolled) beside the programme as a list, in a splitter."""
        self.timeline = Timeline(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.timeline)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName("Programme timeline area")
        # The day headings are drawn at the top of what is visible; repaint as it scrolls so they stay put.
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.timeline.update())
        self.model = ProgrammeListModel(self)
        self.list = QTableView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Programme list")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.setWordWrap(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("programmeSplitter")
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(self.list)
        self.splitter.setStretchFactor(0, 1)  # the timeline takes what the window gains
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([640, 330])

    def _connect_signals(self) -> None:
        self.day_picker.currentIndexChanged.connect(lambda _n: self._show_days())
        self.previous_day.clicked.connect(lambda: self._step_day(-1))
        self.next_day.clicked.connect(lambda: self._step_day(1))
        self.timeline.activated.connect(self.meetingActivated)
        self.timeline.selectionChanged.connect(self._timeline_selected)
        self.timeline.moveRequested.connect(self.move_meeting)
        self.list.doubleClicked.connect(lambda index: self.meetingActivated.emit(index.data(ProgrammeMeetingRole).id))
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._list_selected())
        self.session.changed.connect(self._on_changed)
        self.session.visitChanged.connect(lambda _id: self._invalidate(reset_days=True))
        if self.watch is not None and hasattr(self.watch, "updated"):
            self.watch.updated.connect(self._conflicts_updated, Qt.ConnectionType.QueuedConnection)  # a pass of its own

    # -- loading: only while visible (ReadWhenShown), so a large visit costs nothing until it is looked at --

    def _invalidate(self, reset_days: bool = False) -> None:
        if reset_days:
            self._days = []
        self.reading.mark_stale()

    def _on_changed(self, changes) -> None:
        self._last_changes = changes
        if changes.touches(*WATCHED):
            self._invalidate()

    def reload(self) -> None:
        """Read the days, the shown meetings, venues and conflicts once, then redraw."""
        self.reading.stale = False
        store, visit = self.session.store, self.session.visit
        self._visit = visit
        if visit is None:
            self._venues, self._conflicts = {}, {}
            self._set_days([])
            self._show_days()
            return
        self._venues = {v.id: v.name for v in store.venues(visit.id)}
        self._conflicts = self._conflict_map()
        self._set_days(meeting_days(store.db, visit))
        self._show_days()

    def _conflict_map(self) -> dict[int, list[str]]:
        # The window reads the visit's conflicts once per change for every view (in the background for a
        # large visit, then says so with ``updated``); share that reading rather than make another.
        found = (self.watch.conflicts_after(self._last_changes) if self.watch is not None
                 else self.session.store.conflicts(self.session.visit_id))
        conflicts: dict[int, list[str]] = {}
        for conflict in found:
            for meeting_id in conflict.meeting_ids:
                conflicts.setdefault(meeting_id, []).append(conflict.message)
        return conflicts

    def _conflicts_updated(self) -> None:
        if self.reading.stale or self._visit is None:
            return
        self._conflicts = self._conflict_map()
        self._draw()

    def _set_days(self, days: list[date]) -> None:
        if days == self._days and self.day_picker.count():
            return
        wanted = self.day_picker.currentData()
        self._days = days
        self.day_picker.blockSignals(True)
        self.day_picker.clear()
        self.day_picker.addItem("All days", ALL_DAYS)
        for day in days:
            # Days travel through the combo as ISO text: Qt would turn a date into a QDate.
            self.day_picker.addItem(day_heading(day, self._visit), day.isoformat())
        # A long visit opens on its first day; a short one shows every day side by side.
        default = ALL_DAYS if len(days) <= 7 else (self._visit.first_day.isoformat() if self._visit else ALL_DAYS)
        index = self.day_picker.findData(wanted if wanted is not None else default)
        self.day_picker.setCurrentIndex(max(index, 0))
        self.day_picker.blockSignals(False)

    def shown_days(self) -> list[date]:
        chosen = self.day_picker.currentData()
        return list(self._days) if chosen in (None, ALL_DAYS) else [date.fromisoformat(chosen)]

    def show_day(self, day: date | None) -> None:
        """Show one day, or every day side by side for None."""
        self.day_picker.setCurrentIndex(max(self.day_picker.findData(day.isoformat() if day else ALL_DAYS), 0))

    def _show_days(self) -> None:
        """Read the meetings of the days now chosen (all of them only when all days are shown)."""
        visit = self._visit
        self._meetings = meetings_on(self.session.store.db, visit, self.shown_days()) if visit else []
        self._draw()

    def _draw(self) -> None:
        days, visit = self.shown_days(), self._visit
        zone_name = visit.zone if visit else "UTC"
        shown = self._meetings
        headings = [day_heading(d, visit) for d in days] if visit else []
        self.timeline.set_programme(days, headings, shown, zone_name, self._venues, self._conflicts)
        self.model.set_meetings(shown, zone_name, self._venues, self._conflicts)
        if len(shown) <= 300:  # measuring every row of a huge day would cost seconds
            self.list.resizeColumnsToContents()
        cancelled = sum(1 for m in shown if m.status == "cancelled")
        marked = sum(1 for m in shown if m.id in self._conflicts)
        parts = [f"{len(shown)} meetings"]
        if cancelled:
            parts.append(f"{cancelled} cancelled")
        if marked:
            parts.append(f"⚠ {marked} with conflicts")
        if self.watch is not None and getattr(self.watch, "pending", False):
            parts.append("checking conflicts…")
        self.summary.setText(" · ".join(parts))
        self._select_in_list(self.timeline.selected)

    def keyPressEvent(self, event) -> None:
        # The list passes Enter on to us: open the meeting, as a double-click does.
        index = self.list.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.hasFocus() and index.isValid():
            self.meetingActivated.emit(index.data(ProgrammeMeetingRole).id)
            event.accept()
            return
        super().keyPressEvent(event)

    def _step_day(self, step: int) -> None:
        count = self.day_picker.count()
        if count > 1:
            index = self.day_picker.currentIndex() + step
            # Stepping wraps over the days only, never onto "All days".
            self.day_picker.setCurrentIndex((index - 1) % (count - 1) + 1)

    # -- selection, kept the same in the timeline and the list --------------------

    def selected_meeting_ids(self) -> list[int]:
        return list(self.timeline.selected)

    def select_meetings(self, ids: list[int]) -> None:
        """Select these meetings in the timeline and the list (from a conflict or a search)."""
        if self.reading.stale:
            self.reload()
        if ids and self._visit is not None and not any(m.id == ids[0] for m in self._meetings):
            first = self.session.store.meeting(ids[0])
            if first is not None and first.visit_id == self._visit.id:
                self.show_day(day_of(first, self._visit.zone))  # turn to the day it is on
        ids = [i for i in ids if any(m.id == i for m in self._meetings)]
        self.timeline.set_selected(ids, emit=False)
        self._select_in_list(ids)
        block = self.timeline.block_of(ids[0]) if ids else None
        if block is not None:
            self.scroll.ensureVisible(int(block.rect.center().x()), int(block.rect.center().y()), 50, 80)

    def _timeline_selected(self, ids: list[int]) -> None:
        self._select_in_list(ids)
        self.meetingsSelected.emit(ids)

    def _select_in_list(self, ids: list[int]) -> None:
        self._syncing = True
        try:
            selection = self.list.selectionModel()
            selection.clearSelection()
            for meeting_id in ids:
                row = self.model.row_of(meeting_id)
                if row >= 0:
                    selection.select(self.model.index(row, 0), selection.SelectionFlag.Select
                                     | selection.SelectionFlag.Rows)
            if ids and self.model.row_of(ids[0]) >= 0:
                self.list.scrollTo(self.model.index(self.model.row_of(ids[0]), 0))
        finally:
            self._syncing = False

    def _list_selected(self) -> None:
        if self._syncing:
            return
        ids = [index.data(ProgrammeMeetingRole).id for index in self.list.selectionModel().selectedRows()]
        self.timeline.set_selected(ids, emit=False)
        self.meetingsSelected.emit(ids)

    # -- editing ------------------------------------------------------------------------

    def move_meeting(self, meeting_id: int, day: date, start_minute: int) -> bool:
        """Move a meeting to ``day`` at ``start_minute`` (visit clock) as one undo step."""
        before = self.session.store.meeting(meeting_id)
        if before is None or before.all_day or self._visit is None:
            return False
        after = moved(before, day, start_minute, self._visit.zone)
        # Moving keeps the length, so it can only raise warnings (outside the visit), never errors.
        return self.session.run(EditCommand(self.session, before, after, text=f"Move {before.title}"))
