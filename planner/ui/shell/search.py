"""Search (Ctrl+F) across people, meetings and agenda items; choosing a result opens it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QVBoxLayout

from planner.ui.shell.session import Session

HitRole = Qt.ItemDataRole.UserRole + 40


@dataclass(frozen=True)
class Hit:
    kind: str  # "person", "meeting" or "agenda item"
    id: int
    title: str
    detail: str
    meeting_id: int | None = None

    def line(self) -> str:
        """Two lines: what and who, then where it belongs."""
        return f"{self.kind.capitalize()}: {self.title}" + (f"\n{self.detail}" if self.detail else "")


def folded(text: str) -> str:
    """Casefolded without accents, so 'rasulzoda' finds 'Rasulzoda' and 'qohir' finds 'Qōhir'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_visit(store, visit_id: int, text: str, limit: int = 200) -> list[Hit]:
    """People (Latin or native script, designation, organisation, company, sector), then meetings, then agenda items."""
    words = folded(text).split()
    if not words or visit_id is None:
        return []

    def matches(*fields: str) -> bool:
        haystack = folded(" ".join(f for f in fields if f))
        return all(word in haystack for word in words)

    hits: list[Hit] = []
    companies: dict[int, set[str]] = {}
    sectors: dict[int, set[str]] = {}
    sector_names = {s.id: s.name for s in store.sectors(visit_id)}
    for member in store.members(visit_id=visit_id):
        if member.company:
            companies.setdefault(member.person_id, set()).add(member.company)
        if member.sector_id in sector_names:
            sectors.setdefault(member.person_id, set()).add(sector_names[member.sector_id])
    for person in store.people(visit_id):
        company = ", ".join(sorted(companies.get(person.id, ())))
        sector = " ".join(sectors.get(person.id, ()))
        if matches(person.name, person.native_name, person.designation, person.organisation, company, sector,
                   person.email):
            detail = " · ".join(x for x in (person.native_name, person.designation, company or person.organisation) if x)
            hits.append(Hit("person", person.id, person.display_name, detail))
    meetings = {m.id: m for m in store.meetings(visit_id)}
    for meeting in meetings.values():
        if matches(meeting.title, meeting.notes, str(meeting.kind)):
            hits.append(Hit("meeting", meeting.id, meeting.title, f"{meeting.starts_at():%a %d %b %H:%M}",
                            meeting.id))
    for meeting_id, items in store.agenda_for_visit(visit_id).items():
        for item in items:
            if matches(item.title, item.notes, item.outcome):
                hits.append(Hit("agenda item", item.id, item.title, f"in '{meetings[meeting_id].title}'", meeting_id))
    return hits[:limit]


class SearchModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.hits: list[Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.hits)):
            return None
        hit = self.hits[index.row()]
        if role == HitRole:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit.line()
        return None


class SearchDialog(QDialog):
    """Type to search; Down moves into the results, Enter (or double-click) opens the one chosen."""

    hitChosen = Signal(object)  # Hit

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Find")
        self.setAccessibleName("Find")
        self.resize(620, 460)
        self.query = QLineEdit()
        self.query.setAccessibleName("Search for")
        self.query.setPlaceholderText("Name (Latin or native script), designation, company, meeting or agenda item")
        self.query.setClearButtonEnabled(True)
        self.model = SearchModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self._open_current)
        buttons.rejected.connect(self.reject)
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results)
        layout.addWidget(buttons)
        # Wait for a pause in typing: a large visit should not be searched on every key.
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._open_current)
        self.results.activated.connect(lambda index: self._open(index.data(HitRole)))
        self.results.doubleClicked.connect(lambda index: self._open(index.data(HitRole)))
        self.query.installEventFilter(self)
        self.run()

    def eventFilter(self, watched, event) -> bool:
        """Down in the search field moves into the results, so the keyboard alone can choose one."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            if self.model.rowCount():
                self.results.setFocus()
                return True
        return super().eventFilter(watched, event)

    def run(self) -> None:
        self._timer.stop()
        text = self.query.text()
        hits = search_visit(self.session.store, self.session.visit_id, text)
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0))
        self.count.setText("" if not text.strip() else f"{len(hits)} found" if hits else "Nothing found.")
        self.open_button.setEnabled(bool(hits))

    def _open_current(self) -> None:
        if self._timer.isActive():
            self.run()
        index = self.results.currentIndex()
        if index.isValid():
            self._open(index.data(HitRole))

    def _open(self, hit: Hit | None) -> None:
        if hit is not None:
            self.accept()
            self.hitChosen.emit(hit)
