"""The people directory model: the visit's people in precedence order, filtered, decoded a page at a time."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from planner.domain.model import Person
from planner.domain.scripts import is_rtl
from planner.storage.queries.directory import DirectoryIndex
from planner.storage.queries.people import PeopleFilter, memberships_of, people_by_id
from planner.ui.widgets.table_model import ColumnTableModel

PersonRole = Qt.ItemDataRole.UserRole + 21
PEOPLE_MIME = "application/x-visit-planner-people"  # person ids, comma-separated

COLUMNS = ["Rank", "Name", "Native script", "Designation", "Organisation", "Country", "Side", "Delegation",
           "Sector", "Company"]
PAGE = 64  # about two screens of rows; the rest come as the view scrolls
LAZY_FROM = 5000  # people in a visit from which matches are counted after the first paint
TEXT_SLICE = 4000  # people whose searchable text is worked out per turn of the event loop
PATCH_AT_MOST = 50  # people changed at once that are patched row by row; more are read again


def member_text(memberships: list[tuple[str, str, str]], part: int) -> str:
    """One column of a person's memberships: delegations, sectors or companies, joined once each."""
    seen: list[str] = []
    for membership in memberships:
        if membership[part] and membership[part] not in seen:
            seen.append(membership[part])
    return "; ".join(seen)


class PeopleModel(ColumnTableModel):
    """Finds the matching people as the view scrolls to them and decodes only those rows.

    The first screenful is ready at once; when the number of matches is not
    known cheaply, the rest are counted just after the view has painted and
    ``totalChanged`` follows.
    """

    COLUMNS = COLUMNS

    totalChanged = Signal()

    def __init__(self, session, parent=None, load: bool = True):
        super().__init__(parent)
        self.session = session
        self.index_of_people: DirectoryIndex | None = None
        self.filter = PeopleFilter()
        self._ids: list[int] = []  # matching ids found so far, in precedence order
        self._pending: Iterator[int] | None = None  # the rest, not yet found
        self._total: int | None = None
        self._people: list[Person] = []
        self._memberships: dict[int, list[tuple[str, str, str]]] = {}
        self._cell_cache: dict[int, tuple] = {}
        self._active = False  # read nothing, not even after edits, until first loaded
        # The directory's searchable text is worked out a slice at a time after it is shown (see DirectoryIndex).
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(0)
        self._text_timer.timeout.connect(self._prepare_text)
        session.changed.connect(self._on_changed)
        session.visitChanged.connect(lambda _id: self._visit_changed())
        if load:
            self.reload()

    # -- loading ---------------------------------------------------------------

    def set_filter(self, chosen: PeopleFilter) -> None:
        if chosen != self.filter:
            self.filter = chosen
            self.reload()

    def directory(self) -> DirectoryIndex | None:
        visit_id = self.session.visit_id
        if visit_id is None:
            return None
        if self.index_of_people is None or self.index_of_people.visit_id != visit_id:
            self.index_of_people = DirectoryIndex(self.session.store.db, visit_id)
            self._text_timer.start()
        return self.index_of_people

    def _prepare_text(self) -> None:
        if self.index_of_people is not None and not self.index_of_people.prepare_text(TEXT_SLICE):
            self._text_timer.start()

    def reload(self) -> None:
        self._active = True
        self.beginResetModel()
        directory = self.directory()
        if directory is None:
            self._ids, self._pending, self._total = [], None, 0
        else:
            self._pending, self._total = directory.plan(self.filter)
            self._ids = []
            if len(directory) < LAZY_FROM:  # a visit of ordinary size: find them all now
                self._find_all()
        self._people, self._memberships, self._cell_cache = [], {}, {}
        self._fetch(PAGE)
        self.endResetModel()
        if self._pending is not None and self._total is None:
            # Only a count that SQL cannot give at once (text, or side with a delegation) walks the
            # whole directory, after the view has painted the first rows; the rest come as it scrolls.
            QTimer.singleShot(0, self._find_all)
        self.totalChanged.emit()

    def _find(self, count: int) -> None:
        if self._pending is not None and len(self._ids) < count:
            self._ids += islice(self._pending, count - len(self._ids))
            if len(self._ids) < count:
                self._pending = None
                changed, self._total = self._total != len(self._ids), len(self._ids)
                if changed:
                    self.totalChanged.emit()

    def _find_all(self) -> None:
        if self._pending is not None:
            self._ids += self._pending
            self._pending = None
            changed = self._total != len(self._ids)
            self._total = len(self._ids)
            if changed:
                self.totalChanged.emit()

    def _visit_changed(self) -> None:
        self.index_of_people = None
        if self._active:
            self.reload()

    def _on_changed(self, changes) -> None:
        """Patch the rows a change set names; read everything again only when the change is too broad."""
        if not self._active:
            return
        people = changes.ids("people") if changes.touches("people") else set()
        memberships = changes.touches("delegation_members", "delegations", "sectors")
        if changes.touches("visits") or self.index_of_people is None or (changes.touches("people") and (
                not people or len(people) > PATCH_AT_MOST)) or (memberships and self._filters_by_membership()):
            self._read_again(changes)
            return
        if people:
            before = {i: self.index_of_people.key_of(i) for i in people}
            self.index_of_people.update(people)
            if not self._patch_people(people, before):
                self.reload()
                return
        if memberships:
            self._refresh_memberships()

    def _read_again(self, changes) -> None:
        if changes.touches("people") and self.index_of_people is not None:
            changed = changes.ids("people")
            # A few edited people are patched in; a bulk change (an import) is cheaper to re-read.
            if changed and len(changed) < 500:
                self.index_of_people.update(changed)
            else:
                self.index_of_people.rebuild()
                self._text_timer.start()
        if changes.touches("people", "delegation_members", "delegations", "sectors", "visits"):
            self.reload()

    def _filters_by_membership(self) -> bool:
        chosen = self.filter
        return chosen.delegation_id is not None or chosen.sector_id is not None or bool(chosen.company)

    def _patch_people(self, people: set[int], before: dict[int, tuple | None]) -> bool:
        """Move, add, drop or repaint the rows of these people; False when only a reset will do."""
        directory = self.index_of_people
        in_place = all(before[i] is not None and before[i] == directory.key_of(i) for i in people)
        if self._pending is not None:
            # The rest of the matches are still being found lazily: only an edit that keeps the row is safe.
            if not in_place or not all(i in self._ids and directory.accepts(self.filter, i) for i in people):
                return False
            self._repaint(people)
            return True
        wanted = directory.matching(self.filter)
        kept = [i for i in self._ids if i not in people]
        if kept != [i for i in wanted if i not in people]:
            return False
        old_rows = {i: n for n, i in enumerate(self._ids) if i in people}
        new_rows = {i: n for n, i in enumerate(wanted) if i in people}
        if old_rows == new_rows:
            self._repaint(people)
            return True
        fresh = {p.id: p for p in people_by_id(self.session.store.db, sorted(new_rows))}
        self._memberships.update(memberships_of(self.session.store.db, list(fresh)))
        moving = set(old_rows) & set(new_rows)
        if len(old_rows) == len(new_rows) == len(moving) == 1:
            (person_id,) = moving
            self._move_row(old_rows[person_id], new_rows[person_id], fresh[person_id])
        else:
            for person_id in sorted(old_rows, key=old_rows.get, reverse=True):
                self._remove_row(old_rows[person_id])
            for person_id in sorted(new_rows, key=new_rows.get):
                self._insert_row(new_rows[person_id], person_id, fresh.get(person_id))
        if self._total != len(self._ids):
            self._total = len(self._ids)
            self.totalChanged.emit()
        return True

    def _repaint(self, people: set[int]) -> None:
        """The people keep their rows: read them again and repaint just those rows."""
        rows = [n for n, person in enumerate(self._people) if person.id in people]
        if not rows:
            return
        fresh = {p.id: p for p in people_by_id(self.session.store.db, [self._people[n].id for n in rows])}
        self._memberships.update(memberships_of(self.session.store.db, list(fresh)))
        for row in rows:
            self._people[row] = fresh.get(self._people[row].id, self._people[row])
            self._cell_cache.pop(row, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _remove_row(self, row: int) -> None:
        if row < len(self._people):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row], self._people[row]
            self._cell_cache = {}  # cached by row: the rows below have moved up
            self.endRemoveRows()
        else:
            del self._ids[row]

    def _insert_row(self, row: int, person_id: int, person: Person | None) -> None:
        fetched = len(self._people)
        if person is not None and (row < fetched or row == fetched == len(self._ids)):
            self.beginInsertRows(QModelIndex(), row, row)
            self._ids.insert(row, person_id)
            self._people.insert(row, person)
            self._cell_cache = {}
            self.endInsertRows()
        else:  # beyond the rows fetched so far: it comes with the page that reaches it
            self._ids.insert(row, person_id)

    def _move_row(self, old: int, new: int, person: Person | None) -> None:
        fetched = len(self._people)
        if person is not None and old < fetched and new < fetched:
            # A move keeps the selection on the person, where a remove and an insert would lose it.
            if old != new:
                self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new + 1 if new > old else new)
                self._ids.insert(new, self._ids.pop(old))
                self._people.pop(old)
                self._people.insert(new, person)
                self._cell_cache = {}
                self.endMoveRows()
            else:
                self._people[new] = person
                self._cell_cache.pop(new, None)
            self.dataChanged.emit(self.index(new, 0), self.index(new, len(COLUMNS) - 1))
            return
        person_id = self._ids[old]
        self._remove_row(old)
        self._insert_row(new, person_id, person)

    def _refresh_memberships(self) -> None:
        """Delegations, sectors or companies changed: repaint the rows whose membership columns now read otherwise."""
        ids = [p.id for p in self._people]
        fresh: dict[int, list[tuple[str, str, str]]] = {}
        for start in range(0, len(ids), 500):
            fresh.update(memberships_of(self.session.store.db, ids[start:start + 500]))
        rows = [n for n, i in enumerate(ids) if fresh.get(i, []) != self._memberships.get(i, [])]
        self._memberships = fresh
        for row in rows:
            self._cell_cache.pop(row, None)
        if rows:
            first = COLUMNS.index("Delegation")
            self.dataChanged.emit(self.index(min(rows), first), self.index(max(rows), len(COLUMNS) - 1))

    def _fetch(self, count: int) -> list[Person]:
        self._find(len(self._people) + count)
        wanted = self._ids[len(self._people):len(self._people) + count]
        if not wanted:
            return []
        page = people_by_id(self.session.store.db, wanted)
        self._people += page
        self._memberships.update(memberships_of(self.session.store.db, [p.id for p in page]))
        return page

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        if parent.isValid():
            return False
        self._find(len(self._people) + 1)
        return len(self._people) < len(self._ids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid():
            return
        first = len(self._people)
        self._find(first + PAGE)
        last = min(first + PAGE, len(self._ids)) - 1
        if last < first:
            return
        self.beginInsertRows(QModelIndex(), first, last)
        self._fetch(PAGE)
        self.endInsertRows()

    # -- what the view and the window ask ------------------------------------------

    def total(self) -> int | None:
        """How many people match, fetched or not (None for a moment while a large visit is counted)."""
        return self._total

    def row_of(self, person_id: int) -> int:
        """The row of a person, fetching pages up to it; -1 when the filter hides them."""
        self._find_all()
        try:
            position = self._ids.index(person_id)
        except ValueError:
            return -1
        while len(self._people) <= position:
            self.fetchMore()
        return position

    def row_total(self) -> int:
        return len(self._people)

    def _cells(self, row: int) -> tuple:
        """The row's display texts, worked out once when the view first paints it."""
        cells = self._cell_cache.get(row)
        if cells is None:
            person = self._people[row]
            memberships = self._memberships.get(person.id, [])
            cells = (person.precedence, person.display_name, person.native_name, person.designation,
                     person.organisation, person.country, str(person.side), member_text(memberships, 0),
                     member_text(memberships, 1), member_text(memberships, 2))
            self._cell_cache[row] = cells
        return cells

    # People are dragged from the directory into a delegation (People ▸ Delegations).
    def flags(self, index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [PEOPLE_MIME]

    def mimeData(self, indexes):
        from PySide6.QtCore import QMimeData

        ids = []
        for index in indexes:
            person = index.data(PersonRole)
            if person is not None and person.id not in ids:
                ids.append(person.id)
        mime = QMimeData()
        mime.setData(PEOPLE_MIME, ",".join(str(i) for i in ids).encode("ascii"))
        return mime

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # The view asks about ten roles per cell while painting; answer the ones we do not use at once.
        if role not in _ANSWERED or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._people):
            return None
        if role == PersonRole:
            return self._people[row]
        column = index.column()
        if role == _DISPLAY or role == _TOOLTIP:
            return self._cells(row)[column]
        if role == _ALIGNMENT:
            if column == _NATIVE and is_rtl(self._people[row].native_name):
                # An Urdu name alone in its cell reads from the right edge.
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == _ACCESSIBLE and column == 1:
            person = self._people[row]
            return f"{person.display_name}, {person.designation}"
        return None


_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _ACCESSIBLE, int(PersonRole)})
_NATIVE = COLUMNS.index("Native script")
