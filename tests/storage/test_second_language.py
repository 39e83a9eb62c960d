"""A person's designation and organisation in a second language: stored, read back, and chosen by documents."""

import dataclasses
from datetime import date, datetime
from zoneinfo import ZoneInfo

from planner import reports
from planner.domain import model as m
from planner.storage.database import open_database
from planner.storage.queries import documents
from planner.storage.store import Store


def _visit_with_a_minister(store):
    visit = store.insert(m.Visit("Return visit", m.VisitKind.OFFICIAL, "PK", "TJ", date(2027, 5, 10),
                                 date(2027, 5, 12), "Asia/Karachi", "Asia/Dushanbe"))
    minister = store.insert(m.Person(visit.id, "Sherali Kabir", designation="Министр промышленности",
                                     organisation="Министерство промышленности", side=m.Side.GUEST,
                                     second_designation="Minister of Industry",
                                     second_organisation="Ministry of Industry and New Technologies"))
    aide = store.insert(m.Person(visit.id, "Nodir Saidov", designation="Помощник", side=m.Side.GUEST))
    start = datetime(2027, 5, 10, 10, 0, tzinfo=ZoneInfo("Asia/Karachi"))
    meeting = store.insert(m.Meeting(visit.id, "Talks", start, start.replace(hour=11), "Asia/Karachi",
                                     kind=m.MeetingKind.DELEGATION_LEVEL))
    for person in (minister, aide):
        store.insert(m.Attendee(meeting.id, person.id))
    return visit, minister, aide, meeting


def test_second_language_titles_are_stored_and_read_back(tmp_path):
    store = Store(open_database(tmp_path / "visit.sqlite"))
    _visit, minister, _aide, _meeting = _visit_with_a_minister(store)
    again = Store(open_database(tmp_path / "visit.sqlite")).person(minister.id)
    assert again.second_designation == "Minister of Industry"
    assert again.second_organisation == "Ministry of Industry and New Technologies"
    assert again == minister


def test_a_document_in_the_second_language_prints_those_titles_and_falls_back_to_the_first(store):
    visit, minister, aide, meeting = _visit_with_a_minister(store)
    first = documents.agenda_data(store, meeting.id)
    second = documents.agenda_data(store, meeting.id, second_language=True)
    assert first.people[minister.id].designation == "Министр промышленности"
    assert second.people[minister.id].designation == "Minister of Industry"
    assert second.people[minister.id].organisation == "Ministry of Industry and New Technologies"
    assert second.people[aide.id].designation == "Помощник"  # none given in the second language: the first stays
    html = reports.agenda(second).html
    assert "Minister of Industry" in html and "Министр промышленности" not in html
    assert "Министр промышленности" in reports.agenda(first).html
    listing = documents.delegation_list_data(store, visit.id, second_language=True)
    assert listing.people[minister.id].designation == "Minister of Industry"
    assert documents.itinerary_data(store, minister.id, second_language=True).person.designation == \
        "Minister of Industry"
    programme = documents.programme_data(store, visit.id, second_language=True)
    assert sorted(p.designation for p in programme.present[meeting.id]) == ["Minister of Industry", "Помощник"]


def test_in_second_language_changes_only_the_titles():
    person = m.Person(1, "A", designation="Министр", organisation="Министерство", second_designation="Minister")
    moved = person.in_second_language()
    assert moved.designation == "Minister" and moved.organisation == "Министерство"
    assert dataclasses.replace(moved, designation=person.designation) == person
