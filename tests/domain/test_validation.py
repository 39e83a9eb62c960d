from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from planner.domain import model as m
from planner.domain import validation as v
from planner.domain.precedence import by_precedence
from planner.domain.zones import UnknownZone, zone

DUSHANBE = ZoneInfo("Asia/Dushanbe")


def visit():
    return m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                   "Asia/Dushanbe", "Asia/Karachi", id=1)


def meeting(start, end, **kw):
    return m.Meeting(1, "Talks", start, end, "Asia/Dushanbe", **kw)


def fields(problems, severity=None):
    return {p.field for p in problems if severity is None or p.severity is severity}


def test_a_sound_visit_has_no_problems():
    assert v.validate_visit(visit()) == []


@pytest.mark.parametrize("name", ["Asia/Dushanbe", "Asia/Karachi", "America/New_York", "UTC"])
def test_known_zones(name):
    assert zone(name).key == name


@pytest.mark.parametrize("name", ["GMT+5", "+05:00", "Asia/Atlantis", "", "../../etc/passwd"])
def test_offsets_and_unknown_names_are_refused_with_a_message(name):
    with pytest.raises(UnknownZone) as caught:
        zone(name)
    assert "time zone" in str(caught.value) or "offset" in str(caught.value)


def test_visit_problems_name_their_fields():
    bad = replace(visit(), zone="GMT+5", host_country="Tajikistan", last_day=date(2026, 12, 1))
    assert fields(v.validate_visit(bad)) == {"zone", "host_country", "last_day"}


def test_meeting_must_end_after_it_starts():
    start = datetime(2026, 12, 14, 10, tzinfo=DUSHANBE)
    assert fields(v.validate_meeting(meeting(start, start))) == {"end"}
    assert v.validate_meeting(meeting(start, start.replace(hour=11))) == []


def test_meeting_needs_aware_times():
    naive = datetime(2026, 12, 14, 10)
    assert "start" in fields(v.validate_meeting(meeting(naive, naive.replace(hour=11))))


def test_meeting_outside_the_visit_is_a_warning_not_an_error():
    start = datetime(2026, 12, 8, 10, tzinfo=DUSHANBE)
    problems = v.validate_meeting(meeting(start, start.replace(hour=11)), visit())
    assert fields(problems, v.Severity.WARNING) == {"start"}
    assert v.errors(problems) == []
    inside = datetime(2026, 12, 16, 23, tzinfo=DUSHANBE)
    assert v.validate_meeting(meeting(inside, inside.replace(minute=59)), visit()) == []


def test_all_day_meeting_end_is_inclusive():
    one_day = meeting(date(2026, 12, 14), date(2026, 12, 14))
    assert v.validate_meeting(one_day, visit()) == []
    assert one_day.duration_minutes() == 24 * 60
    assert fields(v.validate_meeting(meeting(date(2026, 12, 14), date(2026, 12, 13)))) == {"end"}


@pytest.mark.parametrize("email,ok", [("minister@mint.tj", True), ("a.b+c@gov.pk", True), ("no-at-sign", False),
                                      ("two@@signs.pk", False), ("space in@gov.pk", False), ("x@localhost", False)])
def test_email_syntax(email, ok):
    person = m.Person(1, "Someone", email=email)
    assert (v.validate_person(person) == []) is ok


def test_no_person_twice_at_one_meeting():
    attendees = [m.Attendee(1, 7), m.Attendee(1, 8), m.Attendee(1, 7)]
    problems = v.validate_attendees(attendees, name_of=lambda pid: f"P{pid}")
    assert [p.message for p in problems] == ["P7 is listed 2 times at this meeting."]


def test_agenda_durations_positive_and_total_against_meeting():
    start = datetime(2026, 12, 14, 10, tzinfo=DUSHANBE)
    talks = meeting(start, start.replace(hour=11))
    fits = [m.AgendaItem(1, 1, "Opening", 30), m.AgendaItem(1, 2, "Trade", 30)]
    assert v.validate_agenda(talks, fits) == []
    over = fits + [m.AgendaItem(1, 3, "Mining", 15)]
    (warning,) = v.validate_agenda(talks, over)
    assert warning.severity is v.Severity.WARNING and "overruns by 15" in warning.message
    zero = [m.AgendaItem(1, 1, "Nothing", 0)]
    assert v.errors(v.validate_agenda(talks, zero))[0].field == "duration_minutes"


def test_precedence_orders_by_rank_then_side_then_name():
    people = [
        m.Person(1, "Zafar", side=m.Side.GUEST, precedence=2, id=1),
        m.Person(1, "Bakhtyar", side=m.Side.GUEST, precedence=1, id=2),
        m.Person(1, "Kabir", side=m.Side.HOST, precedence=1, id=3),
        m.Person(1, "Abid", side=m.Side.GUEST, precedence=2, id=4),
        m.Person(1, "Observer", side=m.Side.OTHER, precedence=1, id=5),
    ]
    assert [p.name for p in by_precedence(people)] == ["Kabir", "Bakhtyar", "Observer", "Abid", "Zafar"]


def test_the_organiser_needs_a_name_and_a_real_email():
    from dataclasses import replace

    good = replace(visit(), organiser=m.Organiser("Protocol Department", "protocol@mfa.tj", "+992 37 221 1808"))
    assert v.validate_visit(good) == []
    assert fields(v.validate_visit(replace(good, organiser=m.Organiser("Protocol", "protocol at mfa")))) == {
        "organiser_email"}
    assert fields(v.validate_visit(replace(good, organiser=m.Organiser("", "")))) == {
        "organiser_name", "organiser_email"}


@pytest.mark.parametrize("text, name, email", [
    ("Protocol Department <protocol@mfa.tj>", "Protocol Department", "protocol@mfa.tj"),
    ('"Protocol, MFA" <protocol@mfa.tj>', "Protocol, MFA", "protocol@mfa.tj"),
    ("protocol@mfa.tj", "", "protocol@mfa.tj"),
])
def test_an_organiser_is_read_from_name_and_address(text, name, email):
    organiser = m.Organiser.parse(text)
    assert (organiser.name, organiser.email) == (name, email)
