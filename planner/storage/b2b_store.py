"""B2B writes: companies, meeting requests, halls and the plan of talks; each call is one transaction, logged."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace

from planner.b2b.model import Company, Hall, MeetingRequest, Talk
from planner.domain import model as m
from planner.domain.validation import Problem, ValidationError
from planner.storage import bulk
from planner.storage.changes import Changes, Removed
from planner.storage.queries import b2b as q


def _refuse(field_name: str, message: str) -> ValidationError:
    return ValidationError([Problem(field_name, message)])


def _log(store, entries) -> None:
    bulk.write_log(store.db, store.stamp(), entries)


# -- companies -------------------------------------------------------------

def company_row(company: Company) -> dict:
    return {"id": company.id, "visit_id": company.visit_id, "name": company.name.strip(),
            "native_name": company.native_name.strip(), "side": str(company.side), "city": company.city,
            "offers": company.offers, "seeks": company.seeks}


def _check_company(store, company: Company) -> None:
    name = company.name.strip()
    if not name:
        raise _refuse("name", "A company needs a name.")
    clash = store.db.execute("SELECT id FROM companies WHERE visit_id = ? AND name = ? COLLATE NOCASE AND id IS NOT ?",
                             [company.visit_id, name, company.id]).fetchone()
    if clash:
        raise _refuse("name", f"There is already a company called '{name}'.")


def _write_links(store, company_id: int, table: str, column: str, ids: tuple[int, ...], visit_id: int) -> None:
    old = [r[0] for r in store.db.execute(f"SELECT {column} FROM {table} WHERE company_id = ? ORDER BY rowid",
                                          [company_id])]
    if old == list(dict.fromkeys(ids)):
        return
    store.db.execute(f"DELETE FROM {table} WHERE company_id = ?", [company_id])
    entries = [(table, None, "delete", {"company_id": company_id, column: x}, None, visit_id) for x in old]
    for x in dict.fromkeys(ids):
        store.db.execute(f"INSERT INTO {table} (company_id, {column}) VALUES (?, ?)", [company_id, x])
        entries.append((table, None, "insert", None, {"company_id": company_id, column: x}, visit_id))
    _log(store, entries)


def add_company(store, company: Company) -> tuple[Company, Changes]:
    """Store a new company with its sectors and representatives; returns it with its id."""
    _check_company(store, company)
    row = company_row(company)
    row.pop("id")
    try:
        with store.atomic():
            store.db["companies"].insert(row)
            new_id = store.db.execute("SELECT last_insert_rowid()").fetchone()[0]
            _log(store, [("companies", new_id, "insert", None, {**row, "id": new_id}, company.visit_id)])
            _write_links(store, new_id, "company_sectors", "sector_id", company.sector_ids, company.visit_id)
            _write_links(store, new_id, "company_representatives", "person_id", company.person_ids,
                         company.visit_id)
    except sqlite3.IntegrityError:
        raise _refuse("id", "A sector or representative of this company no longer exists.") from None
    return replace(company, id=new_id), Changes().add("companies", new_id)


def update_company(store, company: Company) -> Changes:
    _check_company(store, company)
    old = q.company(store.db, company.id)
    if old is None:
        raise _refuse("id", "That company no longer exists.")
    before, after = company_row(old), company_row(company)
    diff = {k: after[k] for k in after if before[k] != after[k]}
    try:
        with store.atomic():
            if diff:
                store.db["companies"].update(company.id, diff)
                _log(store, [("companies", company.id, "update", {k: before[k] for k in diff}, diff,
                              company.visit_id)])
            _write_links(store, company.id, "company_sectors", "sector_id", company.sector_ids, company.visit_id)
            _write_links(store, company.id, "company_representatives", "person_id", company.person_ids,
                         company.visit_id)
    except sqlite3.IntegrityError:
        raise _refuse("id", "A sector or representative of this company no longer exists.") from None
    return Changes().add("companies", company.id)


def delete_company(store, company_id: int) -> Removed:
    """Delete a company with its requests and their talks; ``store.restore`` puts them back."""
    return store.delete("companies", company_id)


def companies_from_memberships(store, visit_id: int) -> tuple[list[Company], Changes]:
    """Make a company of every delegation membership's company text the visit has no company for yet,
    and make its members representatives of it."""
    known = {c.name.casefold(): c for c in q.companies(store.db, visit_id)}
    wanted: dict[str, dict] = {}
    for text, side, sector_id, person_id in q.member_companies(store.db, visit_id):
        entry = wanted.setdefault(text.casefold(), {"name": text, "side": side, "sectors": [], "people": []})
        if sector_id is not None and sector_id not in entry["sectors"]:
            entry["sectors"].append(sector_id)
        if person_id not in entry["people"]:
            entry["people"].append(person_id)
    made, changes = [], Changes()
    with store.atomic():
        for key, entry in wanted.items():
            old = known.get(key)
            if old is None:
                new, change = add_company(store, Company(visit_id, entry["name"], side=m.Side(entry["side"]),
                                                         sector_ids=tuple(entry["sectors"]),
                                                         person_ids=tuple(entry["people"])))
                made.append(new)
                changes.merge(change)
                continue
            people = tuple(dict.fromkeys(old.person_ids + tuple(entry["people"])))
            sectors = tuple(dict.fromkeys(old.sector_ids + tuple(entry["sectors"])))
            if people != old.person_ids or sectors != old.sector_ids:
                changes.merge(update_company(store, replace(old, person_ids=people, sector_ids=sectors)))
    return made, changes


# -- meeting requests ------------------------------------------------------

def request_row(request: MeetingRequest) -> dict:
    return {"id": request.id, "visit_id": request.visit_id, "from_company_id": request.from_company_id,
            "to_company_id": request.to_company_id, "priority": str(request.priority), "note": request.note,
            "origin": str(request.origin)}


def _check_request(store, request: MeetingRequest) -> None:
    if request.from_company_id == request.to_company_id:
        raise _refuse("to_company_id", "A company cannot ask to meet itself.")
    names = {}
    for company_id in (request.from_company_id, request.to_company_id):
        found = q.company(store.db, company_id)
        if found is None or found.visit_id != request.visit_id:
            raise _refuse("to_company_id", "That company is not in this visit.")
        names[company_id] = found.name
    clash = store.db.execute(
        "SELECT id FROM b2b_requests WHERE from_company_id = ? AND to_company_id = ? AND id IS NOT ?",
        [request.from_company_id, request.to_company_id, request.id]).fetchone()
    if clash:
        raise _refuse("to_company_id", f"{names[request.from_company_id]} already asked to meet "
                                       f"{names[request.to_company_id]}.")


def add_request(store, request: MeetingRequest) -> tuple[MeetingRequest, Changes]:
    _check_request(store, request)
    row = request_row(request)
    row.pop("id")
    with store.atomic():
        store.db["b2b_requests"].insert(row)
        new_id = store.db.execute("SELECT last_insert_rowid()").fetchone()[0]
        _log(store, [("b2b_requests", new_id, "insert", None, {**row, "id": new_id}, request.visit_id)])
    return replace(request, id=new_id), Changes().add("b2b_requests", new_id)


def add_requests(store, requests: list[MeetingRequest]) -> tuple[list[MeetingRequest], Changes]:
    """Several requests in one transaction (an import, accepted suggestions)."""
    added, changes = [], Changes()
    with store.atomic():
        for request in requests:
            new, change = add_request(store, request)
            added.append(new)
            changes.merge(change)
    return added, changes


def update_request(store, request: MeetingRequest) -> Changes:
    _check_request(store, request)
    old = store.db.execute("SELECT * FROM b2b_requests WHERE id = ?", [request.id]).fetchone()
    if old is None:
        raise _refuse("id", "That meeting request no longer exists.")
    before = q.request_row_dict(store.db, request.id)
    after = request_row(request)
    diff = {k: after[k] for k in after if before[k] != after[k]}
    if diff:
        with store.atomic():
            store.db["b2b_requests"].update(request.id, diff)
            _log(store, [("b2b_requests", request.id, "update", {k: before[k] for k in diff}, diff,
                          request.visit_id)])
    return Changes().add("b2b_requests", request.id)


def delete_request(store, request_id: int) -> Removed:
    return store.delete("b2b_requests", request_id)


# -- halls -----------------------------------------------------------------

def hall_row(hall: Hall) -> dict:
    return {"meeting_id": hall.meeting_id, "tables": json.dumps(list(hall.tables), ensure_ascii=False),
            "slot_minutes": hall.slot_minutes, "breaks": json.dumps([list(b) for b in hall.breaks]),
            "max_talks_per_company": hall.max_talks_per_company,
            "interpreters": json.dumps([[i.language_a, i.language_b, i.count] for i in hall.interpreters],
                                       ensure_ascii=False)}


def check_hall(hall: Hall) -> list[Problem]:
    problems = []
    if not hall.tables:
        problems.append(Problem("tables", "The hall needs at least one table."))
    if len({t.strip().casefold() for t in hall.tables}) != len(hall.tables) or any(not t.strip() for t in hall.tables):
        problems.append(Problem("tables", "Every table needs a name of its own."))
    if not 5 <= hall.slot_minutes <= 240:
        problems.append(Problem("slot_minutes", "A slot lasts between 5 and 240 minutes."))
    if hall.max_talks_per_company is not None and hall.max_talks_per_company < 1:
        problems.append(Problem("max_talks_per_company", "At most 0 talks would leave the hall empty."))
    for start, end in hall.breaks:
        if not (_clock(start) is not None and _clock(end) is not None and _clock(start) < _clock(end)):
            problems.append(Problem("breaks", f"The break {start}–{end} is not a time span like 15:00–15:15."))
    for pool in hall.interpreters:
        if not pool.language_a.strip() or not pool.language_b.strip() or pool.count < 1:
            problems.append(Problem("interpreters", "Interpreters need two languages and a number of at least 1."))
    return problems


def _clock(text: str) -> int | None:
    try:
        hours, minutes = (int(x) for x in text.split(":"))
    except (ValueError, AttributeError):
        return None
    return hours * 60 + minutes if 0 <= hours < 24 and 0 <= minutes < 60 else None


def set_hall(store, hall: Hall) -> tuple[Hall | None, Changes]:
    """Give a B2B session its hall (or change it); returns the hall it had before, for undo."""
    problems = check_hall(hall)
    if problems:
        raise ValidationError(problems)
    meeting = store.meeting(hall.meeting_id)
    if meeting is None or meeting.kind != m.MeetingKind.B2B:
        raise _refuse("meeting_id", "Only a B2B session has a hall.")
    old = q.hall(store.db, hall.meeting_id)
    row = hall_row(hall)
    with store.atomic():
        store.db["b2b_halls"].upsert(row, pk="meeting_id")
        _log(store, [("b2b_halls", hall.meeting_id, "update" if old else "insert",
                      hall_row(old) if old else None, row, meeting.visit_id)])
    return old, Changes().add("b2b_halls", hall.meeting_id)


def remove_hall(store, meeting_id: int) -> tuple[Hall | None, Changes]:
    old = q.hall(store.db, meeting_id)
    if old is None:
        return None, Changes()
    meeting = store.meeting(meeting_id)
    with store.atomic():
        store.db.execute("DELETE FROM b2b_talks WHERE meeting_id = ?", [meeting_id])
        store.db.execute("DELETE FROM b2b_halls WHERE meeting_id = ?", [meeting_id])
        _log(store, [("b2b_halls", meeting_id, "delete", hall_row(old), None, meeting.visit_id)])
    return old, Changes().add("b2b_halls", meeting_id).add("b2b_talks", None)


# -- the plan --------------------------------------------------------------

@dataclass
class PlanChange:
    """What set_plan did, so that undo puts back the talks and the session attendees exactly."""

    visit_id: int
    before: list[Talk]
    after: list[Talk]
    added_attendees: list[int] = field(default_factory=list)
    removed_attendees: Removed = field(default_factory=Removed)
    changes: Changes = field(default_factory=Changes)


def talk_row(talk: Talk) -> dict:
    return {"id": talk.id, "meeting_id": talk.meeting_id, "request_id": talk.request_id, "slot": talk.slot,
            "table_no": talk.table, "locked": int(talk.locked), "interpreter": talk.interpreter}


def _check_plan(talks: list[Talk]) -> None:
    places, asked = set(), set()
    for talk in talks:
        place = (talk.meeting_id, talk.slot, talk.table)
        if place in places:
            raise _refuse("table", "Two talks cannot share a table in the same slot.")
        if talk.request_id in asked:
            raise _refuse("request_id", "A meeting request is placed only once.")
        places.add(place)
        asked.add(talk.request_id)


def _write_talks(store, visit_id: int, talks: list[Talk], keep_ids: bool) -> list[Talk]:
    old = q.talks(store.db, visit_id)
    store.db.execute("DELETE FROM b2b_talks WHERE meeting_id IN (SELECT id FROM meetings WHERE visit_id = ?)",
                     [visit_id])
    entries = [("b2b_talks", t.id, "delete", talk_row(t), None, visit_id) for t in old]
    written = []
    for talk in talks:
        row = talk_row(talk)
        if not keep_ids or row["id"] is None:
            row.pop("id")
        store.db["b2b_talks"].insert(row)
        new_id = store.db.execute("SELECT last_insert_rowid()").fetchone()[0]
        written.append(replace(talk, id=new_id))
        entries.append(("b2b_talks", new_id, "insert", None, {**row, "id": new_id}, visit_id))
    _log(store, entries)
    return written


def set_plan(store, visit_id: int, talks: list[Talk]) -> PlanChange:
    """Replace the visit's talks with ``talks``; each B2B session's attendees follow the plan."""
    _check_plan(talks)
    before = q.talks(store.db, visit_id)
    try:
        with store.atomic():
            after = _write_talks(store, visit_id, talks, keep_ids=False)
            change = PlanChange(visit_id, before, after)
            _follow_plan(store, visit_id, {t.meeting_id for t in before} | {t.meeting_id for t in after}, change)
    except sqlite3.IntegrityError:
        raise _refuse("request_id", "A talk refers to a request or session that no longer exists.") from None
    change.changes.add("b2b_talks", None)
    return change


def undo_plan(store, change: PlanChange) -> Changes:
    """Put back the talks and attendees a set_plan replaced."""
    with store.atomic():
        _write_talks(store, change.visit_id, change.before, keep_ids=True)
        if change.added_attendees:
            store.delete_many("attendees", change.added_attendees)
        store.restore(change.removed_attendees)
    return Changes().add("b2b_talks", None).add("attendees", None)


def _follow_plan(store, visit_id: int, meeting_ids: set[int], change: PlanChange) -> None:
    """Each session touched gets the representatives of its companies as attendees, and loses the others'."""
    requests = {r.id: r for r in q.requests(store.db, visit_id)}
    people_of = {c.id: c.person_ids for c in q.companies(store.db, visit_id)}
    representatives = {p for people in people_of.values() for p in people}
    for meeting_id in sorted(meeting_ids):
        wanted: list[int] = []
        for talk in change.after:
            if talk.meeting_id == meeting_id:
                request = requests[talk.request_id]
                for company_id in (request.from_company_id, request.to_company_id):
                    wanted += [p for p in people_of.get(company_id, ()) if p not in wanted]
        present = {a.person_id: a for a in store.attendees(meeting_id=meeting_id)}
        for person_id in wanted:
            if person_id not in present:
                change.added_attendees.append(store.insert(m.Attendee(meeting_id, person_id)).id)
        for person_id, attendee in present.items():
            if person_id in representatives and person_id not in wanted:
                store.delete_many("attendees", [attendee.id], change.removed_attendees)
        change.changes.add("attendees", None)
