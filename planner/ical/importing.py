"""Importing a read calendar into a visit: a preview of what will change, then one transaction.

Meetings are matched by UID, so importing the same file twice updates them
instead of adding them again; people are matched by e-mail (then by name),
venues by name. The plan is computed without writing; ``apply`` writes it all
in one transaction or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planner.domain import model as m
from planner.domain import validation as v
from planner.domain.conflicts import outside_visit
from planner.domain.invitations import VisitCalendar
from planner.ical.answers import REPLIES, Answers, CounterChange, ReplyChange
from planner.ical.reading import Address, EventRecord, ReadCalendar
from planner.ical.recurrence import BadRecurrence, normalise

ROLES = {"CHAIR": m.AttendeeRole.CHAIR, "REQ-PARTICIPANT": m.AttendeeRole.REQUIRED,
         "OPT-PARTICIPANT": m.AttendeeRole.OPTIONAL, "NON-PARTICIPANT": m.AttendeeRole.OBSERVER}
STATUSES = {"CANCELLED": m.MeetingStatus.CANCELLED, "CONFIRMED": m.MeetingStatus.CONFIRMED,
            "TENTATIVE": m.MeetingStatus.PLANNED}
CLASSES = {"PUBLIC": m.Confidentiality.PUBLIC, "PRIVATE": m.Confidentiality.RESTRICTED,
           "CONFIDENTIAL": m.Confidentiality.CONFIDENTIAL}
# The fields an import may change on a meeting that is already in the visit (notes and agenda stay ours).
UPDATED_FIELDS = ("title", "start", "end", "zone", "recurrence", "exdates", "online_link", "status", "venue_id",
                  "confidentiality", "kind", "sector_id")


@dataclass
class MeetingChange:
    record: EventRecord
    meeting: m.Meeting  # the meeting as it will be stored
    before: m.Meeting | None = None  # None for a new meeting
    fields: list[str] = field(default_factory=list)  # what changes on an existing meeting
    attendees: list[tuple[str, m.AttendeeRole, m.Reply]] = field(default_factory=list)  # (person key, role, reply)
    organiser: str | None = None
    venue: str | None = None  # venue key
    sector: str | None = None  # sector key, for the meeting and its agenda
    presenters: list[str | None] = field(default_factory=list)  # person key of each agenda item's presenter


@dataclass
class ImportPlan:
    visit_id: int
    new: list[MeetingChange] = field(default_factory=list)
    updated: list[MeetingChange] = field(default_factory=list)
    unchanged: list[MeetingChange] = field(default_factory=list)
    people: dict[str, m.Person] = field(default_factory=dict)  # key -> existing or new person
    new_people: list[str] = field(default_factory=list)
    venues: dict[str, m.Venue] = field(default_factory=dict)
    new_venues: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    sectors: dict[str, m.Sector] = field(default_factory=dict)  # key -> existing or new sector
    new_sectors: list[str] = field(default_factory=list)
    replies: list[ReplyChange] = field(default_factory=list)
    counters: list[CounterChange] = field(default_factory=list)
    unchanged_answers: int = 0  # replies and proposals already recorded

    @property
    def empty(self) -> bool:
        return not (self.new or self.updated or self.replies or self.counters)

    def summary(self) -> list[str]:
        """The preview, one line per change, in words a protocol officer reads."""
        out = [f"{len(self.new)} new meeting(s), {len(self.updated)} updated, {len(self.unchanged)} unchanged; "
               f"{len(self.new_people)} new people, {len(self.new_venues)} new venue(s)."]
        if self.replies or self.counters or self.unchanged_answers:
            out[0] += (f" {len(self.replies)} reply(ies), {len(self.counters)} counter-proposal(s)"
                       + (f", {self.unchanged_answers} already recorded." if self.unchanged_answers else "."))
        out += [change.line() for change in self.replies + self.counters]
        for change in self.new:
            out.append(f"New: {_when(change.meeting)} {change.meeting.title}")
        for change in self.updated:
            out.append(f"Update: {_when(change.meeting)} {change.meeting.title} ({', '.join(change.fields)})")
        for key in self.new_people:
            person = self.people[key]
            out.append(f"New person: {person.name}" + (f" <{person.email}>" if person.email else ""))
        for key in self.new_venues:
            out.append(f"New venue: {self.venues[key].name}")
        for key in self.new_sectors:
            out.append(f"New sector: {self.sectors[key].name}")
        out += [f"Note: {n}" for n in self.notes]
        out += [f"Skipped: {s}" for s in self.skipped]
        return out


HONORIFICS = ("H.E.", "H.H.", "H.M.", "H.R.H.", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Eng.", "Amb.")


def split_honorific(name: str) -> tuple[str, str]:
    """('H.E. Mr.', 'Sherali Kabir') from 'H.E. Mr. Sherali Kabir', as our own invites write names."""
    words, titles = name.split(), []
    while len(words) > 1 and words[0] in HONORIFICS:
        titles.append(words.pop(0))
    return " ".join(titles), " ".join(words)


def _same_rule(meeting: m.Meeting, record: EventRecord) -> bool:
    try:
        return normalise(meeting.recurrence, meeting.zone, meeting.all_day)[0] == record.recurrence
    except BadRecurrence:
        return False


def _when(meeting: m.Meeting) -> str:
    return f"{meeting.start:%d %b %Y}" if meeting.all_day else f"{meeting.start:%d %b %Y %H:%M} ({meeting.zone})"


class _Planner:
    def __init__(self, target: VisitCalendar, read: ReadCalendar):
        self.target, self.read = target, read
        self.visit = target.visit
        self.plan = ImportPlan(self.visit.id, notes=list(read.notes), skipped=list(read.skipped))
        self.by_email, self.by_name = {}, {}
        for person in target.people:
            if person.email:
                self.by_email.setdefault(person.email.strip().lower(), person)
            self.by_name.setdefault(person.name.casefold(), person)
        self.venues_by_name = {x.name.casefold(): x for x in target.venues}
        self.existing = {x.uid: x for x in target.meetings}
        self.elsewhere = target.elsewhere
        self.attendance: dict[int, dict[int, m.Attendee]] = {}
        self.sectors_by_name = {x.name.casefold(): x for x in target.sectors}
        self.venues_by_id = {x.id: x for x in target.venues}

    def person_key(self, address: Address) -> str:
        name = address.name
        if "(" in name and name.endswith(")"):  # our own export writes 'Name (native name)'
            name = name[:name.index("(")].strip()
        key = f"email:{address.email}" if address.email else f"name:{name.casefold()}"
        if key in self.plan.people:
            return key
        found = self.by_email.get(address.email) if address.email else self.by_name.get(name.casefold())
        if found is None:
            honorific, name = split_honorific(name)
            found = m.Person(self.visit.id, name, honorific=honorific, email=address.email, side=m.Side.OTHER,
                             notes="Added by a calendar import.")
            self.plan.new_people.append(key)
        self.plan.people[key] = found
        return key

    def venue_key(self, text: str) -> str | None:
        if not text or text.casefold() == "online":
            return None
        lines = [p.strip() for p in text.replace("\n", ", ").split(",") if p.strip()]
        joined = ", ".join(lines).casefold()
        for name, venue in self.venues_by_name.items():
            if joined == name or joined.startswith(name + ","):
                self.plan.venues[name] = venue
                return name
        name = lines[0]
        key = name.casefold()
        if key not in self.plan.venues:
            self.plan.venues[key] = m.Venue(self.visit.id, name, address=", ".join(lines[1:]))
            self.plan.new_venues.append(key)
        return key

    def same_venue(self, meeting: m.Meeting, location: str) -> bool:
        venue = self.venues_by_id.get(meeting.venue_id)
        if not location:
            return True
        return venue is not None and location.casefold().startswith(venue.name.casefold())

    def sector_key(self, name: str) -> str | None:
        if not name:
            return None
        key = name.casefold()
        if key not in self.plan.sectors:
            found = self.sectors_by_name.get(key)
            if found is None:
                found = m.Sector(self.visit.id, name)
                self.plan.new_sectors.append(key)
            self.plan.sectors[key] = found
        return key

    def stale(self, record: EventRecord) -> bool:
        """An invite or cancellation older than the meeting we hold (lower SEQUENCE) is skipped with a note."""
        before = self.existing.get(record.uid)
        if before is None or record.sequence >= before.sequence:
            return False
        what = "cancellation" if record.status == "CANCELLED" or self.read.method == "CANCEL" else "version"
        self.plan.skipped.append(f"'{before.title}': an older {what} (sequence {record.sequence}) than the one "
                                 f"in the visit (sequence {before.sequence}); nothing was changed")
        return True

    def change_for(self, record: EventRecord) -> MeetingChange:
        if record.uid in self.elsewhere:
            other, title = self.elsewhere[record.uid]
            raise v.ValidationError([v.Problem("uid", f"'{record.title}' is already a meeting of visit {other} "
                                                      f"({title}); import the file into that visit")])
        before = self.existing.get(record.uid)
        meeting = before or m.Meeting(self.visit.id, record.title, record.start, record.end, record.zone,
                                      uid=record.uid, notes=_own_notes(record),
                                      sequence=record.sequence)  # an existing meeting's is raised in apply()
        recurrence = record.recurrence
        if before is not None and before.recurrence and _same_rule(before, record):
            recurrence = before.recurrence  # the same rule as we wrote it ("UNTIL=20261110")
        kind = next((k for k in m.MeetingKind if k.value == record.kind), meeting.kind)
        meeting = replace(meeting, title=record.title, start=record.start, end=record.end, zone=record.zone,
                          recurrence=recurrence, exdates=list(record.exdates), kind=kind,
                          online_link=record.online_link or (meeting.online_link if before else ""),
                          status=STATUSES.get(record.status, meeting.status if before else m.MeetingStatus.PLANNED),
                          confidentiality=CLASSES.get(record.classification, meeting.confidentiality))
        change = MeetingChange(record, meeting, before)
        change.venue = self.venue_key(record.location)
        change.sector = self.sector_key(record.sector)
        known = self.plan.venues.get(change.venue)
        sector = self.plan.sectors.get(change.sector)
        meeting = change.meeting = replace(
            meeting, venue_id=known.id if known is not None else (meeting.venue_id if before and not change.venue
                                                                  else None),
            sector_id=sector.id if sector is not None else meeting.sector_id)
        problems = v.errors(v.validate_meeting(meeting))
        if problems:
            raise v.ValidationError([v.Problem(p.field, f"'{record.title}': {p.message}") for p in problems])
        if record.organiser is not None:
            change.organiser = self.person_key(record.organiser)
        for address in record.attendees:
            if address.stand_in or self.read.method == "CANCEL":  # a cancellation answers nobody's reply
                continue
            change.attendees.append((self.person_key(address), ROLES.get(address.role, m.AttendeeRole.REQUIRED),
                                     REPLIES.get(address.partstat, m.Reply.NEEDS_ACTION)))
        if before is None:  # a new meeting takes the agenda our own export wrote; an existing one keeps ours
            change.presenters = [self.person_key(Address(item.email, item.presenter))
                                 if item.email or item.presenter else None for item in record.agenda]
        return change

    def attendees_change(self, change: MeetingChange) -> bool:
        if change.before is None:
            return bool(change.attendees)
        current = {a.person_id: a for a in self.target.attendees.get(change.before.id, [])}
        self.attendance[change.before.id] = current
        for key, role, reply in change.attendees:
            person = self.plan.people[key]
            found = current.get(person.id) if person.id else None
            if found is None or found.role != role or found.reply != reply:
                return True
        return False

    def run(self) -> ImportPlan:
        seen = set()
        answers = Answers(self)
        for record in self.read.events:
            if self.read.method == "REPLY":
                answers.reply(record)
                continue
            if self.read.method == "COUNTER":
                answers.counter(record)
                continue
            if record.uid in seen:
                self.plan.skipped.append(f"'{record.title}': a second event with the same UID")
                continue
            seen.add(record.uid)
            if self.stale(record):
                continue
            change = self.change_for(record)
            if change.before is None and change.meeting.status is m.MeetingStatus.CANCELLED:
                self.plan.skipped.append(f"'{record.title}': a cancellation of a meeting that is not in the visit")
                continue
            if change.before is None:
                self.plan.new.append(change)
                continue
            change.fields = [f for f in UPDATED_FIELDS
                             if getattr(change.before, f) != getattr(change.meeting, f)
                             or (f == "venue_id" and change.venue in self.plan.new_venues)
                             or (f == "sector_id" and change.sector in self.plan.new_sectors)]
            if self.attendees_change(change):
                change.fields.append("attendees")
            (self.plan.updated if change.fields else self.plan.unchanged).append(change)
        outside = [c for c in self.plan.new + self.plan.updated if outside_visit(c.meeting, self.visit)]
        if outside:
            self.plan.notes.append(f"{len(outside)} meeting(s) fall outside the visit's dates "
                                   f"({self.visit.first_day:%d %b} to {self.visit.last_day:%d %b %Y}).")
        return self.plan


def _own_notes(record: EventRecord) -> str:
    """A new meeting's notes: what the file describes, but not the agenda our own export wrote into it."""
    return "" if record.agenda else record.description


def plan(target: VisitCalendar, read: ReadCalendar) -> ImportPlan:
    """What importing the read calendar into the visit would change; writes nothing."""
    return _Planner(target, read).run()
