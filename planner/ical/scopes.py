"""Which meetings an export covers (a meeting, the programme, an itinerary, a sector, a selection) and cancelling them.

A cancellation is a change to the visit, not only a file: ``mark_cancelled``
stores STATUS cancelled through ``store.update``, which raises the meeting's
sequence, so that any later export (invite or programme) carries the raised
sequence and the cancelled status and never goes backwards. Cancelling a
meeting that is already cancelled changes nothing and re-sends the same
sequence, which clients treat as the same cancellation.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from planner.domain import model as m
from planner.ical.export import ExportError, ExportResult, Method, Programme, render


@dataclass(frozen=True)
class Scope:
    """Exactly one of the fields names what to export."""

    visit_id: int | None = None
    meeting_id: int | None = None
    person_id: int | None = None
    sector_id: int | None = None
    meeting_ids: tuple[int, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        for name in ("visit_id", "meeting_id", "person_id", "sector_id"):
            if getattr(self, name) is not None:
                return f"{name.removesuffix('_id')} {getattr(self, name)}"
        return f"{len(self.meeting_ids)} selected meetings"


def select(store, scope: Scope) -> tuple[int, list[m.Meeting]]:
    """(visit id, meetings in programme order) for ``scope``; ExportError naming what is missing."""
    if scope.meeting_id is not None:
        meeting = store.meeting(scope.meeting_id)
        if meeting is None:
            raise ExportError(f"there is no meeting {scope.meeting_id} in this database")
        return meeting.visit_id, [meeting]
    if scope.meeting_ids:
        found = [store.meeting(i) for i in scope.meeting_ids]
        missing = [str(i) for i, x in zip(scope.meeting_ids, found) if x is None]
        if missing:
            raise ExportError(f"there is no meeting {', '.join(missing)} in this database")
        visits = {x.visit_id for x in found}
        if len(visits) > 1:
            raise ExportError("the selected meetings belong to different visits")
        return visits.pop(), sorted(found, key=lambda x: (x.starts_at(), x.id))
    if scope.person_id is not None:
        person = store.person(scope.person_id)
        if person is None:
            raise ExportError(f"there is no person {scope.person_id} in this database")
        theirs = {a.meeting_id for a in store.attendees(person_id=person.id)}
        meetings = [x for x in store.meetings(person.visit_id) if x.id in theirs]
        if not meetings:
            raise ExportError(f"{person.display_name} attends no meetings yet")
        return person.visit_id, meetings
    if scope.sector_id is not None:
        sector = store.get(m.Sector, scope.sector_id)
        if sector is None:
            raise ExportError(f"there is no sector {scope.sector_id} in this database")
        agenda = store.agenda_for_visit(sector.visit_id)
        meetings = [x for x in store.meetings(sector.visit_id)
                    if x.sector_id == sector.id or any(i.sector_id == sector.id for i in agenda.get(x.id, []))]
        if not meetings:
            raise ExportError(f"no meeting belongs to the sector {sector.name}")
        return sector.visit_id, meetings
    if scope.visit_id is not None:
        if store.visit(scope.visit_id) is None:
            raise ExportError(f"there is no visit {scope.visit_id} in this database")
        return scope.visit_id, store.meetings(scope.visit_id)
    raise ExportError("nothing chosen to export")


def cancelled_copies(meetings: list[m.Meeting]) -> list[tuple[m.Meeting, m.Meeting]]:
    """(before, after) for each meeting not yet cancelled; the window pushes these as undoable edits."""
    pairs = []
    for meeting in meetings:
        if meeting.status is not m.MeetingStatus.CANCELLED:
            pairs.append((meeting, replace(meeting, status=m.MeetingStatus.CANCELLED)))
    return pairs


def mark_cancelled(store, meetings: list[m.Meeting]):
    """Store the cancelled status (raising each sequence) in one transaction; returns the Changes."""
    from planner.storage.changes import Changes

    changes = Changes()
    with store.atomic():
        for _before, after in cancelled_copies(meetings):
            changes.merge(store.update(after))
    return changes


def export(store, scope: Scope, method: Method | str = Method.REQUEST, now: datetime | None = None) -> ExportResult:
    """Select, cancel first when the method is CANCEL, and render; the whole export for scripts."""
    method = Method(method)
    visit_id, meetings = select(store, scope)
    if not meetings:
        raise ExportError(f"{scope.describe()} has no meetings to export")
    if method is not Method.CANCEL:
        return render(meetings, Programme.load(store, visit_id), method, now)
    # One transaction: if the file cannot be made, the meetings are not marked cancelled either.
    with store.atomic():
        mark_cancelled(store, meetings)
        meetings = [store.meeting(x.id) for x in meetings]
        return render(meetings, Programme.load(store, visit_id), method, now)
