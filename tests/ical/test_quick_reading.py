"""The quick reading of .ics files against icalendar's full parse: the same import on every file, or a hand-over."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.invitations import Scope
from planner.ical import quick
from planner.ical.importing import plan
from planner.ical.reading import ImportRefused, _decode, read_calendar
from planner.ical.timezones import vtimezone_text
from planner.mail.outbox import export
from planner.storage.queries.invitations import visit_calendar
from tests.ical.conftest import CORPUS, NOW

HERE = Path(__file__).resolve().parent
FILES = sorted([*CORPUS.glob("*/*.ics"), *(HERE / "lifecycle").glob("**/*.ics"), *(HERE / "golden").glob("*.ics")])
# Files the quick reading must take itself (not hand to icalendar): what Google, Outlook, Apple and we write.
QUICK = {"bom_calendar.ics", "alarm_google_acknowledged.ics", "alarm_google_future.ics", "america_new_york.ics",
         "alarm_thunderbird_future.ics", "issue_836_do_not_quote_tzid.ics", "timezone_same_start.ics",
         "outlook-accept-ru.ics", "outlook-counter.ics", "google-invite-meet-room.ics", "thunderbird-accept.ics",
         "apple-tentative.ics", "cancel-berlin.ics", "programme-publish.ics"}


def both(data, visit_zone="Asia/Dushanbe", home_zone="Asia/Karachi") -> tuple[str, str]:
    """repr of what each reading gives (the records with their zones, notes, skips), or its refusal."""
    out = []
    for fast in (True, False):
        try:
            out.append(repr(read_calendar(data, visit_zone, home_zone, quick=fast)))
        except ImportRefused as exc:
            out.append(f"refused: {exc}")
    return out[0], out[1]


def taken(data) -> bool:
    try:
        return quick.parse(_decode(data)) is not None
    except ImportRefused:
        return False


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_sample_file_reads_the_same_both_ways(path):
    data = path.read_bytes()
    fast, full = both(data)
    assert fast == full
    if path.name in QUICK:
        assert taken(data), "the quick reading handed a common file to icalendar"


def test_the_samples_plan_the_same_import_both_ways(zones_visit):
    store, ids = zones_visit
    for path in FILES:
        reads = []
        for fast in (True, False):
            try:
                reads.append(read_calendar(path.read_bytes(), "Asia/Dushanbe", "Asia/Karachi", quick=fast))
            except ImportRefused:
                reads.append(None)
        if reads[0] is None:
            assert reads[1] is None
            continue
        target = visit_calendar(store.db, ids["visit"], [e.uid for e in reads[0].events])
        try:
            summaries = [plan(target, read).summary() for read in reads]
        except Exception as exc:  # noqa: BLE001 - a refusal of the plan must be the same refusal
            with pytest.raises(type(exc)):
                plan(target, reads[1])
            continue
        assert summaries[0] == summaries[1], path.name


@pytest.mark.parametrize("method", ["request", "publish", "cancel"])
def test_our_own_exports_are_read_quickly_and_the_same(zones_visit, method):
    store, ids = zones_visit
    result = export(store, Scope(visit_id=ids["visit"]), method, now=NOW)
    for text in [result.text, *result.messages] if result.text else result.messages:
        assert taken(text)
        fast, full = both(text)
        assert fast == full


# --- generated calendars -------------------------------------------------------------------------------------

ZONES = ["Asia/Dushanbe", "Europe/Berlin", "America/New_York", "Asia/Karachi"]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\r\x00"), max_size=30)
PLAIN_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\\,;:"),
                     max_size=30)
PARAM_TEXT = st.text(st.sampled_from(list("ab Кشخص:;,.'\\^\"=é-")), max_size=12)
PLAIN_PARAM_TEXT = st.text(st.sampled_from(list("ab Кشخص.'=é-")), max_size=12).map(str.strip)


def _escape(text: str, strict: bool) -> str:
    if not strict:
        return text.replace("\n", "\\n")  # commas and semicolons left bare, as careless writers do
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


@st.composite
def moments(draw, name: str, zone_name: str, odd: bool) -> str:
    day = f"2026{draw(st.integers(1, 13 if odd else 12)):02d}{draw(st.integers(1, 31 if odd else 28)):02d}"
    clock = f"T{draw(st.integers(0, 23)):02d}{draw(st.sampled_from([0, 30])):02d}00"
    form = draw(st.sampled_from(["tzid", "utc", "floating", "date", "bare date", "windows", "quoted tzid"]))
    return {"tzid": f"{name};TZID={zone_name}:{day}{clock}", "utc": f"{name}:{day}{clock}Z",
            "floating": f"{name}:{day}{clock}", "date": f"{name};VALUE=DATE:{day}", "bare date": f"{name}:{day}",
            "windows": f"{name};TZID=W. Europe Standard Time:{day}{clock}",
            "quoted tzid": f'{name};TZID="{zone_name}":{day}{clock}'}[form]


@st.composite
def addresses(draw, name: str, odd: bool) -> str:
    params = []
    for key in draw(st.lists(st.sampled_from(["CN", "ROLE", "PARTSTAT", "CUTYPE", "RSVP", "X-NUM-GUESTS"]),
                             max_size=4, unique=True)):
        value = draw(PARAM_TEXT if odd else PLAIN_PARAM_TEXT) if key == "CN" else draw(st.sampled_from(["REQ-PARTICIPANT", "ACCEPTED", "ROOM",
                                                                            "TRUE", "0", "chair"]))
        quote = draw(st.sampled_from(['"', "", ""]))
        params.append(f";{key}={quote}{value}{quote}")
    email = draw(st.sampled_from(["mailto:a@example.org", "MAILTO:B@Example.org", "c@example.org", "mailto:d\\,e@x"]))
    return f"{name}{''.join(params)}:{email}"


@st.composite
def events(draw, zone_name: str, odd: bool) -> list[str]:
    lines = ["BEGIN:VEVENT"]
    if draw(st.booleans()):
        lines.append(f"UID:{draw(st.sampled_from(['1@test', '2@test', 'x,y@test']))}")
    strict = draw(st.booleans())
    text = TEXT if odd else PLAIN_TEXT
    lines.append(f"SUMMARY:{_escape(draw(text), strict)}")
    lines.append(draw(moments("DTSTART", zone_name, odd)))
    ending = draw(st.sampled_from(["end", "duration", "none"]))
    if ending == "end":
        lines.append(draw(moments("DTEND", zone_name, odd)))
    elif ending == "duration":
        lines.append(f"DURATION:{draw(st.sampled_from(['PT1H', 'P1D', 'PT90M', '-PT1H', 'P1W', 'PX']))}")
    plain = [
        f"LOCATION:{_escape(draw(text), strict)}", f"DESCRIPTION:{_escape(draw(text), strict)}",
        "RRULE:FREQ=WEEKLY;COUNT=3", "RRULE:FREQ=DAILY;UNTIL=20261231T000000Z",
        f"EXDATE;TZID={zone_name}:20261215T100000", "EXDATE:20261216T100000Z",
        f"RECURRENCE-ID;TZID={zone_name}:20261214T100000", "SEQUENCE:2", "SEQUENCE:+3", "STATUS:CANCELLED", "CLASS:CONFIDENTIAL", "URL:https://meet.google.com/abc-defg",
        "X-GOOGLE-CONFERENCE:https://meet.google.com/xyz", "COMMENT:I\\, for one\\; agree",
        "DTSTAMP:20261127T090000Z", "PRIORITY:5",
        "X-VISIT-PLANNER-KIND:bilateral talks", "X-VISIT-PLANNER-AGENDA;X-MINUTES=20;X-PRESENTER=Mr. A:Opening\\, talks",
        "TRANSP:OPAQUE", "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT15M\nDESCRIPTION:Soon\nEND:VALARM",
        "ORGANIZER;CN=Org:mailto:org@example.org", "X-EMPTY;X-P=:", "ATTENDEE;CN=x;CN=y:mailto:y@example.org",
        "ATTENDEE;CN=Doe\\, Jane:mailto:doe@example.org", "ATTENDEE;CN=a\\;b\\:c;ROLE=CHAIR:mailto:e@example.org",
        "X-VISIT-PLANNER-SECTOR:Mining\\, metals", "DTEND;VALUE=DATE-TIME:20261214T110000Z",
        "RECURRENCE-ID:20261214T100000Z", "DESCRIPTION:tab\there", "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/x"]
    odd_ones = [
        "RRULE:FREQ=WEEKLY;BYDAY= TU", "RDATE:20261220T100000Z", "SEQUENCE:x", "SEQUENCE:99999999999",
        "CATEGORIES:a,b\\,c", "DTSTAMP:2026-11-27", "CREATED:20261301T000000Z", "GEO:1.5;2.5", "GEO:bad",
        "ATTACH:https://example.org/a b", "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:nonsense\nEND:VALARM",
        "NAME WITH SPACE:x", "ATTENDEE;CN=a,b:mailto:z@example.org", "ATTENDEE;CN= padded :mailto:p@example.org",
        "ATTENDEE;CN=a^'b:mailto:q@example.org", 'X-ADDRESS;X-A="a\\nb":x', "DTEND;VALUE=DATE;TZID=Asia/Karachi:20261214",
        "DURATION:P1DT", "SEQUENCE:-3", "EXDATE;VALUE=DATE:20261215,20261216", "ATTENDEE;CN=x\\\\,y:mailto:f@x.org",
        "DTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:20261214T100000"]
    lines += draw(st.lists(st.sampled_from(plain + odd_ones if odd else plain), max_size=6))
    lines += draw(st.lists(addresses("ATTENDEE", odd), max_size=3))
    lines.append("END:VEVENT")
    return lines


def _fold(line: str, draw) -> str:
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(line) - 1)), max_size=3)))
    if not cuts or len(line) < 2:
        return line
    parts, start = [], 0
    for cut in cuts:
        parts.append(line[start:cut])
        start = cut
    parts.append(line[start:])
    return ("\n" + draw(st.sampled_from([" ", "\t"]))).join(parts)


@st.composite
def calendars(draw) -> str:
    odd = draw(st.booleans())  # odd calendars mostly go to icalendar; plain ones mostly stay with the quick reading
    zone_name = draw(st.sampled_from(ZONES + ["Office time"]))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    method = draw(st.sampled_from(["", "REQUEST", "PUBLISH", "CANCEL", "REPLY", "COUNTER"]))
    if method:
        lines.append(f"METHOD:{method}")
    if draw(st.booleans()):
        lines.append(f"X-WR-TIMEZONE:{draw(st.sampled_from(ZONES))}")
    zone_block = draw(st.sampled_from(["before", "after", "none"]))
    block = (vtimezone_text("Europe/Berlin", 2026, 2027).replace("TZID:Europe/Berlin", f"TZID:{zone_name}")
             .replace("\r\n", "\n").strip().split("\n"))
    if zone_block == "before":
        lines += block
    for _ in range(draw(st.integers(1, 3))):
        lines += [x for line in draw(events(zone_name, odd)) for x in line.split("\n")]
    if zone_block == "after":
        lines += block
    if odd and draw(st.booleans()):
        lines.insert(draw(st.integers(1, len(lines) - 1)), draw(st.sampled_from(
            ["BEGIN:VTODO\nSUMMARY:x\nEND:VTODO", "X-WR-CALNAME:Visit", "REFRESH-INTERVAL;VALUE=DURATION:PT1H"])))
    lines.append("END:VCALENDAR")
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    last = len(lines) - 1
    return newline.join(_fold(line, draw) if (odd or 0 < n < last) and draw(st.booleans()) else line
                        for n, line in enumerate(lines)) + newline


# icalendar warns each time it guesses a vendor's TZID ('/mozilla.org/.../Europe/Berlin'), as it should.
@pytest.mark.filterwarnings("ignore:Timezone .* is a globally unique TZID")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calendars(), st.booleans())
def test_generated_calendars_read_the_same_both_ways(text, as_bytes):
    data = text.encode("utf-8") if as_bytes else text
    fast, full = both(data)
    assert fast == full


def test_generated_calendars_mostly_take_the_quick_reading():
    """The comparison above is worth something only if the quick reading takes a good share of the files."""
    found = []

    @settings(max_examples=100, deadline=None, database=None)
    @given(calendars())
    def count(text):
        found.append(taken(text))

    count()
    assert sum(found) >= len(found) // 3
