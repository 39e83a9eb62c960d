"""The companies and their meeting requests, entered by hand or imported, and the suggestions to accept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.b2b.model import Company, MeetingRequest, Origin, Priority
from planner.domain.validation import ValidationError
from planner.ui.b2b import commands as c
from planner.ui.b2b.models import OBJECT_ROLE, CompaniesModel, RequestsModel, SuggestionsModel
from planner.ui.widgets import file_dialogs


def table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


def row(*buttons) -> QHBoxLayout:
    layout = QHBoxLayout()
    for button in buttons:
        layout.addWidget(button)
    layout.addStretch(1)
    return layout


def button(text: str, handler) -> QPushButton:
    found = QPushButton(text)
    found.clicked.connect(handler)
    return found


def selected(view: QTableView) -> list:
    return [view.model().data(i, OBJECT_ROLE) for i in view.selectionModel().selectedRows()]


class CompaniesTab(QWidget):
    def __init__(self, room, parent=None):
        super().__init__(parent)
        self.room = room
        self.companies_model, self.requests_model = CompaniesModel(self), RequestsModel(self)
        self.companies, self.requests = table(self.companies_model), table(self.requests_model)
        self.companies.doubleClicked.connect(lambda _i: self.edit_company())
        top, bottom = QWidget(), QWidget()
        upper = QVBoxLayout(top)
        upper.addWidget(QLabel("<b>Companies</b>"))
        upper.addWidget(self.companies)
        upper.addLayout(row(button("New company…", self.new_company), button("Edit…", self.edit_company),
                            button("Delete", self.delete_companies),
                            button("Companies from delegations", self.from_delegations)))
        lower = QVBoxLayout(bottom)
        lower.addWidget(QLabel("<b>Meeting requests</b> (a request both ways is mutual)"))
        lower.addWidget(self.requests)
        lower.addLayout(row(button("New request…", self.new_request), button("Delete", self.delete_requests),
                            button("Import requests…", self.import_requests)))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        QVBoxLayout(self).addWidget(split)

    def load(self, data, sectors, people, reasons) -> None:
        self.companies_model.load(data.companies.values(), sectors, people)
        placed = {t.request_id for t in data.talks}
        pairs = {frozenset((r.from_company_id, r.to_company_id)): r.id for r in data.requests.values()
                 if r.id in placed}
        met = {r.id for r in data.requests.values()
               if frozenset((r.from_company_id, r.to_company_id)) in pairs}
        self.requests_model.load(data.requests.values(), {k: x.name for k, x in data.companies.items()}, met, reasons)

    def new_company(self) -> None:
        self._company(Company(self.room.session.visit_id, ""), c.AddCompanyCommand)

    def edit_company(self) -> None:
        chosen = selected(self.companies)
        if chosen:
            self._company(chosen[0], lambda session, after: c.EditCompanyCommand(session, chosen[0], after))

    def _company(self, company, make) -> None:
        from planner.ui.b2b.forms import CompanyDialog

        dialog = CompanyDialog(company, self.room.sector_names, self.room.people_names, self)
        if dialog.exec():
            self.room.run(make(self.room.session, dialog.value()))

    def delete_companies(self) -> None:
        chosen = selected(self.companies)
        if chosen and self.room.ask(f"Delete {', '.join(x.name for x in chosen)} with their requests and talks?"):
            self.room.run(c.DeleteCommand(self.room.session, "companies", [x.id for x in chosen],
                                          f"Delete {len(chosen)} company(ies)"))

    def from_delegations(self) -> None:
        session = self.room.session

        class FromDelegations(c.B2BCommand):
            def do(self):
                from planner.storage import b2b_store

                self.made, changes = b2b_store.companies_from_memberships(session.store, session.visit_id)
                return changes

            def undo_it(self):
                return session.store.delete_many("companies", [x.id for x in self.made]).changes

        self.room.run(FromDelegations(session, "Companies from delegations"))

    def new_request(self) -> None:
        from planner.ui.b2b.forms import RequestDialog

        dialog = RequestDialog(self.room.session.visit_id, {k: x.name for k, x in self.room.data.companies.items()},
                               self)
        if dialog.exec():
            self.room.run(c.AddRequestsCommand(self.room.session, "Add a meeting request", [dialog.value()]))

    def delete_requests(self) -> None:
        chosen = selected(self.requests)
        if chosen:
            self.room.run(c.DeleteCommand(self.room.session, "b2b_requests", [x.id for x in chosen],
                                          f"Delete {len(chosen)} request(s)"))

    def import_requests(self, path: str | None = None) -> None:
        from planner.b2b.importing import RequestFileError, preview_file
        from planner.roster.reading import RosterError
        from planner.ui.b2b.forms import PreviewDialog

        if not path:
            path, _ = file_dialogs.open_file(self, "Import meeting requests", "",
                                                  "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)")
        if not path:
            return
        try:
            preview = preview_file(self.room.session.store, self.room.session.visit_id, path)
        except (RosterError, RequestFileError) as exc:
            QMessageBox.warning(self, "Import meeting requests", f"{exc}.")
            return
        dialog = PreviewDialog(preview.lines(), f"{Path(path).name}: {preview.source}", self)
        self.room.last_preview_dialog = dialog
        if dialog.exec():
            self.room.run(c.AddRequestsCommand(self.room.session, f"Import requests from {Path(path).name}",
                                               preview=preview))


class SuggestionsTab(QWidget):
    """Pairs of one sector on opposite sides that nobody requested; accepted ones become requests (could)."""

    def __init__(self, room, parent=None):
        super().__init__(parent)
        self.room = room
        self.model = SuggestionsModel(self)
        self.view = table(self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Companies of the same sector on opposite sides that nobody asked to meet. "
                                "Accepted pairs are scheduled like requests."))
        layout.addWidget(self.view)
        layout.addLayout(row(button("Accept selected", self.accept_selected)))

    def load(self, data, sectors) -> None:
        from planner.b2b.moves import suggestions

        self.model.load(suggestions(list(data.companies.values()), list(data.requests.values())),
                        {k: x.name for k, x in data.companies.items()}, sectors)

    def accept_selected(self) -> None:
        chosen = selected(self.view)
        if chosen:
            visit_id = self.room.session.visit_id
            self.room.run(c.AddRequestsCommand(self.room.session, f"Accept {len(chosen)} suggestion(s)", [
                MeetingRequest(visit_id, x.company_a_id, x.company_b_id, Priority.COULD, "", Origin.SUGGESTED)
                for x in chosen]))


__all__ = ["CompaniesTab", "SuggestionsTab", "ValidationError"]
