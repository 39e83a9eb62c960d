"""Calendar times the clocks skip are read as RFC 5545 says, so they never reach the store as impossible times."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from planner.domain import model as m
from planner.domain.invitations import Scope
from planner.domain.zones import wall_clock_problem
from planner.ical.reading import read_calendar
from planner.mail.outbox import export
from tests.ical.conftest import NOW

SKIPPED = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//EN\r
BEGIN:VTIMEZONE\r
TZID:Europe/Berlin\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
DTSTART:19810329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
DTSTART:19961027T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:skipped-1\r
DTSTART;TZID=Europe/Berlin:20260329T023000\r
DTEND;TZID=Europe/Berlin:20260329T040000\r
SUMMARY:Night train\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:hours-1\r
DTSTART;TZID=Europe/Berlin:20260329T010000\r
DURATION:PT3H\r
SUMMARY:Three hours\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:day-1\r
DTSTART;TZID=Europe/Berlin:20260328T100000\r
DURATION:P1D\r
SUMMARY:One day\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:floating-1\r
DTSTART:20260329T021500\r
DTEND:20260329T030000\r
SUMMARY:Floating\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_time_in_the_spring_gap_is_read_with_the_offset_before_it():
    # RFC 5545, 3.3.5: a local time that does not exist is read with the UTC offset before the gap.
    night, _hours, _day, floating = read_calendar(SKIPPED, "Europe/Berlin").events
    assert night.start.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert (night.start.hour, night.start.minute) == (3, 30) and wall_clock_problem(night.start) is None
    assert floating.start.astimezone(UTC) == datetime(2026, 3, 29, 1, 15, tzinfo=UTC)
    assert wall_clock_problem(floating.start) is None


def test_a_duration_in_hours_is_elapsed_time_and_in_days_is_calendar_days():
    # RFC 5545, 3.3.6: PT3H is exact time; P1D is the same clock time on the next day.
    _night, hours, day, _floating = read_calendar(SKIPPED, "Europe/Berlin").events
    assert hours.end.astimezone(UTC) - hours.start.astimezone(UTC) == timedelta(hours=3)
    assert (hours.end.hour, hours.end.minute) == (5, 0)
    assert (day.end.day, day.end.hour) == (29, 10)
    assert day.end.astimezone(UTC) - day.start.astimezone(UTC) == timedelta(hours=23)


def test_the_second_pass_of_the_repeated_hour_is_exported_so_that_it_reads_back_the_same(store):
    # With a TZID, 02:30 on the night the clocks go back means the first 02:30 (RFC 5545, 3.3.5).
    berlin = ZoneInfo("Europe/Berlin")
    visit = m.Visit("Berlin", m.VisitKind.WORKING, "DE", "PK", date(2026, 10, 24), date(2026, 10, 26),
                    "Europe/Berlin", "Asia/Karachi")
    visit = store.insert(visit)
    second = datetime(2026, 10, 25, 2, 30, tzinfo=berlin, fold=1)
    first = datetime(2026, 10, 25, 2, 10, tzinfo=berlin)
    store.add(m.Meeting(visit.id, "Late call", second, datetime(2026, 10, 25, 3, 30, tzinfo=berlin), "Europe/Berlin"))
    store.add(m.Meeting(visit.id, "Early call", first, datetime(2026, 10, 25, 2, 40, tzinfo=berlin), "Europe/Berlin"))
    text = export(store, Scope(visit_id=visit.id), "publish", now=NOW).text
    assert "DTSTART:20261025T013000Z\r\n" in text and "DTSTART;TZID=Europe/Berlin:20261025T021000\r\n" in text
    read = {e.title: e for e in read_calendar(text, "Europe/Berlin").events}
    assert read["Late call"].start.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert read["Early call"].start.astimezone(UTC) == datetime(2026, 10, 25, 0, 10, tzinfo=UTC)
