"""The named reads the window uses: pages of meetings and people, counts, a sector's members."""



from planner.domain.precedence import by_precedence
from planner.storage.queries.meetings import attendee_counts, attendee_counts_in_visit, meeting_count, meeting_page
from planner.storage.queries.people import people_by_id, people_count, sector_members


def test_meeting_pages_follow_each_other_in_start_order_without_gaps(demo):
    store, visit_id = demo
    expected = [m.id for m in store.meetings(visit_id)]
    assert meeting_count(store.db, visit_id) == len(expected) > 5
    pages, after = [], None
    while True:
        page, last = meeting_page(store.db, visit_id, after, 3)
        if not page:
            assert last is None
            break
        assert last[1] == page[-1].id
        pages.append(page)
        after = last
    assert [m.id for page in pages for m in page] == expected
    assert pages[0][0] == store.meeting(expected[0])
    assert meeting_count(store.db, visit_id + 1) == 0


def test_attendee_counts_match_the_attendees(demo):
    store, visit_id = demo
    meetings = store.meetings(visit_id)
    expected = {m.id: len(store.attendees(meeting_id=m.id)) for m in meetings}
    expected = {k: n for k, n in expected.items() if n}
    assert attendee_counts_in_visit(store.db, visit_id) == expected
    some = [m.id for m in meetings[:3]]
    assert attendee_counts(store.db, some) == {k: n for k, n in expected.items() if k in some}
    assert attendee_counts(store.db, []) == {}


def test_people_come_in_the_order_asked_and_the_missing_are_left_out(demo):
    store, visit_id = demo
    people = store.people(visit_id)
    wanted = [people[3].id, people[0].id, 999_999, people[2].id]
    assert people_by_id(store.db, wanted) == [people[3], people[0], people[2]]
    assert people_count(store.db, visit_id) == len(people)


def test_sector_members_are_in_precedence_order_with_their_membership(demo):
    store, visit_id = demo
    for delegation in store.delegations(visit_id):
        members = store.members(delegation_id=delegation.id)
        for sector_id in {x.sector_id for x in members}:
            found = sector_members(store.db, delegation.id, sector_id)
            mine = [x for x in members if x.sector_id == sector_id]
            assert [p for p, _ in found] == by_precedence([store.person(x.person_id) for x in mine])
            assert sorted((x.id, x.role, x.company) for _, x in found) == sorted((x.id, x.role, x.company)
                                                                                  for x in mine)
            assert all(x.person_id == p.id and x.sector_id == sector_id for p, x in found)
