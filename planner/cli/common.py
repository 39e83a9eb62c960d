"""What every command needs: the store, the visit it works on, and tidy output."""

from __future__ import annotations

import argparse
import json
import sys

from planner.cli import CliError
from planner.locations import resolve_database


def database_path(args: argparse.Namespace):
    return resolve_database(getattr(args, "db", None))


def open_store(args: argparse.Namespace, *, create: bool = False, writes: bool = True):
    """The store of --db (or its defaults); a missing file is an error unless ``create``.

    A read-only file is refused with one line for a command that ``writes``; others read it as it is.
    """
    from planner.storage.database import ReadOnlyDatabase, open_database
    from planner.storage.store import Store

    path = database_path(args)
    if not create and not path.exists():
        raise CliError(f"there is no database at {path}; make one with 'visit-planner demo --db {path}'")
    try:
        return Store(open_database(path, create=create))
    except ReadOnlyDatabase:
        if writes:
            raise
    return Store(open_database(path, read_only=True))


def pick_visit(store, visit_id: int | None):
    """The visit named by --visit, or the only visit in the database."""
    if visit_id is not None:
        visit = store.visit(visit_id)
        if visit is None:
            raise CliError(f"there is no visit {visit_id} in this database (see 'visit-planner list visits')")
        return visit
    visits = store.visits()
    if not visits:
        raise CliError("this database holds no visit yet")
    if len(visits) > 1:
        raise CliError(f"this database holds {len(visits)} visits; choose one with --visit ID "
                       "(see 'visit-planner list visits')")
    return visits[0]


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a valid id")
    return value


def print_table(rows: list[dict], columns: list[str], as_json: bool, out=None) -> None:
    out = out or sys.stdout
    if as_json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if not rows:
        out.write("(none)\n")
        return
    cells = [[("" if row.get(c) is None else str(row.get(c))) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    out.write("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    for r in cells:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() + "\n")
