"""The main window: assembles the views around one session."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget

from planner.ui.actions import build_actions, feature_actions
from planner.ui.meetings_model import MeetingsModel
from planner.ui.session import Session


class MainWindow(QMainWindow):
    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.tabs = QTabWidget(self)
        self.meetings_model = MeetingsModel(session, self)
        self.meetings_view = QTableView(self)
        self.meetings_view.setModel(self.meetings_model)
        self.meetings_view.setAccessibleName("Meetings")
        self.meetings_view.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.meetings_view, "&Meetings")
        self.setCentralWidget(self.tabs)
        # Menus and toolbar come from the feature modules' action tables.
        self.action_by_id = build_actions(self, feature_actions())
        self._update_title()
        session.visitChanged.connect(lambda _id: self._update_title())
        self.resize(1200, 760)

    # -- what feature actions (printing, calendar, rosters) ask of the window --

    def current_meeting_id(self) -> int | None:
        """The meeting the user is working on (selected or open), if any."""
        index = self.meetings_view.currentIndex()
        if not index.isValid():
            return None
        from planner.ui.meetings_model import MeetingRole

        return index.data(MeetingRole).id

    def selected_meeting_ids(self) -> list[int]:
        from planner.ui.meetings_model import MeetingRole

        rows = self.meetings_view.selectionModel().selectedRows() if self.meetings_view.selectionModel() else []
        return [r.data(MeetingRole).id for r in rows]

    def current_person_id(self) -> int | None:
        return None

    def current_delegation_id(self) -> int | None:
        return None

    def current_sector_id(self) -> int | None:
        return None

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _update_title(self) -> None:
        visit = self.session.visit
        self.setWindowTitle(f"{visit.title} — Visit Planner" if visit else "Visit Planner")
