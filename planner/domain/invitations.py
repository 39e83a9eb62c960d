"""The plain data an invite, cancellation or programme file is made from, and which meetings a file covers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from planner.domain import model as m


@dataclass
class Programme:
    """Everything an export needs about a visit, read once per table by storage.queries.invitations."""

    visit: m.Visit
    people: dict[int, m.Person]
    venues: dict[int, m.Venue]
    attendees: dict[int, list[m.Attendee]]
    agenda: dict[int, list[m.AgendaItem]]
    usual_organiser_id: int | None = None  # who organises most meetings (the protocol office), for fallbacks
    sectors: dict[int, m.Sector] = field(default_factory=dict)


@dataclass(frozen=True)
class Scope:
    """Exactly one of the fields names what to export."""

    visit_id: int | None = None
    meeting_id: int | None = None
    person_id: int | None = None
    sector_id: int | None = None
    meeting_ids: tuple[int, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        for name in ("visit_id", "meeting_id", "person_id", "sector_id"):
            if getattr(self, name) is not None:
                return f"{name.removesuffix('_id')} {getattr(self, name)}"
        return f"{len(self.meeting_ids)} selected meetings"


class ExportError(ValueError):
    """The export cannot be made (nothing to export, a meeting that cannot be written)."""


@dataclass
class VisitCalendar:
    """What a calendar import compares a file with: the visit as it is stored (read by a query)."""

    visit: m.Visit
    people: list[m.Person]
    venues: list[m.Venue]
    meetings: list[m.Meeting]
    attendees: dict[int, list[m.Attendee]]  # by meeting id
    elsewhere: dict[str, tuple[int, str]] = field(default_factory=dict)  # uid -> (other visit id, its title)
    sectors: list[m.Sector] = field(default_factory=list)
    replies: dict[tuple[int, int], ReplyReceived] = field(default_factory=dict)  # last per (meeting, person)
    counters: dict[int, list[CounterProposal]] = field(default_factory=dict)  # open ones, by meeting id


class ProposalStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass
class CounterProposal:
    """An attendee's proposal of another time or place (METHOD:COUNTER); nothing moves until it is accepted."""

    meeting_id: int
    person_id: int
    start: datetime | date | None = None  # the proposed time, in ``zone``; None when only the place changes
    end: datetime | date | None = None
    zone: str = "UTC"
    venue: str = ""  # the place proposed, as the client wrote it
    comment: str = ""
    sequence: int = 0  # the meeting's version the proposal answers
    received_at: datetime | None = None
    status: ProposalStatus = ProposalStatus.OPEN
    id: int | None = None


@dataclass
class ReplyReceived:
    """A reply as it arrived (METHOD:REPLY): the attendee's answer and their comment, kept with the meeting."""

    meeting_id: int
    person_id: int
    reply: m.Reply
    comment: str = ""
    sequence: int = 0
    received_at: datetime | None = None
    id: int | None = None


@dataclass
class InvitationSent:
    """The last message about a meeting that went to one person: which method, which version, when."""

    meeting_id: int
    person_id: int
    method: str  # "request" or "cancel"
    sequence: int
    sent_at: datetime
    id: int | None = None


class Outgoing(StrEnum):
    INVITE = "invite"  # someone added, or never sent
    UPDATE = "update"  # the meeting changed since their last invite
    CANCEL = "cancel"  # removed from the meeting, or the meeting is cancelled


@dataclass(frozen=True)
class PendingMessage:
    """One message still to go out about a meeting: its method, why, and to whom (person ids)."""

    meeting_id: int
    method: str  # "request" or "cancel"
    person_ids: tuple[int, ...]
    reasons: tuple[tuple[int, Outgoing], ...]  # (person id, why) for each recipient


def pending_messages(meetings: list[m.Meeting], attendees: dict[int, list[m.Attendee]],
                     people: dict[int, m.Person], sent: dict[tuple[int, int], InvitationSent],
                     organisers: dict[int, str] | None = None, only_changes: bool = True) -> list[PendingMessage]:
    """What Send updates sends: per meeting, the invite to those whose copy is out of date or who were added,
    and a cancellation to those removed from it (or to everyone who had it, when it is cancelled).

    ``only_changes`` False sends the invite (or cancellation) to every attendee again. Attendees without an
    e-mail address, and the organiser himself (``organisers``: meeting id -> address), receive nothing.
    """
    out = []
    for meeting in meetings:
        own = (organisers or {}).get(meeting.id, "").strip().lower()
        addressed = {a.person_id for a in attendees.get(meeting.id, [])
                     if a.person_id in people and people[a.person_id].email.strip()
                     and people[a.person_id].email.strip().lower() != own}
        had = {person_id for (meeting_id, person_id), last in sent.items()
               if meeting_id == meeting.id and last.method == "request" and person_id in people}
        if meeting.status is m.MeetingStatus.CANCELLED:
            told = {p for (mid, p), last in sent.items() if mid == meeting.id and last.method == "cancel"
                    and last.sequence >= meeting.sequence}
            cancel = (had if only_changes else had | addressed) - (told if only_changes else set())
            if cancel:
                out.append(_message(meeting.id, "cancel", {p: Outgoing.CANCEL for p in cancel}))
            continue
        reasons: dict[int, Outgoing] = {}
        for person_id in addressed:
            last = sent.get((meeting.id, person_id))
            if last is None or last.method != "request":
                reasons[person_id] = Outgoing.INVITE
            elif last.sequence < meeting.sequence or not only_changes:
                reasons[person_id] = Outgoing.UPDATE
        if reasons:
            out.append(_message(meeting.id, "request", reasons))
        removed = {p for p in had - addressed if people[p].email.strip() and people[p].email.strip().lower() != own}
        if removed:
            out.append(_message(meeting.id, "cancel", {p: Outgoing.CANCEL for p in removed}))
    return out


def _message(meeting_id: int, method: str, reasons: dict[int, Outgoing]) -> PendingMessage:
    ordered = tuple(sorted(reasons))
    return PendingMessage(meeting_id, method, ordered, tuple((p, reasons[p]) for p in ordered))
