from collections import Counter

from planner.demo import PRIORITY_SECTORS
from planner.domain import model as m
from planner.domain.conflicts import ConflictKind


def test_demo_has_the_article_people_in_their_scripts(demo):
    store, visit_id = demo
    people = {p.name: p for p in store.people(visit_id)}
    for name in ["Makhdum Khusro Bakhtyar", "Sherali Kabir", "Ismatullo Nasredin", "Imran Khan"]:
        assert name in people
    assert people["Sherali Kabir"].native_name == "Шерали Кабир"
    assert people["Imran Khan"].native_name == "عمران خان"
    assert people["Makhdum Khusro Bakhtyar"].designation == "Federal Minister of Industries and Production"


def test_demo_business_delegation_has_three_companies_per_priority_sector(demo):
    store, visit_id = demo
    sectors = {s.id: s.name for s in store.sectors(visit_id)}
    business = next(d for d in store.delegations(visit_id) if d.name == "Pakistan business delegation")
    companies = Counter()
    for member in store.members(delegation_id=business.id):
        companies[sectors[member.sector_id]] += 1
        assert "Fictional" in store.person(member.person_id).notes
    assert all(companies[s] >= 3 for s in PRIORITY_SECTORS)
    assert {s.name for s in store.sectors(visit_id) if s.priority} == set(PRIORITY_SECTORS)


def test_demo_virtual_session_carries_the_article_topics(demo):
    store, visit_id = demo
    session = next(x for x in store.meetings(visit_id) if x.kind is m.MeetingKind.VIRTUAL_SESSION)
    assert session.online_link.startswith("https://")
    topics = " ".join(i.title for i in store.agenda(session.id))
    for words in ["Framework", "Electric Vehicles", "Mobile Device", "Automotive", "SMEs", "Five-year plan",
                  "distribution channels"]:
        assert words in topics


def test_demo_programme_is_clean_but_for_the_session_before_the_visit(demo):
    store, visit_id = demo
    conflicts = store.conflicts(visit_id)
    assert [c.kind for c in conflicts] == [ConflictKind.OUTSIDE_VISIT]
    visit = store.visit(visit_id)
    days = {x.starts_at().date() for x in store.meetings(visit_id)}
    assert set(visit.days()) <= days
