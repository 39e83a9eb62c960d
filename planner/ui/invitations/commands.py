"""Undo steps of the replies view: accepting or declining a counter-proposal."""

from __future__ import annotations

from dataclasses import replace

from planner.domain.invitations import CounterProposal, ProposalStatus
from planner.storage.changes import Changes
from planner.storage.invitations import decide_counter
from planner.ui.shell.commands import StoreCommand


class CounterDecisionCommand(StoreCommand):
    """Accept (the meeting moves to the proposed time) or decline a counter-proposal, as one step.

    Run it with ``session.run``: a decision the store refuses (the proposed time breaks a rule) leaves no step.
    """

    def __init__(self, session, proposal: CounterProposal, accept: bool, name: str):
        super().__init__(session, f"{'Accept' if accept else 'Decline'} the new time proposed by {name}")
        self.proposal, self.accept = proposal, accept
        self.meeting_before = session.store.meeting(proposal.meeting_id)

    def again(self, store) -> Changes:
        return decide_counter(store, self.proposal, self.accept)

    def back(self, store) -> Changes:
        changes = store.update(replace(self.proposal, status=ProposalStatus.OPEN))
        if self.accept:
            changes.merge(store.update(replace(self.meeting_before, sequence=store.meeting(
                self.meeting_before.id).sequence)))
        return changes
