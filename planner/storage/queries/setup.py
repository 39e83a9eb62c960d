"""Reads for setting a visit up: delegations with their members, sectors and venues with where each is used (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class DelegationRow:
    id: int
    name: str
    side: str
    kind: str
    members: int
    head: str  # the head's name, or ''


def delegation_rows(db: Database, visit_id: int) -> list[DelegationRow]:
    """The visit's delegations, host side first, each with its number of members and its head."""
    rows = db.execute(
        "SELECT d.id, d.name, d.side, d.kind, "
        "(SELECT count(*) FROM delegation_members m WHERE m.delegation_id = d.id), "
        "coalesce((SELECT trim(coalesce(p.honorific, '') || ' ' || p.name) FROM delegation_members m "
        "JOIN people p ON p.id = m.person_id WHERE m.delegation_id = d.id AND m.role = 'head' "
        "ORDER BY p.precedence, m.id LIMIT 1), '') "
        "FROM delegations d WHERE d.visit_id = ? "
        "ORDER BY CASE d.side WHEN 'host' THEN 0 WHEN 'guest' THEN 1 ELSE 2 END, d.id", [visit_id]).fetchall()
    return [DelegationRow(*row) for row in rows]


@dataclass(frozen=True)
class SectorUse:
    """Where a sector is used: a sector in use cannot simply be deleted."""

    members: int = 0
    meetings: int = 0
    agenda_items: int = 0

    def __bool__(self) -> bool:
        return bool(self.members or self.meetings or self.agenda_items)

    def describe(self) -> str:
        parts = [f"{n} {word if n == 1 else word + 's'}" for n, word in (
            (self.members, "delegation member"), (self.meetings, "meeting"), (self.agenda_items, "agenda item")) if n]
        return ", ".join(parts)


def sector_use(db: Database, sector_id: int) -> SectorUse:
    def count(table: str) -> int:
        return db.execute(f"SELECT count(*) FROM {table} WHERE sector_id = ?", [sector_id]).fetchone()[0]

    return SectorUse(count("delegation_members"), count("meetings"), count("agenda_items"))


def meetings_at_venue(db: Database, venue_id: int) -> list[str]:
    """Titles of the meetings held at a venue, in time order."""
    return [row[0] for row in db.execute("SELECT title FROM meetings WHERE venue_id = ? ORDER BY starts_at, id",
                                         [venue_id])]


@dataclass(frozen=True)
class VenueRow:
    id: int
    name: str
    address: str
    city: str
    capacity: int | None
    meetings: int


def venue_rows(db: Database, visit_id: int) -> list[VenueRow]:
    rows = db.execute(
        "SELECT v.id, v.name, coalesce(v.address, ''), coalesce(v.city, ''), v.capacity, "
        "(SELECT count(*) FROM meetings m WHERE m.venue_id = v.id) FROM venues v WHERE v.visit_id = ? "
        "ORDER BY v.name COLLATE NOCASE, v.id", [visit_id]).fetchall()
    return [VenueRow(*row) for row in rows]


def visit_choices(db: Database, but: int | None = None) -> list[tuple[int, str]]:
    """(id, 'title (first day)') of every visit in the database, the latest first: what a copy can start from."""
    return [(row[0], f"{row[1]} ({row[2]})") for row in db.execute(
        "SELECT id, title, first_day FROM visits WHERE id != ? ORDER BY first_day DESC, id DESC", [but or -1])]
