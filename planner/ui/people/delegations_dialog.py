"""Delegations: create, rename, delete (saying what goes with it), side, kind, head; members with role, sector, company."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.domain.model import Delegation, DelegationKind, DelegationMember, MemberRole, Side
from planner.storage.changes import Changes
from planner.storage.queries.setup import delegation_rows
from planner.ui.people.model import PEOPLE_MIME
from planner.ui.people.setup_common import (
    RowsModel,
    chosen,
    current,
    message_line,
    new_id,
    say,
    select_where,
    table,
    write_step,
)

KINDS = [DelegationKind.OFFICIAL, DelegationKind.BUSINESS, DelegationKind.PRESS, DelegationKind.SECURITY,
         DelegationKind.OTHER]


def _combo(name: str, values) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for value in values:
        combo.addItem(str(value), value)
    return combo


def confirm(parent, title: str, text: str) -> bool:
    from planner.ui.shell.window_actions import confirm as ask  # one place for questions, so tests can answer

    return ask(parent, title, text)


class DelegationsDialog(QDialog):
    """Every change is one undo step at once; the dialog stays open for the next."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Delegations")
        self.setAccessibleName("Delegations")
        self.resize(1000, 600)
        self.list_model = RowsModel(["Delegation", "Side", "Kind", "Members", "Head"], self)
        self.list_view = table(self.list_model, "Delegations of the visit")
        for column, width in ((0, 230), (1, 50), (2, 70), (3, 60)):
            self.list_view.setColumnWidth(column, width)
        self.new_button = QPushButton("&New delegation")
        self.delete_button = QPushButton("&Delete delegation…")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_view)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self._details())
        splitter.setSizes([460, 540])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        self.new_button.clicked.connect(self.start_new)
        self.delete_button.clicked.connect(self.delete_delegation)
        self.save_button.clicked.connect(self.save_delegation)
        self.add_members_button.clicked.connect(self.add_members)
        self.apply_button.clicked.connect(self.change_members)
        self.remove_button.clicked.connect(self.remove_members)
        self.list_view.selectionModel().selectionChanged.connect(lambda *_: self._show_current())
        self.name_edit.textChanged.connect(lambda _t: say(self.message, ""))
        session.changed.connect(self._on_changed)
        self.reload()
        self.start_new() if not self.list_model.objects else self.list_view.selectRow(0)

    def _details(self) -> QWidget:
        box = QWidget()
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Delegation name")
        self.side_combo = _combo("Side", [Side.HOST, Side.GUEST, Side.OTHER])
        self.kind_combo = _combo("Kind", KINDS)
        self.head_combo = QComboBox()
        self.head_combo.setAccessibleName("Head of delegation")
        self.save_button = QPushButton("&Save delegation")
        self.message = message_line()
        form.addRow("Na&me", self.name_edit)
        form.addRow("", self.message)
        form.addRow("&Side", self.side_combo)
        form.addRow("&Kind", self.kind_combo)
        form.addRow("&Head", self.head_combo)
        form.addRow("", self.save_button)
        self.members_box = QGroupBox("Members")
        self.members_model = RowsModel(["Member", "Role", "Sector", "Company"], self)
        self.members_view = table(self.members_model, "Members of the delegation", multi=True)
        self.members_view.setAcceptDrops(True)  # people dragged from the directory join the delegation
        self.members_view.viewport().setAcceptDrops(True)
        self.members_view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.members_view.viewport().installEventFilter(self)
        self.members_view.setColumnWidth(0, 240)
        self.add_members_button = QPushButton("&Add members…")
        self.role_combo = _combo("Role of the chosen members", list(MemberRole))
        self.role_combo.insertItem(0, "(role unchanged)", "keep")
        self.role_combo.setCurrentIndex(0)
        self.sector_combo = QComboBox()
        self.sector_combo.setAccessibleName("Sector of the chosen members")
        self.company_edit = QLineEdit()
        self.company_edit.setAccessibleName("Company of the chosen members")
        self.company_edit.setPlaceholderText("Company")
        self.apply_button = QPushButton("Cha&nge chosen")
        self.remove_button = QPushButton("&Remove chosen")
        self.member_message = message_line()
        change = QHBoxLayout()
        for widget in (self.role_combo, self.sector_combo, self.company_edit, self.apply_button):
            change.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_members_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        members = QVBoxLayout(self.members_box)
        members.addWidget(self.members_view)
        members.addLayout(change)
        members.addLayout(buttons)
        members.addWidget(self.member_message)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.members_box, 1)
        return box

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        visit_id = self.session.visit_id
        wanted = self.current_delegation_id()
        rows = delegation_rows(self.session.store.db, visit_id) if visit_id is not None else []
        self.list_model.set_rows([r.id for r in rows],
                                 [[r.name, r.side, r.kind, str(r.members), r.head] for r in rows])
        store = self.session.store
        self.people = {p.id: p for p in store.people(visit_id)} if visit_id is not None else {}
        self.sectors = {s.id: s.name for s in store.sectors(visit_id)} if visit_id is not None else {}
        self.sector_combo.clear()
        self.sector_combo.addItem("(sector unchanged)", "keep")
        self.sector_combo.addItem("No sector", None)
        for sector_id, name in self.sectors.items():
            self.sector_combo.addItem(name, sector_id)
        if wanted is not None:
            select_where(self.list_view, lambda i: i == wanted)
        self._show_current()

    def _on_changed(self, changes) -> None:
        if changes.touches("delegations", "delegation_members", "people", "sectors"):
            self.reload()

    def current_delegation_id(self) -> int | None:
        return current(self.list_view) if self.list_view.selectionModel().hasSelection() else None

    def _show_current(self) -> None:
        delegation_id = self.current_delegation_id()
        delegation = self.session.store.get(Delegation, delegation_id) if delegation_id else None
        self.members_box.setEnabled(delegation is not None)
        self.delete_button.setEnabled(delegation is not None)
        members = self.session.store.members(delegation_id=delegation_id) if delegation else []
        order = {pid: n for n, pid in enumerate(self.people)}
        members.sort(key=lambda x: order.get(x.person_id, len(order)))
        self.members_model.set_rows(members, [[self.people[x.person_id].display_name, str(x.role),
                                               self.sectors.get(x.sector_id, ""), x.company] for x in members])
        self.head_combo.clear()
        self.head_combo.addItem("(no head)", None)
        for member in members:
            self.head_combo.addItem(self.people[member.person_id].display_name, member.id)
        if delegation is None:
            return
        self.save_button.setText("&Save delegation")
        self.name_edit.setText(delegation.name)
        self.side_combo.setCurrentIndex(max(self.side_combo.findData(delegation.side), 0))
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(delegation.kind), 0))
        head = next((x.id for x in members if x.role == MemberRole.HEAD), None)
        self.head_combo.setCurrentIndex(max(self.head_combo.findData(head), 0))
        self.members_box.setTitle(f"Members of {delegation.name}")

    # -- the delegation ------------------------------------------------------------------

    def start_new(self) -> None:
        """Clear the form for a new delegation; Save adds it."""
        self.list_view.clearSelection()
        self.list_view.setCurrentIndex(self.list_model.index(-1, 0))
        self._show_current()
        self.name_edit.clear()
        self.save_button.setText("&Add delegation")
        self.members_box.setTitle("Members (add the delegation first)")
        self.name_edit.setFocus()

    def _name_problem(self, name: str, delegation_id: int | None) -> str:
        if not name:
            return "A delegation needs a name."
        taken = {r.name.casefold(): r.id for r in delegation_rows(self.session.store.db, self.session.visit_id)}
        if taken.get(name.casefold(), delegation_id) != delegation_id:
            return f"There is already a delegation called '{name}'."
        return ""

    def save_delegation(self) -> bool:
        delegation_id = self.current_delegation_id()
        name = self.name_edit.text().strip()
        problem = self._name_problem(name, delegation_id)
        if problem:
            say(self.message, problem)
            return False
        side, kind, head = self.side_combo.currentData(), self.kind_combo.currentData(), self.head_combo.currentData()
        if delegation_id is None:
            made = {}

            def add(store) -> Changes:
                changes = store.add(Delegation(self.session.visit_id, name, kind, side))
                made["id"] = new_id(changes, "delegations")
                return changes
            if write_step(self.session, f"Add delegation '{name}'", add, self.message):
                select_where(self.list_view, lambda i: i == made["id"])
                return True
            return False
        before = self.session.store.get(Delegation, delegation_id)

        def edit(store) -> Changes:
            changes = store.update(replace(before, name=name, side=side, kind=kind))
            for member in store.members(delegation_id=delegation_id):
                role = MemberRole.HEAD if member.id == head else (
                    MemberRole.MEMBER if member.role == MemberRole.HEAD else member.role)
                if role != member.role:
                    changes.merge(store.update(replace(member, role=role)))
            return changes
        return write_step(self.session, f"Edit delegation '{name}'", edit, self.message)

    def delete_delegation(self) -> bool:
        delegation_id = self.current_delegation_id()
        if delegation_id is None:
            return False
        delegation = self.session.store.get(Delegation, delegation_id)
        count = len(self.session.store.members(delegation_id=delegation_id))
        goes = (f"\n\nIts {count} membership{'s' if count != 1 else ''} go with it; the people stay in the "
                "directory and at their meetings." if count else "")
        if not confirm(self, "Delete delegation", f"Delete the delegation '{delegation.name}'?{goes}\n\n"
                                                  "Edit ▸ Undo puts everything back."):
            return False
        ok = write_step(self.session, f"Delete delegation '{delegation.name}'",
                        lambda store: store.delete(delegation).changes, self.message)
        if ok and not self.list_model.objects:
            self.start_new()
        return ok

    # -- members -------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        """People dragged from the directory onto the members list join the chosen delegation."""
        if watched is self.members_view.viewport() and event.type() in (
                QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            mime = event.mimeData()
            if not mime.hasFormat(PEOPLE_MIME) or self.current_delegation_id() is None:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.add_people(dropped_ids(bytes(mime.data(PEOPLE_MIME)).decode("ascii")))
            return True
        return super().eventFilter(watched, event)

    def add_members(self) -> None:
        from planner.ui.people.members_picker import AddMembersDialog

        delegation_id = self.current_delegation_id()
        if delegation_id is None:
            return
        present = {x.person_id for x in self.session.store.members(delegation_id=delegation_id)}
        dialog = AddMembersDialog([p for p in self.people.values() if p.id not in present], self.sectors, self)
        dialog.accepted.connect(lambda: self.add_people(dialog.chosen_ids(), dialog.role(), dialog.sector_id(),
                                                        dialog.company()))
        dialog.open()
        self.picker = dialog

    def add_people(self, person_ids: list[int], role: MemberRole = MemberRole.MEMBER, sector_id: int | None = None,
                   company: str = "") -> bool:
        """Add these people to the chosen delegation in one step."""
        delegation_id = self.current_delegation_id()
        if delegation_id is None or not person_ids:
            return False
        present = {x.person_id for x in self.session.store.members(delegation_id=delegation_id)}
        person_ids = [pid for pid in person_ids if pid not in present]
        if not person_ids:
            say(self.member_message, "They are in this delegation already.")
            return False
        members = [DelegationMember(delegation_id, pid, role, sector_id, company) for pid in person_ids]
        count = len(members)
        return write_step(self.session, f"Add {count} member{'s' if count != 1 else ''} to the delegation",
                          lambda store: store.add_all(members), self.member_message)

    def change_members(self) -> bool:
        members = chosen(self.members_view)
        if not members:
            say(self.member_message, "Choose the members to change first.")
            return False
        role, sector, company = self.role_combo.currentData(), self.sector_combo.currentData(), self.company_edit.text()

        def change(store) -> Changes:
            changes = Changes()
            for member in members:
                after = replace(member, role=member.role if role == "keep" else role,
                                company=company.strip() if company.strip() else member.company,
                                sector_id=member.sector_id if sector == "keep" else sector)
                if after != member:
                    changes.merge(store.update(after))
            return changes
        return write_step(self.session, "Change delegation members", change, self.member_message)

    def remove_members(self) -> bool:
        members = chosen(self.members_view)
        if not members:
            say(self.member_message, "Choose the members to remove first.")
            return False

        def remove(store) -> Changes:
            changes = Changes()
            for member in members:
                changes.merge(store.delete(member).changes)
            return changes
        count = len(members)
        return write_step(self.session, f"Remove {count} member{'s' if count != 1 else ''} from the delegation",
                          remove, self.member_message)



def dropped_ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip().isdigit()]
