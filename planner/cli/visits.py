"""'new visit' (optionally like an earlier one) and the lists of a visit's delegations and venues."""

from __future__ import annotations

import argparse
from datetime import date

from planner.cli import CliError
from planner.cli.common import database_path, open_store, pick_visit, positive_int, print_table

KINDS = ("state", "official", "working", "virtual")


def register(verbs: dict, common: argparse.ArgumentParser) -> None:
    new = verbs["new"].add_parser(
        "visit", parents=[common], help="create a visit (and the database if it is missing)",
        description="Create a visit and print its id. With --like, the earlier visit's people, delegations, "
                    "sectors and venues (with travel times) come along.")
    new.add_argument("--title", required=True, metavar="TEXT", help="the visit's title")
    new.add_argument("--host", required=True, metavar="CC", help="the host country: ISO code such as PK (or its name)")
    new.add_argument("--guest", required=True, metavar="CC", help="the guest country: ISO code such as TJ")
    new.add_argument("--from", dest="first_day", required=True, metavar="YYYY-MM-DD", help="the first day")
    new.add_argument("--to", dest="last_day", required=True, metavar="YYYY-MM-DD", help="the last day")
    new.add_argument("--zone", required=True, metavar="IANA", help="the visit's time zone, such as Asia/Karachi")
    new.add_argument("--home-zone", metavar="IANA", help="the home office's zone (default: the visit's)")
    new.add_argument("--kind", choices=KINDS, default="official", help="the kind of visit (default: official)")
    new.add_argument("--organiser", metavar='"NAME <E-MAIL>"',
                     help="the protocol office that sends the invites, e.g. \"Protocol Division <protocol@mofa.gov.pk>\"")
    new.add_argument("--like", type=positive_int, metavar="VISIT_ID",
                     help="copy this visit's people, delegations, sectors and venues")
    new.set_defaults(handler=new_visit)
    for noun, handler in (("delegations", list_delegations), ("venues", list_venues)):
        sub = verbs["list"].add_parser(noun, parents=[common], help=f"list the {noun}")
        sub.add_argument("--visit", type=positive_int, metavar="ID", help="the visit (needed when there are several)")
        sub.add_argument("--json", action="store_true", help="print JSON, one object per row")
        sub.set_defaults(handler=handler)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option} '{text}' is not a date; write it as YYYY-MM-DD") from None


def _country(text: str, option: str) -> str:
    from planner.domain.countries import find_country

    found = find_country(text)
    if found is None:
        raise CliError(f"{option} '{text}' is not a country; give its ISO 3166 code, such as PK or TJ")
    return found.code


def visit_from_args(args):
    """The visit the options describe, checked before anything is opened or written."""
    from planner.domain.model import Organiser, Visit, VisitKind
    from planner.domain.validation import ValidationError, errors, validate_visit

    first, last = _day(args.first_day, "--from"), _day(args.last_day, "--to")
    organiser = Organiser.parse(args.organiser) if args.organiser is not None else None
    visit = Visit(args.title.strip(), VisitKind(args.kind), _country(args.host, "--host"),
                  _country(args.guest, "--guest"), first, last, args.zone, args.home_zone or args.zone,
                  organiser=organiser)
    problems = errors(validate_visit(visit))
    if problems:
        options = {"last_day": "--to", "zone": "--zone", "home_zone": "--home-zone", "title": "--title",
                   "organiser_email": "--organiser", "organiser_name": "--organiser"}
        raise ValidationError([type(p)(p.field, f"{options.get(p.field, p.field)}: {p.message}") for p in problems])
    return visit


def new_visit(args) -> None:
    from planner.storage.visit_setup import CopyParts, copy_visit

    visit = visit_from_args(args)
    if args.like is not None and not database_path(args).exists():
        raise CliError(f"--like {args.like}: there is no database at {database_path(args)} to copy from")
    store = open_store(args, create=args.like is None)
    if args.like is not None:
        pick_visit(store, args.like)  # says so when there is no such visit
    with store.atomic():
        changes = store.add(visit)
        new_id = max(changes.ids("visits"))
        if args.like is not None:
            copy_visit(store, args.like, new_id, CopyParts())
    print(new_id)


def list_delegations(args) -> None:
    from planner.storage.queries.setup import delegation_rows

    store = open_store(args, writes=False)
    visit = pick_visit(store, args.visit)
    rows = [{"id": r.id, "name": r.name, "side": r.side, "kind": r.kind, "members": r.members, "head": r.head}
            for r in delegation_rows(store.db, visit.id)]
    print_table(rows, ["id", "name", "side", "kind", "members", "head"], args.json)


def list_venues(args) -> None:
    from planner.storage.queries.setup import venue_rows

    store = open_store(args, writes=False)
    visit = pick_visit(store, args.visit)
    rows = [{"id": r.id, "name": r.name, "address": r.address, "city": r.city, "capacity": r.capacity,
             "meetings": r.meetings} for r in venue_rows(store.db, visit.id)]
    print_table(rows, ["id", "name", "address", "city", "capacity", "meetings"], args.json)
