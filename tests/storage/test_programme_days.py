"""The programme's reads put each meeting on the local day it starts on, in any zone."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from planner.domain import model as m
from planner.domain.zones import day_of
from planner.storage.database import open_memory
from planner.storage.queries.programme import meeting_days, meetings_on
from planner.storage.store import Store

ZONES = ["Asia/Kabul", "Asia/Kolkata", "Asia/Tehran", "Asia/Kathmandu", "Australia/Lord_Howe",
         "America/St_Johns", "Europe/Berlin", "America/New_York"]


def visit_in(store: Store, zone_name: str) -> m.Visit:
    visit = m.Visit("V", m.VisitKind.WORKING, "AF", "PK", date(2026, 12, 14), date(2026, 12, 16), zone_name,
                    "Asia/Karachi")
    visit = store.insert(visit)
    return visit


@pytest.mark.parametrize("zone_name", ["Asia/Kabul", "Asia/Kolkata", "Asia/Tehran"])
def test_a_quarter_past_midnight_outside_the_visit_has_its_day_in_half_hour_zones(zone_name):
    store = Store(open_memory())
    visit = visit_in(store, zone_name)
    start = datetime(2026, 12, 18, 0, 15, tzinfo=ZoneInfo(zone_name))  # 19:45 or 20:45 UTC on the 17th
    store.add(m.Meeting(visit.id, "Early departure", start, start + timedelta(minutes=45), zone_name))
    days = meeting_days(store.db, visit)
    assert days == [*visit.days(), date(2026, 12, 18)]
    assert [x.title for x in meetings_on(store.db, visit, [date(2026, 12, 18)])] == ["Early departure"]
    assert meetings_on(store.db, visit, [date(2026, 12, 17)]) == []


STORE = Store(open_memory())
VISITS = {name: visit_in(STORE, name) for name in ZONES}


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 366 * 24 * 60), st.sampled_from(ZONES), st.sampled_from(ZONES))
@example(125325, "Europe/Berlin", "Asia/Kabul")  # 01:45 in Berlin on the spring-forward night, ending at 03:15
def test_every_meeting_is_read_on_the_day_it_starts_by_the_visit_clock(minute, own_zone, visit_zone):
    visit = VISITS[visit_zone]
    start = (datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minute)).astimezone(ZoneInfo(own_zone))
    # Half an hour later by the clock on the wall, not by adding to the wall time: 01:45 + 30 minutes on a
    # spring-forward night is 03:15, and 02:15 does not exist.
    end = (start.astimezone(UTC) + timedelta(minutes=30)).astimezone(ZoneInfo(own_zone))
    meeting = m.Meeting(visit.id, "Talks", start, end, own_zone)
    meeting = STORE.insert(meeting)
    try:
        day = start.astimezone(ZoneInfo(visit_zone)).date()
        assert day_of(meeting, visit_zone) == day
        assert day in meeting_days(STORE.db, visit)
        assert [x.id for x in meetings_on(STORE.db, visit, [day])] == [meeting.id]
        for other in (day - timedelta(days=1), day + timedelta(days=1)):
            assert meetings_on(STORE.db, visit, [other]) == []
        stored = STORE.meeting(meeting.id)
        assert stored.start == start and stored.start.utcoffset() == start.utcoffset()  # fold kept
    finally:
        STORE.delete(meeting)


def days_one_start_at_a_time(db, visit: m.Visit) -> list[date]:
    """The reference: every distinct start decoded to its local day."""
    days, tz = set(visit.days()), ZoneInfo(visit.zone)
    for text, all_day in db.execute("SELECT DISTINCT starts_at, all_day FROM meetings WHERE visit_id = ?",
                                    [visit.id]):
        days.add(date.fromisoformat(text[:10]) if all_day
                 else datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(tz).date())
    return sorted(days)


# Zones whose clocks change at midnight (Santiago, Havana, Beirut) and those a half or three quarters off UTC.
MIDNIGHT_ZONES = ["America/Santiago", "America/Havana", "Asia/Beirut", "Asia/Kabul", "Pacific/Chatham",
                  "Europe/Berlin", "Australia/Lord_Howe"]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(MIDNIGHT_ZONES), st.integers(0, 400),
       st.lists(st.tuples(st.integers(0, 6 * 24 * 4), st.booleans()), max_size=25))
@example("Asia/Kabul", 0, [(40, False), (81, False)])  # 14:30 in Kabul on one day, then 00:45 the next
@example("America/Santiago", 247, [(76, False), (113, False)])  # 15:00 the day before 00:00 became 01:00; 01:15
@example("America/Santiago", 93, [(92, False), (113, False)])  # 20:00 the day midnight came an hour late; 00:15
def test_the_days_found_a_day_at_a_time_are_those_of_every_start(visit_zone, first_day, starts):
    """A week of starts every quarter hour, somewhere in a year: days in a row, midnights, changes of clock."""
    store = Store(open_memory())
    visit = visit_in(store, visit_zone)
    tz = ZoneInfo(visit_zone)
    week = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=first_day)
    for quarter, all_day in starts:
        start = (week + timedelta(minutes=15 * quarter)).astimezone(tz)
        if all_day:
            meeting = m.Meeting(visit.id, "Day out", start.date(), start.date(), visit_zone)
        else:
            meeting = m.Meeting(visit.id, "Talks", start, (start.astimezone(UTC) + timedelta(minutes=15)).astimezone(tz),
                                visit_zone)
        store.add_many([meeting])
    assert meeting_days(store.db, visit) == days_one_start_at_a_time(store.db, visit)
