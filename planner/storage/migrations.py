"""Schema changes, applied in order by sqlite-utils; never drop a user's data."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "visit_planner"

migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_visit_model(db: Database) -> None:
    db["visits"].create({
        "id": int, "title": str, "kind": str, "host_country": str, "guest_country": str,
        "first_day": str, "last_day": str, "zone": str, "home_zone": str,
        "status": str, "revision": int, "revision_issued_at": str, "notes": str,
    }, pk="id", not_null={"title", "kind", "first_day", "last_day", "zone", "home_zone", "status", "revision"},
        defaults={"status": "draft", "revision": 0, "notes": ""})
    db["people"].create({
        "id": int, "visit_id": int, "honorific": str, "name": str, "native_name": str,
        "designation": str, "organisation": str, "country": str, "side": str, "email": str,
        "phone": str, "precedence": int, "languages": str, "dietary": str, "notes": str,
    }, pk="id", foreign_keys=[("visit_id", "visits", "id")], not_null={"visit_id", "name", "side", "precedence"},
        defaults={"precedence": 1000})
    db["people"].create_index(["visit_id", "precedence"])
    db["people"].create_index(["visit_id", "email"])
    db["sectors"].create({"id": int, "visit_id": int, "name": str, "priority": int},
                         pk="id", foreign_keys=[("visit_id", "visits", "id")], not_null={"visit_id", "name"},
                         defaults={"priority": 0})
    db["sectors"].create_index(["visit_id", "name"], unique=True)
    db["delegations"].create({"id": int, "visit_id": int, "name": str, "kind": str, "side": str},
                             pk="id", foreign_keys=[("visit_id", "visits", "id")],
                             not_null={"visit_id", "name", "kind", "side"})
    db["delegation_members"].create({
        "id": int, "delegation_id": int, "person_id": int, "role": str, "sector_id": int, "company": str,
    }, pk="id", foreign_keys=[("delegation_id", "delegations", "id"), ("person_id", "people", "id"),
                              ("sector_id", "sectors", "id")],
        not_null={"delegation_id", "person_id", "role"})
    db["delegation_members"].create_index(["delegation_id", "person_id"], unique=True)
    db["delegation_members"].create_index(["person_id"])
    db["delegation_members"].create_index(["sector_id"])
    db["venues"].create({"id": int, "visit_id": int, "name": str, "address": str, "city": str, "capacity": int},
                        pk="id", foreign_keys=[("visit_id", "visits", "id")], not_null={"visit_id", "name"})
    db["travel_times"].create({"from_venue_id": int, "to_venue_id": int, "minutes": int},
                              pk=("from_venue_id", "to_venue_id"),
                              foreign_keys=[("from_venue_id", "venues", "id"), ("to_venue_id", "venues", "id")],
                              not_null={"minutes"})
    db["meetings"].create({
        "id": int, "visit_id": int, "uid": str, "sequence": int, "title": str, "kind": str,
        "starts_at": str, "ends_at": str, "zone": str, "all_day": int, "venue_id": int,
        "online_link": str, "status": str, "confidentiality": str, "notes": str,
        "organiser_id": int, "sector_id": int, "recurrence": str, "exdates": str,
    }, pk="id", foreign_keys=[("visit_id", "visits", "id"), ("venue_id", "venues", "id"),
                              ("organiser_id", "people", "id"), ("sector_id", "sectors", "id")],
        not_null={"visit_id", "uid", "sequence", "title", "kind", "starts_at", "ends_at", "zone", "all_day", "status"},
        defaults={"sequence": 0, "all_day": 0})
    db["meetings"].create_index(["uid"], unique=True)
    db["meetings"].create_index(["visit_id", "starts_at"])
    db["meetings"].create_index(["venue_id"])
    db["attendees"].create({"id": int, "meeting_id": int, "person_id": int, "role": str, "reply": str},
                           pk="id", foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
                           not_null={"meeting_id", "person_id", "role", "reply"})
    db["attendees"].create_index(["meeting_id", "person_id"], unique=True)
    db["attendees"].create_index(["person_id"])
    db["agenda_items"].create({
        "id": int, "meeting_id": int, "position": int, "title": str, "duration_minutes": int,
        "presenter_id": int, "sector_id": int, "notes": str, "outcome": str,
    }, pk="id", foreign_keys=[("meeting_id", "meetings", "id"), ("presenter_id", "people", "id"),
                              ("sector_id", "sectors", "id")],
        not_null={"meeting_id", "position", "title", "duration_minutes"})
    db["agenda_items"].create_index(["meeting_id", "position"])
    # The change log is append-only: it is how an issued programme can later
    # say what moved since revision N.
    db["change_log"].create({
        "id": int, "at": str, "visit_id": int, "revision": int, "table_name": str,
        "record_id": int, "action": str, "old": str, "new": str,
    }, pk="id", not_null={"at", "table_name", "action"})
    db["change_log"].create_index(["visit_id", "id"])
    db["revisions"].create({"id": int, "visit_id": int, "number": int, "issued_at": str, "last_change_id": int},
                           pk="id", foreign_keys=[("visit_id", "visits", "id")],
                           not_null={"visit_id", "number", "issued_at", "last_change_id"})
    db["revisions"].create_index(["visit_id", "number"], unique=True)


@migrations()
def m002_visit_organiser(db: Database) -> None:
    # The protocol office that sends the invites, one per visit; empty until the officer sets it.
    for column in ("organiser_name", "organiser_email", "organiser_phone"):
        db["visits"].add_column(column, str)


@migrations()
def m003_venue_notes(db: Database) -> None:
    # What the officer needs to know about a venue: the entrance for cars, the security contact.
    db["venues"].add_column("notes", str)


@migrations()
def m004_invitations_sent_replies_counters(db: Database) -> None:
    # The life of an invitation: what was sent to whom (the last version each attendee has), the replies
    # as they arrived with their comments, and counter-proposals waiting for the officer's answer.
    db["invitations_sent"].create({
        "id": int, "meeting_id": int, "person_id": int, "method": str, "sequence": int, "sent_at": str,
    }, pk="id", foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
        not_null={"meeting_id", "person_id", "method", "sequence", "sent_at"})
    db["invitations_sent"].create_index(["meeting_id", "person_id"], unique=True)
    db["invitations_sent"].create_index(["person_id"])
    db["replies_received"].create({
        "id": int, "meeting_id": int, "person_id": int, "reply": str, "comment": str, "sequence": int,
        "received_at": str,
    }, pk="id", foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
        not_null={"meeting_id", "person_id", "reply", "sequence"})
    db["replies_received"].create_index(["meeting_id", "person_id"])
    db["replies_received"].create_index(["person_id"])
    db["counter_proposals"].create({
        "id": int, "meeting_id": int, "person_id": int, "proposed_start": str, "proposed_end": str, "zone": str,
        "all_day": int, "venue": str, "comment": str, "sequence": int, "received_at": str, "status": str,
    }, pk="id", foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
        not_null={"meeting_id", "person_id", "zone", "sequence", "status"}, defaults={"all_day": 0})
    db["counter_proposals"].create_index(["meeting_id"])
    db["counter_proposals"].create_index(["person_id"])


def known_names() -> set[str]:
    """Names of every migration this version knows, read through the public API."""
    return {m.name for m in migrations.pending(Database(memory=True))}
