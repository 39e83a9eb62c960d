"""Apply a previewed import in one transaction, and take it back again (undo and redo)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planner.domain import model as m
from planner.domain.text import first_control
from planner.domain.validation import Problem, ValidationError, raise_for_errors, text_problems
from planner.roster.plain_rows import MEMBER_COLUMNS, PERSON_COLUMNS
from planner.roster.preview import MEMBERSHIP_LABELS, Preview
from planner.storage import bulk
from planner.storage.batches import insert_rows, write_compact
from planner.storage.bulk import collection_paused
from planner.storage.changes import Changes, Removed
from planner.storage.rows import TABLE_OF


@dataclass
class ImportResult:
    """What an import wrote: enough to report it and to undo it exactly."""

    visit_id: int = 0
    # The new people and their memberships are named by id only (their ``added`` objects are not built).
    changes: Changes = field(default_factory=Changes)
    created: list[tuple[str, int]] = field(default_factory=list)  # (table, id) in the order written
    updated: list[tuple[object, object]] = field(default_factory=list)  # (before, after)

    def count(self, table: str) -> int:
        return sum(1 for t, _ in self.created if t == table)

    def summary(self) -> str:
        people_updated = sum(1 for before, _ in self.updated if isinstance(before, m.Person))
        parts = [f"{_people(self.count('people'))} added", f"{people_updated} updated"]
        if self.count("delegation_members"):
            parts.append(f"{_people(self.count('delegation_members'))} added to the delegation")
        if self.count("sectors"):
            parts.append(f"{self.count('sectors')} sector{'s' if self.count('sectors') != 1 else ''} created")
        if self.count("delegations"):
            parts.append("the delegation created")
        return "Imported: " + ", ".join(parts) + "."


@collection_paused()
def apply_import(store, preview: Preview) -> ImportResult:
    """Write every accepted row of the preview, all or nothing."""
    result = ImportResult(preview.visit_id)

    def add(obj):
        return add_all([obj])[0]

    def add_all(objects) -> list:
        """Add the objects; returns them as stored, with their ids."""
        added = store.add_many(objects)
        result.changes.merge(added)
        result.created += [(_table(obj), obj.id) for obj in added.added]
        return added.added

    def update(before, after) -> None:
        result.changes.merge(store.update(after))
        result.updated.append((before, after))

    with store.atomic():
        delegation_id = None
        if preview.delegation_name:
            delegation = preview.delegation
            if delegation is None:
                business = preview.new.in_business() or any(r.sector or r.company for r in preview.matched)
                delegation = add(m.Delegation(preview.visit_id, preview.delegation_name,
                                              m.DelegationKind.BUSINESS if business else m.DelegationKind.OFFICIAL,
                                              preview.side))
            delegation_id = delegation.id
        sectors = dict(preview.sectors)
        for name in preview.unknown_sectors:
            chosen = preview.sector_choices.get(name)
            # The preview may be older than the visit: check against the store, not the preview.
            if chosen is not None and store.get(m.Sector, chosen) is None:
                raise ValidationError([Problem("sector", f"The sector chosen for '{name}' no longer exists.")])
            if chosen is None:
                chosen = add(m.Sector(preview.visit_id, name)).id
            sectors[name.casefold()] = chosen
        _add_new_people(store, preview, delegation_id, sectors, result)
        for row in preview.changed:
            if any(k not in MEMBERSHIP_LABELS for k in row.changes):
                update(row.existing, row.person)
            if delegation_id is None:
                continue
            sector_id = sectors.get(row.sector.casefold()) if row.sector else None
            if row.member is None:
                add(m.DelegationMember(delegation_id, row.existing.id, row.role or m.MemberRole.MEMBER,
                                       sector_id, row.company))
            else:
                member = row.member
                after = replace(member, sector_id=sector_id if row.sector else member.sector_id,
                                company=row.company or member.company, role=row.role or member.role)
                if after != row.member:
                    update(row.member, after)
    return result


def _add_new_people(store, preview: Preview, delegation_id: int | None, sectors: dict[str, int],
                    result: ImportResult) -> None:
    """The new people and their memberships: one statement and one change-log entry for each table.

    Their rows were checked once, in the preview (validate_person, or QuickRows
    for what it surely passes), and go in as the preview holds them.
    """
    plain = preview.new.plain()
    people = insert_rows(store, "people", PERSON_COLUMNS, [row[1] for row in plain], preview.visit_id)
    _created(result, "people", people)
    if delegation_id is None:
        return
    member = str(m.MemberRole.MEMBER)
    members = [(delegation_id, person_id, str(role) if role else member,
                sectors.get(sector.casefold()) if sector else None, company)
               for person_id, (_n, _values, sector, company, role) in zip(people, plain)]
    _check_companies(members)
    _created(result, "delegation_members", insert_rows(store, "delegation_members", MEMBER_COLUMNS, members,
                                                       preview.visit_id, refused=m.DelegationMember(0, 0)))


def _check_companies(members: list[tuple]) -> None:
    """The control-character check Store gives a membership, over all the companies at once."""
    at = MEMBER_COLUMNS.index("company")
    text = "".join(row[at] for row in members)
    if text.isprintable() or first_control(text, breaks_allowed=True) is None:
        return
    for row in members:
        raise_for_errors(text_problems(m.DelegationMember(**dict(zip(MEMBER_COLUMNS, row)))))


def _created(result: ImportResult, table: str, ids) -> None:
    result.changes.tables.setdefault(table, set()).update(ids)
    result.created += [(table, record_id) for record_id in ids]


@collection_paused()
def undo_import(store, result: ImportResult) -> Removed:
    """Take an import back: old versions first, then delete what it created (kept for redo)."""
    removed = Removed()
    with store.atomic():
        for before, _after in reversed(result.updated):
            removed.changes.merge(store.update(before))
        # Newest first, one table at a time: members before people, people before sectors and the delegation.
        groups: list[tuple[str, list[int]]] = []
        for table, record_id in reversed(result.created):
            if groups and groups[-1][0] == table:
                groups[-1][1].append(record_id)
            else:
                groups.append((table, [record_id]))
        for table, ids in groups:
            bulk.delete_many(store, table, ids, removed, write=write_compact)
    return removed


@collection_paused()
def redo_import(store, result: ImportResult, removed: Removed) -> Changes:
    """Do an undone import again with the same ids, so later steps on the undo stack still fit."""
    with store.atomic():
        changes = bulk.restore_many(store, removed, write=write_compact)
        for _before, after in result.updated:
            changes.merge(store.update(after))
    return changes


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _table(obj) -> str:
    return TABLE_OF[type(obj)]
