"""The calendar commands: export ics (invites, cancellations, programme) and import ics."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner.cli import CliError
from planner.cli.common import open_store, pick_visit, positive_int


def register(verbs: dict, common: argparse.ArgumentParser) -> None:
    export = verbs["export"].add_parser(
        "ics", parents=[common], help="write calendar invites, cancellations or the programme (.ics)",
        description="Write an iCalendar file: invites (request), a cancellation (cancel; this also marks the "
                    "meetings cancelled and raises their sequence) or a read-only programme (publish).")
    scope = export.add_mutually_exclusive_group(required=True)
    scope.add_argument("--visit", type=positive_int, metavar="ID", help="every meeting of the visit")
    scope.add_argument("--meeting", type=positive_int, metavar="ID", help="one meeting")
    scope.add_argument("--person", type=positive_int, metavar="ID", help="one person's itinerary")
    scope.add_argument("--sector", type=positive_int, metavar="ID", help="one sector's meetings")
    export.add_argument("--method", choices=["request", "cancel", "publish"], default="request",
                        help="request: invites (default); cancel: cancellation; publish: read-only programme")
    export.add_argument("--out", metavar="FILE|DIR", required=True,
                        help="where to write: a folder (one file per meeting) or, for a programme or one meeting, "
                             "an .ics file")
    export.add_argument("--eml", metavar="DIR", help="also write one e-mail (.eml) per meeting into DIR")
    export.set_defaults(handler=run_export)

    read = verbs["import"].add_parser(
        "ics", parents=[common], help="read meetings and people from a calendar file (.ics)",
        description="Import the events of an iCalendar file into a visit. Meetings are matched by UID, so "
                    "importing the same file again updates them; people are matched by e-mail.")
    read.add_argument("--visit", type=positive_int, metavar="ID", required=True, help="the visit to import into")
    read.add_argument("--dry-run", action="store_true", help="show what would change and write nothing")
    read.add_argument("file", metavar="FILE",
                      help="an .ics file (invites, updates, cancellations, replies, counter-proposals), a saved "
                           "mail (.eml) holding one, or a folder of them")
    read.set_defaults(handler=run_import)


def _check_out(out: Path, method: str) -> None:
    from planner.mail.outbox import is_folder

    if method == "publish" or not is_folder(out):
        if out.is_dir():
            raise CliError(f"{out} is a folder; a programme is one file: give a file name for --out")
        if not out.parent.is_dir():
            raise CliError(f"the folder {out.parent} does not exist")
    elif out.exists() and not out.is_dir():
        raise CliError(f"--out {out} is a file, not a folder")


def run_export(args) -> None:
    from planner.domain.invitations import ExportError, Scope
    from planner.mail.outbox import check_target, export, load, write_files

    out = Path(args.out)
    _check_out(out, args.method)
    if args.eml and Path(args.eml).exists() and not Path(args.eml).is_dir():
        raise CliError(f"--eml {args.eml} is a file, not a folder")
    store = open_store(args)
    scope = Scope(visit_id=args.visit, meeting_id=args.meeting, person_id=args.person, sector_id=args.sector)
    try:
        # One transaction: a cancellation is stored only if its files were written.
        with store.atomic():
            programme, meetings = load(store, scope)
            check_target(out, args.method, len([x for x in meetings if args.method != "request"
                                                 or x.status.value != "cancelled"]))
            result = export(store, scope, args.method)
            files = write_files(result, out)
            written = []
            if args.eml:
                from planner.mail.imip import write_emails

                written = write_emails(programme, result, Path(args.eml))
    except ExportError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {exc.filename or out}: {exc.strerror}") from None
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    kind = {"request": "invite(s)", "cancel": "cancellation(s)", "publish": "programme entries"}[args.method]
    where = out if len(files) == 1 and files[0] == out else f"{out} ({len(files)} file(s), one per meeting)"
    print(f"Wrote {len(result.meetings)} {kind} to {where}" + (f" and {len(written)} e-mail(s) to {args.eml}"
                                                              if args.eml else ""))


def run_import(args) -> None:
    from planner.ical.reading import ImportRefused
    from planner.mail.inbox import calendar_files, import_files

    path = Path(args.file)
    if not path.exists():
        raise CliError(f"there is no file {path}")
    store = open_store(args)
    pick_visit(store, args.visit)  # --visit is required, so this only checks that it exists
    try:
        files = calendar_files(path)
        plans, _outcome = import_files(store, args.visit, files, dry_run=args.dry_run)
    except ImportRefused as exc:
        raise CliError(f"{exc}; nothing was imported") from None
    except OSError as exc:
        raise CliError(f"cannot read {exc.filename or path}: {exc.strerror}") from None
    for label, plan in plans:
        if len(plans) > 1:
            print(f"{label}:")
        for line in plan.summary():
            print(("  " if len(plans) > 1 else "") + line)
    if args.dry_run:
        print("Dry run: nothing was written.")
        return
    if all(plan.empty for _label, plan in plans):
        print("Nothing to change.")
        return
    new, updated = sum(len(p.new) for _l, p in plans), sum(len(p.updated) for _l, p in plans)
    replies, counters = sum(len(p.replies) for _l, p in plans), sum(len(p.counters) for _l, p in plans)
    print(f"Imported {path.name}: {new} new and {updated} updated meeting(s)"
          + (f", {replies} reply(ies) and {counters} counter-proposal(s)" if replies or counters else "") + ".")
