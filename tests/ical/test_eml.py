"""One e-mail per invite (RFC 6047), read back with the standard library's parser."""

import email
from email import policy

import icalendar

from planner.domain.invitations import Scope
from planner.mail.imip import write_emails
from planner.mail.outbox import export
from planner.storage.queries.invitations import programme
from tests.ical.conftest import NOW


def read(path):
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def test_invite_email_is_addressed_and_carries_the_request(zones_visit, tmp_path):
    store, ids = zones_visit
    result = export(store, Scope(meeting_id=ids["berlin"]), "request", now=NOW)
    [path] = write_emails(programme(store.db, ids["visit"]), result, tmp_path / "outbox")
    message = read(path)
    assert message["Subject"] == "Invitation: Talks in Berlin, after the clocks change"
    assert message["From"].addresses[0].addr_spec == "protocol@mofa.gov.pk.example"
    assert message["From"].addresses[0].display_name == "Mr. Usman Ghani (عثمان غنی)"
    to = {a.addr_spec: a.display_name for a in message["To"].addresses}
    assert to["minister@mint.tj.example"] == "H.E. Mr. Sherali Kabir (Шерали Кабир)"
    assert len(to) == 3  # the Prime Minister has no address and is named in the description
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "REQUEST" and part.get("Content-Disposition") is None
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["METHOD"] == "REQUEST"
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == ["berlin@visit-planner.test"]
    assert part.get_payload(decode=True).decode("utf-8") == result.text  # the same invite, byte for byte


def test_cancellation_email_says_cancel(zones_visit, tmp_path):
    store, ids = zones_visit
    result = export(store, Scope(meeting_ids=(ids["lunch"], ids["newyork"])), "cancel", now=NOW)
    paths = write_emails(programme(store.db, ids["visit"]), result, tmp_path)
    assert len(paths) == 2
    message = read(paths[0])  # programme order: the lunch on 28 October comes first
    assert message["Subject"] == "Cancelled: Lunch in Karachi"
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "CANCEL"
    event = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert "This meeting is cancelled." in message.get_body(("plain",)).get_content()


def test_the_visits_organiser_sends_the_mail(zones_visit, tmp_path):
    from dataclasses import replace

    from planner.domain import model as m

    store, ids = zones_visit
    store.update(replace(store.visit(ids["visit"]), organiser=m.Organiser("Protocol Department", "protocol@mfa.tj.example")))
    result = export(store, Scope(meeting_id=ids["berlin"]), "request", now=NOW)
    [path] = write_emails(programme(store.db, ids["visit"]), result, tmp_path)
    sender = read(path)["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Protocol Department", "protocol@mfa.tj.example")
