"""The delegation membership form: which delegation, in what role, for which sector and company."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit

from planner.domain.model import Delegation, DelegationMember, MemberRole, Person, Sector
from planner.ui.widgets.forms import checked_form


class MembershipDialog(QDialog):
    """Add a person to a delegation (member=None) or change their role, sector or company in it."""

    def __init__(self, person: Person, delegations: list[Delegation], sectors: list[Sector],
                 taken: set[int], member: DelegationMember | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Delegation membership: {person.display_name}")
        self._person, self._taken, self._original = person, taken, member
        self.delegation = QComboBox(self)
        for delegation in delegations:
            self.delegation.addItem(delegation.name, delegation.id)
        self.role = QComboBox(self)
        for role in MemberRole:
            self.role.addItem(str(role), role)
        self.sector = QComboBox(self)
        self.sector.addItem("No sector", None)
        for sector in sectors:
            self.sector.addItem(sector.name, sector.id)
        self.company = QLineEdit(self)
        self.messages, self.buttons = checked_form(
            self, [("delegation_id", "&Delegation", self.delegation), ("role", "&Role", self.role),
                   ("sector_id", "&Sector", self.sector), ("company", "&Company", self.company)])
        if member is not None:
            self.delegation.setCurrentIndex(max(self.delegation.findData(member.delegation_id), 0))
            self.delegation.setEnabled(False)  # moving between delegations is remove + add
            self.role.setCurrentIndex(max(self.role.findData(MemberRole(member.role)), 0))
            self.sector.setCurrentIndex(max(self.sector.findData(member.sector_id), 0))
            self.company.setText(member.company)
        self.delegation.currentIndexChanged.connect(self.validate)
        self.validate()

    def member(self) -> DelegationMember:
        base = self._original or DelegationMember(delegation_id=0, person_id=self._person.id)
        return dataclasses.replace(base, delegation_id=self.delegation.currentData(), role=self.role.currentData(),
                                   sector_id=self.sector.currentData(), company=self.company.text().strip())

    def validate(self) -> bool:
        problem = ""
        if self.delegation.currentData() is None:
            problem = "The visit has no delegation yet."
        elif self._original is None and self.delegation.currentData() in self._taken:
            problem = f"{self._person.display_name} is already in this delegation."
        self.messages["delegation_id"].setText(problem)
        self.messages["delegation_id"].setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        return not problem
