"""Writes of the invitation's life: cancelling meetings, what was sent to whom, answers to counter-proposals.

A cancellation is a change to the visit, not only a file: ``mark_cancelled``
stores STATUS cancelled through ``store.update``, which raises the meeting's
sequence, so that any later export (invite or programme) carries the raised
sequence and the cancelled status and never goes backwards. Cancelling a
meeting that is already cancelled changes nothing and re-sends the same
sequence, which clients treat as the same cancellation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from planner.domain import model as m
from planner.domain.invitations import CounterProposal, InvitationSent, ProposalStatus
from planner.storage.changes import Changes


def cancelled_copies(meetings: list[m.Meeting]) -> list[tuple[m.Meeting, m.Meeting]]:
    """(before, after) for each meeting not yet cancelled; the window pushes these as undoable edits."""
    return [(meeting, replace(meeting, status=m.MeetingStatus.CANCELLED)) for meeting in meetings
            if meeting.status is not m.MeetingStatus.CANCELLED]


def mark_cancelled(store, meetings: list[m.Meeting]) -> Changes:
    """Store the cancelled status (raising each sequence) in one transaction; returns the Changes."""
    changes = Changes()
    with store.atomic():
        for _before, after in cancelled_copies(meetings):
            changes.merge(store.update(after))
    return changes


def record_sent(store, meeting_id: int, person_ids: list[int], method: str, sequence: int,
                at: datetime) -> Changes:
    """Remember that this version of the meeting went to these people (the last message per person)."""
    from planner.storage.queries.invitations import sent_of_visit

    changes = Changes()
    meeting = store.meeting(meeting_id)
    with store.atomic():
        known = sent_of_visit(store.db, meeting.visit_id, [meeting_id])
        for person_id in person_ids:
            before = known.get((meeting_id, person_id))
            if before is None:
                changes.merge(store.add(InvitationSent(meeting_id, person_id, method, sequence, at)))
            else:
                changes.merge(store.update(replace(before, method=method, sequence=sequence, sent_at=at)))
    return changes


def decide_counter(store, proposal: CounterProposal, accept: bool) -> Changes:
    """Accept (the meeting moves to the proposed time or place) or decline a counter-proposal, in one step."""
    changes = Changes()
    with store.atomic():
        if accept:
            meeting = store.meeting(proposal.meeting_id)
            moved = meeting
            if proposal.start is not None:
                moved = replace(moved, start=proposal.start, end=proposal.end, zone=proposal.zone)
            changes.merge(store.update(moved))
        status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
        changes.merge(store.update(replace(proposal, status=status)))
    return changes
