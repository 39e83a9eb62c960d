"""Companies, requests, halls and the plan in the database: migration of old data, writes, undo."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlite_utils import Database

from planner.b2b.model import Company, Hall, Interpreters, MeetingRequest, Priority, Talk
from planner.domain import model as m
from planner.domain.validation import ValidationError
from planner.storage import b2b_store as bs
from planner.storage.database import configure
from planner.storage.migrations import migrations
from planner.storage.queries import b2b as q

TZ = ZoneInfo("Asia/Dushanbe")


@pytest.fixture
def visit(store):
    visit = m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                    "Asia/Dushanbe", "Asia/Karachi")
    visit = store.insert(visit)
    return visit


def test_company_text_of_memberships_becomes_companies_when_migrating():
    db = configure(Database(memory=True))
    pending = [x for x in migrations.pending(db)]
    first = pending[0]
    db["_sqlite_migrations"].create({"id": int, "migration_set": str, "name": str, "applied_at": str}, pk="id")
    first.fn(db)
    db["_sqlite_migrations"].insert({"migration_set": migrations.name, "name": first.name, "applied_at": "x"})
    db["visits"].insert({"id": 1, "title": "V", "kind": "official", "first_day": "2026-12-14",
                         "last_day": "2026-12-16", "zone": "Asia/Dushanbe", "home_zone": "Asia/Karachi",
                         "status": "draft", "revision": 0})
    db["sectors"].insert({"id": 1, "visit_id": 1, "name": "Textile"})
    db["delegations"].insert({"id": 1, "visit_id": 1, "name": "Business", "kind": "business", "side": "guest"})
    for n, company in enumerate(["Indus Loom Mills", "indus loom mills ", "Vakhsh Agro", ""], start=1):
        db["people"].insert({"id": n, "visit_id": 1, "name": f"P{n}", "side": "guest", "precedence": 1})
        db["delegation_members"].insert({"delegation_id": 1, "person_id": n, "role": "member",
                                         "sector_id": 1 if n < 3 else None, "company": company})
    migrations.apply(db)
    found = q.companies(db, 1)
    assert [(c.name, c.side, c.sector_ids, c.person_ids) for c in found] == [
        ("Indus Loom Mills", m.Side.GUEST, (1,), (1, 2)), ("Vakhsh Agro", m.Side.GUEST, (), (3,))]
    # The text column is still there and still read by the rest of the program.
    assert [r[0] for r in db.execute("SELECT company FROM delegation_members ORDER BY id")][1] == "indus loom mills "


def test_companies_are_added_renamed_and_refused_when_named_twice(store, visit):
    sector = m.Sector(visit.id, "Textile")
    sector = store.insert(sector)
    person = m.Person(visit.id, "Kamran Aslam")
    person = store.insert(person)
    company, changes = bs.add_company(store, Company(visit.id, "Indus Loom Mills", sector_ids=(sector.id,),
                                                     person_ids=(person.id,)))
    assert company.id and changes.touches("companies")
    assert q.company(store.db, company.id) == company
    with pytest.raises(ValidationError, match="already a company called"):
        bs.add_company(store, Company(visit.id, "indus loom mills"))
    with pytest.raises(ValidationError, match="needs a name"):
        bs.add_company(store, Company(visit.id, "  "))
    renamed = Company(visit.id, "Indus Loom", native_name="انڈس", sector_ids=(), person_ids=(person.id,),
                      id=company.id)
    bs.update_company(store, renamed)
    assert q.company(store.db, company.id) == renamed
    assert any(r.table == "companies" for r in store.changes_since(visit.id, 0))


def _two_companies(store, visit):
    a, _ = bs.add_company(store, Company(visit.id, "Indus Loom Mills"))
    b, _ = bs.add_company(store, Company(visit.id, "Dushanbe Textile Combine", side=m.Side.HOST))
    return a, b


def test_requests_are_refused_to_oneself_and_twice(store, visit):
    a, b = _two_companies(store, visit)
    request, _ = bs.add_request(store, MeetingRequest(visit.id, a.id, b.id, Priority.MUST, "cotton yarn"))
    assert q.requests(store.db, visit.id) == [request]
    with pytest.raises(ValidationError, match="already asked to meet"):
        bs.add_request(store, MeetingRequest(visit.id, a.id, b.id))
    with pytest.raises(ValidationError, match="itself"):
        bs.add_request(store, MeetingRequest(visit.id, a.id, a.id))
    bs.update_request(store, MeetingRequest(visit.id, a.id, b.id, Priority.COULD, "", id=request.id))
    assert q.requests(store.db, visit.id)[0].priority == Priority.COULD


def _session(store, visit, hall_tables=("A", "B")):
    meeting = m.Meeting(visit.id, "B2B session: Textile", datetime(2026, 12, 15, 14, 0, tzinfo=TZ),
                        datetime(2026, 12, 15, 15, 0, tzinfo=TZ), "Asia/Dushanbe", m.MeetingKind.B2B)
    meeting = store.insert(meeting)
    bs.set_hall(store, Hall(meeting.id, hall_tables, 20, (("14:20", "14:30"),), 3,
                            (Interpreters("Urdu", "Tajik", 1),)))
    return meeting


def test_a_hall_is_stored_whole_and_only_for_a_b2b_session(store, visit):
    meeting = _session(store, visit)
    hall = q.hall(store.db, meeting.id)
    assert hall == Hall(meeting.id, ("A", "B"), 20, (("14:20", "14:30"),), 3, (Interpreters("Urdu", "Tajik", 1),))
    lunch = m.Meeting(visit.id, "Lunch", datetime(2026, 12, 15, 12, 0, tzinfo=TZ),
                      datetime(2026, 12, 15, 13, 0, tzinfo=TZ), "Asia/Dushanbe", m.MeetingKind.MEAL)
    lunch = store.insert(lunch)
    with pytest.raises(ValidationError, match="Only a B2B session"):
        bs.set_hall(store, Hall(lunch.id))
    with pytest.raises(ValidationError, match="name of its own"):
        bs.set_hall(store, Hall(meeting.id, ("1", "1")))
    with pytest.raises(ValidationError, match="not a time span"):
        bs.set_hall(store, Hall(meeting.id, breaks=(("15:00", "14:00"),)))


def test_the_plan_is_written_whole_its_attendees_follow_and_undo_puts_all_back(store, visit):
    guest = m.Person(visit.id, "Kamran Aslam")
    host = m.Person(visit.id, "Rustam Davlatov", side=m.Side.HOST)
    officer = m.Person(visit.id, "Protocol officer")
    guest, host, officer = (store.insert(p) for p in (guest, host, officer))
    a, _ = bs.add_company(store, Company(visit.id, "Indus Loom Mills", person_ids=(guest.id,)))
    b, _ = bs.add_company(store, Company(visit.id, "Dushanbe Textile Combine", side=m.Side.HOST,
                                         person_ids=(host.id,)))
    request, _ = bs.add_request(store, MeetingRequest(visit.id, a.id, b.id))
    meeting = _session(store, visit)
    store.add(m.Attendee(meeting.id, officer.id))
    change = bs.set_plan(store, visit.id, [Talk(meeting.id, request.id, 1, 0)])
    assert [(t.slot, t.table) for t in q.talks(store.db, visit.id)] == [(1, 0)]
    assert {x.person_id for x in store.attendees(meeting_id=meeting.id)} == {officer.id, guest.id, host.id}
    emptied = bs.set_plan(store, visit.id, [])
    assert {x.person_id for x in store.attendees(meeting_id=meeting.id)} == {officer.id}
    bs.undo_plan(store, emptied)
    assert [(t.slot, t.table) for t in q.talks(store.db, visit.id)] == [(1, 0)]
    bs.undo_plan(store, change)
    assert q.talks(store.db, visit.id) == []
    assert {x.person_id for x in store.attendees(meeting_id=meeting.id)} == {officer.id}
    with pytest.raises(ValidationError, match="share a table"):
        bs.set_plan(store, visit.id, [Talk(meeting.id, request.id, 1, 0), Talk(meeting.id, 99, 1, 0)])


def test_deleting_a_company_takes_its_requests_and_talks_and_undo_restores_them(store, visit):
    a, b = _two_companies(store, visit)
    request, _ = bs.add_request(store, MeetingRequest(visit.id, a.id, b.id))
    meeting = _session(store, visit)
    bs.set_plan(store, visit.id, [Talk(meeting.id, request.id, 0, 1)])
    removed = bs.delete_company(store, a.id)
    assert q.requests(store.db, visit.id) == [] and q.talks(store.db, visit.id) == []
    store.restore(removed)
    assert len(q.talks(store.db, visit.id)) == 1 and q.company(store.db, a.id).name == a.name
    store.delete(store.visit(visit.id))  # and a whole visit goes with everything it holds
    assert store.db.execute("SELECT count(*) FROM companies").fetchone()[0] == 0


def test_memberships_named_after_companies_become_representatives(store, visit):
    delegation = m.Delegation(visit.id, "Business", m.DelegationKind.BUSINESS, m.Side.GUEST)
    delegation = store.insert(delegation)
    person = m.Person(visit.id, "Kamran Aslam")
    person = store.insert(person)
    store.add(m.DelegationMember(delegation.id, person.id, company="Indus Loom Mills"))
    made, _ = bs.companies_from_memberships(store, visit.id)
    assert [(c.name, c.person_ids) for c in made] == [("Indus Loom Mills", (person.id,))]
    assert bs.companies_from_memberships(store, visit.id)[0] == []
