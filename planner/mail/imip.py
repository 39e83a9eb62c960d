"""One e-mail per invite (iMIP, RFC 6047): a text part for people and a text/calendar part for their calendar."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from planner.domain import model as m
from planner.domain.invitations import Programme
from planner.ical import lines as ln
from planner.ical.export import ExportResult, Method, file_stem, full_name, organiser_of

# Python's folding at 78 characters can split a non-Latin name inside a word ("Каби р"); RFC 5322
# allows 998, and headers then fold only between addresses.
HEADERS = policy.default.clone(max_line_length=998)
SUBJECTS = {Method.REQUEST: "Invitation", Method.CANCEL: "Cancelled", Method.PUBLISH: "Programme",
            Method.DECLINECOUNTER: "New time declined"}


class NoRecipients(ValueError):
    """A message that would have no To: (no attendee other than the organiser has an e-mail address)."""


def _address(person: m.Person) -> Address:
    local, _, domain = ln.clean(person.email).strip().partition("@")
    return Address(display_name=ln.clean(full_name(person)), username=local, domain=domain)


def recipients(meeting: m.Meeting, programme: Programme, audience: set[int] | None = None) -> list[m.Person]:
    """The attendees a message goes to: those with an address, never the organiser himself."""
    organiser = organiser_of(meeting, programme)
    own = organiser.email.strip().lower() if organiser is not None else None
    found, seen = [], set()
    for attendee in programme.attendees.get(meeting.id, []):
        person = programme.people.get(attendee.person_id)
        if person is None or not person.email.strip() or (audience is not None and person.id not in audience):
            continue
        address = person.email.strip().lower()
        if address != own and address not in seen:
            seen.add(address)
            found.append(person)
    return found


def invite_email(meeting: m.Meeting, programme: Programme, method: Method, calendar_text: str,
                 to: list[m.Person] | None = None) -> EmailMessage:
    """An e-mail a mail client opens ready to send: From the organiser, To every attendee with an address."""
    method = Method(method)
    stamp = _stamp_of(calendar_text)
    message = EmailMessage()
    organiser = organiser_of(meeting, programme)
    if organiser is not None:
        local, _, domain = ln.clean(organiser.email).partition("@")
        message["From"] = Address(display_name=ln.clean(organiser.name), username=local, domain=domain)
    people = recipients(meeting, programme) if to is None else to
    if people and method is not Method.PUBLISH:
        message["To"] = [_address(p) for p in people]
    title = ln.clean(meeting.title)  # a line break in a header would end the header (or the message)
    message["Subject"] = f"{SUBJECTS[method]}: {title}"
    if meeting.all_day:
        when = f"{meeting.start:%A %d %B %Y}"
    else:
        when = f"{meeting.start:%A %d %B %Y, %H:%M}–{meeting.end:%H:%M} ({meeting.zone})"
    message["Date"] = format_datetime(stamp)
    message["X-Unsent"] = "1"  # Outlook opens the file as a draft to send
    body = f"{title}\n{when}\n"
    if method is Method.CANCEL:
        body = "This meeting is cancelled.\n\n" + body
    message.set_content(body, charset="utf-8")
    # RFC 6047: the calendar part names its method, which must equal the file's METHOD; no
    # Content-Disposition, so that clients show it as an invite rather than an attachment.
    message.add_alternative(calendar_text.encode("utf-8"), maintype="text", subtype="calendar",
                            params={"method": method.name, "charset": "UTF-8"})
    return message


def _stamp_of(text: str) -> datetime:
    found = re.search(r"\r\nDTSTAMP:(\d{8}T\d{6})Z\r\n", text)
    if found is None:
        return datetime.now(UTC).replace(microsecond=0)
    return datetime.strptime(found.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)


def write_emails(programme: Programme, result: ExportResult, folder: Path) -> list[Path]:
    """One .eml per meeting of ``result`` in ``folder`` (created if needed); returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    texts = result.messages or [result.text] * len(result.meetings)
    for n, (meeting, text) in enumerate(zip(result.meetings, texts), start=1):
        if result.method is Method.PUBLISH:
            from planner.ical.export import render

            text = render([meeting], programme, result.method, now=_stamp_of(result.text)).text
        path = folder / f"{file_stem(n, meeting)}.eml"
        path.write_bytes(invite_email(meeting, programme, result.method, text).as_bytes(policy=HEADERS))
        written.append(path)
    return written
