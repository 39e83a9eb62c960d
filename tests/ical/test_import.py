"""Import: every client file in the corpus is read, every broken one refused with nothing written."""

from dataclasses import replace
from datetime import UTC, datetime

import icalendar
import pytest

from planner.domain import model as m
from planner.domain.invitations import Scope
from planner.domain.validation import ValidationError
from planner.ical.reading import ImportRefused, read_calendar
from planner.ical.recurrence import normalise
from planner.mail.inbox import apply, plan_import
from planner.mail.outbox import export
from planner.storage.database import open_memory
from planner.storage.store import Store
from tests.ical.conftest import CORPUS, NOW, needs_corpus

CLIENTS = sorted((CORPUS / "clients").glob("*.ics"))
BROKEN = sorted((CORPUS / "broken").glob("*.ics"))
pytestmark = needs_corpus


def log_size(store) -> int:
    return store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]


@pytest.mark.parametrize("path", CLIENTS, ids=lambda p: p.name)
def test_every_client_file_imports_and_keeps_its_instants(demo, path):
    store, vid = demo
    data = path.read_bytes()
    before = len(store.meetings(vid))
    plan = plan_import(store, vid, data)
    apply(store, plan)
    timed = [e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if "DTSTART" in e]
    assert len(store.meetings(vid)) == before + len(timed)  # no event with a start is lost
    stored = {x.uid: x for x in store.meetings(vid)}
    for event in timed:
        if "UID" not in event:
            continue
        start = event["DTSTART"].dt
        if isinstance(start, datetime):
            assert stored[str(event["UID"])].starts_at().astimezone(UTC) == start.astimezone(UTC), path.name
    # The same file again: updates (here, nothing), never duplicates.
    again = plan_import(store, vid, data)
    assert not again.new and not again.updated and len(store.meetings(vid)) == before + len(timed)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_every_broken_file_is_refused_with_one_clear_message(demo, path):
    store, vid = demo
    size, meetings = log_size(store), len(store.meetings(vid))
    with pytest.raises((ImportRefused, ValidationError)) as caught:
        plan_import(store, vid, path.read_bytes())
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message
    assert log_size(store) == size and len(store.meetings(vid)) == meetings


@pytest.mark.parametrize("name,needle", [
    ("issue_218_bad_tzid.ics", "UTC.11', an offset"),
    ("issue_722_missing_timezones.ics", "does not define it"),
    ("broken_dtstart.ics", "INVALID-DATE"),
    ("invalid_duration.ics", "DURATION"),
    ("big_bad_calendar.ics", "truncated"),
    ("bom_calendar.ics", "no events"),
    ("fuzz_testcase_0_char_in_component_name.ics", "not an iCalendar file"),
])
def test_the_message_names_the_problem(demo, name, needle):
    store, vid = demo
    with pytest.raises(ImportRefused, match=needle):
        plan_import(store, vid, (CORPUS / "broken" / name).read_bytes())


def test_windows_and_made_up_zones_are_mapped_with_a_note():
    read = read_calendar((CORPUS / "clients" / "timezone_same_start.ics").read_bytes(), "Asia/Dushanbe")
    assert read.events[0].zone == "America/Los_Angeles" and "Pacific Standard Time" in read.notes[0]
    read = read_calendar((CORPUS / "clients" / "issue_165_missing_event.ics").read_bytes(), "Asia/Dushanbe")
    event = read.events[0]
    assert event.zone == "Europe/Berlin" and event.start.astimezone(UTC) == datetime(2015, 7, 3, 8, tzinfo=UTC)
    assert event.recurrence == "FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;WKST=SU;UNTIL=20150722T080000Z"


PAKISTAN = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
METHOD:REQUEST\r
BEGIN:VTIMEZONE\r
TZID:Pakistan Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T000000\r
TZOFFSETFROM:+0500\r
TZOFFSETTO:+0500\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:outlook-1\r
SEQUENCE:2\r
DTSTART;TZID="Pakistan Standard Time":20261215T140000\r
DTEND;TZID="Pakistan Standard Time":20261215T150000\r
SUMMARY:Call with Islamabad\r
LOCATION:Serena Hotel\\, Rudaki Avenue 14\r
ORGANIZER;CN=Usman Ghani:mailto:Protocol@MOFA.gov.pk.example\r
ATTENDEE;CN=Шерали Кабир;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:minister@mint.tj.example\r
ATTENDEE;CN=New Person;ROLE=OPT-PARTICIPANT:mailto:new.person@example.org\r
BEGIN:VALARM\r
TRIGGER:-PT15M\r
ACTION:DISPLAY\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:floating-1\r
DTSTART:20261216T090000\r
DTEND:20261216T093000\r
SUMMARY:Floating breakfast\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_outlook_invite_matches_people_by_email_and_reimport_updates(demo):
    store, vid = demo
    people_before = len(store.people(vid))
    plan = plan_import(store, vid, PAKISTAN)
    assert [c.meeting.title for c in plan.new] == ["Call with Islamabad", "Floating breakfast"]
    assert [plan.people[k].email for k in plan.new_people] == ["new.person@example.org"]
    assert any("floating" in n for n in plan.notes)
    assert any("Pakistan Standard Time" in n and "Asia/Karachi" in n for n in plan.notes)
    apply(store, plan)
    assert len(store.people(vid)) == people_before + 1
    call = next(x for x in store.meetings(vid) if x.uid == "outlook-1")
    assert call.zone == "Asia/Karachi" and call.start.hour == 14 and call.sequence == 2
    assert store.person(call.organiser_id).name == "Usman Ghani"  # matched despite the capitals
    roles = {store.person(a.person_id).email: (a.role, a.reply) for a in store.attendees(meeting_id=call.id)}
    assert roles["minister@mint.tj.example"] == (m.AttendeeRole.CHAIR, m.Reply.ACCEPTED)
    assert roles["new.person@example.org"] == (m.AttendeeRole.OPTIONAL, m.Reply.NEEDS_ACTION)
    breakfast = next(x for x in store.meetings(vid) if x.uid == "floating-1")
    assert breakfast.zone == "Asia/Dushanbe" and breakfast.start.hour == 9

    moved = PAKISTAN.replace("20261215T140000", "20261215T160000").replace("20261215T150000", "20261215T170000")
    plan = plan_import(store, vid, moved)
    assert not plan.new and [c.meeting.title for c in plan.updated] == ["Call with Islamabad"]
    assert plan.updated[0].fields == ["start", "end"]
    apply(store, plan)
    call = store.meeting(call.id)
    assert call.start.hour == 16 and call.sequence == 3  # raised by store.update
    assert len([x for x in store.meetings(vid) if x.uid == "outlook-1"]) == 1
    assert len(store.people(vid)) == people_before + 1


def test_our_own_export_reimports_as_unchanged(zones_visit):
    store, ids = zones_visit
    for text in export(store, Scope(visit_id=ids["visit"]), "request", now=NOW).messages:
        plan = plan_import(store, ids["visit"], text)
        assert not plan.new and not plan.updated and len(plan.unchanged) == 1 and not plan.new_people


def test_our_export_imports_into_a_fresh_database_with_the_same_instants(zones_visit):
    source, ids = zones_visit
    messages = export(source, Scope(visit_id=ids["visit"]), "request", now=NOW).messages
    target = Store(open_memory())
    visit = source.visit(ids["visit"])
    visit = target.insert(replace(visit, id=None))
    for text in messages:
        apply(target, plan_import(target, visit.id, text))
    copies = {x.uid: x for x in target.meetings(visit.id)}
    originals = {x.uid: x for x in source.meetings(ids["visit"])}
    assert set(copies) == set(originals)
    for uid, copy in copies.items():
        original = originals[uid]
        assert (copy.starts_at(), copy.ends_at(), copy.zone, copy.title) == \
            (original.starts_at(), original.ends_at(), original.zone, original.title), uid
        assert normalise(copy.recurrence or "FREQ=DAILY", copy.zone, copy.all_day) == \
            normalise(original.recurrence or "FREQ=DAILY", original.zone, original.all_day)
        assert copy.exdates == original.exdates
    berlin = copies["berlin@visit-planner.test"]
    people = {(target.person(a.person_id).honorific, target.person(a.person_id).name)
              for a in target.attendees(meeting_id=berlin.id)}
    assert people == {("H.E. Mr.", "Sherali Kabir"), ("H.E. Mr.", "Makhdum Khusro Bakhtyar"), ("Ms.", "Doe, Jane")}
    assert target.venues(visit.id)[0].name == "Hotel Adlon; Salon 2"


def test_a_meeting_of_another_visit_is_not_taken_over(zones_visit):
    store, ids = zones_visit
    text = export(store, Scope(meeting_id=ids["berlin"]), "request", now=NOW).text
    other = m.Visit("Another", m.VisitKind.WORKING, "TJ", "PK", store.visit(ids["visit"]).first_day,
                    store.visit(ids["visit"]).last_day, "Asia/Dushanbe", "Asia/Karachi")
    other = store.insert(other)
    with pytest.raises(ValidationError, match="already a meeting of visit 1"):
        plan_import(store, other.id, text)


def test_a_bad_event_rejects_the_whole_file(demo):
    store, vid = demo
    size = log_size(store)
    bad = PAKISTAN.replace("DTEND:20261216T093000", "DTEND:20261216T083000")  # ends before it starts
    with pytest.raises(ValidationError, match="Floating breakfast"):
        plan_import(store, vid, bad)
    assert log_size(store) == size


def test_a_failed_write_leaves_nothing_behind(demo, monkeypatch):
    store, vid = demo
    plan = plan_import(store, vid, PAKISTAN)
    size, meetings = log_size(store), len(store.meetings(vid))
    written = []
    real_add_many = store.add_many

    def failing_add_many(objects):
        # The attendees go in last, after the people, venues and meetings are written.
        if objects and isinstance(objects[0], m.Attendee):
            raise ValidationError([])
        written.extend(objects)
        return real_add_many(objects)

    monkeypatch.setattr(store, "add_many", failing_add_many)
    with pytest.raises(ValidationError):
        apply(store, plan)
    assert any(isinstance(obj, m.Meeting) for obj in written)
    assert log_size(store) == size and len(store.meetings(vid)) == meetings


def test_skipped_parts_are_reported():
    read = read_calendar((CORPUS / "clients" / "created_calendar_with_unicode_fields.ics").read_bytes(),
                         "Asia/Dushanbe")
    assert [e.title for e in read.events] == ["Non-ASCII Test: ÄÖÜ äöü €", "åäö"]
    assert read.skipped == ["event 3: it has no start time (DTSTART)"]
    assert any("no UID" in n for n in read.notes)


def test_a_cancellation_of_an_unknown_meeting_is_skipped(zones_visit):
    store, ids = zones_visit
    text = export(store, Scope(meeting_id=ids["lunch"]), "cancel", now=NOW).text
    target = Store(open_memory())
    visit = store.visit(ids["visit"])
    visit = target.insert(replace(visit, id=None))
    plan = plan_import(target, visit.id, text)
    assert plan.empty and plan.skipped == ["'Lunch in Karachi': a cancellation of a meeting that is not in the visit"]


def test_a_cancellation_file_cancels_the_meeting(zones_visit):
    store, ids = zones_visit
    target = Store(open_memory())
    visit = store.visit(ids["visit"])
    visit = target.insert(replace(visit, id=None))
    apply(target, plan_import(target, visit.id, export(store, Scope(meeting_id=ids["lunch"]), "request",
                                                       now=NOW).text))
    plan = plan_import(target, visit.id, export(store, Scope(meeting_id=ids["lunch"]), "cancel", now=NOW).text)
    assert [c.fields for c in plan.updated] == [["status"]]
    apply(target, plan)
    lunch = target.meetings(visit.id)[0]
    assert lunch.status is m.MeetingStatus.CANCELLED and lunch.sequence == 1


def test_a_windows_zone_shared_by_several_countries_keeps_the_visit_zone():
    text = (CORPUS / "clients" / "timezone_same_start.ics").read_text(encoding="utf-8")
    west_asia = text.replace("Pacific Standard Time", "West Asia Standard Time").replace("-0800", "+0500") \
        .replace("-0700", "+0500")
    assert read_calendar(west_asia, "Asia/Dushanbe").events[0].zone == "Asia/Dushanbe"
    assert read_calendar(west_asia, "Europe/Berlin").events[0].zone == "Asia/Tashkent"
    assert read_calendar(west_asia, "Europe/Berlin", "Asia/Dushanbe").events[0].zone == "Asia/Dushanbe"
    # Pakistan has a Windows zone of its own: it stays Karachi even in a visit to Dushanbe (same clock).
    pakistan = west_asia.replace("West Asia Standard Time", "Pakistan Standard Time")
    assert read_calendar(pakistan, "Asia/Dushanbe").events[0].zone == "Asia/Karachi"


def test_a_faulty_reminder_refuses_the_file_with_a_message(demo):
    """icalendar reads only events leniently; a broken reminder inside one stops the whole file."""
    store, vid = demo
    with pytest.raises(ImportRefused, match="PTfifteen"):
        plan_import(store, vid, PAKISTAN.replace("TRIGGER:-PT15M", "TRIGGER:-PTfifteen"))


def test_the_cycle_collector_rests_while_a_calendar_is_read_and_comes_back_after(demo, monkeypatch):
    import gc

    from planner.mail import inbox

    store, vid = demo
    seen = []
    real = inbox.read_calendar

    def reading(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(inbox, "read_calendar", reading)
    assert gc.isenabled()
    plan_import(store, vid, (CORPUS / "clients" / "america_new_york.ics").read_bytes())
    with pytest.raises(ImportRefused):
        plan_import(store, vid, (CORPUS / "broken" / "broken_dtstart.ics").read_bytes())
    assert seen == [False, False] and gc.isenabled()
