"""iCalendar export of meetings as invites (REQUEST), cancellations (CANCEL) or a read-only programme (PUBLISH).

Each method follows RFC 5546's table of required and forbidden properties:
REQUEST and CANCEL carry ORGANIZER and every attendee with an e-mail address,
PUBLISH carries ORGANIZER and no ATTENDEE. A meeting keeps its UID for life and
its SEQUENCE comes from the store, which raises it when time, venue, link or
status change, so a re-sent invite replaces the old one in every client.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from planner import __version__
from planner.domain import model as m
from planner.domain.invitations import ExportError, Programme
from planner.domain.precedence import by_precedence
from planner.domain.zones import later
from planner.ical import lines as ln
from planner.ical.recurrence import BadRecurrence, last_year, normalise
from planner.ical.timezones import vtimezone_text

PRODID = f"-//Visit Planner//Visit Planner {__version__}//EN"
# Used only when no one at a meeting has an e-mail address: RFC 5546 needs an ORGANIZER address.
FALLBACK_ORGANISER = "protocol@visit-planner.invalid"


class Method(StrEnum):
    REQUEST = "request"
    CANCEL = "cancel"
    PUBLISH = "publish"
    DECLINECOUNTER = "declinecounter"


ROLES = {m.AttendeeRole.CHAIR: "CHAIR", m.AttendeeRole.REQUIRED: "REQ-PARTICIPANT",
         m.AttendeeRole.OPTIONAL: "OPT-PARTICIPANT", m.AttendeeRole.OBSERVER: "NON-PARTICIPANT"}
PARTSTATS = {m.Reply.NEEDS_ACTION: "NEEDS-ACTION", m.Reply.ACCEPTED: "ACCEPTED", m.Reply.DECLINED: "DECLINED",
             m.Reply.TENTATIVE: "TENTATIVE", m.Reply.DELEGATED: "DELEGATED"}
CLASSES = {m.Confidentiality.PUBLIC: "PUBLIC", m.Confidentiality.RESTRICTED: "PRIVATE",
           m.Confidentiality.CONFIDENTIAL: "CONFIDENTIAL"}


@dataclass
class ExportResult:
    """The file(s) of an export: ``text`` is the whole calendar; ``messages`` one iTIP message per meeting.

    An invite or cancellation covers one meeting (RFC 5546 3.2: one UID per message; Outlook reads only
    the first event of a file holding more), so REQUEST and CANCEL are written one message per meeting.
    """

    text: str
    method: Method
    meetings: list[m.Meeting]
    notes: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # parallel to ``meetings`` for REQUEST and CANCEL

    @property
    def single(self) -> bool:
        """True when one file holds the whole export: a programme, or one meeting's invite."""
        return self.method is Method.PUBLISH or len(self.meetings) == 1


def full_name(person: m.Person) -> str:
    """The name an invite shows: 'H.E. Mr. Sherali Kabir (Шерали Кабир)'."""
    if person.native_name and person.native_name != person.name:
        return ln.clean(f"{person.display_name} ({person.native_name})")
    return ln.clean(person.display_name)


def describe(meeting: m.Meeting, programme: Programme, method: Method, without_email: list[m.Person]) -> str:
    """The DESCRIPTION: the agenda with clock times and presenters, the online link, who is told otherwise."""
    parts = []
    items = programme.agenda.get(meeting.id, [])
    if items:
        clock = meeting.starts_at()
        rows = ["Agenda:"]
        for n, item in enumerate(items, start=1):
            presenter = programme.people.get(item.presenter_id)
            when = "" if meeting.all_day else f"{clock:%H:%M} "
            rows.append(f"{n}. {when}{item.title}" + (f" — {presenter.display_name}" if presenter else ""))
            clock = later(clock, timedelta(minutes=item.duration_minutes))
        parts.append("\n".join(rows))
    if meeting.online_link:
        parts.append(f"Join online: {meeting.online_link}")
    if method is Method.PUBLISH:
        names = [full_name(programme.people[a.person_id]) for a in _attendees(meeting, programme)]
        if names:
            parts.append("Participants: " + "; ".join(names))
    elif without_email:
        parts.append("Also taking part (no e-mail address, informed separately): "
                      + "; ".join(full_name(p) for p in without_email))
    # The meeting's notes are the office's own and stay out of other people's calendars.
    return "\n\n".join(parts)


def location(meeting: m.Meeting, programme: Programme) -> str:
    venue = programme.venues.get(meeting.venue_id)
    if venue is None:
        return "Online" if meeting.online_link else ""
    return ", ".join(x for x in (venue.name, venue.address, venue.city) if x)


def _attendees(meeting: m.Meeting, programme: Programme) -> list[m.Attendee]:
    """The meeting's attendees in precedence order (people of another visit are left out)."""
    found = [a for a in programme.attendees.get(meeting.id, []) if a.person_id in programme.people]
    order = {p.id: n for n, p in enumerate(by_precedence([programme.people[a.person_id] for a in found]))}
    return sorted(found, key=lambda a: order[a.person_id])


def _address_line(name: str, person: m.Person, extra: str = "") -> str:
    return f"{name}{extra};CN={ln.param_value(full_name(person))}:mailto:{person.email.strip()}"


def _organiser_and_note(meeting: m.Meeting, programme: Programme) -> tuple[m.Organiser | None, str | None]:
    office = programme.visit.organiser
    if office is not None and office.email:
        # The protocol office sends every invite of the visit and receives the replies.
        return m.Organiser(ln.clean(office.name) or office.email.strip(), office.email.strip(), office.phone), None
    organiser = programme.people.get(meeting.organiser_id)
    if organiser is not None and organiser.email:
        return _as_organiser(organiser), None
    why = "has no e-mail address" if organiser else "is not set"
    # Fall back to whoever organises the rest of the visit, then the chair, then any attendee; and say so.
    usual = programme.people.get(programme.usual_organiser_id)
    if usual is not None and usual.email:
        return _as_organiser(usual), (f"'{meeting.title}': the organiser {why}; {usual.display_name} "
                                      f"<{usual.email}>, who organises the visit's other meetings, is named as "
                                      "organiser instead.")
    ranked = sorted(_attendees(meeting, programme), key=lambda a: a.role is not m.AttendeeRole.CHAIR)
    for attendee in ranked:
        person = programme.people[attendee.person_id]
        if person.email:
            return _as_organiser(person), (f"'{meeting.title}': the organiser {why}; {person.display_name} "
                                           f"<{person.email}> is named as organiser instead.")
    return None, (f"'{meeting.title}': no one has an e-mail address; the organiser is written as "
                  f"{FALLBACK_ORGANISER}, which clients show but cannot reply to.")


def _as_organiser(person: m.Person) -> m.Organiser:
    return m.Organiser(full_name(person), person.email.strip(), person.phone)


def organiser_of(meeting: m.Meeting, programme: Programme) -> m.Organiser | None:
    """Who sends the invite and receives the replies: the visit's organiser (the protocol office), else the
    meeting's, else a fallback; None when no one has an address."""
    return _organiser_and_note(meeting, programme)[0]


def _organiser(meeting: m.Meeting, programme: Programme, notes: list[str]) -> str:
    sender, note = _organiser_and_note(meeting, programme)
    if note:
        notes.append(note)
    if sender is not None:
        return f"ORGANIZER;CN={ln.param_value(sender.name)}:mailto:{ln.clean(sender.email)}"
    organiser = programme.people.get(meeting.organiser_id)
    name = full_name(organiser) if organiser else programme.visit.title
    return f"ORGANIZER;CN={ln.param_value(name)}:mailto:{FALLBACK_ORGANISER}"


def event_lines(meeting: m.Meeting, programme: Programme, method: Method, stamp: str,
                notes: list[str], missing_email: dict[int, list[str]], audience: set[int] | None = None) -> list[str]:
    """The content lines of one VEVENT (unfolded)."""
    attendees = _attendees(meeting, programme)
    if audience is not None:
        attendees = [a for a in attendees if a.person_id in audience]
    with_email = [a for a in attendees if programme.people[a.person_id].email]
    without_email = [programme.people[a.person_id] for a in attendees if not programme.people[a.person_id].email]
    if method is not Method.PUBLISH:
        for person in without_email:
            missing_email[person.id].append(meeting.title)
    out = ["BEGIN:VEVENT", f"UID:{ln.escape_text(meeting.uid)}", f"DTSTAMP:{stamp}", f"SEQUENCE:{meeting.sequence}"]
    if meeting.all_day:
        out += [ln.moment_line("DTSTART", meeting.start, meeting.zone),
                ln.moment_line("DTEND", meeting.end + timedelta(days=1), meeting.zone)]
    else:
        out += [ln.moment_line("DTSTART", meeting.start, meeting.zone),
                ln.moment_line("DTEND", meeting.end, meeting.zone)]
    if meeting.recurrence:
        try:
            rule, _until = normalise(meeting.recurrence, meeting.zone, meeting.all_day)
        except BadRecurrence as exc:
            raise ExportError(f"'{meeting.title}': {exc}") from None
        out.append(f"RRULE:{rule}")
        # One EXDATE per line, in the start's zone, for the same reason as RDATE in VTIMEZONE.
        for skipped in meeting.exdates:
            value = skipped.astimezone(meeting.tz) if isinstance(skipped, datetime) else skipped
            out.append(ln.moment_line("EXDATE", value, meeting.zone))
    out.append(f"SUMMARY:{ln.escape_text(meeting.title)}")
    place = location(meeting, programme)
    if place:
        out.append(f"LOCATION:{ln.escape_text(place)}")
    text = describe(meeting, programme, method, without_email)
    if text:
        out.append(f"DESCRIPTION:{ln.escape_text(text)}")
    if meeting.online_link:
        out.append(f"URL:{meeting.online_link}")
        out.append(f"CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Join online:{meeting.online_link}")
    out.append(f"CLASS:{CLASSES[meeting.confidentiality]}")
    out += _own_lines(meeting, programme)
    if method is Method.CANCEL or meeting.status is m.MeetingStatus.CANCELLED:
        out.append("STATUS:CANCELLED")
    else:
        out.append("STATUS:CONFIRMED" if meeting.status is m.MeetingStatus.CONFIRMED else "STATUS:TENTATIVE")
    out.append("TRANSP:OPAQUE")
    out.append(_organiser(meeting, programme, notes))
    if method is not Method.PUBLISH:
        for attendee in with_email:
            person = programme.people[attendee.person_id]
            out.append(_address_line(
                "ATTENDEE", person,
                f";CUTYPE=INDIVIDUAL;ROLE={ROLES[attendee.role]};PARTSTAT={PARTSTATS[attendee.reply]};RSVP=TRUE"))
        if not with_email:
            # RFC 5546 wants at least one ATTENDEE in REQUEST and CANCEL: the organiser stands in.
            # The X- parameter lets our import leave the stand-in out of the meeting.
            out.append(out[-1].replace(
                "ORGANIZER", "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=CHAIR;PARTSTAT=ACCEPTED;X-VISIT-PLANNER-STAND-IN=TRUE", 1))
    out.append("END:VEVENT")
    return out


def _own_lines(meeting: m.Meeting, programme: Programme) -> list[str]:
    """What only Visit Planner reads back (kind, sector, agenda items), so our own files re-import whole."""
    out = [f"X-VISIT-PLANNER-KIND:{ln.escape_text(str(meeting.kind))}"]
    sector = programme.sectors.get(meeting.sector_id)
    if sector is not None:
        out.append(f"X-VISIT-PLANNER-SECTOR:{ln.escape_text(sector.name)}")
    for item in programme.agenda.get(meeting.id, []):
        params = f";X-MINUTES={item.duration_minutes}"
        presenter = programme.people.get(item.presenter_id)
        if presenter is not None:
            params += f";X-PRESENTER={ln.param_value(presenter.name)}"
            if presenter.email:
                params += f";X-EMAIL={ln.param_value(presenter.email.strip())}"
        item_sector = programme.sectors.get(item.sector_id)
        if item_sector is not None:
            params += f";X-SECTOR={ln.param_value(item_sector.name)}"
        out.append(f"X-VISIT-PLANNER-AGENDA{params}:{ln.escape_text(item.title)}")
    return out


def _zone_years(meetings: list[m.Meeting]) -> dict[str, tuple[int, int]]:
    years: dict[str, tuple[int, int]] = {}
    for meeting in meetings:
        if meeting.all_day or meeting.zone == "UTC":
            continue
        first, last = meeting.start.year, meeting.end.year
        if meeting.recurrence:
            last = max(last, last_year(meeting.recurrence, meeting.start, meeting.zone, meeting.all_day))
        known = years.get(meeting.zone)
        years[meeting.zone] = (min(first, known[0]), max(last, known[1])) if known else (first, last)
    # One year more than needed: clients expand series and show reminders a little beyond the last meeting.
    return {name: (first, last + 1) for name, (first, last) in years.items()}


def _header(method: Method, programme: Programme) -> list[str]:
    out = ["BEGIN:VCALENDAR", f"PRODID:{PRODID}", "VERSION:2.0", "CALSCALE:GREGORIAN", f"METHOD:{method.name}"]
    if method is Method.PUBLISH:
        # Apple and Google name a subscribed or imported calendar by these; the zone is the visit's clock.
        out.append(f"X-WR-CALNAME:{ln.escape_text(programme.visit.title)}")
        out.append(f"X-WR-TIMEZONE:{programme.visit.zone}")
    return [ln.fold(line) for line in out]


def _calendar(meetings: list[m.Meeting], programme: Programme, method: Method, stamp: str, notes: list[str],
              missing_email: dict[int, list[str]], audience: set[int] | None = None) -> str:
    try:
        years = _zone_years(meetings)
    except BadRecurrence as exc:
        raise ExportError(str(exc)) from None
    text = _header(method, programme)
    for zone_name in sorted(years):
        text.append(vtimezone_text(zone_name, *years[zone_name]))
    fold = ln.fold
    for meeting in meetings:
        text += [fold(line) for line in event_lines(meeting, programme, method, stamp, notes, missing_email,
                                                    audience)]
    text.append("END:VCALENDAR\r\n")
    return "".join(text)


def render(meetings: list[m.Meeting], programme: Programme, method: Method | str = Method.REQUEST,
           now: datetime | None = None, audience: set[int] | None = None) -> ExportResult:
    """The iCalendar text of ``meetings`` for ``method``; notes say what the reader should know.

    For REQUEST and CANCEL, ``messages`` holds one calendar per meeting, the form to write or send;
    ``audience`` limits the attendees written to these people (an invite to the people added to a
    meeting, a cancellation to those removed from it).
    """
    method = Method(method)
    notes: list[str] = []
    if method is Method.REQUEST:
        cancelled = [x for x in meetings if x.status is m.MeetingStatus.CANCELLED]
        if cancelled:
            notes.append(f"{len(cancelled)} cancelled meeting(s) left out of the invites; send a cancellation "
                         "instead: " + "; ".join(x.title for x in cancelled))
            meetings = [x for x in meetings if x.status is not m.MeetingStatus.CANCELLED]
    if not meetings:
        raise ExportError("there are no meetings to export")
    stamp = ln.utc_stamp(now or datetime.now(UTC))
    missing_email: dict[int, list[str]] = defaultdict(list)
    if method is Method.PUBLISH or len(meetings) == 1:
        text = _calendar(meetings, programme, method, stamp, notes, missing_email, audience)
        messages = [] if method is Method.PUBLISH else [text]
    else:
        messages = [_calendar([x], programme, method, stamp, notes, missing_email, audience) for x in meetings]
        text = ""  # several meetings are never one invite: write ``messages``, one file each
    if missing_email:
        notes.insert(0, "No e-mail address, so named in the description instead of invited: " + "; ".join(
            f"{programme.people[pid].display_name} ({len(titles)} meeting{'s' if len(titles) > 1 else ''})"
            for pid, titles in missing_email.items()))
    return ExportResult(text, method, meetings, notes, messages)


def file_stem(n: int, meeting: m.Meeting) -> str:
    """'05-delegation-level-talks': the number in the export, then the title as a file name can hold it."""
    slug = re.sub(r"[^\w]+", "-", ln.clean(meeting.title).casefold(), flags=re.UNICODE).strip("-_")[:50]
    return f"{n:02d}-{slug or 'meeting'}"


def decline_counter(meeting: m.Meeting, proposer: m.Person, programme: Programme, comment: str = "",
                    now: datetime | None = None) -> str:
    """The DECLINECOUNTER for a counter-proposal (RFC 5546 3.2.8): the meeting stays as it is.

    It names the meeting (UID, and SEQUENCE when it is not zero, as RFC 5546 asks) and the organiser, and
    nothing of the time, place or attendees: the table forbids them in this method. The message goes to
    ``proposer``, whose address is the mail's To.
    """
    notes: list[str] = []
    out = ["BEGIN:VCALENDAR", f"PRODID:{PRODID}", "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:DECLINECOUNTER",
           "BEGIN:VEVENT", f"UID:{ln.escape_text(meeting.uid)}", f"DTSTAMP:{ln.utc_stamp(now or datetime.now(UTC))}",
           _organiser(meeting, programme, notes)]
    if meeting.sequence:
        out.append(f"SEQUENCE:{meeting.sequence}")
    if comment:
        out.append(f"COMMENT:{ln.escape_text(comment)}")
    out += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(ln.fold(line) for line in out)
