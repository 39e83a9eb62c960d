"""What the set-up dialogs (delegations, sectors, venues, precedence) share: a rows model and one-step writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView

from planner.storage.changes import Changes
from planner.ui.shell.commands import push_logged
from planner.ui.widgets.forms import ERROR_STYLE
from planner.ui.widgets.table_model import ColumnTableModel

ObjectRole = Qt.ItemDataRole.UserRole + 61


class RowsModel(ColumnTableModel):
    """Rows of display text, each with the object it shows (ObjectRole)."""

    def __init__(self, columns: Sequence[str], parent=None):
        super().__init__(parent)
        self.COLUMNS = list(columns)
        self.objects: list = []
        self.texts: list[list[str]] = []

    def set_rows(self, objects: list, texts: list[list[str]]) -> None:
        self.beginResetModel()
        self.objects, self.texts = list(objects), [list(t) for t in texts]
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.objects)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.objects)):
            return None
        if role == ObjectRole:
            return self.objects[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.texts[index.row()][index.column()]
        return None


def table(model: RowsModel, name: str, multi: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


def chosen(view: QTableView) -> list:
    """The objects of the selected rows, in the table's order."""
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    return [view.model().objects[r] for r in rows]


def current(view: QTableView):
    index = view.currentIndex()
    return view.model().objects[index.row()] if index.isValid() and index.row() < len(view.model().objects) else None


def select_where(view: QTableView, test: Callable[[object], bool]) -> None:
    for row, obj in enumerate(view.model().objects):
        if test(obj):
            view.selectRow(row)
            return


def message_line() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def write_step(session, text: str, operation: Callable[..., Changes], message: QLabel | None = None) -> bool:
    """One undo step; when the store refuses, nothing is written and ``message`` (or a message box) says why."""
    done = push_logged(session, text, operation, (lambda why: say(message, why)) if message is not None else None)
    if done and message is not None:
        say(message, "")
    return done


def new_id(changes: Changes, table_name: str) -> int | None:
    ids = changes.ids(table_name)
    return max(ids) if ids else None
