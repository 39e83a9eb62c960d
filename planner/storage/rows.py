"""Turn domain objects into table rows and back; times go in as UTC plus a zone name."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, date, datetime
from enum import StrEnum

from planner.domain import invitations as inv
from planner.domain import model as m
from planner.domain.zones import zone


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_text(text: str, zone_name: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(zone(zone_name))


def _moment_text(value: datetime | date) -> str:
    return utc_text(value) if isinstance(value, datetime) else value.isoformat()


def _moment(text: str, all_day: bool, zone_name: str) -> datetime | date:
    return date.fromisoformat(text) if all_day else from_utc_text(text, zone_name)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(obj) -> dict:
    # A shallow copy of the fields: asdict() deep-copies every value and made
    # encoding the slowest part of adding a row; the codecs below replace the
    # only non-scalar values (lists, dates) anyway. The field names are looked
    # up once per class: dataclasses.fields() per row cost more than the insert.
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj))
    row = {}
    for name in names:
        value = getattr(obj, name)
        if value.__class__ is bool:
            value = int(value)
        elif isinstance(value, StrEnum):
            value = str(value)
        row[name] = value
    return row


def visit_row(visit: m.Visit) -> dict:
    row = _plain(visit)
    row["first_day"] = visit.first_day.isoformat()
    row["last_day"] = visit.last_day.isoformat()
    row["revision_issued_at"] = utc_text(visit.revision_issued_at) if visit.revision_issued_at else None
    organiser = row.pop("organiser")
    row["organiser_name"] = organiser.name if organiser else None
    row["organiser_email"] = organiser.email if organiser else None
    row["organiser_phone"] = organiser.phone if organiser else None
    return row


def _organiser_from(row: dict) -> m.Organiser | None:
    if not (row.get("organiser_name") or row.get("organiser_email")):
        return None
    return m.Organiser(row["organiser_name"] or "", row["organiser_email"] or "", row.get("organiser_phone") or "")


def visit_from(row: dict) -> m.Visit:
    return m.Visit(
        id=row["id"], title=row["title"], kind=m.VisitKind(row["kind"]),
        host_country=row["host_country"] or "", guest_country=row["guest_country"] or "",
        first_day=date.fromisoformat(row["first_day"]), last_day=date.fromisoformat(row["last_day"]),
        zone=row["zone"], home_zone=row["home_zone"], status=m.VisitStatus(row["status"]),
        revision=row["revision"],
        revision_issued_at=from_utc_text(row["revision_issued_at"], "UTC") if row["revision_issued_at"] else None,
        notes=row["notes"] or "", organiser=_organiser_from(row),
    )


def person_row(person: m.Person) -> dict:
    row = _plain(person)
    row["languages"] = ", ".join(person.languages)
    return row


def person_from(row: dict) -> m.Person:
    return m.Person(
        id=row["id"], visit_id=row["visit_id"], honorific=row["honorific"] or "", name=row["name"],
        native_name=row["native_name"] or "", designation=row["designation"] or "",
        organisation=row["organisation"] or "", country=row["country"] or "", side=m.Side(row["side"]),
        email=row["email"] or "", phone=row["phone"] or "", precedence=row["precedence"],
        languages=[lang.strip() for lang in (row["languages"] or "").split(",") if lang.strip()],
        dietary=row["dietary"] or "", notes=row["notes"] or "",
        second_designation=row.get("second_designation") or "", second_organisation=row.get("second_organisation") or "",
    )


def sector_row(sector: m.Sector) -> dict:
    return _plain(sector)


def sector_from(row: dict) -> m.Sector:
    return m.Sector(id=row["id"], visit_id=row["visit_id"], name=row["name"], priority=bool(row["priority"]))


def delegation_row(delegation: m.Delegation) -> dict:
    return _plain(delegation)


def delegation_from(row: dict) -> m.Delegation:
    return m.Delegation(id=row["id"], visit_id=row["visit_id"], name=row["name"],
                        kind=m.DelegationKind(row["kind"]), side=m.Side(row["side"]))


def member_row(member: m.DelegationMember) -> dict:
    return _plain(member)


def member_from(row: dict) -> m.DelegationMember:
    return m.DelegationMember(id=row["id"], delegation_id=row["delegation_id"], person_id=row["person_id"],
                              role=m.MemberRole(row["role"]), sector_id=row["sector_id"],
                              company=row["company"] or "")


def venue_row(venue: m.Venue) -> dict:
    return _plain(venue)


def venue_from(row: dict) -> m.Venue:
    return m.Venue(id=row["id"], visit_id=row["visit_id"], name=row["name"], address=row["address"] or "",
                   city=row["city"] or "", capacity=row["capacity"], notes=row.get("notes") or "")


def meeting_row(meeting: m.Meeting) -> dict:
    row = _plain(meeting)
    del row["start"], row["end"]
    row["starts_at"] = _moment_text(meeting.start)
    row["ends_at"] = _moment_text(meeting.end)
    row["all_day"] = int(meeting.all_day)
    row["exdates"] = json.dumps([_moment_text(d) for d in meeting.exdates]) if meeting.exdates else ""
    return row


def meeting_from(row: dict) -> m.Meeting:
    all_day = bool(row["all_day"])
    zone_name = row["zone"]
    return m.Meeting(
        id=row["id"], visit_id=row["visit_id"], uid=row["uid"], sequence=row["sequence"], title=row["title"],
        kind=m.MeetingKind(row["kind"]), start=_moment(row["starts_at"], all_day, zone_name),
        end=_moment(row["ends_at"], all_day, zone_name), zone=zone_name, venue_id=row["venue_id"],
        online_link=row["online_link"] or "", status=m.MeetingStatus(row["status"]),
        confidentiality=m.Confidentiality(row["confidentiality"] or "public"), notes=row["notes"] or "",
        organiser_id=row["organiser_id"], sector_id=row["sector_id"], recurrence=row["recurrence"] or "",
        # Most meetings have no exceptions: no JSON to parse for them (a large visit decodes 10,000 at once).
        exdates=tuple(_moment(t, len(t) == 10, zone_name) for t in json.loads(row["exdates"])) if row["exdates"] else (),
    )


def attendee_row(attendee: m.Attendee) -> dict:
    return _plain(attendee)


def attendee_from(row: dict) -> m.Attendee:
    return m.Attendee(id=row["id"], meeting_id=row["meeting_id"], person_id=row["person_id"],
                      role=m.AttendeeRole(row["role"]), reply=m.Reply(row["reply"]))


def agenda_row(item: m.AgendaItem) -> dict:
    return _plain(item)


def agenda_from(row: dict) -> m.AgendaItem:
    return m.AgendaItem(id=row["id"], meeting_id=row["meeting_id"], position=row["position"], title=row["title"],
                        duration_minutes=row["duration_minutes"], presenter_id=row["presenter_id"],
                        sector_id=row["sector_id"], notes=row["notes"] or "", outcome=row["outcome"] or "")


def _stamp(value: datetime | None) -> str | None:
    return utc_text(value) if value is not None else None


def _from_stamp(text: str | None) -> datetime | None:
    return from_utc_text(text, "UTC") if text else None


def sent_row(sent: inv.InvitationSent) -> dict:
    row = _plain(sent)
    row["sent_at"] = utc_text(sent.sent_at)
    return row


def sent_from(row: dict) -> inv.InvitationSent:
    return inv.InvitationSent(id=row["id"], meeting_id=row["meeting_id"], person_id=row["person_id"],
                              method=row["method"], sequence=row["sequence"], sent_at=_from_stamp(row["sent_at"]))


def reply_row(reply: inv.ReplyReceived) -> dict:
    row = _plain(reply)
    row["received_at"] = _stamp(reply.received_at)
    return row


def reply_from(row: dict) -> inv.ReplyReceived:
    return inv.ReplyReceived(id=row["id"], meeting_id=row["meeting_id"], person_id=row["person_id"],
                             reply=m.Reply(row["reply"]), comment=row["comment"] or "", sequence=row["sequence"],
                             received_at=_from_stamp(row["received_at"]))


def counter_row(counter: inv.CounterProposal) -> dict:
    row = _plain(counter)
    del row["start"], row["end"]
    row["proposed_start"] = _moment_text(counter.start) if counter.start is not None else None
    row["proposed_end"] = _moment_text(counter.end) if counter.end is not None else None
    row["all_day"] = int(counter.start is not None and not isinstance(counter.start, datetime))
    row["received_at"] = _stamp(counter.received_at)
    return row


def counter_from(row: dict) -> inv.CounterProposal:
    all_day, zone_name = bool(row["all_day"]), row["zone"]
    moment = (lambda t: _moment(t, all_day, zone_name) if t else None)  # noqa: E731
    return inv.CounterProposal(
        id=row["id"], meeting_id=row["meeting_id"], person_id=row["person_id"], start=moment(row["proposed_start"]),
        end=moment(row["proposed_end"]), zone=zone_name, venue=row["venue"] or "", comment=row["comment"] or "",
        sequence=row["sequence"], received_at=_from_stamp(row["received_at"]),
        status=inv.ProposalStatus(row["status"]))


# table name -> (to row, from row); the order is the order parents must exist in.
CODECS = {
    "visits": (visit_row, visit_from),
    "people": (person_row, person_from),
    "sectors": (sector_row, sector_from),
    "delegations": (delegation_row, delegation_from),
    "delegation_members": (member_row, member_from),
    "venues": (venue_row, venue_from),
    "meetings": (meeting_row, meeting_from),
    "attendees": (attendee_row, attendee_from),
    "agenda_items": (agenda_row, agenda_from),
    "invitations_sent": (sent_row, sent_from),
    "replies_received": (reply_row, reply_from),
    "counter_proposals": (counter_row, counter_from),
}

TABLE_OF = {
    m.Visit: "visits", m.Person: "people", m.Sector: "sectors", m.Delegation: "delegations",
    m.DelegationMember: "delegation_members", m.Venue: "venues", m.Meeting: "meetings",
    m.Attendee: "attendees", m.AgendaItem: "agenda_items",
    inv.InvitationSent: "invitations_sent", inv.ReplyReceived: "replies_received",
    inv.CounterProposal: "counter_proposals",
}
