"""Content lines (escaping, folding) and time zones (VTIMEZONE blocks, Windows and made-up TZIDs)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st

from planner.ical import lines as ln
from planner.ical.recurrence import BadRecurrence, normalise
from planner.ical.timezones import iana_name, is_offset_name, vtimezone_text, zone_by_rules


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_escaping():
    assert ln.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert ln.param_value("Doe, Jane") == '"Doe, Jane"'
    assert ln.param_value('Say "hi"') == "Say 'hi'"
    assert ln.param_value("Plain name") == "Plain name"


@given(st.text(alphabet=st.sampled_from("abc ;,\\\nЖжعربی€😀"), max_size=300))
def test_folding_never_splits_a_character_and_unfolds_back(value):
    line = "SUMMARY:" + ln.escape_text(value)
    folded = ln.fold(line)
    assert folded.endswith("\r\n")
    physical = folded[:-2].split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert unfold(folded[:-2]) == line


def test_folded_text_reads_back_with_icalendar():
    title = "Встреча министров; وزیروں کی ملاقات, " * 5
    text = "BEGIN:VEVENT\r\n" + ln.fold("SUMMARY:" + ln.escape_text(title)) + "END:VEVENT\r\n"
    assert str(icalendar.Event.from_ical(text)["SUMMARY"]) == title


def test_vtimezone_has_one_rdate_per_line_and_vobject_reads_every_year():
    text = vtimezone_text("Europe/Berlin", 2026, 2028)
    rdates = [line for line in text.split("\r\n") if line.startswith("RDATE")]
    assert len(rdates) == 4 and all("," not in r for r in rdates)
    calendar = vobject.readOne(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n{text}END:VCALENDAR\r\n")
    berlin = calendar.vtimezone.gettzinfo()
    assert [datetime(y, 7, 1, 12, tzinfo=berlin).utcoffset() for y in (2026, 2027, 2028)] == [timedelta(hours=2)] * 3
    assert datetime(2028, 12, 1, 12, tzinfo=berlin).utcoffset() == timedelta(hours=1)


def test_vtimezone_onsets_are_in_the_offset_before_the_change():
    """RFC 5545's own example: DST in New York starts at 02:00 and ends at 02:00 local time."""
    text = vtimezone_text("America/New_York", 2026, 2026)
    assert "DTSTART:20260308T020000\r\n" in text and "DTSTART:20261101T020000\r\n" in text
    berlin = vtimezone_text("Europe/Berlin", 2026, 2026)
    assert "DTSTART:20260329T020000\r\n" in berlin and "DTSTART:20261025T030000\r\n" in berlin
    karachi = vtimezone_text("Asia/Karachi", 2026, 2026)
    assert "DAYLIGHT" not in karachi and "TZOFFSETTO:+0500" in karachi


@pytest.mark.parametrize("tzid,name", [
    ("Asia/Dushanbe", "Asia/Dushanbe"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Eastern Standard Time", "America/New_York"),
    ('"Eastern Standard Time"', "America/New_York"),
    ("custom_America/New_York", "America/New_York"),
    ("/mozilla.org/20070129_1/Europe/Berlin", "Europe/Berlin"),
    ("GMT +0100 (Standard) / GMT +0200 (Daylight)", None),
    ("UTC+11", None),
])
def test_tzid_names(tzid, name):
    assert iana_name(tzid) == name


def test_offsets_are_recognised():
    assert is_offset_name("UTC+11") and is_offset_name("GMT-05:00") and is_offset_name("+0500")
    assert not is_offset_name("GMT +0100 (Standard) / GMT +0200 (Daylight)")


def test_zone_by_rules_prefers_the_visit_zone():
    karachi = ZoneInfo("Asia/Karachi")
    assert zone_by_rules(karachi, datetime(2026, 6, 1), ["Asia/Dushanbe"]) == "Asia/Dushanbe"
    assert zone_by_rules(ZoneInfo("Europe/Paris"), datetime(2026, 6, 1), ["Asia/Dushanbe"]) is not None


def test_recurrence_normalised():
    assert normalise("rrule:freq=daily;count=2", "Asia/Dushanbe", False)[0] == "FREQ=DAILY;COUNT=2"
    text, until = normalise("UNTIL=20261215T235959;FREQ=WEEKLY", "Asia/Dushanbe", False)
    assert text == "FREQ=WEEKLY;UNTIL=20261215T185959Z"
    assert normalise("FREQ=DAILY;UNTIL=20261216", "Asia/Dushanbe", True) == ("FREQ=DAILY;UNTIL=20261216",
                                                                            date(2026, 12, 16))
    for bad, message in (("COUNT=2", "no FREQ"), ("FREQ=DAILY;BYDAY=XX", "cannot be read"),
                         ("FREQ=DAILY;UNTIL=yesterday", "not a date"), ("FREQ=DAILY;COUNT", "NAME=VALUE")):
        with pytest.raises(BadRecurrence, match=message):
            normalise(bad, "Asia/Dushanbe", False)
