"""Setting a visit up: copying an earlier visit, merging sectors, travel times, and undo from the change log."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from planner.domain import model as m
from planner.domain.validation import ValidationError
from planner.storage.queries.setup import delegation_rows, meetings_at_venue, sector_use, venue_rows
from planner.storage.replay import log_position, replay, revert, writes_after
from planner.storage.visit_setup import CopyParts, copy_visit, merge_sectors, replace_travel_times, set_precedence


def snapshot(store, visit_id):
    """Everything of a visit that a copy or an undo must get right, without ids."""
    people = {p.id: p.name for p in store.people(visit_id)}
    venues = {v.id: v.name for v in store.venues(visit_id)}
    sectors = {s.id: s.name for s in store.sectors(visit_id)}
    return {
        "people": [(p.name, p.precedence, p.side) for p in store.people(visit_id)],
        "sectors": sorted((s.name, s.priority) for s in store.sectors(visit_id)),
        "venues": sorted((v.name, v.address) for v in store.venues(visit_id)),
        "travel": sorted((venues[a], venues[b], n) for (a, b), n in store.travel_times(visit_id).items()),
        "delegations": sorted(
            (d.name, d.side, sorted((people[x.person_id], str(x.role), sectors.get(x.sector_id), x.company)
                                    for x in store.members(delegation_id=d.id)))
            for d in store.delegations(visit_id)),
        "meetings": sorted((x.title, x.start.isoformat(), venues.get(x.venue_id)) for x in store.meetings(visit_id)),
        "attendees": len(store.attendees(visit_id=visit_id)),
        "agenda": sum(len(items) for items in store.agenda_for_visit(visit_id).values()),
    }


def new_visit(store, first=date(2027, 5, 10), zone="Asia/Karachi"):
    visit = m.Visit("Return visit of the President of Tajikistan to Pakistan", m.VisitKind.STATE, "PK", "TJ",
                    first, date(first.year, first.month, first.day + 2), zone, "Asia/Dushanbe")
    visit = store.insert(visit)
    return visit.id


def test_copy_brings_people_delegations_sectors_venues_and_travel_times(demo):
    store, demo_id = demo
    target = new_visit(store)
    copy_visit(store, demo_id, target, CopyParts())
    before, after = snapshot(store, demo_id), snapshot(store, target)
    for part in ("people", "sectors", "venues", "travel", "delegations"):
        assert after[part] == before[part] and after[part], part
    assert after["meetings"] == [] and after["attendees"] == 0
    assert snapshot(store, demo_id) == before  # the earlier visit is untouched


def test_copied_meetings_move_to_the_new_days_and_the_new_visits_clock(demo):
    store, demo_id = demo
    target = new_visit(store)
    copy_visit(store, demo_id, target, CopyParts(meetings=True))
    source, copied = store.meetings(demo_id), store.meetings(target)
    assert len(copied) == len(source)
    talks = next(x for x in copied if x.title == "Delegation-level talks")
    assert talks.zone == "Asia/Karachi"
    assert talks.start == datetime(2027, 5, 10, 15, 45, tzinfo=ZoneInfo("Asia/Karachi"))  # the first day at 15:45
    assert {x.uid for x in copied}.isdisjoint({x.uid for x in source})
    assert snapshot(store, target)["attendees"] == snapshot(store, demo_id)["attendees"]
    assert snapshot(store, target)["agenda"] == snapshot(store, demo_id)["agenda"]


def test_a_copy_without_people_leaves_delegations_empty_and_meetings_without_attendees(demo):
    store, demo_id = demo
    target = new_visit(store)
    copy_visit(store, demo_id, target, CopyParts(people=False, sectors=False, meetings=True))
    assert store.people(target) == [] and store.sectors(target) == []
    assert all(row.members == 0 for row in delegation_rows(store.db, target))
    assert store.attendees(visit_id=target) == []


def test_revert_and_replay_undo_and_redo_a_copy_exactly(demo):
    store, demo_id = demo
    target = new_visit(store)
    empty = snapshot(store, target)
    start = log_position(store)
    copy_visit(store, demo_id, target, CopyParts(meetings=True))
    full = snapshot(store, target)
    writes = writes_after(store, start)
    revert(store, writes)
    assert snapshot(store, target) == empty
    replay(store, writes)
    assert snapshot(store, target) == full


def test_merging_sectors_moves_memberships_meetings_and_agenda_items(demo):
    store, demo_id = demo
    sectors = {s.name: s for s in store.sectors(demo_id)}
    keep, gone = sectors["Textile"], sectors["Pharmaceuticals"]
    moved = sector_use(store.db, gone.id)
    assert moved
    kept = sector_use(store.db, keep.id)
    merge_sectors(store, keep.id, gone.id)
    assert store.get(m.Sector, gone.id) is None
    after = sector_use(store.db, keep.id)
    assert after.members == kept.members + moved.members
    assert after.meetings == kept.meetings + moved.meetings
    assert after.agenda_items == kept.agenda_items + moved.agenda_items
    with pytest.raises(ValidationError):
        merge_sectors(store, keep.id, keep.id)


def test_travel_times_are_replaced_as_a_whole(demo):
    store, demo_id = demo
    venues = [v.id for v in store.venues(demo_id)]
    replace_travel_times(store, demo_id, {(venues[0], venues[1]): 25})
    assert store.travel_times(demo_id) == {(venues[0], venues[1]): 25}
    with pytest.raises(ValidationError):
        replace_travel_times(store, demo_id, {(venues[0], venues[0]): 5})
    with pytest.raises(ValidationError):
        replace_travel_times(store, demo_id, {(venues[0], venues[1]): -5})


def test_precedence_changes_only_who_moved(demo):
    store, demo_id = demo
    people = store.people(demo_id, side=m.Side.HOST)
    start = log_position(store)
    set_precedence(store, {people[0].id: people[0].precedence, people[1].id: 99})
    writes = writes_after(store, start)
    assert [(w.table, w.record_id) for w in writes] == [("people", people[1].id)]


def test_venue_and_delegation_rows_say_how_much_they_hold(demo):
    store, demo_id = demo
    rows = venue_rows(store.db, demo_id)
    used = next(r for r in rows if r.meetings)
    assert len(meetings_at_venue(store.db, used.id)) == used.meetings
    delegations = delegation_rows(store.db, demo_id)
    assert delegations[0].side == "host" and any(d.head for d in delegations)
