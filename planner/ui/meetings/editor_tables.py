"""The editor's attendee and agenda tables: models over the meeting being edited, not yet stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from planner.domain.model import AgendaItem, Attendee, AttendeeRole, Person, Reply
from planner.domain.precedence import precedence_key
from planner.domain.validation import validate_agenda_item
from planner.domain.zones import later
from planner.ui.widgets.table_model import ColumnTableModel

ChoicesRole = Qt.ItemDataRole.UserRole + 20  # [(label, value)] an editable cell offers
ItemRole = Qt.ItemDataRole.UserRole + 21
AGENDA_MIME = "application/x-visit-planner-agenda-rows"


def agenda_clock_times(start: datetime, minutes: list[int]) -> list[str]:
    """Each item's clock time when the agenda runs in order from the meeting's start: ['10:00', '10:15']."""
    times, moment = [], start
    for duration in minutes:
        times.append(moment.strftime("%H:%M"))
        moment = later(moment, timedelta(minutes=max(duration, 0)))
    return times


def agenda_total_text(total: int, length: int) -> str:
    """'Agenda 70 min of a 60 min meeting: overruns by 10 min.'"""
    if total > length:
        return f"Agenda {total} min of a {length} min meeting: overruns by {total - length} min."
    if total < length:
        return f"Agenda {total} min of a {length} min meeting: {length - total} min to spare."
    return f"Agenda {total} min: fills the {length} min meeting exactly."


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box of the choices the model offers (ChoicesRole)."""

    def createEditor(self, parent, option, index):
        choices = index.data(ChoicesRole)
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setAccessibleName(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)))
        for label, value in choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class AttendeesModel(ColumnTableModel):
    """The people at the meeting, always in precedence order; role and reply are edited in place."""

    COLUMNS = ["Name", "Designation", "Side", "Role", "Reply"]

    def __init__(self, people: dict[int, Person], attendees: list[Attendee], parent=None):
        super().__init__(parent)
        self.people = people
        self.attendees = sorted(attendees, key=self._key)

    def _key(self, attendee: Attendee):
        person = self.people.get(attendee.person_id)
        return precedence_key(person) if person else (10**9,)

    def person_ids(self) -> set[int]:
        return {a.person_id for a in self.attendees}

    def add(self, person_id: int) -> int:
        """Add a person (required, no reply yet) in precedence order; returns the row."""
        attendee = Attendee(meeting_id=0, person_id=person_id)
        keys = [self._key(a) for a in self.attendees]
        row = sum(1 for k in keys if k <= self._key(attendee))
        self.beginInsertRows(QModelIndex(), row, row)
        self.attendees.insert(row, attendee)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.attendees[row]
        self.endRemoveRows()

    def row_total(self) -> int:
        return len(self.attendees)

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and self.COLUMNS[index.column()] in ("Role", "Reply"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.attendees)):
            return None
        attendee = self.attendees[index.row()]
        person = self.people.get(attendee.person_id)
        column = self.COLUMNS[index.column()]
        if role == ItemRole:
            return attendee
        if role == ChoicesRole:
            if column == "Role":
                return [(str(r), str(r)) for r in AttendeeRole]
            if column == "Reply":
                return [(str(r), str(r)) for r in Reply]
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == "Name" and person and person.native_name:
            return person.native_name
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == "Name":
            return person.display_name if person else f"Person {attendee.person_id}"
        if column == "Designation":
            return person.designation if person else ""
        if column == "Side":
            return str(person.side) if person else ""
        return str(attendee.role) if column == "Role" else str(attendee.reply)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        attendee = self.attendees[index.row()]
        column = self.COLUMNS[index.column()]
        try:
            if column == "Role":
                attendee = replace(attendee, role=AttendeeRole(value))
            elif column == "Reply":
                attendee = replace(attendee, reply=Reply(value))
            else:
                return False
        except ValueError:
            return False
        self.attendees[index.row()] = attendee
        self.dataChanged.emit(index, index)
        return True


class AgendaModel(ColumnTableModel):
    """The agenda in running order: each item's clock time follows from the start and the durations before it."""

    COLUMNS = ["Time", "Item", "Minutes", "Presenter", "Sector", "Notes"]

    def __init__(self, items: list[AgendaItem], start: datetime, people: dict[int, Person],
                 sectors: dict[int, str], parent=None):
        super().__init__(parent)
        self.items = list(items)
        self.start = start
        self.people = people
        self.sectors = sectors
        self.attendee_ids = set  # the editor gives the attendees' ids, offered first as presenters

    def set_start(self, start: datetime) -> None:
        if start == self.start:
            return
        self.start = start
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, 0))

    def total_minutes(self) -> int:
        return sum(max(i.duration_minutes, 0) for i in self.items)

    def problems(self) -> list[tuple[int, str]]:
        """(row, message) for every item that cannot be stored as it is."""
        return [(n, p.message) for n, item in enumerate(self.items) for p in validate_agenda_item(item)]

    def add(self, title: str = "New item", minutes: int = 10) -> int:
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append(AgendaItem(meeting_id=0, position=row + 1, title=title, duration_minutes=minutes))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.items[row]
        self.endRemoveRows()
        self._times_changed()

    def move(self, row: int, to: int) -> bool:
        """Move the item at ``row`` so that it ends up at ``to`` (both 0-based)."""
        if row == to or not (0 <= row < len(self.items)) or not (0 <= to < len(self.items)):
            return False
        # Qt counts the destination before the move: moving down lands before the row after ``to``.
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to):
            return False
        self.items.insert(to, self.items.pop(row))
        self.endMoveRows()
        self._times_changed()
        return True

    def moveRows(self, source_parent, source_row, count, destination_parent, destination_child) -> bool:
        """Qt's own move (a view may use it for internal drags): one row, before ``destination_child``."""
        if count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        to = destination_child - 1 if destination_child > source_row else destination_child
        return self.move(source_row, to)

    def _times_changed(self) -> None:
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, 0))

    # -- the model interface -----------------------------------------------------

    def row_total(self) -> int:
        return len(self.items)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.COLUMNS[section] if orientation == Qt.Orientation.Horizontal else section + 1

    def flags(self, index):
        flags = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid():
            flags |= Qt.ItemFlag.ItemIsDragEnabled
            if self.COLUMNS[index.column()] != "Time":
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        item = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ItemRole:
            return item
        if role == ChoicesRole:
            if column == "Presenter":
                # The meeting's attendees first: the presenter is nearly always one of them.
                attending = self.attendee_ids()
                people = sorted(self.people.values(), key=lambda p: (p.id not in attending, precedence_key(p)))
                return [("(nobody)", None)] + [(p.display_name + ("" if p.id in attending else " (not attending)"),
                                                p.id) for p in people]
            if column == "Sector":
                return [("(none)", None)] + [(name, sid) for sid, name in self.sectors.items()]
            return None
        if role == Qt.ItemDataRole.BackgroundRole and validate_agenda_item(item):
            return QColor("#fde7e9")
        if role == Qt.ItemDataRole.EditRole:
            return {"Item": item.title, "Minutes": item.duration_minutes, "Presenter": item.presenter_id,
                    "Sector": item.sector_id, "Notes": item.notes}.get(column)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "Time":
            return agenda_clock_times(self.start, [i.duration_minutes for i in self.items])[index.row()]
        if column == "Item":
            return item.title
        if column == "Minutes":
            return item.duration_minutes
        if column == "Presenter":
            person = self.people.get(item.presenter_id)
            return person.display_name if person else ""
        if column == "Sector":
            return self.sectors.get(item.sector_id, "")
        return item.notes

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        item = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "Item":
            self.items[index.row()] = replace(item, title=str(value))
        elif column == "Minutes":
            try:
                self.items[index.row()] = replace(item, duration_minutes=int(value))
            except (TypeError, ValueError):
                return False
            self._times_changed()
        elif column == "Presenter":
            self.items[index.row()] = replace(item, presenter_id=value)
        elif column == "Sector":
            self.items[index.row()] = replace(item, sector_id=value)
        elif column == "Notes":
            self.items[index.row()] = replace(item, notes=str(value))
        else:
            return False
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(len(self.COLUMNS) - 1))
        return True

    # -- drag and drop to reorder ------------------------------------------------

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [AGENDA_MIME]

    def mimeData(self, indexes):
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(AGENDA_MIME, QByteArray(",".join(map(str, rows)).encode()))
        return mime

    def canDropMimeData(self, data, action, row, column, parent):
        return data.hasFormat(AGENDA_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data, action, row, column, parent):
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        text = bytes(data.data(AGENDA_MIME).data()).decode()
        rows = [int(r) for r in text.split(",") if r]
        if len(rows) != 1:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.items))
        source = rows[0]
        # Dropping between rows names the gap; after removing the source, later gaps shift up by one.
        to = target - 1 if target > source else target
        self.move(source, min(max(to, 0), len(self.items) - 1))
        return False  # the move is done; returning True would make the view remove the source row
