"""The programme timeline: meetings painted as blocks in day columns; click selects, drag moves."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.domain.model import Meeting, MeetingKind, MeetingStatus
from planner.ui.programme.text import (
    BlockText,
    block_text,
    day_of,
    hour_range,
    lanes,
    minute_of_day,
    moved,
    snap,
    time_span,
)

GUTTER, HEADER, ALL_DAY_BAND = 52, 40, 22
PIXELS_PER_MINUTE = 1.1
MIN_COLUMN = 135
DRAG_THRESHOLD = 4

KIND_COLOURS = {
    MeetingKind.BILATERAL: "#cfe0f7", MeetingKind.ONE_ON_ONE: "#c9d8f2", MeetingKind.DELEGATION_LEVEL: "#d3e4f5",
    MeetingKind.B2B: "#d8efd3", MeetingKind.VIRTUAL_SESSION: "#e6dcf5", MeetingKind.SIGNING: "#f6e3c4",
    MeetingKind.MEAL: "#f5d9d0", MeetingKind.TRANSFER: "#e4e4e4", MeetingKind.PRESS: "#f3efc2",
    MeetingKind.ARRIVAL: "#f6e3c4", MeetingKind.WREATH: "#f6e3c4", MeetingKind.CALL_ON: "#cfe0f7",
    MeetingKind.BANQUET: "#f5d9d0",
}


@dataclass
class Block:
    meeting: Meeting
    text: BlockText
    rect: QRectF
    column: int


class Timeline(QWidget):
    """Paints one column per day; emits the user's intentions, never writes to the store itself."""

    activated = Signal(int)
    selectionChanged = Signal(list)
    moveRequested = Signal(int, object, int)  # meeting id, day (date), start minute on the visit's clock

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Programme timeline")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        self.zone_name = "UTC"
        self.days: list[date] = []
        self.headings: list[str] = []
        self.first_hour, self.last_hour = 8, 20
        self.blocks: list[Block] = []
        self.selected: list[int] = []
        self._press: QPoint | None = None
        self._press_block: Block | None = None
        self._drag: tuple[int, date, int] | None = None  # meeting id, day, start minute while dragging
        self._meetings: list[Meeting] = []
        self._has_all_day = False
        self._texts: dict[int, BlockText] = {}
        self._block_fonts = {struck: self._block_font(struck) for struck in (False, True)}

    # -- data ------------------------------------------------------------------

    def set_programme(self, days: list[date], headings: list[str], meetings: list[Meeting], zone_name: str,
                      venues: dict[int, str], conflicts: dict[int, list[str]]) -> None:
        self.zone_name, self.days, self.headings = zone_name, days, headings
        shown = [m for m in meetings if day_of(m, zone_name) in set(days)]
        self.first_hour, self.last_hour = hour_range(shown, zone_name)
        self._meetings = shown
        self._has_all_day = any(m.all_day for m in shown)
        self._texts: dict[int, BlockText] = {}
        self._venues, self._conflicts = venues, conflicts
        self.selected = [i for i in self.selected if any(m.id == i for m in shown)]
        self._layout()
        self.updateGeometry()
        self.update()

    def _layout(self) -> None:
        column_of = {day: n for n, day in enumerate(self.days)}
        per_day: dict[int, list[Meeting]] = {}
        for meeting in self._meetings:
            per_day.setdefault(column_of[day_of(meeting, self.zone_name)], []).append(meeting)
        self.blocks = []
        width = self.column_width()
        for column, meetings in per_day.items():
            timed = [m for m in meetings if not m.all_day]
            spans = [self._span(m) for m in timed]
            for meeting, (start, end), (lane, count) in zip(timed, spans, lanes(spans)):
                x = GUTTER + column * width + 2 + lane * (width - 4) / count
                rect = QRectF(x, self.y_of(start), (width - 4) / count - 2, max(self.y_of(end) - self.y_of(start), 14))
                self.blocks.append(self._block(meeting, rect, column))
            for n, meeting in enumerate(m for m in meetings if m.all_day):
                rect = QRectF(GUTTER + column * width + 2 + n * 4, HEADER + 4, width - 6, ALL_DAY_BAND - 4)
                self.blocks.append(self._block(meeting, rect, column))

    def _block(self, meeting: Meeting, rect: QRectF, column: int) -> Block:
        text = self._texts.get(meeting.id)
        if text is None:  # worked out once per meeting, not on every resize
            text = self._texts[meeting.id] = block_text(meeting, self.zone_name,
                                                        self._venues.get(meeting.venue_id, ""),
                                                        self._conflicts.get(meeting.id, []))
        return Block(meeting, text, rect, column)

    def _span(self, meeting: Meeting) -> tuple[int, int]:
        start = minute_of_day(meeting.starts_at(), self.zone_name)
        return start, start + max(meeting.duration_minutes(), 1)

    # -- geometry ----------------------------------------------------------------

    def top(self) -> int:
        # A little room under the headings, so the first hour's label is not hidden by them.
        return HEADER + 10 + (ALL_DAY_BAND if self._has_all_day else 0)

    def column_width(self) -> float:
        if not self.days:
            return MIN_COLUMN
        return max(MIN_COLUMN, (self.width() - GUTTER) / len(self.days))

    def y_of(self, minute: float) -> float:
        return self.top() + (minute - self.first_hour * 60) * PIXELS_PER_MINUTE

    def minute_at(self, y: float) -> float:
        return (y - self.top()) / PIXELS_PER_MINUTE + self.first_hour * 60

    def column_at(self, x: float) -> int:
        column = int((x - GUTTER) // self.column_width())
        return min(max(column, 0), max(len(self.days) - 1, 0))

    def sizeHint(self) -> QSize:
        height = self.top() + (self.last_hour - self.first_hour) * 60 * PIXELS_PER_MINUTE + 8
        return QSize(int(GUTTER + MIN_COLUMN * max(len(self.days), 1)), int(height))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    def block_of(self, meeting_id: int) -> Block | None:
        return next((b for b in self.blocks if b.meeting.id == meeting_id), None)

    def block_at(self, point) -> Block | None:
        if point.y() < self.header_top() + HEADER:  # the headings lie over the blocks there
            return None
        for block in reversed(self.blocks):
            if block.rect.contains(point):
                return block
        return None

    # -- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        width = self.column_width()
        grid = QColor(palette.mid().color())
        grid.setAlpha(90)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        painter.setFont(small)
        for hour in range(self.first_hour, self.last_hour + 1):
            y = self.y_of(hour * 60)
            painter.setPen(QPen(grid))
            painter.drawLine(GUTTER, int(y), self.width(), int(y))
            painter.setPen(palette.text().color())
            painter.drawText(QRectF(0, y - 8, GUTTER - 6, 16), Qt.AlignmentFlag.AlignRight, f"{hour:02d}:00")
        for column in range(len(self.headings)):
            x = GUTTER + column * width
            painter.setPen(QPen(grid))
            painter.drawLine(int(x), 0, int(x), self.height())
        self._block_fonts = {struck: self._block_font(struck) for struck in (False, True)}
        # Only the blocks in the part to repaint: a day of a very large visit holds hundreds, and
        # painting them all at every repaint held the window up for a tenth of a second.
        exposed = QRectF(event.rect()).adjusted(-3, -3, 3, 3)  # a block's border is drawn a little outside it
        dragged = None
        for block in self.blocks:
            if self._drag and block.meeting.id == self._drag[0]:
                dragged = block
                self._paint_block(painter, block, block.rect, ghost=True)
            elif block.rect.intersects(exposed):
                self._paint_block(painter, block, block.rect, ghost=False)
        if dragged is not None:  # on top of the others, saying where it would land
            _id, day, minute = self._drag
            landing = moved(dragged.meeting, day, minute, self.zone_name)
            shown = Block(landing, dataclasses.replace(dragged.text, time=time_span(landing, self.zone_name)),
                          dragged.rect, dragged.column)
            self._paint_block(painter, shown, self._drag_rect(dragged), ghost=False)
        self._paint_headings(painter, width, grid, small)
        painter.end()

    def header_top(self) -> int:
        """Where the day headings are drawn: the top of the visible part, so they stay while scrolling."""
        return max(self.visibleRegion().boundingRect().top(), 0)

    def _paint_headings(self, painter: QPainter, width: float, grid: QColor, small: QFont) -> None:
        top = self.header_top()
        palette = self.palette()
        painter.fillRect(QRectF(0, top, self.width(), HEADER), palette.window())
        painter.setPen(QPen(grid))
        painter.drawLine(0, top + HEADER - 1, self.width(), top + HEADER - 1)
        bold = QFont(self.font())
        bold.setBold(True)
        for column, heading in enumerate(self.headings):
            x = GUTTER + column * width
            painter.setPen(QPen(grid))
            painter.drawLine(int(x), top, int(x), top + HEADER)
            painter.setPen(palette.windowText().color())
            day_text, _sep, note = heading.partition(" · ")
            painter.setFont(bold)
            painter.drawText(QRectF(x + 6, top + 3, width - 8, 18), Qt.AlignmentFlag.AlignLeft, day_text)
            painter.setFont(small)
            painter.drawText(QRectF(x + 6, top + 21, width - 8, 16), Qt.AlignmentFlag.AlignLeft,
                             QFontMetrics(small).elidedText(note, Qt.TextElideMode.ElideRight, int(width - 8)))

    def _paint_block(self, painter: QPainter, block: Block, rect: QRectF, ghost: bool) -> None:
        meeting, text = block.meeting, block.text
        fill = QColor(KIND_COLOURS.get(meeting.kind, "#dddddd"))
        if meeting.status is MeetingStatus.CANCELLED:
            fill = QColor("#eeeeee")
        if ghost:
            fill.setAlpha(70)
        selected = meeting.id in self.selected
        border = QColor("#c62828") if text.conflict else QColor("#5b6b7f")
        painter.setPen(QPen(border, 2.5 if (text.conflict or selected) else 1,
                            Qt.PenStyle.DashLine if selected and not text.conflict else Qt.PenStyle.SolidLine))
        painter.setBrush(fill)
        if rect.width() < 7:  # too narrow for its corners to show: a plain rectangle draws a third as long
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        else:
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        if selected:
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 2, 2)
        if ghost:
            return
        inner = rect.adjusted(4, 2, -4, -2)
        if inner.width() <= 0:  # a sliver among hundreds side by side: no text would show
            return
        font, metrics = self._block_fonts[text.struck]
        painter.setFont(font)
        painter.setPen(QColor("#777777") if text.struck else QColor("#1b1b1b"))
        line = metrics.height()
        mark = "⚠ " if text.conflict else ""
        lines = int((inner.height() + 2) // line)
        left_top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        width = int(inner.width())
        if lines <= 1:  # a short block: time and title on one line
            painter.drawText(inner, left_top, metrics.elidedText(f"{mark}{text.time} {text.title}",
                                                                 Qt.TextElideMode.ElideRight, width))
            return
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), line), left_top,
                         metrics.elidedText(f"{mark}{text.time}", Qt.TextElideMode.ElideRight, width))
        if lines == 2:
            painter.drawText(QRectF(inner.left(), inner.top() + line, inner.width(), line), left_top,
                             metrics.elidedText(text.title, Qt.TextElideMode.ElideRight, width))
            return
        # The title wraps over whole lines: in a narrow block beside others, "B2B session: Textile" still
        # shows "Textile"; the venue follows when there is room.
        body = QRectF(inner.left(), inner.top() + line, inner.width(), (lines - 1) * line)
        flags = left_top | Qt.TextFlag.TextWordWrap
        used = painter.boundingRect(body, flags, text.title)
        painter.save()
        painter.setClipRect(body)
        painter.drawText(body, flags, text.title)
        painter.restore()
        if text.venue and used.bottom() + line <= body.bottom() + 1:
            painter.setPen(QColor("#555555"))
            painter.drawText(QRectF(inner.left(), used.bottom(), inner.width(), line), left_top,
                             metrics.elidedText(text.venue, Qt.TextElideMode.ElideRight, width))

    def _block_font(self, struck: bool) -> tuple[QFont, QFontMetrics]:
        """A block's font (a point smaller than the window's, struck through for a cancelled meeting) and its metrics."""
        font = QFont(self.font())
        font.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        font.setStrikeOut(struck)
        return font, QFontMetrics(font)

    def _drag_rect(self, block: Block) -> QRectF:
        _id, day, minute = self._drag
        column = self.days.index(day)
        width = self.column_width()
        return QRectF(GUTTER + column * width + 2, self.y_of(minute), width - 6, block.rect.height())

    # -- mouse and keyboard -------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        block = self.block_at(event.position())
        self._press, self._press_block, self._drag = event.position().toPoint(), block, None
        additive = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if block is None:
            if not additive:
                self.set_selected([])
        elif additive:
            ids = [i for i in self.selected if i != block.meeting.id]
            self.set_selected(ids if block.meeting.id in self.selected else ids + [block.meeting.id])
        elif block.meeting.id not in self.selected:
            self.set_selected([block.meeting.id])
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        block = self._press_block
        if block is None or self._press is None or block.meeting.all_day:
            return
        if not event.buttons() & Qt.MouseButton.LeftButton:  # the release went elsewhere: no drag
            self._press, self._press_block, self._drag = None, None, None
            self.update()
            return
        delta = event.position().toPoint() - self._press
        if self._drag is None and delta.manhattanLength() < DRAG_THRESHOLD:
            return
        start = self.minute_at(block.rect.top() + delta.y())
        minute = min(max(snap(start), 0), 24 * 60 - 5)
        column = self.column_at(block.rect.center().x() + delta.x())
        self._drag = (block.meeting.id, self.days[column], minute)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, block = self._drag, self._press_block
        self._press, self._press_block, self._drag = None, None, None
        if drag is not None and block is not None:
            meeting_id, day, minute = drag
            original = (day_of(block.meeting, self.zone_name), minute_of_day(block.meeting.starts_at(), self.zone_name))
            if (day, minute) != original:
                self.moveRequested.emit(meeting_id, day, minute)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        block = self.block_at(event.position())
        if block is not None:
            self.activated.emit(block.meeting.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keyboard use: Tab/arrows walk the blocks, Enter opens, Alt+arrows move by 5 minutes or a day."""
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        ordered = sorted(self.blocks, key=lambda b: (b.column, b.rect.top(), b.rect.left()))
        current = next((b for b in ordered if self.selected and b.meeting.id == self.selected[-1]), None)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current:
            self.activated.emit(current.meeting.id)
        elif alt and current and not current.meeting.all_day and key in (Qt.Key.Key_Up, Qt.Key.Key_Down,
                                                                          Qt.Key.Key_Left, Qt.Key.Key_Right):
            day = day_of(current.meeting, self.zone_name)
            minute = minute_of_day(current.meeting.starts_at(), self.zone_name)
            step = {Qt.Key.Key_Up: -5, Qt.Key.Key_Down: 5}.get(key, 0)
            column = self.days.index(day) + {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(key, 0)
            if 0 <= column < len(self.days):
                self.moveRequested.emit(current.meeting.id, self.days[column], min(max(minute + step, 0), 1435))
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left) and ordered:
            forward = key in (Qt.Key.Key_Down, Qt.Key.Key_Right)
            n = ordered.index(current) + (1 if forward else -1) if current else 0
            self.set_selected([ordered[n % len(ordered)].meeting.id])
        else:
            return super().keyPressEvent(event)
        event.accept()

    def set_selected(self, ids: list[int], emit: bool = True) -> None:
        if ids == self.selected:
            return
        self.selected = list(ids)
        self.update()
        if emit:
            self.selectionChanged.emit(list(ids))
