"""Every export read back by icalendar, vobject and recurring-ical-events: the same instants in UTC."""

from dataclasses import replace
from datetime import UTC, date, datetime

import icalendar
import pytest
import recurring_ical_events
import vobject

from planner.domain.invitations import Scope
from planner.ical.export import render
from planner.mail.outbox import export
from planner.storage.queries.invitations import programme as load_programme
from tests.ical.conftest import NOW


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# Hand-checked instants: Berlin leaves summer time on 25 Oct 2026, New York on 1 Nov 2026;
# Dushanbe and Karachi keep UTC+5 all year.
EXPECTED = {
    "berlin@visit-planner.test": [utc(2026, 10, 25, 9)],
    "newyork@visit-planner.test": [utc(2026, 11, 1, 15)],
    "dushanbe@visit-planner.test": [utc(2026, 10, 22, 5)],
    "lunch@visit-planner.test": [utc(2026, 10, 28, 8)],
    # 08:30 in Berlin: CEST on the 23rd (24th skipped), CET from the 25th.
    "briefing@visit-planner.test": [utc(2026, 10, 23, 6, 30), utc(2026, 10, 25, 7, 30), utc(2026, 10, 26, 7, 30),
                                    utc(2026, 10, 27, 7, 30)],
    # 09:00 in New York: EDT on 26 Oct, EST from 2 Nov; UNTIL is the end of 10 Nov.
    "weekly@visit-planner.test": [utc(2026, 10, 26, 13), utc(2026, 11, 2, 14), utc(2026, 11, 9, 14)],
}


@pytest.fixture
def exported(zones_visit):
    """The visit's invites: one message per meeting, each with one UID (RFC 5546 3.2)."""
    store, ids = zones_visit
    messages = export(store, Scope(visit_id=ids["visit"]), "request", now=NOW).messages
    assert len(messages) == 7
    for text in messages:
        assert len({str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}) == 1
    return messages


def events(messages: list[str]) -> list:
    return [e for text in messages for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]


def vobject_events(messages: list[str]) -> list:
    return [e for text in messages for e in vobject.readOne(text).vevent_list]


def starts_by_icalendar(messages: list[str]) -> dict[str, datetime]:
    return {str(e["UID"]): e["DTSTART"].dt for e in events(messages)}


def test_icalendar_reads_the_same_instants(exported):
    starts = starts_by_icalendar(exported)
    for uid, expected in EXPECTED.items():
        assert starts[uid].astimezone(UTC) == expected[0], uid
    assert starts["arrival@visit-planner.test"] == date(2026, 10, 21)


def test_vobject_reads_the_same_instants_and_series(exported):
    seen = {}
    for event in vobject_events(exported):
        uid = event.uid.value
        if uid in EXPECTED:
            seen[uid] = [d.astimezone(UTC) for d in event.getrruleset(addRDate=True)] if hasattr(event, "rrule") \
                else [event.dtstart.value.astimezone(UTC)]
    assert seen == EXPECTED


def test_recurring_ical_events_expands_the_same_occurrences(exported):
    found: dict[str, list[datetime]] = {}
    occurrences = [x for text in exported for x in recurring_ical_events.of(icalendar.Calendar.from_ical(text))
                   .between(date(2026, 10, 1), date(2026, 12, 1))]
    for event in occurrences:
        start = event["DTSTART"].dt
        if isinstance(start, datetime):
            found.setdefault(str(event["UID"]), []).append(start.astimezone(UTC))
    assert {uid: sorted(v) for uid, v in found.items()} == EXPECTED


def test_vobject_reads_each_vtimezone_rule(exported):
    """vobject reads only the first date of an RDATE list; with one per line every change is seen."""
    zones = {tz.tzid.value: tz for text in exported for tz in vobject.readOne(text).contents.get("vtimezone", [])}
    berlin = zones["Europe/Berlin"].gettzinfo()
    assert datetime(2027, 7, 1, 12, tzinfo=berlin).utcoffset().total_seconds() == 7200
    assert datetime(2027, 12, 1, 12, tzinfo=berlin).utcoffset().total_seconds() == 3600
    new_york = zones["America/New_York"].gettzinfo()
    assert datetime(2027, 7, 1, 12, tzinfo=new_york).utcoffset().total_seconds() == -4 * 3600


def test_names_in_cyrillic_and_urdu_survive_both_parsers(exported):
    names = {"H.E. Mr. Sherali Kabir (Шерали Кабир)", "H.E. Mr. Makhdum Khusro Bakhtyar (مخدوم خسرو بختیار)"}
    by_icalendar = set()
    for event in events(exported):
        found = event.get("ATTENDEE", [])
        by_icalendar |= {a.params["CN"] for a in (found if isinstance(found, list) else [found])}
    by_vobject = {a.params["CN"][0] for e in vobject_events(exported) for a in e.contents.get("attendee", [])}
    assert names <= by_icalendar and names <= by_vobject
    organisers = {e.organizer.params["CN"][0] for e in vobject_events(exported)}
    assert organisers == {"Mr. Usman Ghani (عثمان غنی)"}


def test_long_text_folds_within_75_octets_and_reads_back(zones_visit):
    store, ids = zones_visit
    meeting = store.meeting(ids["berlin"])
    meeting = replace(meeting, title="Переговоры о сотрудничестве; مذاکرات, " * 6 + "\\ end")
    text = render([meeting], load_programme(store.db, ids["visit"]), "request", NOW).text
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert str(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["SUMMARY"]) == meeting.title
    assert vobject.readOne(text).vevent.summary.value == meeting.title
