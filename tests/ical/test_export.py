"""Export: golden files under a frozen clock, RFC 5546 per method, and what each scope covers."""

import os
import re
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest

from planner.domain import model as m
from planner.domain.invitations import ExportError, Scope
from planner.ical.export import Method, render
from planner.mail.outbox import export
from planner.storage.invitations import mark_cancelled
from planner.storage.queries.invitations import programme as load_programme
from planner.storage.queries.invitations import select as select_in
from tests.ical.conftest import NOW

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    """Compare with the golden file; UPDATE_GOLDEN=1 rewrites it (then read the diff before committing)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


def test_programme_matches_golden(zones_visit):
    store, ids = zones_visit
    result = export(store, Scope(visit_id=ids["visit"]), "publish", now=NOW)
    check_golden("programme-publish.ics", result.text)
    assert "X-WR-TIMEZONE:Asia/Dushanbe\r\n" in result.text


def test_invites_are_one_message_per_meeting_matching_golden(zones_visit):
    store, ids = zones_visit
    result = export(store, Scope(visit_id=ids["visit"]), "request", now=NOW)
    assert result.text == "" and len(result.messages) == len(result.meetings) == 7
    for meeting, text in zip(result.meetings, result.messages):
        uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}
        assert uids == {meeting.uid}
        assert "X-WR-TIMEZONE" not in text
    # One golden text: the messages in programme order, each a whole calendar of its own.
    check_golden("programme-request.ics", "".join(result.messages))


def test_cancellation_matches_golden_and_is_stored(zones_visit):
    store, ids = zones_visit
    result = export(store, Scope(meeting_id=ids["berlin"]), "cancel", now=NOW)
    check_golden("cancel-berlin.ics", result.text)
    stored = store.meeting(ids["berlin"])
    assert stored.status is m.MeetingStatus.CANCELLED and stored.sequence == 1
    assert "SEQUENCE:1\r\n" in result.text and "STATUS:CANCELLED\r\n" in result.text
    # Sending the cancellation again keeps the same sequence: it is the same cancellation.
    again = export(store, Scope(meeting_id=ids["berlin"]), "cancel", now=NOW)
    assert again.text == result.text and store.meeting(ids["berlin"]).sequence == 1


def test_later_exports_do_not_go_backwards_after_a_cancellation(zones_visit):
    store, ids = zones_visit
    export(store, Scope(meeting_id=ids["berlin"]), "cancel", now=NOW)
    invites = export(store, Scope(visit_id=ids["visit"]), "request", now=NOW)
    assert not any("berlin@visit-planner.test" in text for text in invites.messages)
    assert any("cancelled meeting" in note and "Talks in Berlin" in note for note in invites.notes)
    published = icalendar.Calendar.from_ical(export(store, Scope(visit_id=ids["visit"]), "publish", now=NOW).text)
    berlin = next(e for e in published.walk("VEVENT") if str(e["UID"]) == "berlin@visit-planner.test")
    assert berlin["STATUS"] == "CANCELLED" and int(berlin["SEQUENCE"]) == 1


def test_a_cancellation_that_cannot_be_written_is_not_stored(zones_visit):
    store, ids = zones_visit
    berlin = store.meeting(ids["berlin"])
    berlin = replace(berlin, recurrence="FREQ=SOMETIMES")
    store.db["meetings"].update(berlin.id, {"recurrence": berlin.recurrence})  # as an older version might have
    with pytest.raises(ExportError, match="SOMETIMES"):
        export(store, Scope(meeting_id=ids["berlin"]), "cancel", now=NOW)
    assert store.meeting(ids["berlin"]).status is m.MeetingStatus.CONFIRMED


# RFC 5546, section 3.2: per method, properties a VEVENT must have (1+) and must not have (0).
REQUIRED = {
    "REQUEST": {"ATTENDEE", "DTSTAMP", "DTSTART", "ORGANIZER", "SUMMARY", "UID", "SEQUENCE"},
    "CANCEL": {"ATTENDEE", "DTSTAMP", "ORGANIZER", "SEQUENCE", "UID"},
    "PUBLISH": {"DTSTAMP", "DTSTART", "ORGANIZER", "SUMMARY", "UID"},
}
FORBIDDEN = {"REQUEST": {"REQUEST-STATUS"}, "CANCEL": {"REQUEST-STATUS"}, "PUBLISH": {"ATTENDEE", "REQUEST-STATUS"}}
SINGLE = {"DTSTAMP", "DTSTART", "DTEND", "ORGANIZER", "SUMMARY", "UID", "SEQUENCE", "STATUS", "LOCATION",
          "DESCRIPTION", "CLASS", "URL", "RRULE"}


@pytest.mark.parametrize("method", ["request", "cancel", "publish"])
def test_each_method_follows_rfc_5546(zones_visit, method):
    store, ids = zones_visit
    result = export(store, Scope(visit_id=ids["visit"]), method, now=NOW)
    calendars = [icalendar.Calendar.from_ical(t) for t in (result.messages or [result.text])]
    for cal in calendars:
        assert cal["METHOD"] == method.upper() and cal["VERSION"] == "2.0" and "PRODID" in cal
        if method != "publish":
            assert len(cal.walk("VEVENT")) == 1  # one UID per iTIP message (RFC 5546 3.2)
    events = [e for cal in calendars for e in cal.walk("VEVENT")]
    assert len(events) == 7
    for event in events:
        names = {name for name, _value in event.property_items(recursive=False)} - {"BEGIN", "END", "VEVENT"}
        assert REQUIRED[method.upper()] <= names, REQUIRED[method.upper()] - names
        assert not names & FORBIDDEN[method.upper()]
        for name in SINGLE:
            assert not isinstance(event.get(name), list), name
        assert not event.walk("VALARM")
        status = str(event.get("STATUS", ""))
        allowed = {"REQUEST": {"CONFIRMED", "TENTATIVE"}, "CANCEL": {"CANCELLED"},
                   "PUBLISH": {"CONFIRMED", "TENTATIVE", "CANCELLED"}}[method.upper()]
        assert status in allowed
    for cal in calendars:
        assert cal.get_used_tzids() == {tz.tz_name for tz in cal.timezones}
    used = set().union(*(cal.get_used_tzids() for cal in calendars))
    assert used == {"Europe/Berlin", "America/New_York", "Asia/Karachi", "Asia/Dushanbe"}


def test_attendees_carry_role_reply_and_address(zones_visit):
    store, ids = zones_visit
    text = export(store, Scope(meeting_id=ids["berlin"]), "request", now=NOW).text
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert set(attendees) == {"mailto:minister@mint.tj.example", "mailto:minister.office@moip.gov.pk.example",
                              "mailto:jane.doe@observer.example"}
    chair = attendees["mailto:minister@mint.tj.example"]
    assert (chair["ROLE"], chair["PARTSTAT"], chair["RSVP"], chair["CUTYPE"]) == ("CHAIR", "ACCEPTED", "TRUE",
                                                                                 "INDIVIDUAL")
    assert chair["CN"] == "H.E. Mr. Sherali Kabir (Шерали Кабир)"
    observer = attendees["mailto:jane.doe@observer.example"]
    assert (observer["ROLE"], observer["PARTSTAT"], observer["CN"]) == ("NON-PARTICIPANT", "TENTATIVE",
                                                                        "Ms. Doe, Jane")
    assert attendees["mailto:minister.office@moip.gov.pk.example"]["CN"].endswith("(مخدوم خسرو بختیار)")
    assert str(event["ORGANIZER"]) == "mailto:protocol@mofa.gov.pk.example"


def test_description_has_agenda_link_and_people_without_email(zones_visit):
    store, ids = zones_visit
    result = export(store, Scope(meeting_id=ids["berlin"]), "request", now=NOW)
    event = icalendar.Calendar.from_ical(result.text).walk("VEVENT")[0]
    description = str(event["DESCRIPTION"])
    assert "1. 10:00 Opening remarks — H.E. Mr. Sherali Kabir" in description
    assert "2. 10:15 Rare metals; exploration licences, joint ventures — H.E. Mr. Makhdum Khusro Bakhtyar" \
        in description
    assert "https://meet.example.org/berlin?room=1;pin=2" in description
    assert "H.E. Mr. Imran Khan (عمران خان)" in description
    assert str(event["LOCATION"]) == "Hotel Adlon; Salon 2, Unter den Linden 77, Berlin"
    assert str(event["URL"]) == "https://meet.example.org/berlin?room=1;pin=2"
    assert result.notes and "Imran Khan" in result.notes[0]


def test_organiser_without_email_falls_back_and_says_so(zones_visit):
    store, ids = zones_visit
    protocol = store.person(ids["protocol"])
    protocol = replace(protocol, email="")
    store.update(protocol)
    result = export(store, Scope(meeting_id=ids["berlin"]), "request", now=NOW)
    event = icalendar.Calendar.from_ical(result.text).walk("VEVENT")[0]
    assert str(event["ORGANIZER"]) == "mailto:minister@mint.tj.example"  # the chair
    assert any("organiser has no e-mail" in n for n in result.notes)
    lunch = export(store, Scope(meeting_id=ids["lunch"]), "request", now=NOW)
    event = icalendar.Calendar.from_ical(lunch.text).walk("VEVENT")[0]
    assert str(event["ORGANIZER"]).endswith(".invalid")
    assert len(event["ATTENDEE"] if isinstance(event["ATTENDEE"], list) else [event["ATTENDEE"]]) == 1
    assert any("no one has an e-mail" in n for n in lunch.notes)


def test_all_day_meeting_has_exclusive_end_date(zones_visit):
    store, ids = zones_visit
    text = export(store, Scope(meeting_id=ids["arrival"]), "request", now=NOW).text
    assert "DTSTART;VALUE=DATE:20261021\r\n" in text and "DTEND;VALUE=DATE:20261023\r\n" in text
    assert "BEGIN:VTIMEZONE" not in text


def test_recurrence_until_is_utc_and_exdate_in_the_start_zone(zones_visit):
    store, ids = zones_visit
    text = "".join(export(store, Scope(visit_id=ids["visit"]), "request", now=NOW).messages)
    assert "RRULE:FREQ=WEEKLY;UNTIL=20261111T045959Z\r\n" in text
    assert "RRULE:FREQ=DAILY;COUNT=5\r\n" in text
    assert "EXDATE;TZID=Europe/Berlin:20261024T083000\r\n" in text


def test_every_rdate_is_on_its_own_line(zones_visit):
    store, ids = zones_visit
    text = "".join(export(store, Scope(visit_id=ids["visit"]), "request", now=NOW).messages)
    rdates = [line for line in text.split("\r\n") if line.startswith("RDATE")]
    assert rdates and all("," not in line for line in rdates)


def test_scopes(zones_visit):
    store, ids = zones_visit
    titles = lambda scope: [x.title for x in select_in(store.db, scope)[1]]  # noqa: E731
    assert titles(Scope(person_id=ids["kabir"])) == ["Talks in Dushanbe", "Daily briefing in Berlin",
                                                     "Talks in Berlin, after the clocks change"]
    # The sector's own meetings and those with an agenda item of that sector.
    assert titles(Scope(sector_id=ids["sector"])) == ["Talks in Berlin, after the clocks change"]
    assert titles(Scope(sector_id=ids["textile"])) == ["Call in New York"]
    assert titles(Scope(meeting_ids=(ids["lunch"], ids["arrival"]))) == ["Arrival days in Dushanbe",
                                                                         "Lunch in Karachi"]
    assert len(titles(Scope(visit_id=ids["visit"]))) == 7
    with pytest.raises(ExportError, match="no meeting 999"):
        select_in(store.db, Scope(meeting_id=999))
    with pytest.raises(ExportError, match="attends no meetings"):
        store.add(m.Person(ids["visit"], "Nobody"))
        select_in(store.db, Scope(person_id=store.people(ids["visit"])[-1].id))


def test_itinerary_publish_has_no_attendees_but_names_participants(zones_visit):
    store, ids = zones_visit
    text = export(store, Scope(person_id=ids["bakhtyar"]), "publish", now=NOW).text
    assert "\r\nATTENDEE" not in text
    event = next(e for e in icalendar.Calendar.from_ical(text).walk("VEVENT") if "Berlin" in str(e["SUMMARY"]))
    assert ("Participants: H.E. Mr. Imran Khan (عمران خان); H.E. Mr. Sherali Kabir (Шерали Кабир); "
            "H.E. Mr. Makhdum Khusro Bakhtyar") in str(event["DESCRIPTION"])


def test_mark_cancelled_raises_sequence_once(zones_visit):
    store, ids = zones_visit
    meetings = [store.meeting(ids["lunch"]), store.meeting(ids["weekly"])]
    changes = mark_cancelled(store, meetings)
    assert changes.ids("meetings") == {ids["lunch"], ids["weekly"]}
    assert [store.meeting(i).sequence for i in (ids["lunch"], ids["weekly"])] == [1, 1]
    assert not mark_cancelled(store, [store.meeting(ids["lunch"])])


def test_nothing_to_export_and_bad_recurrence_are_clear(zones_visit):
    store, ids = zones_visit
    programme = load_programme(store.db, ids["visit"])
    with pytest.raises(ExportError, match="no meetings"):
        render([], programme, Method.REQUEST, NOW)
    meeting = store.meeting(ids["berlin"])
    meeting = replace(meeting, recurrence="FREQ=DAILY;COUNT=2;UNTIL=20261030")
    with pytest.raises(ExportError, match="both COUNT and UNTIL"):
        render([meeting], programme, Method.REQUEST, NOW)


def test_dtstamp_is_the_injected_clock_in_utc(zones_visit):
    store, ids = zones_visit
    text = "".join(export(store, Scope(visit_id=ids["visit"]), "request", now=NOW).messages)
    assert set(re.findall(r"DTSTAMP:(\S+)\r\n", text)) == {"20261127T090000Z"}


def test_a_meeting_without_organiser_falls_back_to_the_visits_usual_organiser(zones_visit):
    store, ids = zones_visit
    lunch = store.meeting(ids["lunch"])
    lunch = replace(lunch, organiser_id=None)
    store.update(lunch)
    result = export(store, Scope(meeting_id=ids["lunch"]), "publish", now=NOW)
    event = icalendar.Calendar.from_ical(result.text).walk("VEVENT")[0]
    assert str(event["ORGANIZER"]) == "mailto:protocol@mofa.gov.pk.example"
    assert any("organiser is not set" in n and "organises the visit's other meetings" in n for n in result.notes)


def test_the_visits_organiser_is_the_organizer_of_every_invite(zones_visit):
    from dataclasses import replace

    store, ids = zones_visit
    office = m.Organiser("Protocol Department, MFA", "protocol@mfa.tj.example", "+992 37 221 1808")
    store.update(replace(store.visit(ids["visit"]), organiser=office))
    result = export(store, Scope(visit_id=ids["visit"]), "request", now=NOW)
    events = [e for text in result.messages for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    assert events and {str(e["ORGANIZER"]) for e in events} == {"mailto:protocol@mfa.tj.example"}
    assert {e["ORGANIZER"].params["CN"] for e in events} == {"Protocol Department, MFA"}
    assert not any("organiser" in note for note in result.notes)
