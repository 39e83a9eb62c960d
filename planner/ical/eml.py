"""One e-mail per invite (RFC 6047): a text part for people and a text/calendar part for their calendar."""

from __future__ import annotations

import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from planner.domain import model as m
from planner.ical.export import ExportResult, Method, Programme, full_name, render

# Python's folding at 78 characters can split a non-Latin name inside a word ("Каби р"); RFC 5322
# allows 998, and headers then fold only between addresses.
HEADERS = policy.default.clone(max_line_length=998)
SUBJECTS = {Method.REQUEST: "Invitation", Method.CANCEL: "Cancelled", Method.PUBLISH: "Programme"}


def _address(person: m.Person) -> Address:
    local, _, domain = person.email.strip().partition("@")
    return Address(display_name=full_name(person), username=local, domain=domain)


def invite_email(meeting: m.Meeting, programme: Programme, result: ExportResult) -> EmailMessage:
    """An e-mail a mail client opens ready to send: From the organiser, To every attendee with an address."""
    single = render([meeting], programme, result.method, now=_stamp_of(result.text))
    message = EmailMessage()
    office = programme.visit.organiser
    organiser = programme.people.get(meeting.organiser_id)
    if office is not None and office.email:
        local, _, domain = office.email.strip().partition("@")
        message["From"] = Address(display_name=office.name, username=local, domain=domain)
    elif organiser is not None and organiser.email:
        message["From"] = _address(organiser)
    recipients = [programme.people[a.person_id] for a in programme.attendees.get(meeting.id, [])
                  if a.person_id in programme.people and programme.people[a.person_id].email]
    if recipients and result.method is not Method.PUBLISH:
        message["To"] = [_address(p) for p in recipients]
    message["Subject"] = f"{SUBJECTS[result.method]}: {meeting.title}"
    if meeting.all_day:
        when = f"{meeting.start:%A %d %B %Y}"
    else:
        when = f"{meeting.start:%A %d %B %Y, %H:%M}–{meeting.end:%H:%M} ({meeting.zone})"
    message["Date"] = format_datetime(_stamp_of(result.text))
    message["X-Unsent"] = "1"  # Outlook opens the file as a draft to send
    body = f"{meeting.title}\n{when}\n"
    if result.method is Method.CANCEL:
        body = "This meeting is cancelled.\n\n" + body
    message.set_content(body, charset="utf-8")
    # RFC 6047: the calendar part names its method, which must equal the file's METHOD; no
    # Content-Disposition, so that clients show it as an invite rather than an attachment.
    message.add_alternative(single.text.encode("utf-8"), maintype="text", subtype="calendar",
                            params={"method": result.method.name, "charset": "UTF-8"})
    return message


def _stamp_of(text: str):
    from datetime import UTC, datetime

    found = re.search(r"\r\nDTSTAMP:(\d{8}T\d{6})Z\r\n", text)
    return datetime.strptime(found.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)


def write_emails(store, result: ExportResult, folder: Path) -> list[Path]:
    """One .eml per meeting of ``result`` in ``folder`` (created if needed); returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    if not result.meetings:
        return []
    programme = Programme.load(store, result.meetings[0].visit_id)
    written = []
    for n, meeting in enumerate(result.meetings, start=1):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", meeting.title).strip("-")[:50] or "meeting"
        path = folder / f"{n:02d}-{slug}.eml"
        path.write_bytes(invite_email(meeting, programme, result).as_bytes(policy=HEADERS))
        written.append(path)
    return written
