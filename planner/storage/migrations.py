"""Schema changes, applied in order by sqlite-utils; never drop a user's data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "visit_planner"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' record of the steps applied, one row each


class Step(NamedTuple):
    name: str
    fn: Callable


class SchemaSteps:
    """The schema steps in order, registered like sqlite-utils' Migrations, which applies them.

    Knowing which steps a file still needs is a read of sqlite-utils' record
    table; sqlite-utils itself is imported only when a step is to be applied, so
    opening an up-to-date file never pays for importing it.
    """

    def __init__(self, name: str):
        self.name = name
        self.steps: list[Step] = []

    def __call__(self, *, name: str | None = None):
        def register(fn):
            self.steps.append(Step(name or fn.__name__, fn))
            return fn
        return register

    def names(self) -> list[str]:
        return [step.name for step in self.steps]

    def applied(self, db) -> set[str]:
        """Names of this set's steps recorded in the database on ``db`` (a Database or a sqlite3 connection)."""
        if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]).fetchone():
            return {row[0] for row in db.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                                                 [self.name])}
        return set()

    def pending(self, db) -> list[Step]:
        """The steps not applied yet, in order (reads only)."""
        applied = self.applied(db)
        return [step for step in self.steps if step.name not in applied]

    def apply(self, db, *, stop_before=None) -> None:
        """Apply the pending steps in order, each in a transaction with its record (sqlite-utils' Migrations)."""
        from sqlite_utils.migrations import Migrations

        runner = Migrations(self.name)
        for step in self.steps:
            runner(name=step.name)(step.fn)
        runner.apply(db, stop_before=stop_before)


migrations = SchemaSteps(MIGRATION_SET)


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


@migrations()
def m005_b2b_companies(db: Database) -> None:
    """Companies become things of their own; each free-text company of a membership becomes one."""
    db["companies"].create({
        "id": int, "visit_id": int, "name": str, "native_name": str, "side": str, "city": str,
        "offers": str, "seeks": str,
    }, pk="id", foreign_keys=[("visit_id", "visits", "id")], not_null={"visit_id", "name", "side"})
    db["companies"].create_index(["visit_id", "name"], unique=True)
    db["company_sectors"].create({"company_id": int, "sector_id": int}, pk=("company_id", "sector_id"),
                                 foreign_keys=[("company_id", "companies", "id"), ("sector_id", "sectors", "id")])
    db["company_sectors"].create_index(["sector_id"])
    db["company_representatives"].create(
        {"company_id": int, "person_id": int}, pk=("company_id", "person_id"),
        foreign_keys=[("company_id", "companies", "id"), ("person_id", "people", "id")])
    db["company_representatives"].create_index(["person_id"])
    # The text column stays (other code reads and writes it); its values become companies,
    # matched without regard to case or spaces around them.
    found: dict[tuple[int, str], int] = {}
    for visit_id, company, side, sector_id, person_id in db.execute(
            "SELECT d.visit_id, trim(m.company), d.side, m.sector_id, m.person_id FROM delegation_members m "
            "JOIN delegations d ON d.id = m.delegation_id WHERE trim(coalesce(m.company, '')) != '' "
            "ORDER BY m.id").fetchall():
        key = (visit_id, company.casefold())
        if key not in found:
            db["companies"].insert({"visit_id": visit_id, "name": company, "native_name": "", "side": side,
                                    "city": "", "offers": "", "seeks": ""})
            found[key] = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        if sector_id is not None:
            db["company_sectors"].insert({"company_id": found[key], "sector_id": sector_id}, ignore=True)
        db["company_representatives"].insert({"company_id": found[key], "person_id": person_id}, ignore=True)


@migrations()
def m006_b2b_requests_halls_talks(db: Database) -> None:
    db["b2b_requests"].create({
        "id": int, "visit_id": int, "from_company_id": int, "to_company_id": int, "priority": str,
        "note": str, "origin": str,
    }, pk="id", foreign_keys=[("visit_id", "visits", "id"), ("from_company_id", "companies", "id"),
                              ("to_company_id", "companies", "id")],
        not_null={"visit_id", "from_company_id", "to_company_id", "priority", "origin"})
    db["b2b_requests"].create_index(["from_company_id", "to_company_id"], unique=True)
    db["b2b_requests"].create_index(["to_company_id"])
    db["b2b_requests"].create_index(["visit_id"])
    # Tables, breaks and interpreters are small lists written and read whole: JSON text.
    db["b2b_halls"].create({
        "meeting_id": int, "tables": str, "slot_minutes": int, "breaks": str, "max_talks_per_company": int,
        "interpreters": str,
    }, pk="meeting_id", foreign_keys=[("meeting_id", "meetings", "id")], not_null={"tables", "slot_minutes"})
    db["b2b_talks"].create({
        "id": int, "meeting_id": int, "request_id": int, "slot": int, "table_no": int, "locked": int,
        "interpreter": str,
    }, pk="id", foreign_keys=[("meeting_id", "meetings", "id"), ("request_id", "b2b_requests", "id")],
        not_null={"meeting_id", "request_id", "slot", "table_no", "locked"}, defaults={"locked": 0})
    db["b2b_talks"].create_index(["meeting_id", "slot", "table_no"], unique=True)
    db["b2b_talks"].create_index(["request_id"], unique=True)


@migrations()
def m007_people_second_language(db: Database) -> None:
    # Designations imported in Russian made the English documents half Russian: a second language beside the first.
    db["people"].add_column("second_designation", str, not_null_default="")
    db["people"].add_column("second_organisation", str, not_null_default="")


@migrations()
def m008_change_log_batches(db: Database) -> None:
    """No table changes: the change log may now hold one entry for many new rows of a table (a roster's people).

    Its action is ``insert_rows`` (or ``delete_rows``) and its ``new`` (or ``old``)
    the columns and rows (planner/storage/batches.py). A version before this step would misread
    such an entry, so the step is recorded: that version then refuses the
    file as written by a newer one rather than misreading its log.
    """


def known_names() -> set[str]:
    """Names of every migration this version knows."""
    return set(migrations.names())
