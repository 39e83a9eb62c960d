"""The import people and export people commands: delegation rosters from and to CSV and Excel."""

from __future__ import annotations

import argparse

from planner.cli import CliError
from planner.cli.common import open_store, pick_visit, positive_int


def register(verbs: dict, common: argparse.ArgumentParser) -> None:
    imp = verbs["import"].add_parser(
        "people", parents=[common], help="read people from a CSV or .xlsx roster",
        description="Read people from a CSV (any common delimiter and encoding) or .xlsx roster. Prints what "
                    "would change, then applies it in one transaction unless --dry-run. People are matched "
                    "to existing ones by e-mail, else by name and organisation; rows with problems are "
                    "reported by row number and left out.")
    imp.add_argument("file", metavar="FILE", help="the roster: .csv or .xlsx")
    imp.add_argument("--visit", type=positive_int, metavar="ID", help="the visit (needed when there are several)")
    imp.add_argument("--delegation", metavar="NAME", default="",
                     help="put the people into this delegation (created if needed) with the row's sector and company")
    imp.add_argument("--dry-run", action="store_true", help="print what would change and write nothing")
    imp.add_argument("--sheet", metavar="NAME", help="the sheet of an .xlsx file (default: the first)")
    imp.add_argument("--column", action="append", default=[], metavar="HEADER=FIELD",
                     help="map a column by its header to a field (name, designation, organisation, company, "
                          "sector, email, ...; 'ignore' to skip it); repeatable")
    imp.add_argument("--map-sector", action="append", default=[], metavar="NAME=SECTOR",
                     help="file an unknown sector under an existing one instead of creating it; repeatable")
    imp.add_argument("--side", choices=["host", "guest", "other"],
                     help="side of new people (default: the delegation's, else guest)")
    imp.add_argument("--mapping", metavar="JSON",
                     help="remember column choices in this file: read before guessing, updated after import")
    imp.set_defaults(handler=import_people)

    exp = verbs["export"].add_parser(
        "people", parents=[common], help="write people to a CSV or .xlsx roster",
        description="Write the visit's people (or one delegation's, by sector for a business delegation) in "
                    "precedence order to CSV (UTF-8 with BOM) or .xlsx. Cells that a spreadsheet would run as "
                    "formulas are written as text.")
    exp.add_argument("--visit", type=positive_int, metavar="ID", help="the visit (needed when there are several)")
    exp.add_argument("--out", required=True, metavar="FILE", help="the file to write: .csv or .xlsx")
    exp.add_argument("--delegation", metavar="ID|NAME", help="only this delegation, with role, sector and company")
    exp.add_argument("--sector", metavar="ID|NAME", help="only the people of this sector")
    exp.set_defaults(handler=export_people)


def _pairs(items: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CliError(f"{option} takes HEADER=VALUE, not '{item}'")
        pairs[key.strip()] = value.strip()
    return pairs


def import_people(args) -> None:
    from planner.domain.model import Side
    from planner.roster.apply import apply_import
    from planner.roster.columns import (
        FIELDS,
        field_named,
        guess_mapping,
        load_remembered,
        plain_header,
        remember,
        set_column,
    )
    from planner.roster.preview import build_preview
    from planner.roster.reading import RosterError, read_table

    store = open_store(args)
    visit = pick_visit(store, args.visit)
    try:
        table = read_table(args.file, args.sheet)
        mapping = guess_mapping(table.headers, load_remembered(args.mapping))
        headers = [plain_header(h) for h in table.headers]
        for header, text in _pairs(args.column, "--column").items():
            try:
                field = field_named(text)
            except KeyError:
                raise CliError(f"--column: '{text}' is not a field; choose from {', '.join(FIELDS)} or ignore") from None
            if plain_header(header) not in headers:
                raise CliError(f"--column: the file has no column '{header}'")
            mapping = set_column(mapping, headers.index(plain_header(header)), field)
        sectors = {s.name.casefold(): s.id for s in store.sectors(visit.id)}
        choices = {}
        for name, target in _pairs(args.map_sector, "--map-sector").items():
            if target.casefold() not in sectors:
                raise CliError(f"--map-sector: there is no sector '{target}' in this visit")
            choices[name] = sectors[target.casefold()]
        preview = build_preview(store, visit.id, table, mapping, delegation=args.delegation,
                                side=Side(args.side) if args.side else None,
                                sector_choices=choices)
    except RosterError as exc:
        raise CliError(str(exc)) from None
    print(f"Columns: {', '.join(f'{table.headers[i]} -> {FIELDS[f][0]}' for i, f in sorted(mapping.items()))}")
    for line in preview.summary():
        print(line)
    if args.dry_run:
        print("Dry run: nothing was written.")
        return
    if not preview.has_work:
        print("Nothing to import: the visit already holds every row.")
    else:
        print(apply_import(store, preview).summary())
    if args.mapping:
        remember(args.mapping, table.headers, mapping)


def _find(items, text: str, what: str):
    for item in items:
        if text.isdigit() and item.id == int(text) or item.name.casefold() == text.casefold():
            return item
    raise CliError(f"there is no {what} '{text}' in this visit (see 'visit-planner list {what}s')"
                   if what == "sector" else f"there is no {what} '{text}' in this visit")


def export_people(args) -> None:
    from planner.roster.export import export_people as write
    from planner.roster.reading import RosterError

    store = open_store(args, writes=False)
    visit = pick_visit(store, args.visit)
    delegation = _find(store.delegations(visit.id), args.delegation, "delegation") if args.delegation else None
    sector = _find(store.sectors(visit.id), args.sector, "sector") if args.sector else None
    try:
        count = write(store, visit.id, args.out, delegation_id=delegation.id if delegation else None,
                      sector_id=sector.id if sector else None)
    except RosterError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:  # a read-only folder or a file open in Excel on Windows
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"Wrote {count} {'person' if count == 1 else 'people'} to {args.out}")
