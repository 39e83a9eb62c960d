"""The main window: assembles the views around one session."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget

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
        self._update_title()
        session.visitChanged.connect(lambda _id: self._update_title())
        self.resize(1200, 760)

    def _update_title(self) -> None:
        visit = self.session.visit
        self.setWindowTitle(f"{visit.title} — Visit Planner" if visit else "Visit Planner")
