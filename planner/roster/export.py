"""Write people, a delegation or the business delegation by sector to CSV (UTF-8 with BOM) or .xlsx."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from planner.domain import model as m
from planner.domain.precedence import precedence_key
from planner.roster.cells import keep_quotes, neutralise
from planner.roster.columns import MEMBER_FIELDS, label
from planner.roster.reading import RosterError

# The order a protocol officer reads a list in; headers are the labels the importer recognises.
EXPORT_FIELDS = ["precedence", "side", "honorific", "name", "native_name", "designation", "organisation",
                 "second_designation", "second_organisation", "country", "email", "phone", "languages", "dietary", "notes"]
SUFFIXES = (".csv", ".xlsx")


def roster(store, visit_id: int, *, delegation_id: int | None = None,
           sector_id: int | None = None) -> tuple[list[str], list[list], str]:
    """Headers, rows and a sheet title: the people in precedence order, a delegation's by sector when business."""
    if delegation_id is None:
        people = store.people(visit_id, sector_id=sector_id)
        rows = [[_value(p, f) for f in EXPORT_FIELDS] for p in people]
        return [label(f) for f in EXPORT_FIELDS], rows, "People"
    delegation = store.get(m.Delegation, delegation_id)
    if delegation is None or delegation.visit_id != visit_id:
        raise RosterError(f"there is no delegation {delegation_id} in this visit")
    sectors = store.sectors(visit_id)
    sector_names = {s.id: s.name for s in sectors}
    sector_order = {s.id: n for n, s in enumerate(sectors)}
    people = {p.id: p for p in store.people(visit_id, delegation_id=delegation_id)}
    members = [x for x in store.members(delegation_id=delegation_id)
               if sector_id is None or x.sector_id == sector_id]
    if delegation.kind == m.DelegationKind.BUSINESS:
        # The business delegation is read sector by sector, the most senior first within each.
        def key(x):
            return (sector_order.get(x.sector_id, len(sectors)), precedence_key(people[x.person_id]))
    else:
        def key(x):
            return precedence_key(people[x.person_id])
    rows = []
    for member in sorted(members, key=key):
        person = people[member.person_id]
        extra = {"role": str(member.role), "sector": sector_names.get(member.sector_id, ""),
                 "company": member.company}
        rows.append([_value(person, f) for f in EXPORT_FIELDS] + [extra[f] for f in MEMBER_FIELDS])
    return [label(f) for f in EXPORT_FIELDS + MEMBER_FIELDS], rows, delegation.name


def _value(person: m.Person, name: str):
    value = getattr(person, name)
    if isinstance(value, tuple | list):
        return ", ".join(value)
    if isinstance(value, int):
        return value
    return str(value)


def export_people(store, visit_id: int, path: str | Path, *, delegation_id: int | None = None,
                  sector_id: int | None = None) -> int:
    """Write the roster to ``path`` (.csv or .xlsx); returns the number of people written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise RosterError(f"cannot write '{path.name}': the file must end in .csv or .xlsx")
    if not path.parent.is_dir():
        raise RosterError(f"cannot write '{path}': there is no folder {path.parent}")
    headers, rows, title = roster(store, visit_id, delegation_id=delegation_id, sector_id=sector_id)
    # Written beside the target and then moved over it, so a failure never leaves half a file.
    handle, temporary = tempfile.mkstemp(suffix=suffix, prefix=".roster-", dir=path.parent)
    os.close(handle)
    try:
        if suffix == ".csv":
            write_csv(temporary, headers, rows)
        else:
            write_xlsx(temporary, headers, rows, title)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(rows)


def write_csv(path: str | Path, headers: list[str], rows: list[list]) -> None:
    # The BOM tells Excel the file is UTF-8, so Cyrillic and Urdu open correctly.
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([neutralise(c) if isinstance(c, str) else c for c in row] for row in rows)


def write_xlsx(path: str | Path, headers: list[str], rows: list[list], title: str = "People") -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "People"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # The reader takes one quote off '=... (a CSV of ours saved from Excel); keep such text whole.
        sheet.append([keep_quotes(ILLEGAL_CHARACTERS_RE.sub("", c)) if isinstance(c, str) else c for c in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r"):
                # Stored as text with Excel's own quote prefix: shown as typed, never evaluated,
                # and read back unchanged.
                cell.data_type = "s"
                cell.quotePrefix = True
    sheet.freeze_panes = "A2"
    for column, header in zip(sheet.columns, headers):
        width = max([len(header)] + [len(str(c.value or "")) for c in column[1:200]])
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 50)
    book.save(path)
