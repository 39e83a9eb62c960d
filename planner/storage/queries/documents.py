"""The documents' reads: everything an agenda, programme, delegation list or itinerary prints, as plain data.

The reports render what these hand them and never see the store.
"""

from __future__ import annotations

from collections import defaultdict

from planner.domain import model as m
from planner.domain.documents import (
    AgendaData,
    ChangesSince,
    DelegationListData,
    ItineraryData,
    NotFound,
    ProgrammeData,
)
from planner.storage.queries.people import people_by_id
from planner.storage.store import Store


def _people(store: Store, visit_id: int, person_ids, second_language: bool = False) -> dict[int, m.Person]:
    """These people of the visit, by id: a document names a few of a visit's tens of thousands."""
    wanted = sorted({i for i in person_ids if i is not None})
    return {p.id: _titled(p, second_language) for p in people_by_id(store.db, wanted) if p.visit_id == visit_id}


def _titled(person: m.Person, second_language: bool) -> m.Person:
    """The person with the designation and organisation the document prints."""
    return person.in_second_language() if second_language else person


def agenda_data(store: Store, meeting_id: int, *, second_language: bool = False) -> AgendaData:
    meeting = store.meeting(meeting_id)
    if meeting is None:
        raise NotFound(f"there is no meeting {meeting_id} in this database")
    visit = store.visit(meeting.visit_id)
    attendees = store.attendees(meeting_id=meeting.id)
    items = store.agenda(meeting.id)
    people = _people(store, visit.id, [a.person_id for a in attendees] + [i.presenter_id for i in items],
                     second_language)
    return AgendaData(visit, meeting, attendees, items, people, {v.id: v for v in store.venues(visit.id)},
                      {s.id: s.name for s in store.sectors(visit.id)})


def _visit(store: Store, visit_id: int) -> m.Visit:
    visit = store.visit(visit_id)
    if visit is None:
        raise NotFound(f"there is no visit {visit_id} in this database")
    return visit


def programme_data(store: Store, visit_id: int, *, changes_since: int | None = None,
                   second_language: bool = False) -> ProgrammeData:
    """The programme's meetings and who attends them; with ``changes_since``, the edits since that revision
    (a revision not issued raises ValidationError)."""
    visit = _visit(store, visit_id)
    attendees = store.attendees(visit_id=visit.id)
    people = _people(store, visit.id, [a.person_id for a in attendees], second_language)
    present: dict[int, list[m.Person]] = defaultdict(list)
    for attendee in attendees:
        if attendee.person_id in people:
            present[attendee.meeting_id].append(people[attendee.person_id])
    changes = None if changes_since is None else changes_data(store, visit, changes_since)
    return ProgrammeData(visit, store.meetings(visit.id), dict(present), {v.id: v for v in store.venues(visit.id)},
                         changes)


def changes_data(store: Store, visit: m.Visit, revision: int) -> ChangesSince:
    records = store.changes_since(visit.id, revision)
    names = {"meetings": {x.id: x.title for x in store.meetings(visit.id)},
             "people": {p.id: p.display_name for p in store.people(visit.id)},
             "delegations": {d.id: d.name for d in store.delegations(visit.id)},
             "venues": {x.id: x.name for x in store.venues(visit.id)}}
    return ChangesSince(revision, records, names)


def delegation_list_data(store: Store, visit_id: int, *, second_language: bool = False) -> DelegationListData:
    visit = _visit(store, visit_id)
    delegations = store.delegations(visit.id)
    return DelegationListData(visit, delegations, {d.id: store.members(delegation_id=d.id) for d in delegations},
                              {p.id: _titled(p, second_language) for p in store.people(visit.id)}, store.sectors(visit.id))


def itinerary_data(store: Store, person_id: int, *, second_language: bool = False) -> ItineraryData:
    person = store.person(person_id)
    if person is None:
        raise NotFound(f"there is no person {person_id} in this database")
    person = _titled(person, second_language)
    visit = store.visit(person.visit_id)
    mine = {a.meeting_id: a for a in store.attendees(person_id=person.id)}
    meetings = [x for x in store.meetings(visit.id) if x.id in mine]
    alongside = [a for a in store.attendees(visit_id=visit.id) if a.meeting_id in mine and a.person_id != person.id]
    people = _people(store, visit.id, [a.person_id for a in alongside], second_language)
    others: dict[int, list[m.Person]] = defaultdict(list)
    for attendee in alongside:
        if attendee.person_id in people:
            others[attendee.meeting_id].append(people[attendee.person_id])
    delegations = {d.id: d.name for d in store.delegations(visit.id)}
    belongs = [delegations[x.delegation_id] for x in store.members(person_id=person.id)
               if x.delegation_id in delegations]
    return ItineraryData(visit, person, mine, meetings, dict(others), {v.id: v for v in store.venues(visit.id)},
                         belongs)
