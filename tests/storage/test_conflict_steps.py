"""Conflicts found a page and a piece at a time are exactly those Store.conflicts finds at once, in its order."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain import model as m
from planner.domain.conflicts import finish
from planner.storage.database import open_memory
from planner.storage.queries.conflicts import conflict_steps
from planner.storage.store import Store

ZONE = ZoneInfo("Asia/Dushanbe")


def test_the_demo_visit_gives_the_same_conflicts_whatever_the_page(demo):
    store, visit_id = demo
    reference = store.conflicts(visit_id)
    assert reference
    for page in (1, 2, 7, 250):
        assert finish(conflict_steps(store, visit_id, page)) == reference


def test_each_step_reads_at_most_one_page(demo, monkeypatch):
    store, visit_id = demo
    statements = []
    real = store.db.execute
    monkeypatch.setattr(store.db, "execute", lambda sql, *a: statements.append(sql) or real(sql, *a))
    steps = conflict_steps(store, visit_id, page=3)
    counts = []
    try:
        while True:
            before = len(statements)
            next(steps)
            counts.append(len(statements) - before)
    except StopIteration:
        pass
    # The first step also reads the visit; after that, one page (or a venue list, or a person named) a step.
    assert max(counts[1:]) <= 3 and sum(counts) > 10


attending = st.lists(st.tuples(st.integers(0, 3), st.sampled_from(list(m.Reply))), max_size=4,
                     unique_by=lambda pair: pair[0])  # (person, reply)
meeting_plan = st.tuples(
    st.integers(0, 5),  # day, from the day before the visit to the day after it
    st.integers(8 * 4, 12 * 4),  # start, in quarter hours: a busy morning, so that meetings clash
    st.integers(1, 8),  # length, in quarter hours
    st.sampled_from([None, 0, 1, 2]),  # venue
    st.sampled_from(list(m.MeetingStatus)),
    st.booleans(),  # all day
    st.lists(st.integers(1, 60), max_size=3),  # agenda item lengths
    attending,
)
visit_plan = st.fixed_dictionaries({
    "meetings": st.lists(meeting_plan, min_size=0, max_size=14),
    "travel": st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 90)), max_size=4),
})


def build(plan: dict) -> tuple[Store, int]:
    store = Store(open_memory())
    visit = store.insert(m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14),
                                 date(2026, 12, 16), "Asia/Dushanbe", "Asia/Karachi"))
    venues = [store.insert(m.Venue(visit.id, name)) for name in ("Navruz Palace", "Kohi Somon", "Hyatt")]
    people = [store.insert(m.Person(visit.id, f"Guest {n}")) for n in range(4)]
    for n, (day, start, length, venue, status, all_day, agenda, attendees) in enumerate(plan["meetings"]):
        first = date(2026, 12, 13) + timedelta(days=day)
        if all_day:
            begin, end = first, first + timedelta(days=length % 2)
        else:
            begin = datetime.combine(first, datetime.min.time(), ZONE) + timedelta(minutes=15 * start)
            end = begin + timedelta(minutes=15 * length)
        meeting = store.insert(m.Meeting(visit.id, f"Meeting {n}", begin, end, "Asia/Dushanbe", status=status,
                                         venue_id=None if venue is None else venues[venue].id))
        store.add_many([m.AgendaItem(meeting.id, position, f"Item {position}", duration_minutes=minutes)
                        for position, minutes in enumerate(agenda, start=1)])
        store.add_many([m.Attendee(meeting.id, people[person].id, reply=reply) for person, reply in attendees])
    for a, b, minutes in plan["travel"]:
        if a != b:
            store.set_travel_time(venues[a].id, venues[b].id, minutes)
    return store, visit.id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=visit_plan, page=st.integers(1, 5))
def test_generated_visits_give_the_same_conflicts_in_the_same_order(plan, page):
    store, visit_id = build(plan)
    assert finish(conflict_steps(store, visit_id, page)) == store.conflicts(visit_id)
