"""Clocks: durations, overlaps and travel gaps by instant across daylight saving; times the clocks skip or repeat."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from planner.domain.conflicts import ConflictKind, find_conflicts
from planner.domain.intervals import Interval
from planner.domain.model import Attendee, Meeting, Visit, VisitKind
from planner.domain.validation import Severity, validate_meeting
from planner.domain.zones import day_of, elapsed, instant, later, on_clock, wall_clock_problem

BERLIN = ZoneInfo("Europe/Berlin")
SPRING_FORWARD = date(2026, 3, 29)  # Berlin: 02:00 CET -> 03:00 CEST
FALL_BACK = date(2026, 10, 25)  # Berlin: 03:00 CEST -> 02:00 CET, so 02:00-03:00 happens twice
# Half-hour and quarter-hour offsets, daylight saving in both hemispheres, a half-hour daylight saving.
ZONES = ["Asia/Kabul", "Asia/Kolkata", "Asia/Tehran", "Asia/Kathmandu", "Australia/Adelaide",
         "Australia/Lord_Howe", "America/St_Johns", "Europe/Berlin", "America/New_York", "Asia/Dushanbe"]


def berlin(day: date, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN, fold=fold)


def meeting(start, end, meeting_id=1, venue_id=None, title="Talks") -> Meeting:
    return Meeting(visit_id=1, title=title, start=start, end=end, zone="Europe/Berlin", id=meeting_id,
                   venue_id=venue_id)


def visit_around(day: date) -> Visit:
    return Visit("V", VisitKind.WORKING, "DE", "PK", day - timedelta(days=1), day + timedelta(days=1),
                 "Europe/Berlin", "Asia/Karachi", id=1)


# -- daylight saving ------------------------------------------------------------------------


def test_a_meeting_across_the_spring_change_lasts_the_time_that_really_passes():
    overnight = meeting(berlin(SPRING_FORWARD, 1), berlin(SPRING_FORWARD, 4))
    assert overnight.duration_minutes() == 120
    autumn = meeting(berlin(FALL_BACK, 1), berlin(FALL_BACK, 4))
    assert autumn.duration_minutes() == 240


def test_the_repeated_autumn_hour_is_told_apart_by_fold():
    # 02:00-02:45 the first time (CEST) and 02:15-02:50 the second time (CET) are an hour apart.
    first = meeting(berlin(FALL_BACK, 2), berlin(FALL_BACK, 2, 45), 1, venue_id=7, title="First")
    second = meeting(berlin(FALL_BACK, 2, 15, fold=1), berlin(FALL_BACK, 2, 50, fold=1), 2, venue_id=7,
                     title="Second")
    assert not Interval(first.start, first.end).overlaps(Interval(second.start, second.end))
    conflicts = find_conflicts(visit_around(FALL_BACK), [first, second])
    assert [c for c in conflicts if c.kind is ConflictKind.VENUE] == []
    # The same two on the same pass of the clock do clash.
    again = meeting(berlin(FALL_BACK, 2, 15), berlin(FALL_BACK, 2, 50), 2, venue_id=7, title="Second")
    assert [c.kind for c in find_conflicts(visit_around(FALL_BACK), [first, again])] == [ConflictKind.VENUE]


def test_a_meeting_from_the_first_to_the_second_pass_of_the_repeated_hour_is_valid_and_long():
    crossing = meeting(berlin(FALL_BACK, 2, 30), berlin(FALL_BACK, 2, 15, fold=1))
    assert crossing.duration_minutes() == 45
    assert not [p for p in validate_meeting(crossing) if p.severity is Severity.ERROR]


def test_travel_gaps_are_measured_by_instant_in_the_repeated_hour():
    # Leaves the first venue at 02:50 CEST (00:50 UTC), due at the second at 02:10 CET (01:10 UTC): 20 minutes.
    first = meeting(berlin(FALL_BACK, 2), berlin(FALL_BACK, 2, 50), 1, venue_id=1, title="Breakfast")
    second = meeting(berlin(FALL_BACK, 2, 10, fold=1), berlin(FALL_BACK, 2, 40, fold=1), 2, venue_id=2,
                     title="Talks")
    attendees = [Attendee(1, 5), Attendee(2, 5)]
    found = find_conflicts(visit_around(FALL_BACK), [first, second], attendees, travel_minutes={(1, 2): 15})
    assert found == []
    found = find_conflicts(visit_around(FALL_BACK), [first, second], attendees, travel_minutes={(1, 2): 30})
    assert [c.kind for c in found] == [ConflictKind.TRAVEL] and "has 20 min" in found[0].message


def test_a_time_the_clocks_skip_is_an_error_next_to_its_field_and_never_moved():
    skipped = meeting(berlin(SPRING_FORWARD, 2, 30), berlin(SPRING_FORWARD, 4))
    problems = [p for p in validate_meeting(skipped) if p.field == "start"]
    assert [p.severity for p in problems] == [Severity.ERROR]
    assert problems[0].message == ("There is no 02:30 on Sun 29 Mar 2026 in Berlin: the clocks go forward from "
                                   "02:00 to 03:00. Choose a time before 02:00 or from 03:00.")
    ends_in_gap = meeting(berlin(SPRING_FORWARD, 1), berlin(SPRING_FORWARD, 2, 15))
    assert [p.field for p in validate_meeting(ends_in_gap) if p.severity is Severity.ERROR] == ["end"]
    assert skipped.start.hour == 2 and skipped.start.minute == 30


def test_a_time_the_clocks_pass_twice_is_named_as_the_first_or_the_second():
    first = [p for p in validate_meeting(meeting(berlin(FALL_BACK, 2, 30), berlin(FALL_BACK, 4)))
             if p.field == "start"]
    second = [p for p in validate_meeting(meeting(berlin(FALL_BACK, 2, 30, fold=1), berlin(FALL_BACK, 4)))
              if p.field == "start"]
    assert [p.severity for p in first + second] == [Severity.WARNING, Severity.WARNING]
    assert "happens twice" in first[0].message and "the first 02:30, UTC+02:00" in first[0].message
    assert "the second 02:30, UTC+01:00" in second[0].message
    assert validate_meeting(meeting(berlin(FALL_BACK, 10), berlin(FALL_BACK, 11))) == []


def test_gaps_of_half_an_hour_are_found_too():
    lord_howe = ZoneInfo("Australia/Lord_Howe")  # the clocks go forward half an hour, 02:00 -> 02:30
    kind, message = wall_clock_problem(datetime(2026, 10, 4, 2, 10, tzinfo=lord_howe))
    assert kind == "gap" and "from 02:00 to 02:30" in message
    assert wall_clock_problem(datetime(2026, 10, 4, 2, 30, tzinfo=lord_howe)) is None
    assert wall_clock_problem(datetime(2026, 3, 22, 0, 30, tzinfo=ZoneInfo("Asia/Tehran"))) is None


# -- properties over zones with odd offsets and both changes of the clock -------------------

# A year around both of 2026's changes in either hemisphere, to the minute.
instants = st.integers(0, 366 * 24 * 60).map(lambda n: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=n))
zones = st.sampled_from(ZONES).map(ZoneInfo)
lengths = st.integers(0, 36 * 60).map(lambda n: timedelta(minutes=n))


@given(instants, lengths, zones, zones)
def test_a_meeting_lasts_its_elapsed_minutes_on_any_clock(moment, length, own, other):
    start = moment.astimezone(own)
    end = later(start, length)
    assert instant(end) - instant(start) == length
    timed = Meeting(visit_id=1, title="T", start=start, end=end, zone=str(own))
    assert timed.duration_minutes() == length.total_seconds() // 60
    # Seen on another clock the length is the same.
    assert elapsed(start.astimezone(other), end.astimezone(other)) == length


@given(instants, lengths, instants, lengths, zones, zones)
def test_intervals_overlap_exactly_when_their_instants_do(a, a_length, b, b_length, zone_a, zone_b):
    first = Interval(a.astimezone(zone_a), later(a.astimezone(zone_a), a_length))
    second = Interval(b.astimezone(zone_b), later(b.astimezone(zone_b), b_length))
    in_utc = Interval(a, a + a_length), Interval(b, b + b_length)
    assert first.overlaps(second) == in_utc[0].overlaps(in_utc[1])
    assert first.gap_to(second) == in_utc[0].gap_to(in_utc[1])
    assert (first < second) == (in_utc[0] < in_utc[1])
    # Both on one clock, where Python itself would compare wall clocks:
    same = Interval(b.astimezone(zone_a), later(b.astimezone(zone_a), b_length))
    assert first.overlaps(same) == in_utc[0].overlaps(in_utc[1])


@given(instants, zones, zones)
def test_a_meeting_belongs_to_the_local_day_of_its_start_on_the_visit_clock(moment, own, visit_zone):
    timed = Meeting(visit_id=1, title="T", start=moment.astimezone(own), end=moment.astimezone(own) + timedelta(1),
                    zone=str(own))
    day = day_of(timed, str(visit_zone))
    midnight, next_midnight = (on_clock(datetime.combine(d, time(), visit_zone)) for d in (day, day + timedelta(1)))
    assert instant(midnight) <= moment < instant(next_midnight)


@given(instants, zones)
def test_every_real_local_time_passes_and_reads_back_to_the_same_instant(moment, own):
    local = moment.astimezone(own)  # a time that happens: never a gap, fold set for the repeated hour
    assert (wall_clock_problem(local) or ("ok",))[0] != "gap"
    rebuilt = datetime(local.year, local.month, local.day, local.hour, local.minute, tzinfo=own, fold=local.fold)
    assert instant(rebuilt) == moment
