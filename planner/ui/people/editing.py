"""Editing people and memberships from the people view: forms in, one undo step out."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QTableView

from planner.domain.model import Person
from planner.storage.queries.people import delete_question, deletion_effects
from planner.ui.people.membership_model import MembershipRole
from planner.ui.shell.commands import AddCommand, DeleteCommand, EditCommand
from planner.ui.shell.session import Session


class PeopleEditing:
    """Editing commands of the people view, mixed into it; what the view must provide is declared below."""

    # -- the interface the host view provides (PeopleView) --
    session: Session
    membership_table: QTableView

    def current_person(self) -> Person | None:
        raise NotImplementedError

    def current_person_id(self) -> int | None:
        raise NotImplementedError

    def select_person(self, person_id: int) -> None:
        raise NotImplementedError

    # -- editing --

    def _push(self, command) -> bool:
        return self.session.run(command)

    def new_person(self) -> None:
        if self.session.visit_id is None:
            return
        from planner.ui.people.person_dialog import PersonDialog  # loaded when first needed: start-up stays short

        dialog = PersonDialog(self.session.visit_id, None, self,
                              save=lambda person: self.create_person(person) is not None)
        dialog.exec()

    def create_person(self, person: Person) -> int | None:
        command = AddCommand(self.session, person, text=f"Add {person.display_name}")
        if not self._push(command):
            return None
        person_id = command.objects[0].id
        self.select_person(person_id)
        return person_id

    def edit_person(self, person_id: int | None = None) -> None:
        before = self.session.store.person(person_id or self.current_person_id() or 0)
        if before is None:
            return
        from planner.ui.people.person_dialog import PersonDialog

        dialog = PersonDialog(before.visit_id, before, self, save=lambda after: self.update_person(before, after))
        dialog.exec()

    def update_person(self, before: Person, after: Person) -> bool:
        """Store the edit as one undo step; whether it was stored (an unchanged person needs nothing)."""
        if before == after:
            return True
        if not self._push(EditCommand(self.session, before, after, text=f"Edit {after.display_name}")):
            return False
        self.select_person(after.id)
        return True

    def delete_person(self, person_id: int | None = None, confirm: bool = True) -> bool:
        person = self.session.store.person(person_id or self.current_person_id() or 0)
        if person is None:
            return False
        if confirm:
            question = delete_question(person.display_name, deletion_effects(self.session.store.db, person.id))
            answer = QMessageBox.question(self, "Delete person", question,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self._push(DeleteCommand.of(self.session, person, text=f"Delete {person.display_name}"))

    def _membership_dialog(self, member=None):
        person = self.current_person()
        visit_id = self.session.visit_id
        if person is None or visit_id is None:
            return None
        store = self.session.store
        taken = {m.delegation_id for m in store.members(person_id=person.id)}
        from planner.ui.people.membership_dialog import MembershipDialog

        return MembershipDialog(person, store.delegations(visit_id), store.sectors(visit_id), taken, member, self)

    def add_membership(self) -> None:
        dialog = self._membership_dialog()
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self._push(AddCommand(self.session, dialog.member(), text="Add to delegation"))

    def edit_membership(self) -> None:
        index = self.membership_table.currentIndex()
        member = index.data(MembershipRole) if index.isValid() else None
        dialog = self._membership_dialog(member) if member else None
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted and dialog.member() != member:
            self._push(EditCommand(self.session, member, dialog.member(), text="Change delegation membership"))

    def remove_membership(self) -> None:
        index = self.membership_table.currentIndex()
        member = index.data(MembershipRole) if index.isValid() else None
        if member is not None:
            self._push(DeleteCommand.of(self.session, member, text="Remove from delegation"))
