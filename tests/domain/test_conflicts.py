from datetime import date, datetime
from zoneinfo import ZoneInfo

from planner.domain import model as m
from planner.domain.conflicts import ConflictKind, find_conflicts
from planner.domain.validation import Severity

TZ = ZoneInfo("Asia/Dushanbe")
VISIT = m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                "Asia/Dushanbe", "Asia/Karachi", id=1)


def at(h, mi=0, day=14):
    return datetime(2026, 12, day, h, mi, tzinfo=TZ)


def meeting(mid, start, end, venue=None, **kw):
    return m.Meeting(1, f"M{mid}", start, end, "Asia/Dushanbe", venue_id=venue, id=mid, **kw)


def kinds(conflicts):
    return sorted(c.kind for c in conflicts)


def test_a_clean_programme_has_no_conflicts():
    meetings = [meeting(1, at(10), at(11), venue=1), meeting(2, at(11), at(12), venue=1)]
    attendees = [m.Attendee(1, 5), m.Attendee(2, 5)]
    assert find_conflicts(VISIT, meetings, attendees) == []


def test_person_in_two_places_is_a_warning_naming_both_meetings():
    meetings = [meeting(1, at(10), at(11)), meeting(2, at(10, 30), at(12))]
    (conflict,) = find_conflicts(VISIT, meetings, [m.Attendee(1, 5), m.Attendee(2, 5)],
                                 people={5: m.Person(1, "Kabir", honorific="H.E.", id=5)})
    assert conflict.kind is ConflictKind.PERSON and conflict.severity is Severity.WARNING
    assert conflict.meeting_ids == (1, 2) and "H.E. Kabir" in conflict.message


def test_declined_attendees_and_cancelled_meetings_do_not_clash():
    meetings = [meeting(1, at(10), at(11)), meeting(2, at(10), at(11)),
                meeting(3, at(10), at(11), status=m.MeetingStatus.CANCELLED)]
    attendees = [m.Attendee(1, 5), m.Attendee(2, 5, reply=m.Reply.DECLINED), m.Attendee(3, 5)]
    assert find_conflicts(VISIT, meetings, attendees) == []


def test_venue_double_booked_is_an_error_listed_first():
    meetings = [meeting(1, at(9), at(10)), meeting(2, at(15), at(16), venue=3), meeting(3, at(15), at(15, 30), venue=3),
                meeting(4, at(9), at(10))]
    conflicts = find_conflicts(VISIT, meetings, [m.Attendee(1, 5), m.Attendee(4, 5)])
    assert [c.kind for c in conflicts] == [ConflictKind.VENUE, ConflictKind.PERSON]
    assert conflicts[0].severity is Severity.ERROR and conflicts[0].venue_id == 3


def test_travel_time_between_venues_counts():
    meetings = [meeting(1, at(10), at(11), venue=1), meeting(2, at(11, 15), at(12), venue=2)]
    attendees = [m.Attendee(1, 5), m.Attendee(2, 5)]
    (conflict,) = find_conflicts(VISIT, meetings, attendees, travel_minutes={(2, 1): 30})
    assert conflict.kind is ConflictKind.TRAVEL and "15 min" in conflict.message
    assert find_conflicts(VISIT, meetings, attendees, travel_minutes={(1, 2): 15}) == []


def test_outside_the_visit_and_agenda_overrun():
    meetings = [meeting(1, at(10, day=8), at(11, day=8)), meeting(2, at(10), at(11))]
    agenda = {2: [m.AgendaItem(2, 1, "A", 40), m.AgendaItem(2, 2, "B", 30)]}
    conflicts = find_conflicts(VISIT, meetings, agenda=agenda)
    assert kinds(conflicts) == sorted([ConflictKind.OUTSIDE_VISIT, ConflictKind.AGENDA_OVERRUN])
    assert all(c.severity is Severity.WARNING for c in conflicts)
