"""The demo and list commands."""

from __future__ import annotations

import argparse

from planner.cli import CliError
from planner.cli.common import open_store, pick_visit, positive_int, print_table


def register(verbs: dict, common: argparse.ArgumentParser) -> None:
    demo = verbs[""].add_parser("demo", parents=[common], help="write the demo visit into a new database",
                                description="Write the demo visit (Pakistan's Prime Minister in Tajikistan) "
                                            "into a database.")
    demo.add_argument("--force", action="store_true", help="replace the visits already in the database")
    demo.set_defaults(handler=run_demo)
    for noun, handler in (("visits", list_visits), ("meetings", list_meetings), ("people", list_people),
                          ("sectors", list_sectors)):
        sub = verbs["list"].add_parser(noun, parents=[common], help=f"list the {noun}")
        if noun != "visits":
            sub.add_argument("--visit", type=positive_int, metavar="ID", help="the visit (needed when there are several)")
        sub.add_argument("--json", action="store_true", help="print JSON, one object per row")
        sub.set_defaults(handler=handler)


def run_demo(args) -> None:
    from planner.demo import build_demo

    store = open_store(args, create=True)
    existing = store.visits()
    if existing and not args.force:
        raise CliError(f"{store.path} already holds "
                       f"{len(existing)} visit(s); add --force to replace them")
    with store.atomic():
        for visit in existing:
            store.delete(visit)
        visit_id = build_demo(store)
    visit = store.visit(visit_id)
    print(f"Wrote the demo visit {visit.id}: {visit.title} "
          f"({len(store.meetings(visit_id))} meetings, {len(store.people(visit_id))} people)")


def list_visits(args) -> None:
    store = open_store(args, writes=False)
    rows = [{"id": v.id, "title": v.title, "kind": str(v.kind), "host": v.host_country, "guest": v.guest_country,
             "first_day": v.first_day.isoformat(), "last_day": v.last_day.isoformat(), "zone": v.zone,
             "home_zone": v.home_zone, "status": str(v.status), "revision": v.revision} for v in store.visits()]
    print_table(rows, ["id", "title", "first_day", "last_day", "zone", "status", "revision"], args.json)


def list_meetings(args) -> None:
    store = open_store(args, writes=False)
    visit = pick_visit(store, args.visit)
    venues = {v.id: v.name for v in store.venues(visit.id)}
    counts: dict[int, int] = {}
    for attendee in store.attendees(visit_id=visit.id):
        counts[attendee.meeting_id] = counts.get(attendee.meeting_id, 0) + 1
    rows = []
    for meeting in store.meetings(visit.id):
        start, end = meeting.starts_at(), meeting.ends_at()
        rows.append({
            "id": meeting.id, "uid": meeting.uid, "title": meeting.title, "kind": str(meeting.kind),
            "day": start.date().isoformat(), "start": "all day" if meeting.all_day else start.strftime("%H:%M"),
            "end": "" if meeting.all_day else end.strftime("%H:%M"), "zone": meeting.zone,
            "starts_at": start.isoformat(), "ends_at": end.isoformat(),
            "venue": venues.get(meeting.venue_id, ""), "online_link": meeting.online_link,
            "status": str(meeting.status), "attendees": counts.get(meeting.id, 0), "sequence": meeting.sequence,
        })
    print_table(rows, ["id", "day", "start", "end", "title", "kind", "venue", "status", "attendees"], args.json)


def list_people(args) -> None:
    store = open_store(args, writes=False)
    visit = pick_visit(store, args.visit)
    rows = [{"id": p.id, "precedence": p.precedence, "side": str(p.side), "honorific": p.honorific,
             "name": p.name, "native_name": p.native_name, "designation": p.designation,
             "organisation": p.organisation, "country": p.country, "email": p.email}
            for p in store.people(visit.id)]
    print_table(rows, ["id", "precedence", "side", "honorific", "name", "native_name", "designation"], args.json)


def list_sectors(args) -> None:
    store = open_store(args, writes=False)
    visit = pick_visit(store, args.visit)
    counts: dict[int, int] = {}
    for member in store.members(visit_id=visit.id):
        if member.sector_id is not None:
            counts[member.sector_id] = counts.get(member.sector_id, 0) + 1
    rows = [{"id": s.id, "name": s.name, "priority": s.priority, "members": counts.get(s.id, 0)}
            for s in store.sectors(visit.id)]
    print_table(rows, ["id", "name", "priority", "members"], args.json)
