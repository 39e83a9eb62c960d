"""A delegation grouped by sector: sectors with their member counts, members in precedence order beneath."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner.domain.model import DelegationMember, Person
from planner.storage.queries.people import sector_counts, sector_members

SectorRole = Qt.ItemDataRole.UserRole + 31  # the group's sector id (None for members without one)
MemberPersonRole = Qt.ItemDataRole.UserRole + 32  # the Person of a member row
MemberRole = Qt.ItemDataRole.UserRole + 33  # the DelegationMember of a member row

COLUMNS = ["Sector / person", "People", "Company", "Role", "Designation"]
NO_SECTOR = "No sector"


@dataclass
class Group:
    sector_id: int | None
    name: str
    priority: bool
    count: int
    members: list[tuple[Person, DelegationMember]] | None = field(default=None)  # None until expanded


def group_title(group: Group) -> str:
    return f"{group.name} ★" if group.priority else group.name


class SectorTreeModel(QAbstractItemModel):
    """Top-level rows are sectors (priority sectors first); a sector's members load when it is expanded."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.delegation_id: int | None = None
        self.groups: list[Group] = []
        session.changed.connect(self._on_changed)
        session.visitChanged.connect(lambda _id: self.set_delegation(None))

    def set_delegation(self, delegation_id: int | None) -> None:
        self.delegation_id = delegation_id
        self.reload()

    def _groups_now(self) -> list[Group]:
        groups = []
        visit_id = self.session.visit_id
        if self.delegation_id is not None and visit_id is not None:
            counts = sector_counts(self.session.store.db, self.delegation_id)
            for sector in self.session.store.sectors(visit_id):
                groups.append(Group(sector.id, sector.name, sector.priority, counts.get(sector.id, 0)))
            if counts.get(None):
                groups.append(Group(None, NO_SECTOR, False, counts[None]))
        return groups

    def reload(self) -> None:
        self.beginResetModel()
        self.groups = self._groups_now()
        self.endResetModel()

    def _on_changed(self, changes) -> None:
        """Patch the counts and the open sectors' members; a sector added, renamed or removed resets the tree."""
        if self.delegation_id is None or not changes.touches("people", "delegation_members", "delegations", "sectors"):
            return
        groups = self._groups_now()
        if changes.touches("delegations", "sectors") or \
                [(g.sector_id, g.name, g.priority) for g in groups] != [(g.sector_id, g.name, g.priority)
                                                                        for g in self.groups]:
            self.reload()
            return
        for row, (group, now) in enumerate(zip(self.groups, groups)):
            parent = self.index(row, 0)
            if group.members is not None:
                self._patch_members(parent, group, self._load(group) if now.count else [])
            if group.count != now.count:
                group.count = now.count
                self.dataChanged.emit(parent, self.index(row, len(COLUMNS) - 1))

    def _patch_members(self, parent: QModelIndex, group: Group, loaded: list[tuple[Person, DelegationMember]]) -> None:
        old = group.members
        if [(p.id, x.id) for p, x in old] == [(p.id, x.id) for p, x in loaded]:
            changed = [n for n, (before, after) in enumerate(zip(old, loaded)) if before != after]
            group.members = loaded
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0, parent),
                                      self.index(max(changed), len(COLUMNS) - 1, parent))
            return
        # Members came, went or changed places: replace the sector's rows, leaving the others alone.
        if old:
            self.beginRemoveRows(parent, 0, len(old) - 1)
            group.members = []
            self.endRemoveRows()
        if loaded:
            self.beginInsertRows(parent, 0, len(loaded) - 1)
            group.members = loaded
            self.endInsertRows()
        else:
            group.members = []

    def total(self) -> int:
        return sum(g.count for g in self.groups)

    def _load(self, group: Group) -> list[tuple[Person, DelegationMember]]:
        return sector_members(self.session.store.db, self.delegation_id, group.sector_id)

    # -- tree structure: a member row's internal id is its group's row + 1 -------------

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()):  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        members = self.groups[parent.row()].members
        return len(members) if members else 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return len(COLUMNS)

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        if not parent.isValid():
            return bool(self.groups)
        if parent.internalId() != 0 or parent.column() != 0:
            return False
        return self.groups[parent.row()].count > 0

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not parent.isValid() or parent.internalId() != 0 or parent.column() != 0:
            return False
        return self.groups[parent.row()].members is None and self.groups[parent.row()].count > 0

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        group = self.groups[parent.row()]
        loaded = self._load(group)
        if not loaded:
            group.members = []
            return
        self.beginInsertRows(parent, 0, len(loaded) - 1)
        group.members = loaded
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if index.internalId() == 0:
            if not 0 <= index.row() < len(self.groups):
                return None
            group = self.groups[index.row()]
            if role == SectorRole:
                return group.sector_id
            if role == Qt.ItemDataRole.DisplayRole:
                return {"Sector / person": group_title(group), "People": group.count}.get(column, "")
            if role == Qt.ItemDataRole.ToolTipRole and group.priority:
                return f"{group.name}: a priority sector of the visit"
            if role == Qt.ItemDataRole.FontRole and column == "Sector / person":
                font = QFont()
                font.setBold(True)
                return font
            return None
        group = self.groups[index.internalId() - 1]
        if not group.members or not 0 <= index.row() < len(group.members):
            return None
        person, member = group.members[index.row()]
        if role == SectorRole:
            return group.sector_id
        if role == MemberPersonRole:
            return person
        if role == MemberRole:
            return member
        if role == Qt.ItemDataRole.DisplayRole:
            return {"Sector / person": person.display_name, "People": "", "Company": member.company,
                    "Role": str(member.role), "Designation": person.designation}[column]
        if role == Qt.ItemDataRole.ToolTipRole and person.native_name:
            return person.native_name
        return None
