"""The change log in a protocol officer's words, for 'changes since revision N' on the programme."""

from __future__ import annotations

from datetime import date, datetime

from planner.domain import model as m
from planner.domain.documents import LoggedChange
from planner.domain.zones import zone

NOUNS = {"meetings": "Meeting", "people": "Person", "venues": "Venue", "delegations": "Delegation",
         "sectors": "Sector", "delegation_members": "Delegation member", "travel_times": "Travel time",
         "agenda_items": "Agenda item", "attendees": "Attendee", "visits": "Visit"}
FIELDS = {"starts_at": "start", "ends_at": "end", "venue_id": "venue", "online_link": "link", "title": "title",
          "status": "status", "confidentiality": "confidentiality", "zone": "time zone", "notes": "notes",
          "recurrence": "repetition", "exdates": "exceptions", "position": "position",
          "duration_minutes": "duration", "presenter_id": "presenter", "role": "role", "reply": "reply",
          "precedence": "precedence", "designation": "designation", "name": "name", "honorific": "honorific",
          "native_name": "native name", "sector_id": "sector", "kind": "kind", "organiser_id": "organiser"}
DAY_PATTERN = "%a %d %b"
# Issuing a revision touches the visit itself; that is the stamp, not a change to report.
BOOKKEEPING = {"revision", "status", "revision_issued_at", "sequence"}


def describe_changes(visit: m.Visit, records: list[LoggedChange], names: dict[str, dict[int, str]]
                     ) -> list[tuple[str, str]]:
    """(when, what) for each change worth telling the reader, oldest first; ``names`` are the current
    titles and names of the visit's meetings, people, delegations and venues."""
    meetings, people = dict(names["meetings"]), dict(names["people"])
    # Rows deleted since still name themselves in the log.
    for record in records:
        row = record.old or record.new
        if record.table == "meetings" and "title" in row:
            meetings.setdefault(record.record_id, row["title"])
        if record.table == "people" and "name" in row:
            people.setdefault(record.record_id, f"{row.get('honorific') or ''} {row['name']}".strip())
    names = {**names, "meetings": meetings, "people": people}
    described = []
    for record in records:
        text = _describe(record, visit, names)
        if text:
            described.append((_when(record.at, visit), text))
    return described


def _on_clock(value, zone_name: str, pattern: str) -> str:
    """A stored UTC time ('2026-12-14T05:00:00Z') on a named clock, an all-day date ('2026-12-14') as that
    day; anything else as it was stored. Nothing here may read the computer's own zone."""
    text = str(value)
    try:
        if len(text) == 10:
            return date.fromisoformat(text).strftime(DAY_PATTERN)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is None:  # never stored so; say it as it stands rather than guess a zone
        return moment.strftime(pattern)
    return moment.astimezone(zone(zone_name)).strftime(pattern)


# What was sent, replied or proposed is the invitation's life, not a change to the programme.
OUTSIDE_THE_PROGRAMME = {"invitations_sent", "replies_received", "counter_proposals"}


def _when(stamp: str, visit: m.Visit) -> str:
    """When the change was made, by the home office's clock."""
    return _on_clock(stamp, visit.home_zone, "%d %b %H:%M")


def _describe(record: LoggedChange, visit: m.Visit, names: dict[str, dict]) -> str:
    meetings, people = names["meetings"], names["people"]
    row = {**record.old, **record.new}
    noun = NOUNS.get(record.table, record.table.replace("_", " ").capitalize())
    if record.table in OUTSIDE_THE_PROGRAMME:
        return ""
    if record.table == "visits":
        fields = set(record.new) | set(record.old)
        if record.action == "update" and fields <= BOOKKEEPING:
            return ""
    if record.table == "attendees":
        person = people.get(row.get("person_id"), "Someone")
        meeting = meetings.get(row.get("meeting_id"), "a meeting")
        verb = {"insert": "added to", "delete": "removed from"}.get(record.action, "changed at")
        return f"{person} {verb} “{meeting}”"
    if record.table == "delegation_members" and record.action in ("insert", "delete"):
        person = people.get(row.get("person_id"), "Someone")
        delegation = names["delegations"].get(row.get("delegation_id"), "a delegation")
        return f"{person} {'added to' if record.action == 'insert' else 'removed from'} {delegation}"
    if record.table == "travel_times":
        venues = names["venues"]
        return (f"Travel time {venues.get(row.get('from_venue_id'), '?')} → {venues.get(row.get('to_venue_id'), '?')}: "
                f"{row.get('minutes')} min")
    if record.table == "agenda_items":
        meeting = meetings.get(row.get("meeting_id"))
        where = f" of “{meeting}”" if meeting else ""
        title = row.get("title") or ""
        if record.action == "update":
            return f"Agenda{where}: “{title or 'item'}”: {_fields(record, visit)}"
        return f"Agenda{where}: “{title}” {'added' if record.action == 'insert' else 'removed'}"
    name = _name(record, meetings, people)
    if record.action == "insert":
        return f"{noun} added: {name}"
    if record.action == "delete":
        return f"{noun} removed: {name}"
    return f"{noun} {name}: {_fields(record, visit)}"


def _name(record: LoggedChange, meetings: dict, people: dict) -> str:
    if record.table == "meetings":
        return f"“{meetings.get(record.record_id, record.new.get('title') or record.old.get('title') or '?')}”"
    if record.table == "people":
        return people.get(record.record_id, "?")
    row = {**record.old, **record.new}
    return str(row.get("name") or row.get("title") or (f"#{record.record_id}" if record.record_id else ""))


def _fields(record: LoggedChange, visit: m.Visit) -> str:
    parts = []
    for key in record.new:
        if key in ("sequence",):
            continue
        label = FIELDS.get(key, key.replace("_", " "))
        old, new = record.old.get(key), record.new.get(key)
        if key in ("starts_at", "ends_at"):
            parts.append(f"{label} now {_clock(new, visit)}")
        elif key in ("status", "title", "confidentiality"):
            parts.append(f"{label} {old} → {new}")
        else:
            parts.append(f"{label} changed")
    return ", ".join(parts) or "details changed"


def _clock(value, visit: m.Visit) -> str:
    """A meeting's new time, by the visit's clock."""
    return _on_clock(value, visit.zone, "%a %d %b %H:%M")
