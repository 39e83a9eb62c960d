"""Replies and counter-proposals from attendees (METHOD:REPLY, METHOD:COUNTER), planned against the visit.

A reply changes only the replying attendee's answer and keeps their comment;
a counter-proposal is kept as a proposal and changes nothing until the
officer accepts it. A reply or proposal about a meeting the visit does not
have, or from someone not invited to it, is listed as skipped with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.domain import model as m
from planner.domain.invitations import CounterProposal, ReplyReceived
from planner.ical.reading import Address, EventRecord

REPLIES = {"NEEDS-ACTION": m.Reply.NEEDS_ACTION, "ACCEPTED": m.Reply.ACCEPTED, "DECLINED": m.Reply.DECLINED,
           "TENTATIVE": m.Reply.TENTATIVE, "DELEGATED": m.Reply.DELEGATED}
SAID = {m.Reply.ACCEPTED: "accepted", m.Reply.DECLINED: "declined", m.Reply.TENTATIVE: "is tentative for",
        m.Reply.DELEGATED: "delegated", m.Reply.NEEDS_ACTION: "has not yet answered"}


@dataclass
class ReplyChange:
    meeting: m.Meeting
    before: m.Attendee
    after: m.Attendee
    received: ReplyReceived
    name: str

    def line(self) -> str:
        comment = f" — “{self.received.comment}”" if self.received.comment else ""
        return f"Reply: {self.name} {SAID[self.after.reply]} '{self.meeting.title}'{comment}"


@dataclass
class CounterChange:
    meeting: m.Meeting
    proposal: CounterProposal
    name: str

    def line(self) -> str:
        return f"Counter-proposal: {self.name} proposes {describe_proposal(self.proposal)} for " \
               f"'{self.meeting.title}'" + (f" — “{self.proposal.comment}”" if self.proposal.comment else "")


def describe_proposal(proposal: CounterProposal) -> str:
    """'12 Dec 2026 10:00–11:00 (Asia/Dushanbe) at Hotel Serena', in the words of the preview."""
    parts = []
    if proposal.start is not None:
        if hasattr(proposal.start, "hour"):
            parts.append(f"{proposal.start:%d %b %Y %H:%M}–{proposal.end:%H:%M} ({proposal.zone})")
        else:
            parts.append(f"{proposal.start:%d %b %Y}")
    if proposal.venue:
        parts.append(f"at {proposal.venue}")
    return " ".join(parts) or "no change of time or place"


class Answers:
    """Plans the replies and counter-proposals of one file; ``planner`` is the import's _Planner."""

    def __init__(self, planner):
        self.planner = planner
        self.plan = planner.plan
        self.target = planner.target

    def _who(self, record: EventRecord, address: Address, what: str):
        """(meeting, person, attendee) for an answer, or None after saying why it is skipped."""
        meeting = self.planner.existing.get(record.uid)
        label = f"{what} from {address.name or address.email or 'someone'}" + \
                (f" <{address.email}>" if address.email else "")
        if meeting is None:
            self.plan.skipped.append(f"{label} to '{record.title}': that meeting is not in the visit")
            return None
        person = self.planner.by_email.get(address.email) if address.email else None
        attendee = next((a for a in self.target.attendees.get(meeting.id, [])
                         if person is not None and a.person_id == person.id), None)
        if attendee is None:
            self.plan.skipped.append(f"{label} to '{meeting.title}': they are not invited to that meeting")
            return None
        return meeting, person, attendee

    def reply(self, record: EventRecord) -> None:
        people = [a for a in record.attendees if not a.stand_in]
        if len(people) > 1:  # some clients repeat everyone; only a real answer counts
            people = [a for a in people if a.partstat != "NEEDS-ACTION"] or people[:1]
        if not people:
            self.plan.skipped.append(f"a reply to '{record.title}' that names no attendee")
            return
        for address in people:
            found = self._who(record, address, "a reply")
            if found is None:
                continue
            meeting, person, attendee = found
            reply = REPLIES.get(address.partstat)
            if reply is None:
                self.plan.skipped.append(f"a reply from {person.display_name} to '{meeting.title}': "
                                         f"'{address.partstat}' is not an answer")
                continue
            comment = record.comment or address.comment
            last = self.target.replies.get((meeting.id, person.id))
            if attendee.reply == reply and (last is None or last.comment == comment) and \
                    (last is not None or not comment):
                self.plan.unchanged_answers += 1
                continue
            if record.timed and record.sequence < meeting.sequence:
                self.plan.notes.append(f"{person.display_name}'s reply to '{meeting.title}' answers an older "
                                       f"version of it (sequence {record.sequence}, now {meeting.sequence}).")
            received = ReplyReceived(meeting.id, person.id, reply, comment, record.sequence)
            self.plan.replies.append(ReplyChange(meeting, attendee, replace(attendee, reply=reply), received,
                                                 person.display_name))

    def counter(self, record: EventRecord) -> None:
        organiser = record.organiser.email if record.organiser is not None else ""
        people = [a for a in record.attendees if not a.stand_in and a.email != organiser] or \
            [a for a in record.attendees if not a.stand_in]
        if not people:
            self.plan.skipped.append(f"a counter-proposal for '{record.title}' that names no attendee")
            return
        found = None
        for address in people:  # the proposer is the one attendee of ours the proposal names
            meeting = self.planner.existing.get(record.uid)
            person = self.planner.by_email.get(address.email) if address.email else None
            if meeting is not None and person is not None and any(
                    a.person_id == person.id for a in self.target.attendees.get(meeting.id, [])):
                found = self._who(record, address, "a counter-proposal")
                break
        if found is None:
            self._who(record, people[0], "a counter-proposal")  # says why it is skipped
            return
        meeting, person, _attendee = found
        proposal = self._proposal(record, meeting, person)
        if any((c.person_id, c.start, c.end, c.venue) == (proposal.person_id, proposal.start, proposal.end,
                                                           proposal.venue)
               for c in self.target.counters.get(meeting.id, [])):
            self.plan.unchanged_answers += 1
            return
        self.plan.counters.append(CounterChange(meeting, proposal, person.display_name))

    def _proposal(self, record: EventRecord, meeting: m.Meeting, person: m.Person) -> CounterProposal:
        moved = record.timed and (record.start, record.end) != (meeting.start, meeting.end)
        venue = "" if self.planner.same_venue(meeting, record.location) else record.location
        return CounterProposal(meeting.id, person.id, record.start if moved else None,
                               record.end if moved else None, record.zone if moved else meeting.zone,
                               venue, record.comment, record.sequence)
