"""People and delegations: the directory in precedence order, filtered, and the business delegation by sector."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget


class PeopleView(QWidget):
    """The people directory with its filters and the delegation-by-sector tree."""

    personActivated = Signal(int)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("People and delegations")
        QVBoxLayout(self)

    def current_person_id(self) -> int | None:
        return None

    def current_delegation_id(self) -> int | None:
        return None

    def current_sector_id(self) -> int | None:
        return None

    def select_person(self, person_id: int) -> None:
        """Show and select this person (from a search or a conflict)."""
