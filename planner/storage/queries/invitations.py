"""Reads for calendar files and invitations: which meetings a file covers and the plain data it is made from."""

from __future__ import annotations

from collections import Counter, defaultdict

from planner.domain import model as m
from planner.domain.invitations import ExportError, InvitationSent, Programme, Scope, VisitCalendar
from planner.storage.rows import CODECS


def _list(db, table: str, where: str, params: list, order: str = "id") -> list:
    cursor = db.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY {order}", params)
    names = [c[0] for c in cursor.description]
    decode = CODECS[table][1]
    return [decode(dict(zip(names, row))) for row in cursor.fetchall()]


def _one(db, table: str, record_id: int):
    found = _list(db, table, "id = ?", [record_id])
    return found[0] if found else None


def meetings_of_visit(db, visit_id: int) -> list[m.Meeting]:
    return _list(db, "meetings", "visit_id = ?", [visit_id], order="starts_at, id")


def agenda_of_visit(db, visit_id: int) -> dict[int, list[m.AgendaItem]]:
    items: dict[int, list[m.AgendaItem]] = defaultdict(list)
    for item in _list(db, "agenda_items", "meeting_id IN (SELECT id FROM meetings WHERE visit_id = ?)",
                      [visit_id], order="meeting_id, position, id"):
        items[item.meeting_id].append(item)
    return dict(items)


def programme(db, visit_id: int) -> Programme:
    """Everything an export of the visit needs, one read per table."""
    attendees: dict[int, list[m.Attendee]] = defaultdict(list)
    for attendee in _list(db, "attendees", "meeting_id IN (SELECT id FROM meetings WHERE visit_id = ?)",
                          [visit_id]):
        attendees[attendee.meeting_id].append(attendee)
    people = {p.id: p for p in _list(db, "people", "visit_id = ?", [visit_id])}
    organisers = Counter(x.organiser_id for x in meetings_of_visit(db, visit_id)
                         if x.organiser_id in people and people[x.organiser_id].email)
    return Programme(_one(db, "visits", visit_id), people,
                     {v.id: v for v in _list(db, "venues", "visit_id = ?", [visit_id], order="name")},
                     dict(attendees), agenda_of_visit(db, visit_id),
                     organisers.most_common(1)[0][0] if organisers else None,
                     {s.id: s for s in _list(db, "sectors", "visit_id = ?", [visit_id])})


def select(db, scope: Scope) -> tuple[int, list[m.Meeting]]:
    """(visit id, meetings in programme order) for ``scope``; ExportError naming what is missing."""
    if scope.meeting_id is not None:
        meeting = _one(db, "meetings", scope.meeting_id)
        if meeting is None:
            raise ExportError(f"there is no meeting {scope.meeting_id} in this database")
        return meeting.visit_id, [meeting]
    if scope.meeting_ids:
        found = [_one(db, "meetings", i) for i in scope.meeting_ids]
        missing = [str(i) for i, x in zip(scope.meeting_ids, found) if x is None]
        if missing:
            raise ExportError(f"there is no meeting {', '.join(missing)} in this database")
        visits = {x.visit_id for x in found}
        if len(visits) > 1:
            raise ExportError("the selected meetings belong to different visits")
        return visits.pop(), sorted(found, key=lambda x: (x.starts_at(), x.id))
    if scope.person_id is not None:
        person = _one(db, "people", scope.person_id)
        if person is None:
            raise ExportError(f"there is no person {scope.person_id} in this database")
        theirs = {a.meeting_id for a in _list(db, "attendees", "person_id = ?", [person.id])}
        meetings = [x for x in meetings_of_visit(db, person.visit_id) if x.id in theirs]
        if not meetings:
            raise ExportError(f"{person.display_name} attends no meetings yet")
        return person.visit_id, meetings
    if scope.sector_id is not None:
        sector = _one(db, "sectors", scope.sector_id)
        if sector is None:
            raise ExportError(f"there is no sector {scope.sector_id} in this database")
        agenda = agenda_of_visit(db, sector.visit_id)
        meetings = [x for x in meetings_of_visit(db, sector.visit_id)
                    if x.sector_id == sector.id or any(i.sector_id == sector.id for i in agenda.get(x.id, []))]
        if not meetings:
            raise ExportError(f"no meeting belongs to the sector {sector.name}")
        return sector.visit_id, meetings
    if scope.visit_id is not None:
        if _one(db, "visits", scope.visit_id) is None:
            raise ExportError(f"there is no visit {scope.visit_id} in this database")
        return scope.visit_id, meetings_of_visit(db, scope.visit_id)
    raise ExportError("nothing chosen to export")


def uids_elsewhere(db, visit_id: int, uids: list[str]) -> dict[str, tuple[int, str]]:
    """Which of these meeting UIDs other visits hold: uid -> (that visit's id, its title)."""
    found = {}
    for start in range(0, len(uids), 500):  # SQLite limits the number of parameters
        chunk = uids[start:start + 500]
        for uid, other, title in db.execute(
                "SELECT m.uid, v.id, v.title FROM meetings m JOIN visits v ON v.id = m.visit_id "
                f"WHERE m.visit_id != ? AND m.uid IN ({', '.join('?' * len(chunk))})", [visit_id, *chunk]):
            found[uid] = (other, title)
    return found


def visit_calendar(db, visit_id: int, uids: list[str]) -> VisitCalendar | None:
    """The visit as a calendar import compares a file with; None when there is no such visit."""
    visit = _one(db, "visits", visit_id)
    if visit is None:
        return None
    attendees: dict[int, list[m.Attendee]] = defaultdict(list)
    for attendee in _list(db, "attendees", "meeting_id IN (SELECT id FROM meetings WHERE visit_id = ?)",
                          [visit_id]):
        attendees[attendee.meeting_id].append(attendee)
    in_visit = "meeting_id IN (SELECT id FROM meetings WHERE visit_id = ?)"
    replies = {(r.meeting_id, r.person_id): r for r in _list(db, "replies_received", in_visit, [visit_id])}
    counters: dict[int, list] = defaultdict(list)
    for counter in _list(db, "counter_proposals", in_visit + " AND status = 'open'", [visit_id]):
        counters[counter.meeting_id].append(counter)
    return VisitCalendar(visit, _list(db, "people", "visit_id = ?", [visit_id]),
                         _list(db, "venues", "visit_id = ?", [visit_id], order="name"),
                         meetings_of_visit(db, visit_id), dict(attendees), uids_elsewhere(db, visit_id, uids),
                         _list(db, "sectors", "visit_id = ?", [visit_id]), replies, dict(counters))


def sent_of_visit(db, visit_id: int, meeting_ids: list[int] | None = None) -> dict[tuple[int, int], InvitationSent]:
    """The last message about each meeting that went to each person: (meeting id, person id) -> what and when."""
    where, params = "meeting_id IN (SELECT id FROM meetings WHERE visit_id = ?)", [visit_id]
    if meeting_ids is not None:
        where += f" AND meeting_id IN ({', '.join('?' * len(meeting_ids))})"
        params += list(meeting_ids)
    return {(x.meeting_id, x.person_id): x for x in _list(db, "invitations_sent", where, params)}


REPLY_COLUMNS = ["meeting_id", "meeting", "person_id", "name", "email", "reply", "comment", "sent_sequence",
                 "sent_at", "sequence"]


def reply_rows(db, visit_id: int, meeting_id: int | None = None) -> list[dict]:
    """One row per meeting and attendee, in programme and precedence order: who answered what, and which
    version of the meeting they were last sent (``sent_sequence`` None when nothing was sent yet)."""
    from planner.domain.precedence import precedence_key

    meetings = meetings_of_visit(db, visit_id)
    if meeting_id is not None:
        meetings = [x for x in meetings if x.id == meeting_id]
    people = {p.id: p for p in _list(db, "people", "visit_id = ?", [visit_id])}
    in_visit = "meeting_id IN (SELECT id FROM meetings WHERE visit_id = ?)"
    attendees: dict[int, list[m.Attendee]] = defaultdict(list)
    for attendee in _list(db, "attendees", in_visit, [visit_id]):
        if attendee.person_id in people:
            attendees[attendee.meeting_id].append(attendee)
    comments = {(r.meeting_id, r.person_id): r.comment for r in _list(db, "replies_received", in_visit, [visit_id])}
    sent = sent_of_visit(db, visit_id)
    rows = []
    for meeting in meetings:
        for attendee in sorted(attendees.get(meeting.id, []), key=lambda a: precedence_key(people[a.person_id])):
            person, last = people[attendee.person_id], sent.get((meeting.id, attendee.person_id))
            rows.append({"meeting_id": meeting.id, "meeting": meeting.title, "person_id": person.id,
                         "name": person.display_name, "email": person.email, "reply": str(attendee.reply),
                         "comment": comments.get((meeting.id, person.id), ""),
                         "sent_sequence": last.sequence if last is not None and last.method == "request" else None,
                         "sent_at": last.sent_at.strftime("%Y-%m-%dT%H:%M:%SZ") if last is not None else None,
                         "sequence": meeting.sequence})
    return rows


def open_counters(db, visit_id: int) -> list:
    """Counter-proposals waiting for the officer's answer, oldest first."""
    return _list(db, "counter_proposals", "status = 'open' AND meeting_id IN (SELECT id FROM meetings "
                 "WHERE visit_id = ?)", [visit_id], order="received_at, id")
