"""The B2B commands: import meeting requests, schedule the talks, list companies and talks, print the plan."""

from __future__ import annotations

import argparse

from planner.cli import CliError
from planner.cli.common import open_store, pick_visit, positive_int, print_table


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"'{text}': the time limit is between 0 and 3600 seconds")
    return value


def register(verbs: dict, common: argparse.ArgumentParser) -> None:
    b2b = verbs[""].add_parser("b2b", help="B2B matchmaking: import requests and schedule the talks",
                               description="B2B matchmaking: import meeting requests and schedule the talks.")
    actions = b2b.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(b2b))
    importing = actions.add_parser("import", parents=[common], help="read meeting requests from CSV or .xlsx")
    importing.add_argument("--visit", type=positive_int, metavar="ID", help="the visit")
    importing.add_argument("file", metavar="FILE", help="a spreadsheet with Company, Wants to meet and Priority")
    importing.add_argument("--sheet", metavar="NAME", help="the sheet of an .xlsx workbook (default: the first)")
    importing.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    importing.set_defaults(handler=run_import)
    schedule = actions.add_parser("schedule", parents=[common], help="place the requested talks into the B2B sessions")
    schedule.add_argument("--visit", type=positive_int, metavar="ID", help="the visit")
    schedule.add_argument("--time-limit", type=seconds, default=30.0, metavar="SECONDS",
                          help="stop searching after this long (default: 30)")
    schedule.set_defaults(handler=run_schedule)

    for noun, handler, text in (("companies", list_companies, "list the visit's companies"),
                                ("b2b", list_talks, "list the placed B2B talks")):
        sub = verbs["list"].add_parser(noun, parents=[common], help=text)
        sub.add_argument("--visit", type=positive_int, metavar="ID", help="the visit (needed when there are several)")
        sub.add_argument("--json", action="store_true", help="print JSON, one object per row")
        sub.set_defaults(handler=handler)

    printing = verbs["print"].add_parser("b2b", parents=[common], help="print the B2B hall plan or a company's "
                                                                       "schedule")
    printing.add_argument("--visit", type=positive_int, metavar="ID", help="the visit")
    printing.add_argument("--company", metavar="NAME", help="print this company's schedule instead of the hall plan")
    printing.add_argument("--pdf", metavar="FILE", required=True, help="the PDF file to write (replaced if it exists)")
    printing.add_argument("--paper", choices=("A4", "Letter", "A3"), default=None,
                          help="paper size (default: A3 for a wide hall plan, else A4)")
    printing.set_defaults(handler=run_print)


def run_import(args) -> None:
    from planner.b2b.importing import RequestFileError, apply_preview, preview_file
    from planner.roster.reading import RosterError

    store = open_store(args)
    visit = pick_visit(store, args.visit)
    try:
        preview = preview_file(store, visit.id, args.file, args.sheet)
    except (RosterError, RequestFileError) as exc:
        raise CliError(str(exc)) from None
    for line in preview.lines():
        print(line)
    if args.dry_run:
        print("Dry run: nothing was written.")
        return
    done = apply_preview(store, preview)
    print(f"Imported {len(done.requests)} meeting request(s) and {len(done.companies)} new company(ies).")


def run_schedule(args) -> None:
    from planner.b2b.plan import apply, schedule

    store = open_store(args)
    visit = pick_visit(store, args.visit)
    outcome = schedule(store, visit.id, time_limit=args.time_limit)
    apply(store, visit.id, outcome)
    print(outcome.summary())
    requests = {r.id: r for r in _requests(store, visit.id)}
    names = _names(store, visit.id)
    for request_id, reason in sorted(outcome.left_out.items()):
        request = requests[request_id]
        print(f"  left out: {names[request.from_company_id]} → {names[request.to_company_id]} "
              f"({request.priority}): {reason}")


def _requests(store, visit_id: int):
    from planner.storage.queries import b2b as q

    return q.requests(store.db, visit_id)


def _names(store, visit_id: int) -> dict[int, str]:
    from planner.storage.queries import b2b as q

    return {c.id: c.name for c in q.companies(store.db, visit_id)}


def list_companies(args) -> None:
    from planner.storage.queries import b2b as q

    store = open_store(args)
    visit = pick_visit(store, args.visit)
    sectors = {s.id: s.name for s in store.sectors(visit.id)}
    rows = [{"id": c.id, "name": c.name, "native_name": c.native_name, "side": str(c.side),
             "sectors": [sectors[s] for s in c.sector_ids if s in sectors], "people": list(c.person_ids)}
            for c in q.companies(store.db, visit.id)]
    if not args.json:
        rows = [{**r, "sectors": ", ".join(r["sectors"]), "people": ", ".join(map(str, r["people"]))} for r in rows]
    print_table(rows, ["id", "name", "side", "sectors", "people"], args.json)


def list_talks(args) -> None:
    from planner.b2b import halls as h
    from planner.storage.queries import b2b as q

    store = open_store(args)
    visit = pick_visit(store, args.visit)
    halls = q.halls(store.db, visit.id)
    sessions = {s.id: (s, h.slots(s, halls[s.id])) for s in q.sessions(store.db, visit.id) if s.id in halls}
    companies = {c.id: c for c in q.companies(store.db, visit.id)}
    requests = {r.id: r for r in q.requests(store.db, visit.id)}
    rows = []
    for talk in q.talks(store.db, visit.id):
        if talk.meeting_id not in sessions:
            continue
        session, slots = sessions[talk.meeting_id]
        start, end = slots[talk.slot] if talk.slot < len(slots) else (session.starts_at(), session.ends_at())
        request = requests[talk.request_id]
        a, b = companies[request.from_company_id], companies[request.to_company_id]
        tables = halls[session.id].tables
        rows.append({"session_id": session.id, "start": start.isoformat(), "end": end.isoformat(),
                     "table": tables[talk.table] if talk.table < len(tables) else str(talk.table + 1),
                     "company_a": a.name, "company_b": b.name, "priority": str(request.priority),
                     "people": list(dict.fromkeys(a.person_ids + b.person_ids)), "locked": talk.locked,
                     "interpreter": talk.interpreter})
    if not args.json:
        rows = [{**r, "start": r["start"][11:16], "end": r["end"][11:16],
                 "people": ", ".join(map(str, r["people"]))} for r in rows]
    print_table(rows, ["session_id", "start", "end", "table", "company_a", "company_b", "priority"], args.json)


def run_print(args) -> None:
    from planner import reports
    from planner.storage.queries.b2b import b2b_data

    store = open_store(args)
    visit = pick_visit(store, args.visit)
    try:
        data = b2b_data(store, visit.id)
        if args.company:
            report = reports.company_schedule(data, args.company)
        else:
            report = reports.hall_plan(data)
    except reports.NotFound as exc:
        raise CliError(f"{exc} (see 'visit-planner list companies')") from None
    from planner import printing

    paper = args.paper or report.paper or "A4"
    try:
        pages = printing.write_pdf(report, args.pdf, paper)
    except printing.PrintError as exc:
        raise CliError(str(exc)) from None
    shape = " landscape" if report.landscape else ""
    print(f"Wrote the {report.furniture.document} to {args.pdf} ({pages} page{'s' if pages != 1 else ''}, "
          f"{paper}{shape})")
