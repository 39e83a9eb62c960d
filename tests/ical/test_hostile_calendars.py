"""Calendar files built to hurt: rules that never end, huge files, parser failures, messages over many lines."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from planner.ical import bounds
from planner.ical.reading import ImportRefused, read_calendar
from planner.ical.recurrence import BadRecurrence, normalise

ROOT = Path(__file__).resolve().parents[2]


def calendar(zone_rules: str = "", event: str = "", tzid: str = "Evil") -> str:
    zone = ""
    if zone_rules:
        zone = (f"BEGIN:VTIMEZONE\nTZID:{tzid}\n" + zone_rules + "\nEND:VTIMEZONE\n")
    event = event or (f"DTSTART;TZID={tzid}:20261214T100000\nDTEND;TZID={tzid}:20261214T110000" if zone_rules
                      else "DTSTART:20261214T100000Z")
    return (f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{zone}BEGIN:VEVENT\nUID:1@test\nSUMMARY:Talks\n"
            f"{event}\nEND:VEVENT\nEND:VCALENDAR\n")


MINUTELY_ZONE = textwrap.dedent("""\
    BEGIN:STANDARD
    DTSTART:16010101T000000
    RRULE:FREQ=MINUTELY
    TZOFFSETFROM:+0100
    TZOFFSETTO:+0000
    END:STANDARD
    BEGIN:DAYLIGHT
    DTSTART:16010101T000000
    RRULE:FREQ=MINUTELY;INTERVAL=2
    TZOFFSETFROM:+0000
    TZOFFSETTO:+0100
    END:DAYLIGHT""")


def test_a_zone_whose_clock_changes_every_minute_is_refused_at_once(tmp_path):
    # In a child process: before the fix this hung with growing memory, and a hang must fail, not block the suite.
    path = tmp_path / "minutely.ics"
    path.write_text(calendar(MINUTELY_ZONE), encoding="utf-8")
    code = ("import sys; from planner.ical.reading import read_calendar, ImportRefused\n"
            "try:\n    read_calendar(open(sys.argv[1], 'rb').read(), 'Asia/Dushanbe')\n"
            "except ImportRefused as exc:\n    print(exc)\n")
    try:
        done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=30,
                              cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail("reading the calendar did not finish in 30 seconds")
    assert done.returncode == 0, done.stderr
    assert "Evil" in done.stdout and "minute" in done.stdout


@pytest.mark.parametrize("rule", ["FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYHOUR=1,2,3",
                                  "FREQ=DAILY", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=" + ",".join(map(str, range(1, 32)))
                                  + ";BYDAY=MO,TU,WE,TH,FR,SA,SU"])
def test_other_zone_rules_no_real_zone_has_are_refused(rule):
    rules = MINUTELY_ZONE.replace("RRULE:FREQ=MINUTELY;INTERVAL=2", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
    rules = rules.replace("RRULE:FREQ=MINUTELY", "RRULE:" + rule)
    with pytest.raises(ImportRefused, match="Evil"):
        read_calendar(calendar(rules), "Asia/Dushanbe")


def test_a_real_zone_with_rules_from_1601_is_read():
    rules = ("BEGIN:STANDARD\nDTSTART:16011028T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n"
             "TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n"
             "BEGIN:DAYLIGHT\nDTSTART:16010325T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\n"
             "TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT")
    read = read_calendar(calendar(rules, tzid="Central Europe Standard Time (made up)"), "Europe/Berlin")
    assert read.events[0].zone == "Europe/Berlin"


@pytest.mark.parametrize("rule, says", [("FREQ=MINUTELY", "minute"), ("FREQ=SECONDLY;COUNT=999999999", "second"),
                                        ("FREQ=DAILY;COUNT=100000", "100000")])
def test_a_meeting_cannot_repeat_without_bound(rule, says):
    with pytest.raises(BadRecurrence, match=says):
        normalise(rule, "Asia/Dushanbe", False)
    with pytest.raises(ImportRefused, match=says):
        read_calendar(calendar(event=f"DTSTART:20261214T100000Z\nRRULE:{rule}"), "Asia/Dushanbe")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.ics"
    path.write_text(calendar(), encoding="utf-8")
    monkeypatch.setattr(bounds, "MAX_BYTES", 100)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    with pytest.raises(ImportRefused, match="larger than"):
        bounds.read_limited(path)


def test_any_failure_of_the_parser_becomes_a_refusal(monkeypatch):
    import icalendar

    from planner.ical import quick

    def broken(*_args, **_kwargs):
        raise AttributeError("'NoneType' object has no attribute 'params'")

    monkeypatch.setattr(icalendar.Calendar, "from_ical", broken)
    monkeypatch.setattr(quick, "parse", lambda text: None)  # a file the quick reading hands to icalendar
    with pytest.raises(ImportRefused, match="cannot be read as iCalendar"):
        read_calendar(calendar(), "Asia/Dushanbe")


def test_a_slip_of_the_quick_reading_leaves_the_file_to_icalendar(monkeypatch):
    from planner.ical import quick

    def slip(*_args, **_kwargs):
        raise AttributeError("'NoneType' object has no attribute 'params'")

    monkeypatch.setattr(quick, "_build", slip)
    assert quick.parse(calendar()) is None
    assert read_calendar(calendar(), "Asia/Dushanbe").events[0].title == "Talks"


def test_a_failure_while_reading_an_event_becomes_a_refusal(monkeypatch):
    from planner.ical import reading

    monkeypatch.setattr(reading, "_address", lambda prop: None.params)
    with pytest.raises(ImportRefused, match="AttributeError"):
        read_calendar(calendar(event="DTSTART:20261214T100000Z\nORGANIZER:mailto:a@example.com"), "Asia/Dushanbe")


def test_refusals_quote_no_raw_lines():
    text = calendar(event="DTSTART:20261214T100000Z\nDURATION:PT1H\nDURATION:PT2H")
    with pytest.raises(ImportRefused) as refused:
        read_calendar(text, "Asia/Dushanbe")
    assert "\n" not in str(refused.value) and len(str(refused.value)) <= 300
    with pytest.raises(ImportRefused) as refused:
        read_calendar("BEGIN:VCALENDAR\n" + "X" * 5000 + "\nEND:VCALENDAR\n", "Asia/Dushanbe")
    assert "\n" not in str(refused.value) and len(str(refused.value)) <= 300


def fixed_zone(offset: str) -> str:
    return (f"BEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:{offset}\nTZOFFSETTO:{offset}\n"
            "END:STANDARD")


def test_a_zone_defined_by_an_earlier_file_does_not_change_how_a_later_one_is_read():
    # icalendar keeps the first definition of each made-up TZID for the whole process; two
    # Exchange exports may use one name for different rules.
    first = read_calendar(calendar(fixed_zone("+0100"), tzid="Office time"), "Europe/Berlin", "Asia/Karachi")
    later = read_calendar(calendar(fixed_zone("+0500"), tzid="Office time"), "Europe/Berlin", "Asia/Karachi")
    assert first.events[0].start.utcoffset() != later.events[0].start.utcoffset()
    assert later.events[0].start.utcoffset().total_seconds() == 5 * 3600
