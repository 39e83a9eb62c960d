"""What an import would do, worked out before anything is written: new, matched and changed people, problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from planner.domain import model as m
from planner.domain.text import first_control
from planner.domain.validation import SINGLE_LINE, errors, is_email, validate_person
from planner.roster.columns import FIELDS, MEMBER_FIELDS, PERSON_FIELDS, Mapping, label
from planner.roster.plain_rows import PERSON_COLUMNS, NewPeople, PersonRow, template
from planner.roster.reading import RosterError, Table
from planner.storage.bulk import collection_paused

SIDES = {"host": m.Side.HOST, "guest": m.Side.GUEST, "other": m.Side.OTHER,
         "принимающая": m.Side.HOST, "хозяева": m.Side.HOST, "гости": m.Side.GUEST, "гость": m.Side.GUEST,
         "гостевая": m.Side.GUEST, "другое": m.Side.OTHER}
ROLES = {**{str(r): r for r in m.MemberRole}, "liaison": m.MemberRole.LIAISON, "глава": m.MemberRole.HEAD,
         "руководитель": m.MemberRole.HEAD, "член": m.MemberRole.MEMBER, "участник": m.MemberRole.MEMBER,
         "переводчик": m.MemberRole.INTERPRETER, "офицер связи": m.MemberRole.LIAISON}
# Changes that concern the membership of the target delegation, not the person.
MEMBERSHIP_LABELS = {"Delegation", label("sector"), label("company"), label("role")}
# New people without a precedence column keep the order of the file, after everyone already ranked.
NEW_PRECEDENCE = 1000


@dataclass(frozen=True)
class RowProblem:
    row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


@dataclass
class Preview:
    visit_id: int
    table: Table
    mapping: Mapping
    new: NewPeople = field(default_factory=NewPeople)  # a sequence of PersonRow
    changed: list[PersonRow] = field(default_factory=list)
    unchanged: list[PersonRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    unknown_sectors: list[str] = field(default_factory=list)
    # unknown sector name -> id of an existing sector to file it under, or None to create it
    sector_choices: dict[str, int | None] = field(default_factory=dict)
    sectors: dict[str, int] = field(default_factory=dict)  # casefolded name -> id of the visit's sectors
    sector_names: dict[int, str] = field(default_factory=dict)
    delegation_name: str = ""
    delegation: m.Delegation | None = None
    side: m.Side = m.Side.GUEST
    notes: list[str] = field(default_factory=list)

    @property
    def matched(self) -> list[PersonRow]:
        return self.changed + self.unchanged

    @property
    def has_work(self) -> bool:
        return bool(self.new or self.changed)

    def sector_id(self, name: str) -> int | None:
        return self.sectors.get(name.casefold()) if name else None

    def summary(self) -> list[str]:
        """The preview as lines of text, for the command line and the dialog alike."""
        lines = [f"Read {len(self.table.rows)} rows from {self.table.source}."]
        target = self.delegation_name and (f"into the delegation '{self.delegation_name}'"
                                           + ("" if self.delegation else " (new)"))
        lines.append(f"New people: {len(self.new)}" + (f" {target}" if target else ""))
        for row in self.new:
            lines.append(f"  row {row.row}: {describe(row.person)}")
        lines.append(f"Matched existing people: {len(self.matched)} "
                     f"({len(self.changed)} with changes, {len(self.unchanged)} unchanged)")
        for row in self.changed:
            what = "; ".join(f"{k}: '{old}' -> '{new}'" for k, (old, new) in row.changes.items())
            lines.append(f"  row {row.row}: {describe(row.person)}: {what}")
        if self.unknown_sectors:
            lines.append(f"Unknown sectors: {len(self.unknown_sectors)}")
            for name in self.unknown_sectors:
                choice = self.sector_choices.get(name)
                lines.append(f"  {name}: " + (f"filed under '{self.sector_names.get(choice, choice)}'" if choice
                                              else "will be created"))
        lines.append(f"Rows with problems (not imported): {len(self.problems)}")
        lines += [f"  {p}" for p in self.problems]
        lines += self.notes
        return lines


def describe(person: m.Person) -> str:
    return ", ".join(x for x in (person.display_name, person.designation, person.organisation) if x)


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def person_key(name: str, organisation: str) -> tuple[str, str]:
    return _plain(name), _plain(organisation)


def _field_value(name: str, text: str):
    """A cell's text as the value of a person's field: (value, None), or (None, why the text cannot be it)."""
    if name == "side":
        side = SIDES.get(text.casefold())
        if side is None:
            return None, f"the side must be host, guest or other, not '{text}'"
        return side, None
    if name == "precedence":
        try:
            return (int(float(text)) if re.fullmatch(r"\d+(\.0+)?", text) else int(text)), None
        except ValueError:
            return None, f"the precedence must be a whole number, not '{text}'"
    if name == "languages":
        return tuple(lang.strip() for lang in re.split(r"[,;]", text) if lang.strip()), None
    if name == "country":
        return (text.upper() if len(text) == 2 else text), None
    return text, None


def _shown(person: m.Person, name: str) -> str:
    value = getattr(person, name)
    return ", ".join(value) if isinstance(value, tuple | list) else str(value)


@collection_paused()
def build_preview(store, visit_id: int, table: Table, mapping: Mapping, *, delegation: str = "",
                  side: m.Side | None = None, sector_choices: dict[str, int | None] | None = None) -> Preview:
    """Work out what importing ``table`` with ``mapping`` into the visit would change; writes nothing."""
    if "name" not in mapping.values():
        raise RosterError("no column is mapped to Name; choose the column that holds the names")
    columns = {f: i for i, f in mapping.items() if f in FIELDS}
    preview = Preview(visit_id, table, dict(mapping), delegation_name=delegation.strip())
    by_email, by_key = _known_people(store, visit_id)
    sectors = store.sectors(visit_id)
    preview.sectors = {s.name.casefold(): s.id for s in sectors}
    preview.sector_names = {s.id: s.name for s in sectors}
    members: dict[int, m.DelegationMember] = {}
    if preview.delegation_name:
        wanted = _plain(preview.delegation_name)
        preview.delegation = next((d for d in store.delegations(visit_id) if _plain(d.name) == wanted), None)
        if preview.delegation:
            members = {x.person_id: x for x in store.members(delegation_id=preview.delegation.id)}
    preview.side = side or (preview.delegation.side if preview.delegation else m.Side.GUEST)
    if not preview.delegation_name and any(f in columns for f in MEMBER_FIELDS):
        used = ", ".join(label(f) for f in MEMBER_FIELDS if f in columns)
        preview.notes.append(f"Note: the {used} column(s) are kept only when importing into a delegation.")

    # A choice naming a sector deleted since falls back to creating the sector.
    chosen = {k.casefold(): v for k, v in (sector_choices or {}).items() if v in preview.sector_names}
    seen: dict[object, int] = {}
    unknown: dict[str, str] = {}
    quick = QuickRows(preview, columns, by_email, by_key)
    for number, cells in table.rows:
        plain = quick.row(cells, len(preview.new))
        if plain is not None:
            _plain_row(preview, number, plain, seen, unknown)
            continue
        values = _values(columns, cells)
        if not any(values.values()):
            continue
        row = quick.unchanged(number, values)  # someone the visit holds, as the row has them
        if row is None:
            problem, row = _row(preview, number, values, by_email, by_key, len(preview.new))
            if problem:
                preview.problems.append(RowProblem(number, problem))
                continue
        keys = [("person", row.existing.id)] if row.existing else []
        if row.person.email:
            keys.append(("email", row.person.email.casefold()))
        keys.append(("name", person_key(row.person.name, row.person.organisation)))
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            preview.problems.append(RowProblem(number, f"duplicate of row {first} ({row.person.name})"))
            continue
        for k in keys:
            seen[k] = number
        if preview.delegation_name:
            _membership(preview, row, members, chosen)
            if row.sector and row.sector.casefold() not in preview.sectors:
                unknown.setdefault(row.sector.casefold(), row.sector)
        (preview.new if row.existing is None else preview.changed if row.changes else preview.unchanged).append(row)
    preview.unknown_sectors = sorted(unknown.values(), key=str.casefold)
    preview.sector_choices = {name: chosen.get(name.casefold()) for name in preview.unknown_sectors}
    return preview


def _values(columns: dict[str, int], cells: list[str]) -> dict[str, str]:
    """A row's text by field."""
    values = {f: cells[i] for f, i in columns.items() if i < len(cells)}
    if "organisation" not in columns and values.get("company"):
        # A business roster names only the company; it is the person's organisation too.
        values["organisation"] = values["company"]
    return values


def _known_people(store, visit_id: int) -> tuple[dict, dict]:
    """The visit's people by e-mail and by (name, organisation): one query; matching happens in memory."""
    people = store.people(visit_id)
    by_email = {p.email.casefold(): p for p in people if p.email}
    by_key = {}
    for p in people:
        by_key.setdefault(person_key(p.name, p.organisation), p)
    return by_email, by_key


def _plain_row(preview: Preview, number: int, plain, seen: dict, unknown: dict[str, str]) -> None:
    """The rest of build_preview's work for a row QuickRows read: the same duplicate check and sectors."""
    values, keys, sector, company, role = plain
    first = seen.get(keys[0])
    if first is None and len(keys) > 1:
        first = seen.get(keys[1])
    if first is not None:
        preview.problems.append(RowProblem(number, f"duplicate of row {first} ({values[QuickRows.NAME]})"))
        return
    for k in keys:
        seen[k] = number
    if preview.delegation_name and sector and sector.casefold() not in preview.sectors:
        unknown.setdefault(sector.casefold(), sector)
    preview.new.append_plain((number, values, sector, company, role))


class QuickRows:
    """A new person's row straight from the cells, for rows that need no more than reading (most of them).

    It gives what _row gives for the same cells, as a plain row
    (plain_rows.PERSON_COLUMNS), or None whenever _row might give something
    else: a person the visit already holds, a value to convert that does not
    convert, anything validate_person could object to. Those rows take _row's
    road, so every message stays _row's own.
    """

    NAME, EMAIL, PRECEDENCE = (PERSON_COLUMNS.index(f) for f in ("name", "email", "precedence"))
    SPECIAL = {"side", "precedence", "languages", "country"}  # what _field_value does more than keep the text

    def __init__(self, preview: Preview, columns: dict[str, int], by_email: dict, by_key: dict):
        self.by_email, self.by_key = by_email, by_key
        self.template = template(preview.visit_id, preview.side)
        organisation = columns.get("organisation", columns.get("company"))  # the company stands in
        where = {f: organisation if f == "organisation" else columns[f] for f in PERSON_FIELDS
                 if f in columns or (f == "organisation" and organisation is not None)}
        # (position in the row, column) of the fields kept as text; a new person's default for each is "",
        # so an empty cell may be written over it. The name is read first, apart.
        self.lines = [(PERSON_COLUMNS.index(f), i) for f, i in where.items()
                      if f in SINGLE_LINE and f not in self.SPECIAL and f != "name"]
        self.texts = [(PERSON_COLUMNS.index(f), i) for f, i in where.items()
                      if f not in SINGLE_LINE and f not in self.SPECIAL]
        self.specials = [(PERSON_COLUMNS.index(f), i, f) for f, i in where.items() if f in self.SPECIAL]
        self.checked = [PERSON_COLUMNS.index(f) for f in where if f != "precedence"]  # text to search for controls
        self.name, self.email, self.organisation = columns["name"], columns.get("email"), organisation
        self.sector, self.company, self.role = (columns.get(f) for f in ("sector", "company", "role"))
        self.width = max([*where.values(), *columns.values()]) + 1

    def row(self, cells: list[str], new_count: int):
        """(values, duplicate keys, sector, company, role) of a new person, or None for _row to decide."""
        if len(cells) < self.width:
            return None
        name = " ".join(cells[self.name].split())
        email = cells[self.email] if self.email is not None else ""
        if not name or email and email.casefold() in self.by_email:
            return None
        organisation = cells[self.organisation] if self.organisation is not None else ""
        key = (name.casefold(), " ".join(organisation.split()).casefold())  # person_key
        if key in self.by_key:
            return None
        row = self.template.copy()
        row[self.NAME] = name
        row[self.PRECEDENCE] = NEW_PRECEDENCE + new_count
        for position, column in self.lines:
            row[position] = " ".join(cells[column].split())
        for position, column in self.texts:
            row[position] = cells[column]
        for position, column, field_name in self.specials:
            text = cells[column]
            text = " ".join(text.split()) if field_name in SINGLE_LINE else text
            if text:
                row[position] = self._special(field_name, text)
                if row[position] is None:
                    return None
        role = None
        if self.role is not None and cells[self.role]:
            role = ROLES.get(cells[self.role].casefold())
            if role is None:
                return None
        email = row[self.EMAIL]
        if email and not is_email(email):
            return None
        # One-line fields lost any line break or tab above; elsewhere those are allowed, other controls never.
        text = "".join([row[i] for i in self.checked])
        if not (text.isprintable() or first_control(text, breaks_allowed=True) is None):
            return None
        keys = (("email", email.casefold()), ("name", key)) if email else (("name", key),)
        return (tuple(row), keys, cells[self.sector] if self.sector is not None else "",
                cells[self.company] if self.company is not None else "", role)

    def unchanged(self, number: int, values: dict[str, str]) -> PersonRow | None:
        """The row of a person the visit holds whom the row changes in nothing, as _row gives it; else None.

        Re-importing a roster matches every row; _row builds, copies and
        compares a person for each. Here each filled cell is compared with the
        person as they are, and only a person every field of whom the row
        leaves as is (and whom validate_person passes, as _row requires) is
        answered; everyone else takes _row's road.
        """
        name, email = values.get("name", ""), values.get("email", "")
        existing = self.by_email.get(email.casefold()) if email else None
        if existing is None and name:
            existing = self.by_key.get(person_key(name, values.get("organisation", "")))
        if existing is None or not name:
            return None
        for f, text in values.items():
            if f not in self.PERSON:
                continue
            text = " ".join(text.split()) if f in SINGLE_LINE else text
            if text and (f in self.SPECIAL and _field_value(f, text) != (getattr(existing, f), None)
                         or f not in self.SPECIAL and text != getattr(existing, f)):
                return None
        role = ROLES.get(values["role"].casefold()) if values.get("role") else None
        if values.get("role") and role is None or errors(validate_person(existing)):
            return None
        return PersonRow(number, existing, existing, sector=values.get("sector", ""),
                         company=values.get("company", ""), role=role)

    PERSON = frozenset(PERSON_FIELDS)

    @staticmethod
    def _special(name: str, text: str):
        value, reason = _field_value(name, text)
        if reason:
            return None
        if name == "precedence":
            return value if value >= 0 else None
        if name == "country":
            return value if len(value) == 2 and value.isascii() and value.isalpha() and value.isupper() else None
        if name == "languages":
            return ", ".join(value)
        return str(value) if name == "side" else value


def _row(preview: Preview, number: int, values: dict[str, str], by_email, by_key, new_count: int):
    name, email = values.get("name", ""), values.get("email", "")
    existing = by_email.get(email.casefold()) if email else None
    if existing is None and name:
        existing = by_key.get(person_key(name, values.get("organisation", "")))
    if existing is None:
        person = m.Person(preview.visit_id, name, side=preview.side, precedence=NEW_PRECEDENCE + new_count)
    else:
        person = existing
    reasons, given = [], {}
    for f in PERSON_FIELDS:
        text = values.get(f, "")
        if f in SINGLE_LINE:
            text = " ".join(text.split())  # a line break typed in a cell (Alt+Enter) is a space in a name
        if text:
            value, reason = _field_value(f, text)
            if reason:
                reasons.append(reason)
            else:
                given[f] = value
    person = replace(person, **given)
    reasons += [p.message for p in errors(validate_person(person)) if not (p.field == "name" and not name)]
    if not name:
        reasons.insert(0, "no name")
    if reasons:
        return "; ".join(reasons), None
    row = PersonRow(number, person, existing, sector=values.get("sector", ""), company=values.get("company", ""))
    if values.get("role"):
        row.role = ROLES.get(values["role"].casefold())
        if row.role is None:
            return f"the role must be one of {', '.join(map(str, m.MemberRole))}, not '{values['role']}'", None
    if existing is not None:
        for f in PERSON_FIELDS:
            if getattr(existing, f) != getattr(person, f):
                row.changes[label(f)] = (_shown(existing, f), _shown(person, f))
    return None, row


def _membership(preview: Preview, row: PersonRow, members: dict[int, m.DelegationMember],
                chosen: dict[str, int | None]) -> None:
    member = members.get(row.existing.id) if row.existing else None
    row.member = member
    if row.existing is None:
        return
    if member is None:
        row.joins = True
        row.changes["Delegation"] = ("", preview.delegation_name)
        return
    old_sector = preview.sector_names.get(member.sector_id, "") if member.sector_id else ""
    if row.sector:
        # An unknown sector filed under an existing one is that one.
        sector_id = preview.sectors.get(row.sector.casefold(), chosen.get(row.sector.casefold()))
        if sector_id is None or sector_id != member.sector_id:
            row.changes[label("sector")] = (old_sector, preview.sector_names.get(sector_id, row.sector))
    if row.company and row.company != member.company:
        row.changes[label("company")] = (member.company, row.company)
    if row.role and row.role != member.role:
        row.changes[label("role")] = (str(member.role), str(row.role))
