"""The people directory's reads: filters, memberships, companies, sector counts, delete effects (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.model import DelegationMember, MemberRole, Person, Side
from planner.storage.rows import person_from

if TYPE_CHECKING:
    from sqlite_utils import Database


def precedence_order(alias: str = "") -> str:
    """planner.domain.precedence.precedence_key written in SQL, for the people table (or its ``alias``)."""
    p = f"{alias}." if alias else ""
    return (f"{p}precedence, CASE {p}side WHEN 'host' THEN 0 WHEN 'guest' THEN 1 WHEN 'other' THEN 2 ELSE 3 END, "
            f"casefold({p}name), {p}id")


SEARCHED = ("name", "native_name", "designation", "organisation", "email")


@dataclass(frozen=True)
class PeopleFilter:
    """What the user narrowed the directory to; None or '' means 'any'."""

    side: Side | None = None
    delegation_id: int | None = None
    sector_id: int | None = None
    company: str | None = None
    text: str = ""


def prepare(db: Database) -> None:
    """Teach the connection Python's casefold, so SQL sorts names as precedence_key does."""
    db.conn.create_function("casefold", 1, lambda text: (text or "").casefold(), deterministic=True)


def people_count(db: Database, visit_id: int) -> int:
    return db.execute("SELECT count(*) FROM people WHERE visit_id = ?", [visit_id]).fetchone()[0]


def people_by_id(db: Database, person_ids: list[int]) -> list[Person]:
    """These people in the order asked (a page of the directory); ids no longer there are left out."""
    found: dict[int, Person] = {}
    for start in range(0, len(person_ids), 500):  # SQLite limits the number of parameters
        chunk = person_ids[start:start + 500]
        cursor = db.execute(f"SELECT * FROM people WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        names = [c[0] for c in cursor.description]
        found.update((row[0], person_from(dict(zip(names, row)))) for row in cursor.fetchall())
    return [found[i] for i in person_ids if i in found]


def sector_members(db: Database, delegation_id: int, sector_id: int | None) -> list[tuple[Person, DelegationMember]]:
    """A delegation's members in one sector (None: those without one), in precedence order."""
    prepare(db)
    sector_clause = "m.sector_id IS NULL" if sector_id is None else "m.sector_id = ?"
    cursor = db.execute(
        "SELECT p.*, m.id AS member_id, m.role AS member_role, m.company AS member_company "
        f"FROM delegation_members m JOIN people p ON p.id = m.person_id "
        f"WHERE m.delegation_id = ? AND {sector_clause} ORDER BY {precedence_order('p')}",
        [delegation_id] + ([] if sector_id is None else [sector_id]))
    names = [c[0] for c in cursor.description]
    found = []
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        person = person_from(row)
        found.append((person, DelegationMember(id=row["member_id"], delegation_id=delegation_id, person_id=person.id,
                                               role=MemberRole(row["member_role"]), sector_id=sector_id,
                                               company=row["member_company"] or "")))
    return found


def memberships_of(db: Database, person_ids_: list[int]) -> dict[int, list[tuple[str, str, str]]]:
    """(delegation, sector, company) of each person, for the directory's columns."""
    if not person_ids_:
        return {}
    marks = ",".join("?" * len(person_ids_))
    found: dict[int, list[tuple[str, str, str]]] = {}
    for person_id, delegation, sector, company in db.execute(
        "SELECT m.person_id, d.name, coalesce(s.name, ''), coalesce(m.company, '') FROM delegation_members m "
        "JOIN delegations d ON d.id = m.delegation_id LEFT JOIN sectors s ON s.id = m.sector_id "
        f"WHERE m.person_id IN ({marks}) ORDER BY m.id", person_ids_,
    ):
        found.setdefault(person_id, []).append((delegation, sector, company))
    return found


def companies(db: Database, visit_id: int) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT DISTINCT m.company FROM delegation_members m JOIN delegations d ON d.id = m.delegation_id "
        "WHERE d.visit_id = ? AND coalesce(m.company, '') != '' ORDER BY m.company COLLATE NOCASE", [visit_id])]


def sector_counts(db: Database, delegation_id: int) -> dict[int | None, int]:
    """Members of a delegation per sector (None: no sector)."""
    return {sector: n for sector, n in db.execute(
        "SELECT sector_id, count(*) FROM delegation_members WHERE delegation_id = ? GROUP BY sector_id",
        [delegation_id])}


@dataclass(frozen=True)
class DeletionEffects:
    """What deleting a person takes with them, or leaves empty."""

    attendances: int = 0
    memberships: int = 0
    presenting: int = 0
    organising: int = 0


def deletion_effects(db: Database, person_id: int) -> DeletionEffects:
    def count(sql: str) -> int:
        return db.execute(sql, [person_id]).fetchone()[0]

    return DeletionEffects(
        count("SELECT count(*) FROM attendees WHERE person_id = ?"),
        count("SELECT count(*) FROM delegation_members WHERE person_id = ?"),
        count("SELECT count(*) FROM agenda_items WHERE presenter_id = ?"),
        count("SELECT count(*) FROM meetings WHERE organiser_id = ?"),
    )


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def delete_question(name: str, effects: DeletionEffects) -> str:
    """The confirmation text: who goes, and what goes with them."""
    goes = []
    if effects.attendances:
        goes.append(f"their place at {_plural(effects.attendances, 'meeting', 'meetings')}")
    if effects.memberships:
        goes.append(_plural(effects.memberships, "delegation membership", "delegation memberships"))
    emptied = []
    if effects.presenting:
        emptied.append(f"presenter of {_plural(effects.presenting, 'agenda item', 'agenda items')}")
    if effects.organising:
        emptied.append(f"organiser of {_plural(effects.organising, 'meeting', 'meetings')}")
    text = f"Delete {name}?"
    if goes:
        text += "\n\nThis also removes " + " and ".join(goes) + "."
    if emptied:
        text += "\nThey will no longer be " + " or ".join(emptied) + "."
    return text + "\n\nYou can undo this with Ctrl+Z."
