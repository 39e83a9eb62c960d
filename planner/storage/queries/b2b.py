"""B2B reads: companies, meeting requests, halls of B2B sessions and the placed talks (no Qt)."""

from __future__ import annotations

import json
from collections import defaultdict

from planner.b2b.model import Company, Hall, Interpreters, MeetingRequest, Origin, Priority, Talk
from planner.domain.model import Meeting, MeetingKind, Side
from planner.storage.rows import CODECS


def _rows(db, sql: str, params=()) -> list[dict]:
    cursor = db.execute(sql, list(params))
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def _links(db, table: str, column: str, visit_id: int) -> dict[int, tuple[int, ...]]:
    found: dict[int, list[int]] = defaultdict(list)
    for company_id, other in db.execute(
            f"SELECT l.company_id, l.{column} FROM {table} l JOIN companies c ON c.id = l.company_id "
            f"WHERE c.visit_id = ? ORDER BY l.company_id, l.rowid", [visit_id]):
        found[company_id].append(other)
    return {k: tuple(v) for k, v in found.items()}


def company_from(row: dict, sectors: tuple[int, ...] = (), people: tuple[int, ...] = ()) -> Company:
    return Company(id=row["id"], visit_id=row["visit_id"], name=row["name"], native_name=row["native_name"] or "",
                   side=Side(row["side"]), city=row["city"] or "", offers=row["offers"] or "",
                   seeks=row["seeks"] or "", sector_ids=sectors, person_ids=people)


def companies(db, visit_id: int) -> list[Company]:
    """The visit's companies by name, each with its sectors and representatives."""
    sectors = _links(db, "company_sectors", "sector_id", visit_id)
    people = _links(db, "company_representatives", "person_id", visit_id)
    return [company_from(r, sectors.get(r["id"], ()), people.get(r["id"], ()))
            for r in _rows(db, "SELECT * FROM companies WHERE visit_id = ? ORDER BY name COLLATE NOCASE, id",
                           [visit_id])]


def company(db, company_id: int) -> Company | None:
    rows = _rows(db, "SELECT * FROM companies WHERE id = ?", [company_id])
    if not rows:
        return None
    sectors = tuple(r[0] for r in db.execute(
        "SELECT sector_id FROM company_sectors WHERE company_id = ? ORDER BY rowid", [company_id]))
    people = tuple(r[0] for r in db.execute(
        "SELECT person_id FROM company_representatives WHERE company_id = ? ORDER BY rowid", [company_id]))
    return company_from(rows[0], sectors, people)


def request_from(row: dict) -> MeetingRequest:
    return MeetingRequest(id=row["id"], visit_id=row["visit_id"], from_company_id=row["from_company_id"],
                          to_company_id=row["to_company_id"], priority=Priority(row["priority"]),
                          note=row["note"] or "", origin=Origin(row["origin"]))


def requests(db, visit_id: int) -> list[MeetingRequest]:
    return [request_from(r) for r in _rows(db, "SELECT * FROM b2b_requests WHERE visit_id = ? ORDER BY id",
                                           [visit_id])]


def hall_from(row: dict) -> Hall:
    return Hall(meeting_id=row["meeting_id"], tables=tuple(json.loads(row["tables"])),
                slot_minutes=row["slot_minutes"],
                breaks=tuple(tuple(b) for b in json.loads(row["breaks"] or "[]")),
                max_talks_per_company=row["max_talks_per_company"],
                interpreters=tuple(Interpreters(*i) for i in json.loads(row["interpreters"] or "[]")))


def halls(db, visit_id: int) -> dict[int, Hall]:
    """meeting id -> hall, for the visit's B2B sessions that have one."""
    return {r["meeting_id"]: hall_from(r) for r in _rows(
        db, "SELECT h.* FROM b2b_halls h JOIN meetings m ON m.id = h.meeting_id WHERE m.visit_id = ?", [visit_id])}


def hall(db, meeting_id: int) -> Hall | None:
    rows = _rows(db, "SELECT * FROM b2b_halls WHERE meeting_id = ?", [meeting_id])
    return hall_from(rows[0]) if rows else None


def sessions(db, visit_id: int) -> list[Meeting]:
    """The visit's B2B sessions (meetings of kind B2B), in time order, cancelled ones left out."""
    decode = CODECS["meetings"][1]
    return [decode(r) for r in _rows(
        db, "SELECT * FROM meetings WHERE visit_id = ? AND kind = ? AND status != 'cancelled' "
            "ORDER BY starts_at, id", [visit_id, str(MeetingKind.B2B)])]


def talk_from(row: dict) -> Talk:
    return Talk(id=row["id"], meeting_id=row["meeting_id"], request_id=row["request_id"], slot=row["slot"],
                table=row["table_no"], locked=bool(row["locked"]), interpreter=row["interpreter"] or "")


def talks(db, visit_id: int) -> list[Talk]:
    return [talk_from(r) for r in _rows(
        db, "SELECT t.* FROM b2b_talks t JOIN meetings m ON m.id = t.meeting_id WHERE m.visit_id = ? "
            "ORDER BY m.starts_at, t.meeting_id, t.slot, t.table_no", [visit_id])]


def member_companies(db, visit_id: int) -> list[tuple[str, str, int | None, int]]:
    """(company text, side, sector id, person id) of every membership naming a company."""
    return [tuple(r) for r in db.execute(
        "SELECT trim(m.company), d.side, m.sector_id, m.person_id FROM delegation_members m "
        "JOIN delegations d ON d.id = m.delegation_id WHERE d.visit_id = ? AND trim(coalesce(m.company, '')) != '' "
        "ORDER BY m.id", [visit_id])]


def request_row_dict(db, request_id: int) -> dict:
    rows = _rows(db, "SELECT * FROM b2b_requests WHERE id = ?", [request_id])
    return rows[0] if rows else {}


def b2b_data(store, visit_id: int):
    """The visit's B2B plan as plain values, for the documents and lists; NotFound for an unknown visit."""
    from planner.b2b.model import B2BData
    from planner.domain.documents import NotFound

    visit = store.visit(visit_id)
    if visit is None:
        raise NotFound(f"there is no visit {visit_id} in this database")
    db = store.db
    all_halls = halls(db, visit_id)
    found = {c.id: c for c in companies(db, visit_id)}
    wanted = {p for c in found.values() for p in c.person_ids}
    return B2BData(visit, [s for s in sessions(db, visit_id) if s.id in all_halls], all_halls, found,
                   {r.id: r for r in requests(db, visit_id)}, talks(db, visit_id),
                   {p.id: p for p in store.people(visit_id) if p.id in wanted},
                   {v.id: v.name for v in store.venues(visit_id)})
