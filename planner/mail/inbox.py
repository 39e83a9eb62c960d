"""Calendar files arriving at the office: invites, updates, cancellations, replies and counter-proposals.

The file is read (ical.reading), compared with the visit as a query reads it
(ical.importing), and the plan is written through the store in one
transaction, or nothing is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planner.domain import model as m
from planner.domain import validation as v
from planner.ical.importing import ImportPlan, plan
from planner.ical.reading import read_calendar
from planner.storage.changes import Changes
from planner.storage.queries.invitations import visit_calendar


@dataclass
class ImportOutcome:
    """What apply wrote: created objects in creation order and (before, after) of edited meetings."""

    created: list = field(default_factory=list)
    edited: list[tuple[m.Meeting, m.Meeting]] = field(default_factory=list)
    changes: object = None


def plan_import(store, visit_id: int, data: bytes | str) -> ImportPlan:
    """Read ``data`` and work out what importing it into the visit would change; writes nothing."""
    visit = store.visit(visit_id)
    if visit is None:
        raise v.ValidationError([v.Problem("visit_id", f"there is no visit {visit_id} in this database")])
    read = read_calendar(data, visit.zone, visit.home_zone)
    return plan(visit_calendar(store.db, visit_id, [e.uid for e in read.events]), read)


def _created(store, obj, outcome: ImportOutcome):
    """Add ``obj``, note it in the outcome and return it as stored."""
    added = store.add(obj)
    outcome.changes.merge(added)
    outcome.created.append(added.added[0])
    return added.added[0]


def apply(store, plan: ImportPlan) -> ImportOutcome:
    """Write the plan in one transaction: all of it, or nothing if any row is refused."""
    outcome = ImportOutcome(changes=Changes())
    changes = outcome.changes
    people, venues = dict(plan.people), dict(plan.venues)  # new ones replaced by themselves as stored
    with store.atomic():
        for key in plan.new_people:
            people[key] = _created(store, people[key], outcome)
        for key in plan.new_venues:
            venues[key] = _created(store, venues[key], outcome)
        for change in plan.new + plan.updated:
            meeting = change.meeting
            if change.venue is not None:
                meeting = replace(meeting, venue_id=venues[change.venue].id)
            if change.organiser is not None:
                meeting = replace(meeting, organiser_id=people[change.organiser].id)
            if change.before is None:
                meeting = _created(store, meeting, outcome)
                current = {}
            else:
                changes.merge(store.update(meeting))  # raises the sequence when time, place or status change
                meeting = store.meeting(meeting.id)
                if meeting.sequence < change.record.sequence:
                    # The other calendar counted further: never send a lower number than it did.
                    meeting = replace(meeting, sequence=change.record.sequence)
                    changes.merge(store.update(meeting))
                outcome.edited.append((change.before, meeting))
                current = {a.person_id: a for a in store.attendees(meeting_id=meeting.id)}
            for key, role, reply in change.attendees:
                person_id = people[key].id
                found = current.get(person_id)
                if found is None:
                    current[person_id] = _created(store, m.Attendee(meeting.id, person_id, role, reply), outcome)
                elif found.role != role or found.reply != reply:
                    edited = replace(found, role=role, reply=reply)
                    changes.merge(store.update(edited))
                    outcome.edited.append((found, edited))
    return outcome
