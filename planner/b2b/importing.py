"""Meeting requests from the spreadsheets chambers of commerce send: read, previewed, then written in one step."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planner.b2b.model import Company, MeetingRequest, Priority, parse_priority
from planner.domain.model import Side
from planner.roster.columns import plain_header
from planner.roster.reading import Table, read_table
from planner.storage import b2b_store
from planner.storage.changes import Changes, Removed
from planner.storage.queries import b2b as q

# column -> headers that mean it, in English and Russian (compared without case, spaces or punctuation)
HEADERS = {
    "company": ["company", "company name", "requesting company", "from", "компания", "наименование компании",
                "организация", "предприятие"],
    "target": ["wants to meet", "wants to meet with", "meet", "meeting with", "counterpart", "target company",
               "хочет встретиться с", "хочет встретиться", "встреча с", "партнер", "партнёр"],
    "priority": ["priority", "приоритет", "важность"],
    "note": ["note", "notes", "comment", "comments", "remarks", "примечание", "примечания", "комментарий"],
    "side": ["side", "сторона"],
}
_ALIASES = {plain_header(a): column for column, aliases in HEADERS.items() for a in aliases}
SIDE_WORDS = {"host": Side.HOST, "guest": Side.GUEST, "other": Side.OTHER, "принимающая": Side.HOST,
              "гость": Side.GUEST, "гостевая": Side.GUEST}


class RequestFileError(ValueError):
    """The file cannot be read as meeting requests; the message says why, in one line."""


@dataclass
class RequestPreview:
    """What an import would write: new companies, new requests, and rows left out with the reason."""

    visit_id: int
    new_companies: list[Company] = field(default_factory=list)
    requests: list[tuple[str, str, Priority, str]] = field(default_factory=list)  # from, to, priority, note
    already: int = 0  # requests the visit holds already
    problems: list[tuple[int, str]] = field(default_factory=list)  # row number, reason
    source: str = ""

    def lines(self) -> list[str]:
        found = [f"{len(self.requests)} new meeting request(s), {len(self.new_companies)} new company(ies)"
                 + (f", {self.already} already known" if self.already else "")]
        found += [f"  new company: {c.name} ({c.side})" for c in self.new_companies]
        found += [f"  {a} → {b} ({p})" + (f": {note}" if note else "") for a, b, p, note in self.requests]
        found += [f"  row {n}: {reason}" for n, reason in self.problems]
        return found


def columns_of(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        column = _ALIASES.get(plain_header(header))
        if column and column not in found:
            found[column] = index
    missing = [c for c in ("company", "target") if c not in found]
    if missing:
        names = {"company": "Company (Компания)", "target": "Wants to meet (Хочет встретиться с)"}
        raise RequestFileError("the file has no column " + " and no column ".join(names[c] for c in missing))
    return found


def preview_file(store, visit_id: int, path: str | Path, sheet: str | None = None) -> RequestPreview:
    table = read_table(path, sheet)
    preview = build_preview(store, visit_id, table)
    preview.source = table.source
    return preview


def build_preview(store, visit_id: int, table: Table) -> RequestPreview:
    columns = columns_of(table.headers)
    known = {c.name.casefold(): c for c in q.companies(store.db, visit_id)}
    asked = {(r.from_company_id, r.to_company_id) for r in q.requests(store.db, visit_id)}
    preview = RequestPreview(visit_id)
    new: dict[str, Company] = {}
    seen: set[tuple[str, str]] = set()

    def cell(values, column):
        index = columns.get(column)
        return values[index].strip() if index is not None and index < len(values) else ""

    def company(name: str, side: Side) -> Company:
        key = name.casefold()
        if key in known:
            return known[key]
        if key not in new:
            new[key] = Company(visit_id, name, side=side)
            preview.new_companies.append(new[key])
        return new[key]

    for number, values in table.rows:
        name, targets = cell(values, "company"), cell(values, "target")
        if not name and not targets:
            continue
        if not name or not targets:
            preview.problems.append((number, "no company" if not name else f"{name} names nobody to meet"))
            continue
        priority_text = cell(values, "priority")
        priority = parse_priority(priority_text) if priority_text else Priority.SHOULD
        if priority is None:
            preview.problems.append((number, f"'{priority_text}' is not a priority (must, should or could)"))
            continue
        side = SIDE_WORDS.get(cell(values, "side").casefold(), Side.GUEST)
        asker = company(name, side)
        for target in [t.strip() for t in targets.replace("\n", ";").split(";") if t.strip()]:
            other_side = Side.HOST if asker.side == Side.GUEST else Side.GUEST
            wanted = company(target, other_side)
            key = (asker.name.casefold(), wanted.name.casefold())
            if key[0] == key[1]:
                preview.problems.append((number, f"{name} cannot ask to meet itself"))
            elif key in seen:
                preview.problems.append((number, f"{name} → {target} is on an earlier row already"))
            elif asker.id and wanted.id and (asker.id, wanted.id) in asked:
                preview.already += 1
            else:
                seen.add(key)
                preview.requests.append((asker.name, wanted.name, priority, cell(values, "note")))
    return preview


@dataclass
class RequestImport:
    """What an import wrote, so that undo takes it back in one step."""

    companies: list[int]
    requests: list[int]
    changes: Changes


def apply_preview(store, preview: RequestPreview) -> RequestImport:
    with store.atomic():
        made, changes = [], Changes()
        for company in preview.new_companies:
            stored, change = b2b_store.add_company(store, company)
            made.append(stored.id)
            changes.merge(change)
        ids = {c.name.casefold(): c.id for c in q.companies(store.db, preview.visit_id)}
        added, change = b2b_store.add_requests(store, [
            MeetingRequest(preview.visit_id, ids[a.casefold()], ids[b.casefold()], priority, note)
            for a, b, priority, note in preview.requests])
        changes.merge(change)
    return RequestImport(made, [r.id for r in added], changes)


def undo_import(store, done: RequestImport) -> Removed:
    removed = Removed()
    with store.atomic():
        store.delete_many("b2b_requests", done.requests, removed)
        store.delete_many("companies", done.companies, removed)
    return removed
