"""Every invite, cancellation and declined counter-proposal we write passes iTIP's restriction table, one UID
per message, and reads back in the other parsers (vobject, recurring-ical-events); libical itself too where
its Python binding is installed."""

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject

from planner.domain.invitations import Scope
from planner.ical.export import decline_counter
from planner.mail.outbox import export, write_files
from planner.storage.queries.invitations import programme
from tests.ical.conftest import NOW
from tests.ical.itip import violations

SAMPLES = Path(__file__).parent / "lifecycle"


def written(store, visit_id, method, folder: Path) -> list[Path]:
    return write_files(export(store, Scope(visit_id=visit_id), method, now=NOW), folder)


@pytest.mark.parametrize("method", ["request", "cancel"])
def test_each_file_of_a_visit_passes_the_table_and_every_parser(zones_visit, demo, tmp_path, method):
    files = []
    for n, (store, visit_id) in enumerate([(zones_visit[0], zones_visit[1]["visit"]), demo]):
        files += written(store, visit_id, method, tmp_path / f"visit{n}")
    assert len(files) > 20
    for path in files:
        text = path.read_bytes()
        assert violations(text) == [], path.name
        calendar = icalendar.Calendar.from_ical(text)
        assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == 1
        assert len(vobject.readOne(text.decode("utf-8")).vevent_list) == 1
        recurring_ical_events.of(calendar).between((2020, 1, 1), (2030, 1, 1))


def test_a_declined_counter_proposal_passes_the_table(zones_visit):
    store, ids = zones_visit
    meeting, proposer = store.meeting(ids["berlin"]), store.person(ids["bakhtyar"])
    text = decline_counter(meeting, proposer, programme(store.db, ids["visit"]), "The hall is booked; sorry.",
                           now=NOW)
    assert violations(text) == []
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid and "SEQUENCE" not in event and "DTSTART" not in event
    moved = replace(meeting, sequence=3)
    later = decline_counter(moved, proposer, programme(store.db, ids["visit"]), now=NOW)
    assert "SEQUENCE:3\r\n" in later and violations(later) == []
    assert vobject.readOne(text).vevent.comment.value == "The hall is booked; sorry."


@pytest.mark.parametrize("name", ["outlook-accept-ru.ics", "google-decline.ics", "apple-tentative.ics",
                                  "thunderbird-accept.ics", "outlook-counter.ics", "outlook-folder/03-counter.ics",
                                  "outlook-folder/06-cancel.ics", "outlook-folder/01-invite.ics"])
def test_the_client_samples_are_valid_itip(name):
    assert violations((SAMPLES / name).read_bytes()) == []


def test_the_check_finds_what_it_should(zones_visit):
    store, ids = zones_visit
    meeting = store.meeting(ids["berlin"])
    good = export(store, Scope(meeting_id=meeting.id), "request", now=NOW).text
    assert violations(good) == []
    two = good.replace("END:VCALENDAR", good.split("BEGIN:VEVENT")[1].split("END:VEVENT")[0].replace(
        meeting.uid, "other@x").join(["BEGIN:VEVENT", "END:VEVENT\r\n"]) + "END:VCALENDAR")
    assert any("2 UIDs" in v for v in violations(two))
    no_organiser = "\r\n".join(line for line in good.split("\r\n") if not line.startswith("ORGANIZER"))
    assert any("ORGANIZER appears 0" in v for v in violations(no_organiser))
    decline = decline_counter(meeting, store.person(ids["kabir"]), programme(store.db, ids["visit"]), now=NOW)
    assert any("DTSTART appears 1" in v for v in violations(decline.replace(
        "END:VEVENT", "DTSTART:20261025T090000Z\r\nEND:VEVENT")))


LIBICAL = """
import sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I

def errors(component):
    found = []
    prop = component.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(prop.get_xlicerror())
        prop = component.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    inner = component.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while inner is not None:
        found += errors(inner)
        inner = component.get_next_component(I.ComponentKind.ANY_COMPONENT)
    return found

bad = 0
for path in sys.argv[1:]:
    component = I.Component.new_from_string(open(path, encoding="utf-8").read())
    if not I.restriction_check(component) or errors(component):
        print(path, errors(component))
        bad += 1
sys.exit(bad)
"""


def _libical_python() -> str | None:
    """A Python that has libical's GObject binding (the system one on Debian and Ubuntu), or None."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import gi; gi.require_version('ICalGLib', '3.0'); "
                                    "from gi.repository import ICalGLib"], capture_output=True)
            if probe.returncode == 0:
                return candidate
    return None


@pytest.mark.skipif(_libical_python() is None, reason="libical's Python binding (gir1.2-ical-3.0) is not installed")
def test_libical_restriction_check_accepts_every_file(zones_visit, demo, tmp_path):
    files = []
    for method in ("request", "cancel"):
        for n, (store, visit_id) in enumerate([(zones_visit[0], zones_visit[1]["visit"]), demo]):
            files += written(store, visit_id, method, tmp_path / f"{method}{n}")
    store, ids = zones_visit
    decline = tmp_path / "decline.ics"
    # libical forbids SEQUENCE in a DECLINECOUNTER, which RFC 5546 wants when it is not zero: a first version.
    decline.write_text(decline_counter(replace(store.meeting(ids["berlin"]), sequence=0), store.person(ids["bakhtyar"]),
                                       programme(store.db, ids["visit"]), now=NOW), encoding="utf-8")
    broken = tmp_path / "broken.ics"
    unfolded = files[0].read_bytes().decode("utf-8").replace("\r\n ", "")
    broken.write_bytes("\r\n".join(line for line in unfolded.split("\r\n")
                                   if not line.startswith("ORGANIZER")).encode("utf-8"))
    checked = subprocess.run([_libical_python(), "-c", LIBICAL, *map(str, files + [decline])],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    refused = subprocess.run([_libical_python(), "-c", LIBICAL, str(broken)], capture_output=True, text=True)
    assert refused.returncode == 1 and "ORGANIZER" in refused.stdout  # the check can fail
