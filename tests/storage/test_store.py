from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from planner.domain import model as m
from planner.domain.validation import ValidationError
from planner.storage.database import open_database
from planner.storage.store import Store

TZ = ZoneInfo("Asia/Dushanbe")


def talks(visit_id, hour=10, **kw):
    return m.Meeting(visit_id, "Talks", datetime(2026, 12, 14, hour, tzinfo=TZ),
                     datetime(2026, 12, 14, hour + 1, tzinfo=TZ), "Asia/Dushanbe", **kw)


def test_times_are_stored_as_utc_with_the_zone_name(store, visit):
    meeting = talks(visit.id)
    meeting = store.insert(meeting)
    row = store.db.execute("SELECT starts_at, ends_at, zone FROM meetings").fetchone()
    assert row == ("2026-12-14T05:00:00Z", "2026-12-14T06:00:00Z", "Asia/Dushanbe")
    back = store.meeting(meeting.id)
    assert back.start == meeting.start and back.start.tzinfo.key == "Asia/Dushanbe"
    assert back.start.hour == 10


def test_all_day_meetings_round_trip_as_dates(store, visit):
    day = m.Meeting(visit.id, "Cultural programme", date(2026, 12, 15), date(2026, 12, 16), "Asia/Dushanbe")
    day = store.insert(day)
    back = store.meeting(day.id)
    assert back.all_day and back.start == date(2026, 12, 15) and back.end == date(2026, 12, 16)


def test_people_come_back_in_precedence_order_with_scripts_intact(store, visit):
    store.add_all([
        m.Person(visit.id, "Makhdum Khusro Bakhtyar", native_name="مخدوم خسرو بختیار", precedence=3),
        m.Person(visit.id, "Sherali Kabir", native_name="Шерали Кабир", side=m.Side.HOST, precedence=3),
        m.Person(visit.id, "Imran Khan", precedence=1, languages=("Urdu", "English")),
    ])
    people = store.people(visit.id)
    assert [p.name for p in people] == ["Imran Khan", "Sherali Kabir", "Makhdum Khusro Bakhtyar"]
    assert people[1].native_name == "Шерали Кабир" and people[2].native_name == "مخدوم خسرو بختیار"
    assert people[0].languages == ("Urdu", "English")


def test_invalid_objects_are_refused_before_anything_is_written(store, visit):
    with pytest.raises(ValidationError, match="e-mail"):
        store.add(m.Person(visit.id, "Someone", email="not-an-address"))
    bad = talks(visit.id)
    bad = replace(bad, end=bad.start)
    with pytest.raises(ValidationError, match="end after it starts"):
        store.add(bad)
    assert store.people(visit.id) == [] and store.meetings(visit.id) == []


def test_the_same_person_cannot_attend_a_meeting_twice(store, visit):
    person = m.Person(visit.id, "Kabir", honorific="H.E.")
    meeting = talks(visit.id)
    person, meeting = store.add_all([person, meeting]).added
    store.add(m.Attendee(meeting.id, person.id))
    with pytest.raises(ValidationError, match="H.E. Kabir is already at this meeting"):
        store.add(m.Attendee(meeting.id, person.id))
    assert len(store.attendees(meeting_id=meeting.id)) == 1


def test_sequence_rises_only_when_time_venue_or_status_change(store, visit):
    meeting = talks(visit.id)
    meeting = store.insert(meeting)
    meeting = replace(meeting, notes="Talking points attached")
    store.update(meeting)
    assert store.meeting(meeting.id).sequence == 0
    meeting = replace(meeting, start=talks(visit.id, hour=11).start, end=talks(visit.id, hour=11).end)
    store.update(meeting)
    assert store.meeting(meeting.id).sequence == 1
    meeting = replace(meeting, status=m.MeetingStatus.CANCELLED)
    store.update(meeting)
    assert store.meeting(meeting.id).sequence == 2 and store.meeting(meeting.id).uid == meeting.uid


def test_deleting_a_meeting_takes_its_children_and_restore_puts_everything_back(store, visit):
    person = m.Person(visit.id, "Kabir")
    meeting = talks(visit.id)
    person, meeting = store.add_all([person, meeting]).added
    store.add(m.Attendee(meeting.id, person.id, m.AttendeeRole.CHAIR, m.Reply.ACCEPTED))
    store.add_agenda_item(m.AgendaItem(meeting.id, 0, "Opening", 10, presenter_id=person.id))
    store.add_agenda_item(m.AgendaItem(meeting.id, 0, "Mining", 20))
    before = (store.meeting(meeting.id), store.attendees(meeting_id=meeting.id), store.agenda(meeting.id))
    removed = store.delete(meeting)
    assert removed.count("attendees") == 1 and removed.count("agenda_items") == 2
    assert store.meeting(meeting.id) is None and store.attendees(visit_id=visit.id) == []
    store.restore(removed)
    assert (store.meeting(meeting.id), store.attendees(meeting_id=meeting.id), store.agenda(meeting.id)) == before


def test_deleting_a_person_clears_references_and_restore_refills_them(store, visit):
    person = m.Person(visit.id, "Kabir")
    person = store.insert(person)
    meeting = talks(visit.id, organiser_id=person.id)
    meeting = store.insert(meeting)
    store.add(m.Attendee(meeting.id, person.id))
    store.add_agenda_item(m.AgendaItem(meeting.id, 0, "Opening", 10, presenter_id=person.id))
    removed = store.delete(person)
    assert store.meeting(meeting.id).organiser_id is None
    assert store.agenda(meeting.id)[0].presenter_id is None
    store.restore(removed)
    assert store.meeting(meeting.id).organiser_id == person.id
    assert store.agenda(meeting.id)[0].presenter_id == person.id
    assert len(store.attendees(meeting_id=meeting.id)) == 1


def test_agenda_positions_stay_one_to_n_when_moving(store, visit):
    meeting = talks(visit.id)
    meeting = store.insert(meeting)
    for title in ["A", "B", "C", "D"]:
        store.add_agenda_item(m.AgendaItem(meeting.id, 0, title, 10))
    d = store.agenda(meeting.id)[3]
    store.move_agenda_item(d.id, 1)
    assert [(i.position, i.title) for i in store.agenda(meeting.id)] == [(1, "D"), (2, "A"), (3, "B"), (4, "C")]
    store.add_agenda_item(m.AgendaItem(meeting.id, 2, "Inserted", 5))
    assert [i.title for i in store.agenda(meeting.id)] == ["D", "Inserted", "A", "B", "C"]


def test_change_log_and_revisions(store, visit):
    store.clock = lambda: datetime(2026, 12, 1, 9, tzinfo=UTC)
    meeting = talks(visit.id)
    meeting = store.insert(meeting)
    store.issue_revision(visit.id)
    assert store.visit(visit.id).revision == 1 and store.visit(visit.id).status is m.VisitStatus.ISSUED
    assert store.changes_since(visit.id, 1) == []
    store.update(replace(meeting, title="Delegation-level talks"))
    (change,) = store.changes_since(visit.id, 1)
    assert (change.table, change.action, change.old, change.new) == (
        "meetings", "update", {"title": "Talks"}, {"title": "Delegation-level talks"})
    assert change.revision == 1 and change.at == "2026-12-01T09:00:00Z"
    assert len(store.changes_since(visit.id, 0)) >= 3
    with pytest.raises(ValidationError, match="Revision 5"):
        store.changes_since(visit.id, 5)


def test_a_failed_multi_row_action_writes_nothing(store, visit):
    with pytest.raises(ValidationError):
        store.add_all([m.Person(visit.id, "Good"), m.Person(visit.id, "")])
    assert store.people(visit.id) == []
    assert store.db.execute("SELECT count(*) FROM change_log WHERE table_name = 'people'").fetchone()[0] == 0


def test_filters_by_side_delegation_sector_and_company(demo):
    store, visit_id = demo
    textile = next(s for s in store.sectors(visit_id) if s.name == "Textile")
    names = [p.organisation for p in store.people(visit_id, sector_id=textile.id)]
    assert "Indus Loom Mills" in names and "Dushanbe Textile Combine" in names and len(names) == 4
    hosts = store.people(visit_id, side=m.Side.HOST)
    assert hosts and all(p.side is m.Side.HOST for p in hosts)
    assert [p.name for p in store.people(visit_id, company="Kasur Tanneries")] == ["Imtiaz Sheikh"]


def test_store_opens_a_path(tmp_path):
    store = Store(tmp_path / "v.sqlite")
    assert store.visits() == []
    assert isinstance(open_database(tmp_path / "v.sqlite").table_names(), list)


def test_path_names_the_database_file_and_none_in_memory(store, tmp_path):
    assert store.path is None
    on_disk = Store(open_database(tmp_path / "visit.db", create=True))
    assert on_disk.path == tmp_path / "visit.db"


def test_uids_elsewhere_names_only_other_visits_meetings(store, visit):
    other = m.Visit("Return visit", m.VisitKind.OFFICIAL, "PK", "TJ", date(2027, 3, 1), date(2027, 3, 2),
                    "Asia/Karachi", "Asia/Dushanbe")
    other = store.insert(other)
    here, there = talks(visit.id), talks(other.id)
    here, there = store.add_all([here, there]).added
    uids = [here.uid, there.uid, "unknown@example"] + [f"filler-{n}" for n in range(600)]
    assert store.uids_elsewhere(visit.id, uids) == {there.uid: (other.id, "Return visit")}


def test_add_hands_back_the_stored_object_and_leaves_the_given_one_alone(store, visit):
    given = m.Person(visit.id, "Kabir")
    changes = store.add(given)
    (stored,) = changes.added
    assert given.id is None and stored.id is not None and changes.ids("people") == {stored.id}
    assert store.person(stored.id) == stored
    assert store.insert(m.Person(visit.id, "Aslam")).id == stored.id + 1


def test_the_visits_organiser_is_stored_and_read_back(store, visit):
    from dataclasses import replace

    office = m.Organiser("Protocol Department, MFA", "protocol@mfa.tj", "+992 37 221 1808")
    store.update(replace(visit, organiser=office))
    assert store.visit(visit.id).organiser == office
    store.update(replace(visit, organiser=None))
    assert store.visit(visit.id).organiser is None


def test_removed_records_merge_so_that_one_restore_puts_back_both_deletes(store, visit):
    person = store.insert(m.Person(visit.id, "Kabir"))
    meeting = store.insert(talks(visit.id, organiser_id=person.id))
    store.add(m.Attendee(meeting.id, person.id))
    before = (store.people(visit.id), store.meetings(visit.id), store.attendees(visit_id=visit.id))
    removed = store.delete(meeting).merge(store.delete(person))
    assert removed.count("meetings") == removed.count("people") == removed.count("attendees") == 1
    assert removed.changes.ids("meetings") == {meeting.id} and removed.changes.ids("people") == {person.id}
    store.restore(removed)
    assert (store.people(visit.id), store.meetings(visit.id), store.attendees(visit_id=visit.id)) == before
