"""Benchmark: export 5,000 meetings with 4 attendees each, and import a 5,000-event file.

Each time is printed beside plain icalendar building or parsing the same
content in the same run, as a ratio (below 1.0 means faster than icalendar).
Run from the project folder: python benchmarks/ical_export_import.py [--meetings N]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import icalendar  # noqa: E402

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


def plain_icalendar(meetings: list[m.Meeting], prog: Programme) -> bytes:
    """The same invites built with icalendar's objects, as its documentation shows."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", meeting.uid)
        event.add("dtstamp", NOW)
        event.add("sequence", meeting.sequence)
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.end)
        event.add("summary", meeting.title)
        event.add("location", location(meeting, prog))
        event.add("description", describe(meeting, prog, Method.REQUEST, []))
        if meeting.online_link:
            event.add("url", meeting.online_link)
        event.add("class", CLASSES[meeting.confidentiality])
        event.add("status", "CONFIRMED")
        organiser = icalendar.vCalAddress(f"mailto:{prog.people[1].email}")
        organiser.params["cn"] = icalendar.vText(full_name(prog.people[1]))
        event.add("organizer", organiser)
        for attendee in prog.attendees[meeting.id]:
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


def best_of(runs: int, func, *args):
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - began)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    meetings, prog = programme(args.meetings)

    ours, _result = best_of(args.runs, lambda: render(meetings, prog, Method.REQUEST, NOW))
    plain, _ = best_of(args.runs, plain_icalendar, meetings, prog)
    print(f"export {len(meetings)} meetings x 4 attendees: ours {ours:.3f} s, plain icalendar {plain:.3f} s, "
          f"ratio {ours / plain:.2f} ({plain / ours:.1f}x faster)")

    # One file of many events to import, as another calendar's export of a whole visit would be.
    data = render(meetings, prog, Method.PUBLISH, NOW).text.encode("utf-8")
    store = Store(open_memory())
    store.add(replace(prog.visit, id=None))
    ours, plan = best_of(args.runs, plan_import, store, 1, data)
    plain, count = best_of(args.runs, plain_parse, data)
    print(f"import preview of {count} events ({len(data) // 1024} KiB): ours {ours:.3f} s, "
          f"plain icalendar parse {plain:.3f} s, ratio {ours / plain:.2f}")
    began = time.perf_counter()
    apply(store, plan)
    written = time.perf_counter() - began
    print(f"import writing {len(plan.new)} meetings, {len(plan.new_people)} people and their attendees in one "
          f"transaction (change log included): {written:.3f} s more, ratio {(ours + written) / plain:.2f} overall")


if __name__ == "__main__":
    main()
