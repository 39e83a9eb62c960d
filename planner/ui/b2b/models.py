"""Table models of the B2B room: companies, requests, suggestions and the hall plan (tables by slots)."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from planner.b2b import halls as h
from planner.ui.widgets.table_model import ColumnTableModel

OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
TALK_MIME = "application/x-visit-planner-b2b-talk"


class CompaniesModel(ColumnTableModel):
    COLUMNS = ["Company", "Native name", "Side", "Sectors", "Representatives"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows, self.sectors, self.people = [], {}, {}

    def load(self, companies, sectors: dict[int, str], people: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows, self.sectors, self.people = list(companies), sectors, people
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        company = self.rows[index.row()]
        if role == OBJECT_ROLE:
            return company
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [company.name, company.native_name, str(company.side),
                ", ".join(self.sectors.get(s, "?") for s in company.sector_ids),
                "; ".join(self.people.get(p, "?") for p in company.person_ids)][index.column()]


class RequestsModel(ColumnTableModel):
    COLUMNS = ["Company", "Wants to meet", "Priority", "Mutual", "Placed", "Note"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows, self.names, self.placed, self.mutual = [], {}, set(), set()

    def load(self, requests, names: dict[int, str], placed: set[int], reasons: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows, self.names, self.placed, self.reasons = list(requests), names, placed, reasons
        pairs = {(r.from_company_id, r.to_company_id) for r in self.rows}
        self.mutual = {r.id for r in self.rows if (r.to_company_id, r.from_company_id) in pairs}
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        request = self.rows[index.row()]
        if role == OBJECT_ROLE:
            return request
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return self.reasons.get(request.id)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.names.get(request.from_company_id, "?"), self.names.get(request.to_company_id, "?"),
                str(request.priority), "yes" if request.id in self.mutual else "",
                "yes" if request.id in self.placed else "no", request.note][index.column()]


class SuggestionsModel(ColumnTableModel):
    COLUMNS = ["Company", "Could meet", "Sectors in common"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows, self.names, self.sectors = [], {}, {}

    def load(self, suggestions, names, sectors) -> None:
        self.beginResetModel()
        self.rows, self.names, self.sectors = list(suggestions), names, sectors
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        item = self.rows[index.row()]
        if role == OBJECT_ROLE:
            return item
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.names[item.company_a_id], self.names[item.company_b_id],
                ", ".join(self.sectors.get(s, "?") for s in item.sector_ids)][index.column()]


def talk_text(talk, requests, companies) -> str:
    request = requests[talk.request_id]
    text = f"{companies[request.from_company_id].name}\n× {companies[request.to_company_id].name}"
    marks = [x for x in ("locked" if talk.locked else "", talk.interpreter) if x]
    return text + (f"\n{' · '.join(marks)}" if marks else "")


class HallPlanModel(ColumnTableModel):
    """One B2B session: a row per table, a column per slot; a talk is dragged to another cell to move it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = self.hall = None
        self.slots, self.at, self.requests, self.companies = [], {}, {}, {}
        self.COLUMNS = []
        self.on_drop = None  # callable(talk, slot, table) set by the view's owner

    def load(self, session, hall, talks, requests, companies) -> None:
        self.beginResetModel()
        self.session, self.hall = session, hall
        self.slots = h.slots(session, hall) if session is not None and hall is not None else []
        self.COLUMNS = [h.span(a, b) for a, b in self.slots]
        self.at = {(t.slot, t.table): t for t in talks if session is not None and t.meeting_id == session.id}
        self.requests, self.companies = requests, companies
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.hall.tables) if self.hall is not None else 0

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical and self.hall:
            return f"Table {self.hall.tables[section]}"
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        talk = self.at.get((index.column(), index.row()))
        if role == OBJECT_ROLE:
            return talk
        if talk is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return talk_text(talk, self.requests, self.companies)
        if role == Qt.ItemDataRole.ToolTipRole:
            return talk_text(talk, self.requests, self.companies).replace("\n", " ")
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        if (index.column(), index.row()) in self.at:
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [TALK_MIME]

    def mimeData(self, indexes):
        data = QMimeData()
        talk = self.at.get((indexes[0].column(), indexes[0].row())) if indexes else None
        if talk is not None:
            data.setData(TALK_MIME, json.dumps({"talk": talk.id}).encode())
        return data

    def dropMimeData(self, data, action, row, column, parent: QModelIndex):
        if not data.hasFormat(TALK_MIME) or not parent.isValid() or self.on_drop is None:
            return False
        talk_id = json.loads(bytes(data.data(TALK_MIME)).decode())["talk"]
        talk = next((t for t in self.at.values() if t.id == talk_id), None)
        if talk is None:
            return False
        self.on_drop(talk, parent.column(), parent.row())
        return False  # the plan is written by the command; the model reloads from the change it announces
