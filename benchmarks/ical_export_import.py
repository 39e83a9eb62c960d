"""Benchmark: import .ics files of 1,000 / 5,000 / 20,000 events, and export 5,000 meetings.

The import (reading, the preview and writing it all in one transaction) runs
alternately with two baselines on the same file: icalendar's parse alone,
reading what the importer reads from each event, and calcurse (a C calendar,
``apt-get install calcurse``) importing it into a fresh folder, counted in CPU
time as its own process. The export of 5,000 meetings with 4 attendees each is
set beside building and serialising the same invites with icalendar's objects.
Below 1.0 means faster than the baseline.

Run from the project folder:
python benchmarks/ical_export_import.py [--events 1000 5000 20000] [--export 5000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import icalendar  # noqa: E402
from common import Row, Sample, alternate, growth, median, print_table  # noqa: E402

from planner.domain import model as m  # noqa: E402
from planner.domain.invitations import Programme  # noqa: E402
from planner.ical.export import (  # noqa: E402
    CLASSES,
    PARTSTATS,
    PRODID,
    ROLES,
    Method,
    describe,
    full_name,
    location,
    render,
)
from planner.mail.inbox import apply, plan_import  # noqa: E402
from planner.storage.database import open_memory  # noqa: E402
from planner.storage.store import Store  # noqa: E402

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
ZONES = ["Asia/Dushanbe", "Asia/Karachi", "Europe/Berlin", "America/New_York"]


def programme(count: int) -> tuple[list[m.Meeting], Programme]:
    """``count`` meetings with 4 attendees and a two-item agenda each, in four zones."""
    visit = m.Visit("Benchmark visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 1, 1), date(2027, 12, 31),
                    "Asia/Dushanbe", "Asia/Karachi", id=1)
    people = {n: m.Person(1, f"Person {n} Кабир", honorific="Mr.", native_name=f"شخص {n}",
                          email=f"person{n}@example.org", precedence=n, id=n) for n in range(1, 201)}
    venues = {1: m.Venue(1, "Palace of the Nation", "Rudaki Avenue, 80", "Dushanbe", id=1)}
    meetings, attendees, agenda = [], {}, {}
    for n in range(1, count + 1):
        zone = ZONES[n % 4]
        start = datetime(2026, 3, 1, 9, tzinfo=ZoneInfo(zone)) + timedelta(days=n % 600, hours=n % 8)
        meetings.append(m.Meeting(1, f"Meeting {n}: talks on trade, investment; energy", start,
                                  start + timedelta(hours=1), zone, venue_id=1, organiser_id=1, id=n,
                                  online_link="https://meet.example.org/x" if n % 3 == 0 else "",
                                  status=m.MeetingStatus.CONFIRMED, uid=f"meeting-{n}@visit-planner"))
        attendees[n] = [m.Attendee(n, 1 + (n + k) % 200, m.AttendeeRole.REQUIRED, m.Reply.NEEDS_ACTION)
                        for k in range(4)]
        agenda[n] = [m.AgendaItem(n, 1, "Opening remarks", 20, presenter_id=1),
                     m.AgendaItem(n, 2, "Trade and investment", 40, presenter_id=2)]
    return meetings, Programme(visit, people, venues, attendees, agenda)


def plain_icalendar(meetings: list[m.Meeting], prog: Programme, method: Method = Method.REQUEST) -> bytes:
    """The same events built with icalendar's objects, as its documentation shows (attendees for a REQUEST)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", str(method.value).upper())
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", meeting.uid)
        event.add("dtstamp", NOW)
        event.add("sequence", meeting.sequence)
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.end)
        event.add("summary", meeting.title)
        event.add("location", location(meeting, prog))
        event.add("description", describe(meeting, prog, method, []))
        if meeting.online_link:
            event.add("url", meeting.online_link)
        event.add("class", CLASSES[meeting.confidentiality])
        event.add("status", "CONFIRMED")
        organiser = icalendar.vCalAddress(f"mailto:{prog.people[1].email}")
        organiser.params["cn"] = icalendar.vText(full_name(prog.people[1]))
        event.add("organizer", organiser)
        for attendee in prog.attendees[meeting.id] if method is Method.REQUEST else ():
            person = prog.people[attendee.person_id]
            address = icalendar.vCalAddress(f"mailto:{person.email}")
            address.params.update({"cn": full_name(person), "cutype": "INDIVIDUAL", "role": ROLES[attendee.role],
                                   "partstat": PARTSTATS[attendee.reply], "rsvp": "TRUE"})
            event.add("attendee", address, encode=0)
        cal.add_component(event)
    cal.add_missing_timezones(first_date=date(2026, 1, 1), last_date=date(2028, 1, 1))
    return cal.to_ical()


def plain_parse(data: bytes) -> int:
    """Parse with icalendar and read what the importer reads from each event."""
    count = 0
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        _ = (event["DTSTART"].dt, event["DTEND"].dt, str(event["UID"]), str(event.get("SUMMARY")),
             [str(a) for a in event.get("ATTENDEE", [])])
        count += 1
    return count


# Recorded before the speed work (issue "Speed where officers wait"): seconds.
BEFORE_IMPORT = {1000: "1.39 s (3.1; calcurse 7.5)", 5000: "4.48 s (2.6; calcurse 5.1)",
                 20000: "17.98 s (2.5; calcurse 5.4)"}
BEFORE_EXPORT = "0.51 s (0.40)"


def calendar_file(events: int) -> bytes:
    """One file of many events with four attendees each, as another calendar's export of a whole visit would be."""
    meetings, prog = programme(events)
    return plain_icalendar(meetings, prog)


def empty_store() -> Store:
    store = Store(open_memory())
    store.add(m.Visit("Benchmark visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 1, 1), date(2027, 12, 31),
                      "Asia/Dushanbe", "Asia/Karachi"))
    return store


def import_file(data: bytes, store: Store) -> int:
    """What the officer waits for: read and preview the file, then write it in one transaction."""
    plan = plan_import(store, 1, data)
    apply(store, plan)
    return len(plan.new)


def calcurse_import(path: Path) -> Sample:
    """calcurse importing the file into a fresh folder of its own; CPU time of the child process."""
    folder = Path(tempfile.mkdtemp(prefix="calcurse-"))
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(["calcurse", "-D", str(folder), "-i", str(path)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=600)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return Sample(wall, cpu)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def import_rows(sizes: list[int], repeat: int) -> tuple[list[Row], list[float]]:
    rows, ours_cpu = [], []
    have_calcurse = shutil.which("calcurse") is not None
    if not have_calcurse:
        print("calcurse is not installed (apt-get install calcurse): only icalendar's parse is the baseline.")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            data = calendar_file(size)
            path = Path(folder) / f"calendar-{size}.ics"
            path.write_bytes(data)
            stores = [empty_store() for _ in range(repeat)]
            cases = {"icalendar": lambda data=data: plain_parse(data),
                     "ours": lambda data=data, stores=stores: import_file(data, stores.pop())}
            samples = alternate(cases, repeat)
            if have_calcurse:
                samples["calcurse"] = [calcurse_import(path) for _ in range(repeat)]
            ours_cpu.append(median(samples["ours"], cpu=True))
            label = f".ics import, {size:,} events ({len(data) // 1024:,} KiB)"
            rows.append(Row(label + " vs icalendar parse", median(samples["ours"]), median(samples["icalendar"]),
                            median(samples["ours"], cpu=True), median(samples["icalendar"], cpu=True),
                            before=BEFORE_IMPORT.get(size, "–"), aim=1.2))
            if have_calcurse:
                rows.append(Row("  same, vs calcurse", median(samples["ours"]), median(samples["calcurse"]),
                                median(samples["ours"], cpu=True), median(samples["calcurse"], cpu=True), aim=2.5))
    return rows, ours_cpu


def export_row(count: int, repeat: int) -> Row:
    meetings, prog = programme(count)
    # The whole programme as one calendar: invites with attendees now go one meeting per file.
    samples = alternate({"icalendar": lambda: plain_icalendar(meetings, prog, Method.PUBLISH),
                         "ours": lambda: render(meetings, prog, Method.PUBLISH, NOW)}, repeat)
    return Row(f".ics export, {count:,} meetings (the programme, published)", median(samples["ours"]),
               median(samples["icalendar"]), median(samples["ours"], cpu=True), median(samples["icalendar"], cpu=True),
               before=BEFORE_EXPORT, aim=0.4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--export", type=int, default=5000, help="meetings to export (0: skip)")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    rows, ours_cpu = import_rows(args.events, args.repeat)
    if args.export:
        rows.append(export_row(args.export, args.repeat))
    print_table(f"Calendar import and export (median of {args.repeat}; calcurse in its own process, "
                "its CPU time counted from the system's accounting of children)", "baseline", rows)
    if len(args.events) > 1:
        print(f"\nimport: {growth(args.events, ours_cpu)}")
    print(f"\n(CPU counts of this machine: {os.cpu_count()}; a busy machine shows in the wall-clock column first.)")


if __name__ == "__main__":
    main()
