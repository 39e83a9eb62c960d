"""Writes of the invitation's life: cancelling meetings for a cancellation.

A cancellation is a change to the visit, not only a file: ``mark_cancelled``
stores STATUS cancelled through ``store.update``, which raises the meeting's
sequence, so that any later export (invite or programme) carries the raised
sequence and the cancelled status and never goes backwards. Cancelling a
meeting that is already cancelled changes nothing and re-sends the same
sequence, which clients treat as the same cancellation.
"""

from __future__ import annotations

from dataclasses import replace

from planner.domain import model as m
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
