"""The delegations one person belongs to, with role, sector and company."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from planner.domain.model import DelegationMember
from planner.ui.widgets.table_model import ColumnTableModel

MembershipRole = Qt.ItemDataRole.UserRole + 41

COLUMNS = ["Delegation", "Role", "Sector", "Company"]


class MembershipsModel(ColumnTableModel):
    COLUMNS = COLUMNS

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.person_id: int | None = None
        self._members: list[DelegationMember] = []
        self._delegations: dict[int, str] = {}
        self._sectors: dict[int, str] = {}
        session.changed.connect(self._on_changed)

    def set_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        store, visit_id = self.session.store, self.session.visit_id
        if self.person_id is None or visit_id is None:
            self._members = []
        else:
            self._members = store.members(person_id=self.person_id)
            self._delegations = {d.id: d.name for d in store.delegations(visit_id)}
            self._sectors = {s.id: s.name for s in store.sectors(visit_id)}
        self.endResetModel()

    def _on_changed(self, changes) -> None:
        """Patch the rows of this person's memberships that a change names; only their deletion resets it."""
        if self.person_id is None or not changes.touches("delegation_members", "delegations", "sectors", "people"):
            return
        if changes.touches("people") and self.person_id in changes.ids("people") and \
                self.session.store.person(self.person_id) is None:
            self.person_id = None
            self.reload()
            return
        store, visit_id = self.session.store, self.session.visit_id
        if changes.touches("delegations", "sectors"):
            self._delegations = {d.id: d.name for d in store.delegations(visit_id)}
            self._sectors = {s.id: s.name for s in store.sectors(visit_id)}
        members = store.members(person_id=self.person_id)
        self._rows_come_and_go([x.id for x in members], members)
        names_changed = changes.touches("delegations", "sectors")
        rows = [n for n, (old, new) in enumerate(zip(self._members, members)) if names_changed or old != new]
        self._members = members
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def _rows_come_and_go(self, wanted: list[int], members: list[DelegationMember]) -> None:
        """Remove the rows of memberships gone and insert those of new ones (both lists are in id order)."""
        new = {x.id: x for x in members}
        for row in reversed(range(len(self._members))):
            if self._members[row].id not in new:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._members[row]
                self.endRemoveRows()
        have = {x.id for x in self._members}
        for row, member_id in enumerate(wanted):
            if member_id not in have:
                self.beginInsertRows(QModelIndex(), row, row)
                self._members.insert(row, new[member_id])
                self.endInsertRows()

    def row_total(self) -> int:
        return len(self._members)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._members)):
            return None
        member = self._members[index.row()]
        if role == MembershipRole:
            return member
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self._delegations.get(member.delegation_id, ""), str(member.role),
                self._sectors.get(member.sector_id, ""), member.company][index.column()]
