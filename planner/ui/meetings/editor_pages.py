"""The meeting editor's Attendees and Agenda pages: picking people in precedence order, ordering the agenda."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.domain.matching import find_people, match_rank, words
from planner.domain.model import Person, Visit
from planner.ui.meetings.editor_tables import AgendaModel, AttendeesModel, ChoiceDelegate
from planner.ui.shell.commands import MeetingState
from planner.ui.shell.session import Session
from planner.ui.widgets.forms import ERROR_STYLE, ok_cancel


class MeetingPagesMixin:
    """Builds the two table pages of MeetingEditor, mixed into it; what the editor must provide is declared below."""

    # -- the interface the host editor provides (MeetingEditor) --
    session: Session
    visit: Visit
    state: MeetingState
    people: dict[int, Person]
    sectors: dict[int, str]
    tabs: QTabWidget

    def validate(self, *_args) -> bool:
        raise NotImplementedError

    # -- the attendees page --------------------------------------------------------

    def _attendees_page(self) -> QWidget:
        page = QWidget()
        self.attendees_model = AttendeesModel(self.people, self.state.attendees, self)
        self.attendees_view = QTableView()
        self.attendees_view.setModel(self.attendees_model)
        self.attendees_view.setAccessibleName("Attendees")
        self.attendees_view.setItemDelegate(ChoiceDelegate(self.attendees_view))
        self.attendees_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attendees_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.attendees_view.setColumnWidth(0, 280)
        self.attendees_view.setWordWrap(False)
        self.attendees_view.verticalHeader().hide()
        self.person_combo = QComboBox()
        self.person_combo.setEditable(True)
        self.person_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person_combo.setAccessibleName("Person to add")
        self.person_combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.person_combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.add_person_button = QPushButton("&Add")
        self.add_person_button.setAccessibleName("Add attendee")
        self.remove_person_button = QPushButton("&Remove")
        self.remove_person_button.setAccessibleName("Remove attendee")
        self.attendee_message = QLabel()
        self.attendee_message.setStyleSheet(ERROR_STYLE)
        self.attendee_message.hide()
        picker = QHBoxLayout()
        picker.addWidget(QLabel("Person:"))
        picker.addWidget(self.person_combo, 1)
        picker.addWidget(self.add_person_button)
        picker.addWidget(self.remove_person_button)
        layout = QVBoxLayout(page)
        layout.addLayout(picker)
        layout.addLayout(self._delegation_picker())
        layout.addWidget(self.attendees_view)
        layout.addWidget(self.attendee_message)
        self._fill_person_combo()
        self.add_person_button.clicked.connect(self._add_chosen_person)
        self.person_combo.lineEdit().returnPressed.connect(self._add_chosen_person)
        self.remove_person_button.clicked.connect(self._remove_attendee)
        QShortcut(QKeySequence.StandardKey.Delete, self.attendees_view, self._remove_attendee,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.attendees_model.rowsInserted.connect(self.validate)
        self.attendees_model.rowsRemoved.connect(self.validate)
        return page

    def _fill_person_combo(self) -> None:
        """People not yet at the meeting, in precedence order (store.people returns them so)."""
        present = self.attendees_model.person_ids()
        self.person_combo.clear()
        for person in self.people.values():
            if person.id not in present:
                name = f"{person.display_name} ({person.native_name})" if person.native_name else person.display_name
                label = " — ".join(x for x in (name, person.designation) if x)
                self.person_combo.addItem(label, person.id)
        self.person_combo.setCurrentIndex(-1)
        self.person_combo.setEditText("")

    def add_attendee(self, person_id: int) -> None:
        row = self.attendees_model.add(person_id)
        self.attendees_view.selectRow(row)
        self._fill_person_combo()

    def _add_chosen_person(self) -> None:
        """Add the person whose entry holds what was typed; any word of a name or title is enough when only one
        person matches (or only one by name); honorifics match no one."""
        text = self.person_combo.currentText().strip()
        if not text:
            return
        exact = self.person_combo.findText(text)
        present = self.attendees_model.person_ids()
        candidates = [p for p in self.people.values() if p.id not in present]
        found = [self.person_combo.itemData(exact)] if exact >= 0 else [p.id for p in find_people(candidates, text)]
        by_name = [p.id for p in candidates if match_rank(p, text) == 0]
        if len(found) > 1 and len(by_name) == 1:
            found = by_name
        if len(found) == 1:
            self.attendee_message.hide()
            self.add_attendee(found[0])
            return
        self.attendee_message.setStyleSheet(ERROR_STYLE)
        if found:
            message = f"{len(found)} people match '{text}'; type more of the name."
        elif not words(text):
            message = f"'{text}' is only a title, which many share; type a word of the name."
        else:
            message = f"No one matching '{text}' is among this visit's people who are not already attending."
        self.attendee_message.setText(message)
        self.attendee_message.show()

    # -- a whole delegation at once -------------------------------------------------

    def _delegation_picker(self) -> QHBoxLayout:
        store, visit_id = self.session.store, self.visit.id
        self.delegation_combo = QComboBox()
        self.delegation_combo.setAccessibleName("Delegation to add")
        for delegation in store.delegations(visit_id):
            self.delegation_combo.addItem(delegation.name, delegation.id)
        self.add_delegation_button = QPushButton("Add de&legation")
        self.add_delegation_button.setToolTip("Every member of the delegation, in one go")
        self.choose_members_button = QPushButton("C&hoose members…")
        row = QHBoxLayout()
        row.addWidget(QLabel("Delegation:"))
        row.addWidget(self.delegation_combo, 1)
        row.addWidget(self.add_delegation_button)
        row.addWidget(self.choose_members_button)
        has_any = self.delegation_combo.count() > 0
        for widget in (self.delegation_combo, self.add_delegation_button, self.choose_members_button):
            widget.setEnabled(has_any)
        if not has_any:
            self.delegation_combo.addItem("(no delegations yet: People ▸ Delegations)", None)
        self.add_delegation_button.clicked.connect(lambda: self.add_delegation(self.delegation_combo.currentData()))
        self.choose_members_button.clicked.connect(self._choose_members)
        return row

    def delegation_member_ids(self, delegation_id: int) -> list[int]:
        """The delegation's members, in precedence order."""
        members = {x.person_id for x in self.session.store.members(delegation_id=delegation_id)}
        return [pid for pid in self.people if pid in members]

    def add_delegation(self, delegation_id: int | None, person_ids: list[int] | None = None) -> int:
        """Add the delegation's members (or the chosen ones) who are not at the meeting yet; returns how many."""
        if delegation_id is None:
            return 0
        present = self.attendees_model.person_ids()
        wanted = self.delegation_member_ids(delegation_id) if person_ids is None else person_ids
        added = 0
        for person_id in wanted:
            if person_id not in present:
                self.attendees_model.add(person_id)
                added += 1
        self._fill_person_combo()
        name = self.delegation_combo.itemText(max(self.delegation_combo.findData(delegation_id), 0))
        self.attendee_message.setStyleSheet("")
        already = len(wanted) - added
        self.attendee_message.setText(f"Added {added} of {len(wanted)} from {name}" + (
            "." if not already else f" ({already} {'was' if already == 1 else 'were'} already attending)."))
        self.attendee_message.show()
        return added

    def _choose_members(self) -> None:
        from planner.ui.people.members_picker import PeopleList

        delegation_id = self.delegation_combo.currentData()
        if delegation_id is None:
            return
        ids = self.delegation_member_ids(delegation_id)
        dialog = QDialog(self)
        dialog.setWindowTitle(f"Members of {self.delegation_combo.currentText()}")
        chooser = PeopleList([self.people[i] for i in ids], dialog)
        chooser.view.selectAll()
        layout = QVBoxLayout(dialog)
        layout.addWidget(chooser)
        layout.addWidget(ok_cancel(dialog))
        dialog.accepted.connect(lambda: self.add_delegation(delegation_id, chooser.chosen_ids()))
        self.members_chooser = chooser
        dialog.open()

    def _remove_attendee(self) -> None:
        rows = sorted({i.row() for i in self.attendees_view.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            self.attendees_model.remove(row)
        self._fill_person_combo()

    # -- the agenda page -----------------------------------------------------------

    def _agenda_page(self) -> QWidget:
        page = QWidget()
        self.agenda_model = AgendaModel(self.state.agenda, self.state.meeting.starts_at(), self.people,
                                        self.sectors, self)
        self.agenda_model.attendee_ids = self.attendees_model.person_ids
        view = self.agenda_view = QTableView()
        view.setModel(self.agenda_model)
        view.setAccessibleName("Agenda")
        view.setItemDelegate(ChoiceDelegate(view))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDragEnabled(True)
        view.setDropIndicatorShown(True)
        view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 55), (2, 65), (3, 210), (4, 130), (5, 120)):
            view.setColumnWidth(column, width)
        buttons = QHBoxLayout()
        self.agenda_buttons = {}
        for key, text, slot in (("add", "Add &item", self._add_item), ("remove", "Remo&ve item", self._remove_item),
                                ("up", "Move &up", lambda: self._move_item(-1)),
                                ("down", "Move do&wn", lambda: self._move_item(1))):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.agenda_buttons[key] = button
        buttons.addStretch(1)
        self.agenda_buttons["up"].setToolTip("Alt+Up")
        self.agenda_buttons["down"].setToolTip("Alt+Down")
        QShortcut(QKeySequence.StandardKey.Delete, view, self._remove_item,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Alt+Up"), view, lambda: self._move_item(-1))
        QShortcut(QKeySequence("Alt+Down"), view, lambda: self._move_item(1))
        self.agenda_total = QLabel()
        self.agenda_message = QLabel()
        self.agenda_message.setStyleSheet(ERROR_STYLE)
        self.agenda_message.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(view)
        layout.addWidget(self.agenda_total)
        layout.addWidget(self.agenda_message)
        for signal in (self.agenda_model.dataChanged, self.agenda_model.rowsInserted, self.agenda_model.rowsRemoved,
                       self.agenda_model.rowsMoved):
            signal.connect(self.validate)
        return page

    def _add_item(self) -> None:
        row = self.agenda_model.add()
        index = self.agenda_model.index(row, 1)
        self.agenda_view.setCurrentIndex(index)
        self.agenda_view.edit(index)

    def _remove_item(self) -> None:
        index = self.agenda_view.currentIndex()
        if index.isValid():
            self.agenda_model.remove(index.row())

    def _move_item(self, step: int) -> None:
        index = self.agenda_view.currentIndex()
        if not index.isValid():
            return
        to = index.row() + step
        if self.agenda_model.move(index.row(), to):
            self.agenda_view.setCurrentIndex(self.agenda_model.index(to, index.column()))

    def show_agenda_item(self, item_id: int) -> None:
        """Open on the agenda with this item chosen (from a search)."""
        self.tabs.setCurrentIndex(2)
        for row, item in enumerate(self.agenda_model.items):
            if item.id == item_id:
                self.agenda_view.selectRow(row)
