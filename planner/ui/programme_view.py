"""The programme: the visit day by day as a timeline, with a list beside it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget


class ProgrammeView(QWidget):
    """The visit's meetings drawn as blocks per day; double-click opens, drag moves."""

    meetingActivated = Signal(int)
    meetingsSelected = Signal(list)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Programme")
        QVBoxLayout(self)

    def select_meetings(self, ids: list[int]) -> None:
        """Select these meetings in the timeline and the list (from a conflict or a search)."""
