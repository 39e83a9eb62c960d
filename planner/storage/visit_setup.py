"""Setting a visit up: copying from an earlier visit, merging sectors, the order of precedence, travel times.

Each function is one transaction through Store, so every row it writes is
validated and logged like any other edit (and can be undone from the log).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from planner.domain import model as m
from planner.domain import validation as v
from planner.domain.zones import zone
from planner.storage.changes import Changes


@dataclass(frozen=True)
class CopyParts:
    """What to bring over from an earlier visit."""

    people: bool = True
    delegations: bool = True
    sectors: bool = True
    venues: bool = True
    meetings: bool = False

    def named(self) -> list[str]:
        return [name for name in ("people", "delegations", "sectors", "venues", "meetings") if getattr(self, name)]


def _moved(moment: datetime | date, days: int, zone_name: str | None) -> datetime | date:
    """The same clock time ``days`` later; in ``zone_name`` when the meeting moves to the new visit's zone."""
    if not isinstance(moment, datetime):
        return moment + timedelta(days=days)
    wall = moment.replace(tzinfo=None) + timedelta(days=days)
    return wall.replace(tzinfo=zone(zone_name) if zone_name else moment.tzinfo)


def _fresh(obj, **changes):
    return replace(obj, id=None, **changes)


def _added(store, obj, changes: Changes):
    """Add ``obj``, noting it in ``changes``; returns it as stored, with its id."""
    added = store.add(obj)
    changes.merge(added)
    return added.added[0]


def copy_visit(store, source_id: int, target_id: int, parts: CopyParts) -> Changes:
    """Copy the chosen parts of visit ``source_id`` into ``target_id``; meetings move to the new days.

    Delegation members come along only with the people, and a meeting's
    attendees and presenters likewise; sectors and venues left behind leave
    their references empty.
    """
    source, target = store.visit(source_id), store.visit(target_id)
    if source is None or target is None:
        raise v.ValidationError([v.Problem("visit", "That visit no longer exists.")])
    changes = Changes()
    people: dict[int, int] = {}
    sectors: dict[int, int] = {}
    venues: dict[int, int] = {}
    with store.atomic():
        if parts.people:
            for person in store.people(source_id):
                copy = _fresh(person, visit_id=target_id)
                copy = _added(store, copy, changes)
                people[person.id] = copy.id
        if parts.sectors:
            for sector in store.sectors(source_id):
                copy = _fresh(sector, visit_id=target_id)
                copy = _added(store, copy, changes)
                sectors[sector.id] = copy.id
        if parts.venues:
            for venue in store.venues(source_id):
                copy = _fresh(venue, visit_id=target_id)
                copy = _added(store, copy, changes)
                venues[venue.id] = copy.id
            for (a, b), minutes in store.travel_times(source_id).items():
                if a in venues and b in venues:
                    changes.merge(store.set_travel_time(venues[a], venues[b], minutes))
        if parts.delegations:
            for delegation in store.delegations(source_id):
                copy = _fresh(delegation, visit_id=target_id)
                copy = _added(store, copy, changes)
                for member in store.members(delegation_id=delegation.id):
                    if member.person_id in people:
                        changes.merge(store.add(_fresh(member, delegation_id=copy.id,
                                                       person_id=people[member.person_id],
                                                       sector_id=sectors.get(member.sector_id))))
        if parts.meetings:
            changes.merge(_copy_meetings(store, source, target, people, sectors, venues))
    return changes


def _copy_meetings(store, source: m.Visit, target: m.Visit, people: dict, sectors: dict, venues: dict) -> Changes:
    changes = Changes()
    days = (target.first_day - source.first_day).days
    agenda = store.agenda_for_visit(source.id)
    attendees: dict[int, list[m.Attendee]] = {}
    for attendee in store.attendees(visit_id=source.id):
        attendees.setdefault(attendee.meeting_id, []).append(attendee)
    for meeting in store.meetings(source.id):
        # Meetings on the earlier visit's clock move to the new visit's clock (a return visit is elsewhere).
        zone_name = target.zone if meeting.zone == source.zone else None
        copy = m.Meeting(
            target.id, meeting.title, _moved(meeting.start, days, zone_name), _moved(meeting.end, days, zone_name),
            zone_name or meeting.zone, kind=meeting.kind, venue_id=venues.get(meeting.venue_id),
            online_link=meeting.online_link, confidentiality=meeting.confidentiality, notes=meeting.notes,
            organiser_id=people.get(meeting.organiser_id), sector_id=sectors.get(meeting.sector_id))
        copy = _added(store, copy, changes)
        for attendee in attendees.get(meeting.id, []):
            if attendee.person_id in people:
                changes.merge(store.add(m.Attendee(copy.id, people[attendee.person_id], attendee.role)))
        for item in agenda.get(meeting.id, []):
            changes.merge(store.add(_fresh(item, meeting_id=copy.id, presenter_id=people.get(item.presenter_id),
                                           sector_id=sectors.get(item.sector_id), outcome="")))
    return changes


# -- sectors ------------------------------------------------------------------------------


def merge_sectors(store, keep_id: int, gone_id: int) -> Changes:
    """Move every membership, meeting and agenda item of sector ``gone_id`` to ``keep_id``, then delete it."""
    keep, gone = store.get(m.Sector, keep_id), store.get(m.Sector, gone_id)
    if keep is None or gone is None or keep_id == gone_id:
        raise v.ValidationError([v.Problem("sector", "Choose two different sectors to merge.")])
    changes = Changes()
    with store.atomic():
        for table, cls in (("delegation_members", m.DelegationMember), ("meetings", m.Meeting),
                           ("agenda_items", m.AgendaItem)):
            for (record_id,) in store.db.execute(f"SELECT id FROM {table} WHERE sector_id = ?", [gone_id]).fetchall():
                changes.merge(store.update(replace(store.get(cls, record_id), sector_id=keep_id)))
        if gone.priority and not keep.priority:
            changes.merge(store.update(replace(keep, priority=True)))
        changes.merge(store.delete(gone).changes)
    return changes


# -- the order of precedence ----------------------------------------------------------------


def set_precedence(store, ranks: dict[int, int]) -> Changes:
    """Give each person (by id) the rank in ``ranks``; people whose rank is unchanged are not touched."""
    changes = Changes()
    with store.atomic():
        for person_id, rank in ranks.items():
            person = store.person(person_id)
            if person is not None and person.precedence != rank:
                changes.merge(store.update(replace(person, precedence=rank)))
    return changes


# -- travel times -----------------------------------------------------------------------------


def replace_travel_times(store, visit_id: int, times: dict[tuple[int, int], int]) -> Changes:
    """Make the visit's travel times exactly ``times`` (from venue, to venue) -> minutes."""
    for (a, b), minutes in times.items():
        if a == b:
            raise v.ValidationError([v.Problem("travel_times", "A travel time needs two different venues.")])
        if minutes is None or minutes < 0:
            raise v.ValidationError([v.Problem("travel_times", "Travel time cannot be negative.")])
    changes = Changes()
    with store.atomic():
        present = store.travel_times(visit_id)
        for (a, b), minutes in present.items():
            if (a, b) not in times:
                row = {"from_venue_id": a, "to_venue_id": b, "minutes": minutes}
                store.db.execute("DELETE FROM travel_times WHERE from_venue_id = ? AND to_venue_id = ?", [a, b])
                store._log("travel_times", None, "delete", row, None, visit_id)
                changes.add("travel_times", None)
        for (a, b), minutes in times.items():
            if present.get((a, b)) != minutes:
                changes.merge(store.set_travel_time(a, b, minutes))
    return changes
