"""Calendar files arriving at the office: invites, updates, cancellations, replies and counter-proposals.

The file is read (ical.reading), compared with the visit as a query reads it
(ical.importing), and the plan is written through the store in one
transaction, or nothing is.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field, replace
from pathlib import Path

from planner.domain import model as m
from planner.domain import validation as v
from planner.ical.bounds import read_limited
from planner.ical.importing import ImportPlan, plan
from planner.ical.reading import ImportRefused, read_calendar
from planner.storage.bulk import collection_paused
from planner.storage.changes import Changes
from planner.storage.queries.invitations import visit_calendar


@dataclass
class ImportOutcome:
    """What apply wrote: created objects in creation order and (before, after) of edited meetings."""

    created: list = field(default_factory=list)
    edited: list[tuple[m.Meeting, m.Meeting]] = field(default_factory=list)
    changes: object = None


@collection_paused()
def plan_import(store, visit_id: int, data: bytes | str) -> ImportPlan:
    """Read ``data`` and work out what importing it into the visit would change; writes nothing.

    Reading a calendar makes a few objects per line and no cycles; with the cycle collector walking them again
    and again as they pile up, a file of 20,000 events took a third longer per event than one of 1,000.
    """
    visit = store.visit(visit_id)
    if visit is None:
        raise v.ValidationError([v.Problem("visit_id", f"there is no visit {visit_id} in this database")])
    read = read_calendar(data, visit.zone, visit.home_zone)
    return plan(visit_calendar(store.db, visit_id, [e.uid for e in read.events]), read)


@collection_paused()
def apply(store, plan: ImportPlan) -> ImportOutcome:
    """Write the plan in one transaction: all of it, or nothing if any row is refused.

    New people, venues, sectors, meetings and attendees go in a kind at a time (Store.add_many):
    written one by one, storing a calendar cost more than reading it.
    """
    outcome = ImportOutcome(changes=Changes())
    with store.atomic():
        # The plan's new people, venues and sectors are replaced by themselves as stored, with their ids.
        for by_key, new in ((plan.people, plan.new_people), (plan.venues, plan.new_venues),
                            (plan.sectors, plan.new_sectors)):
            by_key.update(zip(new, _add_all(store, outcome, [by_key[key] for key in new])))
        meetings = _add_all(store, outcome, [_placed(plan, change) for change in plan.new])
        attendees = []
        for change, meeting in zip(plan.new, meetings):
            _agenda(store, plan, change, meeting, outcome)
            # The last line for a person counts when an event names them twice.
            chosen = {plan.people[key].id: (role, reply) for key, role, reply in change.attendees}
            attendees += [m.Attendee(meeting.id, person_id, role, reply) for person_id, (role, reply) in chosen.items()]
        for change in plan.updated:
            _meeting(store, plan, change, outcome)
        _add_all(store, outcome, attendees)
        for answer in plan.replies:
            outcome.changes.merge(store.update(answer.after))
            outcome.edited.append((answer.before, answer.after))
            _add(store, outcome, replace(answer.received, received_at=store.clock().replace(microsecond=0)))
        for counter in plan.counters:
            _add(store, outcome, replace(counter.proposal, received_at=store.clock().replace(microsecond=0)))
    return outcome


def _add(store, outcome: ImportOutcome, obj):
    """Store a new object; returns it as stored, with its id."""
    added = store.add(obj)
    outcome.changes.merge(added)
    outcome.created.append(added.added[0])
    return added.added[0]


def _add_all(store, outcome: ImportOutcome, objects: list) -> list:
    """Store new objects of one kind together; they count as created in the order written.

    Returns them as stored, with their ids.
    """
    if not objects:
        return []
    added = store.add_many(objects)
    outcome.changes.merge(added)
    outcome.created += added.added
    return added.added


def _placed(plan: ImportPlan, change) -> m.Meeting:
    """The meeting with the ids of its venue, sector and organiser as they are now stored."""
    ids = {}
    if change.venue is not None:
        ids["venue_id"] = plan.venues[change.venue].id
    if change.sector is not None:
        ids["sector_id"] = plan.sectors[change.sector].id
    if change.organiser is not None:
        ids["organiser_id"] = plan.people[change.organiser].id
    return replace(change.meeting, **ids) if ids else change.meeting


def _meeting(store, plan: ImportPlan, change, outcome: ImportOutcome) -> None:
    """An existing meeting brought up to date, with the attendees the file adds or changes."""
    meeting = _placed(plan, change)
    outcome.changes.merge(store.update(meeting))  # raises the sequence when time, place or status change
    meeting = store.meeting(meeting.id)
    if meeting.sequence < change.record.sequence:
        # The other calendar counted further: never send a lower number than it did.
        meeting = replace(meeting, sequence=change.record.sequence)
        outcome.changes.merge(store.update(meeting))
    outcome.edited.append((change.before, store.meeting(meeting.id)))
    current = {a.person_id: a for a in store.attendees(meeting_id=meeting.id)}
    for key, role, reply in change.attendees:
        person_id = plan.people[key].id
        found = current.get(person_id)
        if found is None:
            current[person_id] = _add(store, outcome, m.Attendee(meeting.id, person_id, role, reply))
        elif found.role != role or found.reply != reply:
            edited = replace(found, role=role, reply=reply)
            outcome.changes.merge(store.update(edited))
            outcome.edited.append((found, edited))


def _agenda(store, plan: ImportPlan, change, meeting: m.Meeting, outcome: ImportOutcome) -> None:
    """A new meeting's agenda as our own export wrote it (X-VISIT-PLANNER-AGENDA)."""
    for position, (item, key) in enumerate(zip(change.record.agenda, change.presenters), start=1):
        presenter = plan.people.get(key) if key else None
        sector = plan.sectors.get(item.sector.casefold()) if item.sector else None
        if item.sector and sector is None:
            sector = _add(store, outcome, m.Sector(meeting.visit_id, item.sector))
            plan.sectors[item.sector.casefold()] = sector
        _add(store, outcome, m.AgendaItem(meeting.id, position, item.title, max(item.minutes, 1),
                                          presenter.id if presenter is not None else None,
                                          sector.id if sector is not None else None))


CALENDAR_TYPES = {"text/calendar", "application/ics", "text/x-vcalendar"}


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that nothing it wrote stays."""


def calendar_files(path: Path) -> list[tuple[str, bytes]]:
    """(label, iCalendar bytes) of an .ics file, of the calendar parts of a saved mail (.eml), or of every
    .ics and .eml in a folder, in name order; ImportRefused when there is none."""
    if path.is_dir():
        found = []
        for child in sorted(p for p in path.iterdir() if p.suffix.lower() in (".ics", ".eml") and p.is_file()):
            found += calendar_files(child)
        if not found:
            raise ImportRefused(f"the folder {path.name} holds no .ics or .eml files")
        return found
    data = read_limited(path)
    if path.suffix.lower() != ".eml":
        return [(path.name, data)]
    message = email.message_from_bytes(data, policy=email.policy.default)
    parts = [part for part in message.walk() if part.get_content_type() in CALENDAR_TYPES
             or (part.get_filename() or "").lower().endswith(".ics")]
    if not parts:
        raise ImportRefused(f"the mail {path.name} holds no calendar part (text/calendar)")
    return [(path.name if len(parts) == 1 else f"{path.name} part {n}", part.get_payload(decode=True) or b"")
            for n, part in enumerate(parts, start=1)]


def import_files(store, visit_id: int, files: list[tuple[str, bytes]], *, dry_run: bool = False
                 ) -> tuple[list[tuple[str, ImportPlan]], ImportOutcome]:
    """Plan and write each file in turn (a reply can follow the invite it answers), all in one transaction.

    Returns each file's plan and what was written; a dry run writes nothing. A file that cannot be read
    refuses the whole import (ImportRefused naming the file) and nothing is written.
    """
    plans: list[tuple[str, ImportPlan]] = []
    total = ImportOutcome(changes=Changes())
    try:
        with store.atomic():
            for label, data in files:
                try:
                    planned = plan_import(store, visit_id, data)
                except (ImportRefused, v.ValidationError) as exc:
                    raise ImportRefused(f"{label}: {exc}") from None
                plans.append((label, planned))
                if not planned.empty:
                    outcome = apply(store, planned)
                    total.created += outcome.created
                    total.edited += outcome.edited
                    total.changes.merge(outcome.changes)
            if dry_run:
                raise _DryRun
    except _DryRun:
        return plans, ImportOutcome(changes=Changes())
    return plans, total
