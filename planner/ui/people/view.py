"""People and delegations: the directory in precedence order, filtered, and the business delegation by sector."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.model import DelegationKind, Person, Side
from planner.storage.queries.people import PeopleFilter, companies, people_count
from planner.ui.people.editing import PeopleEditing
from planner.ui.people.membership_model import MembershipsModel
from planner.ui.people.model import LAZY_FROM, PeopleModel, PersonRole
from planner.ui.people.sector_model import MemberPersonRole, SectorRole, SectorTreeModel
from planner.ui.widgets.deferred import ReadWhenShown

ANY = None
TEXT_PAUSE_MS = 150  # wait for a pause in typing before searching a large visit


def _combo(parent, name: str, characters: int = 14) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    # Long delegation and company names must not push the search field off the bar.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


class PeopleView(PeopleEditing, QWidget):
    """The people directory with its filters, a person's memberships and the delegation-by-sector tree."""

    personActivated = Signal(int)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.reading = ReadWhenShown(self, self.reload)
        self.setAccessibleName("People and delegations")
        filters = self._build_filter_bar()
        buttons = self._build_directory()
        member_box = self._build_memberships()
        sector_box = self._build_sector_tree()
        self._lay_out(filters, buttons, member_box, sector_box)
        self._connect_signals()
        self._person_changed()

    def _build_filter_bar(self) -> QHBoxLayout:
        self.side = _combo(self, "Filter by side", 8)
        self.delegation = _combo(self, "Filter by delegation")
        self.sector = _combo(self, "Filter by sector")
        self.company = _combo(self, "Filter by company")
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Search people")
        self.search.setPlaceholderText("Name, native script, designation, organisation, e-mail")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(170)
        self.count = QLabel(self)
        self.count.setAccessibleName("People shown")
        # A fixed width: a count changing length must not re-lay out the whole filter bar.
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("000000 people") + 8)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        filters = QHBoxLayout()
        for text, widget in (("Fi&nd:", self.search), ("Si&de:", self.side), ("De&legation:", self.delegation),
                             ("Sect&or:", self.sector), ("Compan&y:", self.company)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 3 if widget is self.search else 1)
        filters.addWidget(self.count)
        return filters

    def _build_directory(self) -> QHBoxLayout:
        """The people table and its new/edit/delete buttons; returns the buttons' row."""
        self.model = PeopleModel(self.session, self, load=False)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("People in precedence order")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)  # into a delegation's members (People ▸ Delegations)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        # A scroll bar that comes and goes as a filter finds more or fewer than a screenful re-lays out
        # the table and repaints the splitter and its frame: a few milliseconds of every filter.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        for column, width in enumerate((46, 230, 170, 260, 220, 60, 56, 200, 130)):
            self.table.setColumnWidth(column, width)

        self.new_button = QPushButton("Ne&w person…", self)
        self.edit_button = QPushButton("Ed&it…", self)
        self.delete_button = QPushButton("Dele&te…", self)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    def _build_memberships(self) -> QGroupBox:
        self.memberships = MembershipsModel(self.session, self)
        self.membership_table = QTableView(self)
        self.membership_table.setModel(self.memberships)
        self.membership_table.setAccessibleName("Delegation memberships of the selected person")
        self.membership_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.membership_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.membership_table.verticalHeader().hide()
        self.membership_table.horizontalHeader().setStretchLastSection(True)
        self.add_member_button = QPushButton("&Add to delegation…", self)
        self.edit_member_button = QPushButton("C&hange membership…", self)
        self.remove_member_button = QPushButton("&Remove from delegation", self)
        member_buttons = QHBoxLayout()
        for button in (self.add_member_button, self.edit_member_button, self.remove_member_button):
            member_buttons.addWidget(button)
        member_box = QGroupBox("Delegation memberships", self)
        member_layout = QVBoxLayout(member_box)
        member_layout.addWidget(self.membership_table)
        member_layout.addLayout(member_buttons)
        return member_box

    def _build_sector_tree(self) -> QGroupBox:
        self.tree_delegation = _combo(self, "Delegation grouped by sector", 24)
        self.sectors = SectorTreeModel(self.session, self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.sectors)
        self.tree.setAccessibleName("Delegation by sector")
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 240)
        self.tree.setColumnWidth(1, 52)
        self.tree.setColumnWidth(2, 200)
        self.tree.setColumnWidth(3, 70)
        self.tree_total = QLabel(self)
        sector_box = QGroupBox("By sector", self)
        sector_layout = QVBoxLayout(sector_box)
        top = QHBoxLayout()
        top.addWidget(self.tree_delegation, 1)
        top.addWidget(self.tree_total)
        sector_layout.addLayout(top)
        sector_layout.addWidget(self.tree)
        return sector_box

    def _lay_out(self, filters, buttons, member_box, sector_box) -> None:
        """The filter bar over a splitter: the directory left, the sector tree over the memberships right."""
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(sector_box)
        right.addWidget(member_box)
        right.setSizes([520, 200])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("peopleSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([760, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        self._search_timer = QTimer(self, singleShot=True, interval=TEXT_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        for combo in (self.side, self.delegation, self.sector, self.company):
            combo.currentIndexChanged.connect(lambda _n: self.apply_filter())
        self.tree_delegation.currentIndexChanged.connect(
            lambda _n: self.sectors.set_delegation(self.tree_delegation.currentData()))
        self.sectors.modelReset.connect(self._update_tree_total)
        self.sectors.dataChanged.connect(lambda *_: self._update_tree_total())
        # An edit re-reads the tree; keep the sectors the user had open.
        self._expanded: set = set()
        self.sectors.modelAboutToBeReset.connect(self._remember_expanded)
        self.sectors.modelReset.connect(self._restore_expanded)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._person_changed())
        self.table.doubleClicked.connect(lambda _i: self._activate())
        self.tree.doubleClicked.connect(self._tree_activated)
        self.new_button.clicked.connect(self.new_person)
        self.edit_button.clicked.connect(lambda: self.edit_person())
        self.delete_button.clicked.connect(lambda: self.delete_person())
        self.add_member_button.clicked.connect(self.add_membership)
        self.edit_member_button.clicked.connect(self.edit_membership)
        self.remove_member_button.clicked.connect(self.remove_membership)
        self.model.totalChanged.connect(self._update_count)
        self.session.changed.connect(self._on_changed)
        self.session.visitChanged.connect(lambda _id: self._invalidate())

    # -- loading: deferred until the tab is first shown (ReadWhenShown), so start-up stays fast --

    def _invalidate(self) -> None:
        self.reading.mark_stale()

    def _on_changed(self, changes) -> None:
        if changes.touches("delegations", "sectors", "delegation_members"):
            self._fill_choices()

    def reload(self) -> None:
        self.reading.stale = False
        # The first reading of a very large visit takes a moment: say so with the cursor and the count.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        if self.model.index_of_people is None and self.session.visit_id is not None:
            people = people_count(self.session.store.db, self.session.visit_id)
            if people >= LAZY_FROM:
                self.count.setText(f"Reading {people} people…")
                self.count.repaint()  # now: the event loop waits for the reading
        try:
            self._fill_choices()
            self.apply_filter(force=True)
        finally:
            QApplication.restoreOverrideCursor()

    def _fill_choices(self) -> None:
        """Fill the filter lists from the visit, keeping what the user had chosen."""
        store, visit_id = self.session.store, self.session.visit_id
        delegations = store.delegations(visit_id) if visit_id is not None else []
        sectors = store.sectors(visit_id) if visit_id is not None else []
        choices = {
            self.side: [("Any side", ANY)] + [(str(s).capitalize(), s) for s in Side],
            self.delegation: [("Any delegation", ANY)] + [(d.name, d.id) for d in delegations],
            self.sector: [("Any sector", ANY)] + [(s.name, s.id) for s in sectors],
            self.company: [("Any company", ANY)] + [(c, c) for c in (companies(store.db, visit_id)
                                                                     if visit_id is not None else [])],
            self.tree_delegation: [(d.name, d.id) for d in delegations],
        }
        # The business delegation is what the by-sector tree is for; open on it.
        business = next((d.id for d in delegations if d.kind == DelegationKind.BUSINESS and d.side == Side.GUEST),
                        next((d.id for d in delegations if d.kind == DelegationKind.BUSINESS), None))
        for combo, items in choices.items():
            wanted = combo.currentData() if combo.count() else (business if combo is self.tree_delegation else ANY)
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(wanted), 0))
            combo.blockSignals(False)
        if self.sectors.delegation_id != self.tree_delegation.currentData():
            self.sectors.set_delegation(self.tree_delegation.currentData())

    def current_filter(self) -> PeopleFilter:
        return PeopleFilter(side=self.side.currentData(), delegation_id=self.delegation.currentData(),
                            sector_id=self.sector.currentData(), company=self.company.currentData(),
                            text=self.search.text())

    def apply_filter(self, force: bool = False) -> None:
        self._search_timer.stop()
        if force:
            self.model.filter = self.current_filter()
            self.model.reload()
        else:
            self.model.set_filter(self.current_filter())

    def _update_count(self) -> None:
        total = self.model.total()
        if total is None:
            self.count.setText("counting…")
        else:
            self.count.setText(f"{total} {'person' if total == 1 else 'people'}")

    def _remember_expanded(self) -> None:
        self._expanded = {self.sectors.index(row, 0).data(SectorRole) for row in range(self.sectors.rowCount())
                          if self.tree.isExpanded(self.sectors.index(row, 0))}

    def _restore_expanded(self) -> None:
        for row in range(self.sectors.rowCount()):
            index = self.sectors.index(row, 0)
            if index.data(SectorRole) in self._expanded:
                if self.sectors.canFetchMore(index):
                    self.sectors.fetchMore(index)
                self.tree.expand(index)

    def _update_tree_total(self) -> None:
        groups = [g for g in self.sectors.groups if g.count]
        self.tree_total.setText(f"{self.sectors.total()} members in {len(groups)} sectors")

    # -- what the window asks -------------------------------------------------------------

    def current_person(self) -> Person | None:
        index = self.table.currentIndex()
        if index.isValid():
            return index.data(PersonRole)
        tree_index = self.tree.currentIndex()
        return tree_index.data(MemberPersonRole) if tree_index.isValid() else None

    def current_person_id(self) -> int | None:
        person = self.current_person()
        return person.id if person else None

    def current_delegation_id(self) -> int | None:
        if self.delegation.currentData() is not None:
            return self.delegation.currentData()
        return self.tree_delegation.currentData() if self.tree.currentIndex().isValid() else None

    def current_sector_id(self) -> int | None:
        if self.sector.currentData() is not None:
            return self.sector.currentData()
        index = self.tree.currentIndex()
        return index.data(SectorRole) if index.isValid() else None

    def select_person(self, person_id: int) -> None:
        """Show and select this person, clearing filters that hide them."""
        if self.reading.stale:
            self.reload()
        row = self.model.row_of(person_id)
        if row < 0:
            for combo in (self.side, self.delegation, self.sector, self.company):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.apply_filter()
            row = self.model.row_of(person_id)
        if row >= 0:
            index = self.model.index(row, 1)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def _person_changed(self) -> None:
        person = self.table.currentIndex().data(PersonRole) if self.table.currentIndex().isValid() else None
        self.memberships.set_person(person.id if person else None)
        for button in (self.edit_button, self.delete_button, self.add_member_button, self.edit_member_button,
                       self.remove_member_button):
            button.setEnabled(person is not None)

    def _activate(self) -> None:
        """Double-click: the window opens the person (planner.ui.people.person_editor); alone, open the form here."""
        person_id = self.current_person_id()
        if person_id is None:
            return
        if self.receivers("2personActivated(int)") > 0:
            self.personActivated.emit(person_id)
        else:
            self.edit_person(person_id)

    def keyPressEvent(self, event) -> None:
        # The table passes Enter on to us: open the person, as a double-click does.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self._activate()
            event.accept()
            return
        super().keyPressEvent(event)

    def _tree_activated(self, index) -> None:
        person = index.data(MemberPersonRole)
        if person is not None:
            self.select_person(person.id)
            self.personActivated.emit(person.id)
