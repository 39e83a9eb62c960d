"""Calendar times the clocks skip are read as RFC 5545 says, so they never reach the store as impossible times."""

from datetime import UTC, datetime

from planner.domain.zones import wall_clock_problem
from planner.ical.reading import read_calendar

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
UID:floating-1\r
DTSTART:20260329T021500\r
DTEND:20260329T030000\r
SUMMARY:Floating\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_time_in_the_spring_gap_is_read_with_the_offset_before_it():
    # RFC 5545, 3.3.5: a local time that does not exist is read with the UTC offset before the gap.
    night, floating = read_calendar(SKIPPED, "Europe/Berlin").events
    assert night.start.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert (night.start.hour, night.start.minute) == (3, 30) and wall_clock_problem(night.start) is None
    assert floating.start.astimezone(UTC) == datetime(2026, 3, 29, 1, 15, tzinfo=UTC)
    assert wall_clock_problem(floating.start) is None
