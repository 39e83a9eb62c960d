"""Choosing people from the directory: type any word of a name or title, pick several at once."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.matching import find_people
from planner.domain.model import MemberRole, Person
from planner.ui.widgets.forms import ok_cancel


def person_label(person: Person) -> str:
    name = f"{person.display_name} ({person.native_name})" if person.native_name else person.display_name
    return " — ".join(x for x in (name, person.designation) if x)


class PeopleList(QWidget):
    """A filter line over a multi-selection list of people in precedence order."""

    def __init__(self, people: list[Person], parent=None):
        super().__init__(parent)
        self.people = list(people)
        self.shown: list[Person] = []
        self.filter = QLineEdit(self)
        self.filter.setAccessibleName("Find people")
        self.filter.setPlaceholderText("Any word of the name, native name, designation or organisation")
        self.filter.setClearButtonEnabled(True)
        self.model = QStringListModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("People to choose from")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.filter.textChanged.connect(self.apply)
        self.filter.returnPressed.connect(self._choose_only_match)
        self.apply("")

    def apply(self, text: str) -> None:
        self.shown = find_people(self.people, text)
        self.model.setStringList([person_label(p) for p in self.shown])

    def _choose_only_match(self) -> None:
        if len(self.shown) == 1:
            self.view.selectAll()

    def choose(self, person_ids: list[int]) -> None:
        selection = self.view.selectionModel()
        for row, person in enumerate(self.shown):
            if person.id in person_ids:
                selection.select(self.model.index(row), selection.SelectionFlag.Select)

    def chosen_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedIndexes())
        return [self.shown[r].id for r in rows]


class AddMembersDialog(QDialog):
    """People for a delegation, all with the same role, sector and company (each can be changed after)."""

    def __init__(self, people: list[Person], sectors: dict[int, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add members")
        self.setAccessibleName("Add members")
        self.resize(620, 520)
        self.people_list = PeopleList(people, self)
        self.role_combo = QComboBox(self)
        for role in MemberRole:
            self.role_combo.addItem(str(role), role)
        self.role_combo.setCurrentIndex(self.role_combo.findData(MemberRole.MEMBER))
        self.sector_combo = QComboBox(self)
        self.sector_combo.addItem("No sector", None)
        for sector_id, name in sectors.items():
            self.sector_combo.addItem(name, sector_id)
        self.company_edit = QLineEdit(self)
        self.hint = QLabel("Ctrl+click or Shift+click to choose several.", self)
        self.hint.setEnabled(False)
        form = QFormLayout()
        form.addRow("&Role", self.role_combo)
        form.addRow("&Sector", self.sector_combo)
        form.addRow("&Company", self.company_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.people_list, 1)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.people_list.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_ids(self) -> list[int]:
        return self.people_list.chosen_ids()

    def role(self) -> MemberRole:
        return self.role_combo.currentData()

    def sector_id(self) -> int | None:
        return self.sector_combo.currentData()

    def company(self) -> str:
        return self.company_edit.text().strip()
