"""Calendar files arriving at the office: invites, updates, cancellations, replies and counter-proposals.

The file is read (ical.reading), compared with the visit as a query reads it
(ical.importing), and the plan is written through the store in one
transaction, or nothing is.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

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


def apply(store, plan: ImportPlan) -> ImportOutcome:
    """Write the plan in one transaction: all of it, or nothing if any row is refused.

    New people, venues, meetings and attendees go in a kind at a time (Store.add_many):
    written one by one, storing a calendar cost more than reading it.
    """
    outcome = ImportOutcome(changes=Changes())
    changes = outcome.changes
    with store.atomic():
        _add_all(store, outcome, [plan.people[key] for key in plan.new_people])
        _add_all(store, outcome, [plan.venues[key] for key in plan.new_venues])
        for change in plan.new + plan.updated:
            meeting = change.meeting
            if change.venue is not None:
                meeting.venue_id = plan.venues[change.venue].id
            if change.organiser is not None:
                meeting.organiser_id = plan.people[change.organiser].id
        _add_all(store, outcome, [change.meeting for change in plan.new])
        attendees = []
        for change in plan.new:
            # The last line for a person counts when an event names them twice.
            chosen = {plan.people[key].id: (role, reply) for key, role, reply in change.attendees}
            attendees += [m.Attendee(change.meeting.id, person_id, role, reply)
                          for person_id, (role, reply) in chosen.items()]
        for change in plan.updated:
            meeting = change.meeting
            changes.merge(store.update(meeting))  # raises the sequence when time, place or status change
            if meeting.sequence < change.record.sequence:
                # The other calendar counted further: never send a lower number than it did.
                meeting.sequence = change.record.sequence
                changes.merge(store.update(meeting))
            outcome.edited.append((change.before, copy.deepcopy(meeting)))
            current = {a.person_id: a for a in store.attendees(meeting_id=meeting.id)}
            for key, role, reply in change.attendees:
                person_id = plan.people[key].id
                found = current.get(person_id)
                if found is None:
                    attendee = m.Attendee(meeting.id, person_id, role, reply)
                    changes.merge(store.add(attendee))
                    current[person_id] = attendee
                    outcome.created.append(attendee)
                elif found.role != role or found.reply != reply:
                    edited = copy.deepcopy(found)
                    edited.role, edited.reply = role, reply
                    changes.merge(store.update(edited))
                    outcome.edited.append((found, edited))
        _add_all(store, outcome, attendees)
    return outcome


def _add_all(store, outcome: ImportOutcome, objects: list) -> None:
    """Store new objects of one kind together; they count as created in the order written."""
    if objects:
        outcome.changes.merge(store.add_many(objects))
        outcome.created += objects
