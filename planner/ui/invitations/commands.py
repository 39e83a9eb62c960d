"""Undo steps of the replies view: accepting or declining a counter-proposal."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from planner.domain.invitations import CounterProposal, ProposalStatus
from planner.domain.validation import ValidationError
from planner.storage.invitations import decide_counter


class CounterDecisionCommand(QUndoCommand):
    """Accept (the meeting moves to the proposed time) or decline a counter-proposal, as one step.

    A decision the store refuses (the proposed time breaks a rule) leaves no step and keeps the reason in
    ``error``.
    """

    def __init__(self, session, proposal: CounterProposal, accept: bool, name: str):
        super().__init__(f"{'Accept' if accept else 'Decline'} the new time proposed by {name}")
        self.session, self.proposal, self.accept = session, proposal, accept
        self.meeting_before = session.store.meeting(proposal.meeting_id)
        self.error: ValidationError | None = None

    def redo(self) -> None:
        try:
            self.session.notify(decide_counter(self.session.store, self.proposal, self.accept))
        except ValidationError as exc:  # the transaction rolled back; drop this step from the stack
            self.error = exc
            self.setObsolete(True)

    def undo(self) -> None:
        store = self.session.store
        with store.atomic():
            changes = store.update(replace(self.proposal, status=ProposalStatus.OPEN))
            if self.accept:
                changes.merge(store.update(replace(self.meeting_before, sequence=store.meeting(
                    self.meeting_before.id).sequence)))
        self.session.notify(changes)
