"""The B2B matchmaking window: companies and requests, suggestions, and the hall plan with the scheduler."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QTabWidget, QVBoxLayout

from planner.ui.b2b import commands as c
from planner.ui.b2b.companies_tab import CompaniesTab, SuggestionsTab
from planner.ui.b2b.plan_tab import PlanTab

WATCHED = ("companies", "company_sectors", "company_representatives", "b2b_requests", "b2b_halls", "b2b_talks",
           "meetings", "people", "sectors", "attendees")


class B2BRoom(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("B2B matchmaking")
        self.reasons: dict[int, str] = {}
        self.tabs = QTabWidget()
        self.companies_tab, self.suggestions_tab, self.plan_tab = CompaniesTab(self), SuggestionsTab(self), \
            PlanTab(self)
        self.tabs.addTab(self.companies_tab, "Companies and requests")
        self.tabs.addTab(self.suggestions_tab, "Suggestions")
        self.tabs.addTab(self.plan_tab, "Hall plan")
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        self.resize(1200, 760)
        session.changed.connect(self.on_changed)
        self.reload()

    def on_changed(self, changes) -> None:
        if changes.touches(*WATCHED) or not changes.tables:
            self.reload()

    def reload(self) -> None:
        from planner.storage.queries.b2b import b2b_data, sessions

        store, visit_id = self.session.store, self.session.visit_id
        self.data = b2b_data(store, visit_id)
        self.b2b_meetings = sessions(store.db, visit_id)
        self.sector_names = {s.id: s.name for s in store.sectors(visit_id)}
        self.people_names = {p.id: p.display_name for p in store.people(visit_id)}
        self.venues = {v.id: v for v in store.venues(visit_id)}
        self.companies_tab.load(self.data, self.sector_names, self.people_names, self.reasons)
        self.suggestions_tab.load(self.data, self.sector_names)
        self.plan_tab.load(self.data, self.b2b_meetings)

    def run(self, command: c.B2BCommand) -> bool:
        """Do an edit as one undo step; a refused write leaves no step and says why in one sentence."""
        return self.session.run(command, self.say)

    def say(self, text: str) -> None:
        self.status.setText(text)

    def ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, "B2B matchmaking", question)
        return answer == QMessageBox.StandardButton.Yes
