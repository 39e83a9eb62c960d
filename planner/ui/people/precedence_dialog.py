"""The order of precedence: people of each side in a list, dragged or moved into order; the ranks follow."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
)

from planner.domain.model import Person, Side
from planner.storage.visit_setup import set_precedence
from planner.ui.people.setup_common import message_line, write_step
from planner.ui.widgets.forms import ok_cancel

PersonIdRole = Qt.ItemDataRole.UserRole + 71
TiedRole = Qt.ItemDataRole.UserRole + 72  # the same rank as the person above


def ranks(tied: list[bool]) -> list[int]:
    """Ranks from the order: one more than the person above, or the same when tied to them."""
    out: list[int] = []
    for n, same in enumerate(tied):
        out.append(out[-1] if (same and n) else (out[-1] + 1 if out else 1))
    return out


class PrecedenceDialog(QDialog):
    """OK stores the new ranks of everyone who moved as one undo step."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Order of precedence")
        self.setAccessibleName("Order of precedence")
        self.resize(640, 620)
        self.people = {p.id: p for p in session.store.people(session.visit_id)} if session.visit_id else {}
        self.tabs = QTabWidget(self)
        self.to_spin = QSpinBox()
        self.models: dict[Side, QStandardItemModel] = {}
        self.views: dict[Side, QListView] = {}
        for side in Side:
            self._add_side(side, [p for p in self.people.values() if p.side == side])
        self.up_button, self.down_button = QPushButton("Move &up"), QPushButton("Move &down")
        self.to_spin.setMinimum(1)
        self.to_spin.setAccessibleName("Position to move to")
        self.to_button = QPushButton("Move &to")
        self.tie_check = QCheckBox("&Same rank as the one above")
        self.message = message_line()
        row = QHBoxLayout()
        for widget in (self.up_button, self.down_button, self.to_button, self.to_spin):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.tie_check)
        hint = QLabel("Drag people into order, or use the buttons (Alt+Up, Alt+Down). Rank 1 is the most senior.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel(self))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.to_button.clicked.connect(lambda: self.move_current_to(self.to_spin.value()))
        self.tie_check.clicked.connect(self.set_tied)
        self.tabs.currentChanged.connect(lambda _n: self._current_changed())
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            QShortcut(QKeySequence(keys), self, lambda step=step: self.move_current(step))
        first = next((n for n, side in enumerate(Side) if self.models[side].rowCount()), 0)
        self.tabs.setCurrentIndex(first)
        self._current_changed()

    def _add_side(self, side: Side, people: list[Person]) -> None:
        model = QStandardItemModel(self)
        previous = None
        for person in people:  # store.people gives them in precedence order
            item = QStandardItem()
            item.setData(person.id, PersonIdRole)
            item.setData(previous is not None and person.precedence == previous.precedence, TiedRole)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
            model.appendRow(item)
            previous = person
        view = QListView()
        view.setModel(model)
        view.setAccessibleName(f"{side.capitalize()} side in order of precedence")
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDragEnabled(True)
        view.setDropIndicatorShown(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.models[side], self.views[side] = model, view
        # A drop inserts the moved row and removes the old one: number them again once it has settled.
        model.rowsRemoved.connect(lambda *_a, side=side: QTimer.singleShot(0, lambda: self.renumber(side)))
        view.selectionModel().currentRowChanged.connect(lambda *_a: self._current_changed())
        self.tabs.addTab(view, f"{side.capitalize()} ({len(people)})")
        self.renumber(side)

    # -- the order ---------------------------------------------------------------------------

    def side(self) -> Side:
        return list(Side)[self.tabs.currentIndex()]

    def order(self, side: Side) -> list[int]:
        model = self.models[side]
        return [model.item(r).data(PersonIdRole) for r in range(model.rowCount())]

    def new_ranks(self, side: Side) -> list[int]:
        model = self.models[side]
        return ranks([bool(model.item(r).data(TiedRole)) for r in range(model.rowCount())])

    def renumber(self, side: Side) -> None:
        model = self.models[side]
        for row, rank in enumerate(self.new_ranks(side)):
            person = self.people[model.item(row).data(PersonIdRole)]
            native = f" ({person.native_name})" if person.native_name else ""
            text = f"{rank}.  {person.display_name}{native}" + (f" — {person.designation}" if person.designation else "")
            model.item(row).setText(text)
        self.to_spin.setMaximum(max(model.rowCount(), 1))

    def _current_row(self) -> int:
        index = self.views[self.side()].currentIndex()
        return index.row() if index.isValid() else -1

    def _current_changed(self) -> None:
        row = self._current_row()
        model = self.models[self.side()]
        self.tie_check.setEnabled(row > 0)
        self.tie_check.setChecked(row > 0 and bool(model.item(row).data(TiedRole)))
        for button in (self.up_button, self.down_button, self.to_button):
            button.setEnabled(row >= 0)

    def select(self, person_id: int) -> None:
        """Choose this person, on their side's tab."""
        person = self.people[person_id]
        self.tabs.setCurrentIndex(list(Side).index(person.side))
        row = self.order(person.side).index(person_id)
        self.views[person.side].setCurrentIndex(self.models[person.side].index(row, 0))

    def move_current_to(self, position: int) -> None:
        """Move the chosen person to ``position`` (1 is the top); they take a rank of their own."""
        side, row = self.side(), self._current_row()
        model = self.models[side]
        if row < 0:
            return
        to = min(max(position, 1), model.rowCount()) - 1
        items = model.takeRow(row)
        items[0].setData(False, TiedRole)
        model.insertRow(to, items)
        self.renumber(side)
        self.views[side].setCurrentIndex(model.index(to, 0))

    def move_current(self, step: int) -> None:
        row = self._current_row()
        if row >= 0:
            self.move_current_to(row + 1 + step)

    def set_tied(self, tied: bool) -> None:
        side, row = self.side(), self._current_row()
        if row > 0:
            self.models[side].item(row).setData(bool(tied), TiedRole)
            self.renumber(side)

    # -- the result --------------------------------------------------------------------------

    def changed_ranks(self) -> dict[int, int]:
        found = {}
        for side in Side:
            for person_id, rank in zip(self.order(side), self.new_ranks(side)):
                if self.people[person_id].precedence != rank:
                    found[person_id] = rank
        return found

    def accept(self) -> None:
        changed = self.changed_ranks()
        if changed and not write_step(self.session, "Order of precedence",
                                      lambda store: set_precedence(store, changed), self.message):
            return
        super().accept()
