"""Undo steps of the replies view: accepting or declining a counter-proposal."""

from __future__ import annotations

from dataclasses import replace

from planner.domain.invitations import CounterProposal, ProposalStatus
from planner.storage.invitations import decide_counter
from planner.ui.shell.commands import StoreCommand


class CounterDecisionCommand(StoreCommand):
    """Accept (the meeting moves to the proposed time) or decline a counter-proposal, as one step."""

    def __init__(self, session, proposal: CounterProposal, accept: bool, name: str):
        super().__init__(session, f"{'Accept' if accept else 'Decline'} the new time proposed by {name}")
        self.proposal, self.accept = proposal, accept
        self.meeting_before = session.store.meeting(proposal.meeting_id)

    def again(self, store):
        return decide_counter(store, self.proposal, self.accept)

    def back(self, store):
        changes = store.update(replace(self.proposal, status=ProposalStatus.OPEN))
        if self.accept:  # the time goes back; the sequence never does
            current = store.meeting(self.meeting_before.id)
            changes.merge(store.update(replace(self.meeting_before, sequence=current.sequence)))
        return changes
