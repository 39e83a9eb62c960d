"""Day and time fields that take typing at once ('14:30', '1430', '2:30 pm'; '10 May 2027'), a day also from a calendar."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from planner.ui.widgets.forms import ERROR_STYLE
from planner.ui.widgets.typing_rules import parse_day, parse_time


class TimeField(QLineEdit):
    """A clock time typed any common way; shown as HH:MM once typing stops. ``time()`` is the last valid one."""

    timeChanged = Signal(QTime)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._time = self._anchor = QTime(10, 0)  # the anchor: the time before the current typing
        self.setPlaceholderText("14:30")
        self.setToolTip("Type 14:30, 1430 or 2:30 pm")
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00 pm") + 24)
        self.setText(self._time.toString("HH:mm"))
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._tidy)

    def setDisplayFormat(self, _format: str) -> None:  # the same calls as QTimeEdit
        pass

    def time(self) -> QTime:
        return QTime(self._time)

    def setTime(self, value: QTime | time) -> None:
        value = value if isinstance(value, QTime) else QTime(value.hour, value.minute)
        self.setText(value.toString("HH:mm"))
        self._set(value)
        self._anchor = QTime(value)

    def _set(self, value: QTime) -> None:
        self.setStyleSheet("")
        if value != self._time:
            self._time = value
            self.timeChanged.emit(QTime(value))

    def _typed(self, text: str) -> None:
        found = parse_time(text)
        if found is None:  # not a time (yet): the time from before the typing stands, and the field says so
            self._set(self._anchor)
            self.setStyleSheet(f"QLineEdit {{ {ERROR_STYLE} }}")
            return
        self._set(QTime(found.hour, found.minute))

    def _tidy(self) -> None:
        self._anchor = QTime(self._time)
        self.setText(self._time.toString("HH:mm"))
        self.setStyleSheet("")


class DateField(QWidget):
    """A day typed any common way ('10 May 2027', '10.05.2027', '2027-05-10') or chosen from a calendar."""

    dateChanged = Signal(QDate)
    FORMAT = "ddd d MMM yyyy"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._date = self._anchor = QDate.currentDate()
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("10 May 2027")
        self.edit.setToolTip("Type 10 May 2027, 10.05.2027 or 2027-05-10, or choose from the calendar")
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip("Choose from a calendar")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(lambda: self.calendar.setSelectedDate(self._date))
        self.button.setMenu(menu)
        self.calendar.clicked.connect(lambda day: (self.setDate(day), menu.close()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.setText(self._date.toString(self.FORMAT))
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)

    # The calls the forms make on a QDateEdit.
    def setCalendarPopup(self, _on: bool) -> None:
        pass

    def setDisplayFormat(self, _format: str) -> None:
        pass

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, value: QDate | date) -> None:
        value = value if isinstance(value, QDate) else QDate(value)
        self.edit.setText(value.toString(self.FORMAT))
        self._set(value)
        self._anchor = QDate(value)

    def _set(self, value: QDate) -> None:
        self.edit.setStyleSheet("")
        if value != self._date:
            self._date = value
            self.dateChanged.emit(QDate(value))

    def _typed(self, text: str) -> None:
        found = parse_day(text, self._anchor.toPython())
        if found is None:  # not a day (yet): the day from before the typing stands, and the field says so
            self._set(self._anchor)
            self.edit.setStyleSheet(f"QLineEdit {{ {ERROR_STYLE} }}")
            return
        self._set(QDate(found))

    def _tidy(self) -> None:
        self._anchor = QDate(self._date)
        self.edit.setText(self._date.toString(self.FORMAT))
        self.edit.setStyleSheet("")
