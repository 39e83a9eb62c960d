"""Send updates: which messages are due (per attendee, against what was last sent), and sending them.

Each message covers one meeting (iMIP, RFC 6047) and goes from the organiser
to the attendees it is due to. What the server accepted is recorded as sent,
recipient by recipient, right after that message; a refused recipient or a
dropped connection is reported and the rest still go out. Nothing is marked
sent that was not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid

from planner.domain import model as m
from planner.domain.invitations import ExportError, PendingMessage, Programme, Scope, pending_messages
from planner.ical.export import Method, organiser_of, render
from planner.mail.imip import invite_email
from planner.mail.smtp import Connection, MailServerError
from planner.storage.invitations import mark_cancelled, record_sent
from planner.storage.queries import invitations as queries


@dataclass
class Outgoing:
    """One message ready to go: the meeting, the method, the people it is for and the e-mail itself."""

    meeting: m.Meeting
    method: Method
    people: list[m.Person]
    message: EmailMessage
    sender: str
    reasons: dict[int, str] = field(default_factory=dict)

    def describe(self) -> str:
        kind = "cancellation" if self.method is Method.CANCEL else "invite"
        return f"{kind} of '{self.meeting.title}' (sequence {self.meeting.sequence})"


@dataclass
class Delivery:
    outgoing: Outgoing
    sent_to: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # address -> the server's reason

    def line(self) -> str:
        text = f"Sent {self.outgoing.describe()} to {', '.join(self.sent_to)}" if self.sent_to else \
            f"Not sent: {self.outgoing.describe()}"
        return text + "".join(f"; failed for {a}: {why}" for a, why in self.failed.items())


def prepare(store, scope: Scope, *, pending_only: bool, method: str = "request",
            now: datetime | None = None) -> tuple[list[Outgoing], list[str]]:
    """The messages due for the meetings of ``scope``, and notes (no e-mail address, nothing to send).

    With method "cancel" the meetings are first stored as cancelled (raising their sequence).
    """
    now = now or datetime.now(UTC)
    visit_id, meetings = queries.select(store.db, scope)
    notes: list[str] = []
    if method == "cancel":
        mark_cancelled(store, meetings)
        meetings = [store.meeting(x.id) for x in meetings]
    elif any(x.status is m.MeetingStatus.CANCELLED for x in meetings) and not pending_only:
        notes.append("cancelled meetings get no invite; send them with --method cancel")
    programme = queries.programme(store.db, visit_id)
    by_id = {x.id: x for x in meetings}
    sent = queries.sent_of_visit(store.db, visit_id, list(by_id))
    outgoing = []
    organisers = {x.id: sender.email for x in meetings if (sender := organiser_of(x, programme)) is not None}
    for pending in pending_messages(meetings, programme.attendees, programme.people, sent, organisers,
                                    only_changes=pending_only):
        meeting = by_id[pending.meeting_id]
        if method == "cancel" and pending.method != "cancel":
            continue
        if method == "request" and pending.method == "cancel" and not pending_only:
            continue
        outgoing.append(_outgoing(meeting, pending, programme, now))
    for meeting in meetings:
        if not any(a.person_id in programme.people and programme.people[a.person_id].email.strip()
                   for a in programme.attendees.get(meeting.id, [])):
            notes.append(f"'{meeting.title}': no attendee has an e-mail address, so no mail goes out")
    return outgoing, notes


def _outgoing(meeting: m.Meeting, pending: PendingMessage, programme: Programme, now: datetime) -> Outgoing:
    method = Method(pending.method)
    people = [programme.people[p] for p in pending.person_ids]
    if method is Method.CANCEL:
        # A cancellation names those it removes (RFC 5546 3.2.5), who may no longer be attendees.
        programme = replace(programme, attendees={**programme.attendees, meeting.id: [
            m.Attendee(meeting.id, p.id) for p in people]})
    organiser = organiser_of(meeting, programme)
    if organiser is None:
        raise ExportError(f"'{meeting.title}': the visit has no organiser with an e-mail address to send from; "
                          "set the organiser in Visit ▸ Edit visit details")
    text = render([meeting], programme, method, now).text
    message = invite_email(meeting, programme, method, text, to=people)
    del message["X-Unsent"]  # a message that goes out is no draft
    message["Message-ID"] = make_msgid(domain=organiser.email.partition("@")[2] or None)
    return Outgoing(meeting, method, people, message, organiser.email.strip(),
                    {p: str(why) for p, why in pending.reasons})


def deliver(item: Outgoing, connection: Connection) -> Delivery:
    """Hand one message to the server (network only, so a worker thread may call it); whom it reached."""
    delivery = Delivery(item)
    addresses = [p.email.strip() for p in item.people]
    try:
        refused = connection.send(item.message, item.sender, addresses)
    except MailServerError as exc:
        delivery.failed = {address: str(exc) for address in addresses}
    else:
        delivery.failed = refused
        delivery.sent_to = [a for a in addresses if a not in refused]
    return delivery


def record(store, delivery: Delivery, now: datetime | None = None):
    """Remember whom the message reached, at once (the last version each of them has); returns the Changes."""
    item = delivery.outgoing
    by_address = {p.email.strip(): p for p in item.people}
    if not delivery.sent_to:
        return None
    return record_sent(store, item.meeting.id, [by_address[a].id for a in delivery.sent_to], item.method.value,
                       item.meeting.sequence, now or datetime.now(UTC))


def send(store, outgoing: list[Outgoing], connection: Connection,
         progress: Callable[[int, Delivery], None] | None = None,
         cancelled: Callable[[], bool] | None = None, now: datetime | None = None) -> list[Delivery]:
    """Send each message; record at once whom it reached. A dropped connection fails that message only."""
    deliveries = []
    try:
        for n, item in enumerate(outgoing, start=1):
            if cancelled is not None and cancelled():
                break
            delivery = deliver(item, connection)
            record(store, delivery, now)
            deliveries.append(delivery)
            if progress is not None:
                progress(n, delivery)
    finally:
        connection.close()
    return deliveries
