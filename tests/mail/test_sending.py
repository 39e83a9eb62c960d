"""Sending invites over SMTP to a real server on 127.0.0.1, and knowing what was sent to whom."""

from dataclasses import replace

import icalendar
import pytest

from planner.domain import model as m
from planner.domain.invitations import Scope
from planner.mail.sending import prepare, send
from planner.mail.smtp import Connection, MailServerError, SmtpSettings
from planner.storage.queries.invitations import reply_rows, sent_of_visit
from tests.ical.conftest import NOW, zones_visit  # noqa: F401
from tests.mail.conftest import REFUSED


def connect(address: str, password: str | None = "secret", user: str = "office") -> Connection:
    return Connection(SmtpSettings.parse(address, "none", user), password)


def calendar_of(message) -> icalendar.Calendar:
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return part, icalendar.Calendar.from_ical(part.get_payload(decode=True))


def test_invite_goes_to_the_attendees_with_an_address_and_is_recorded(zones_visit, mail_server):  # noqa: F811
    store, ids = zones_visit
    mailbox, address = mail_server
    store.add(m.Attendee(ids["berlin"], ids["protocol"]))  # the organiser attends: he gets no mail
    outgoing, notes = prepare(store, Scope(meeting_id=ids["berlin"]), pending_only=False, now=NOW)
    deliveries = send(store, outgoing, connect(address), now=NOW)
    assert [d.failed for d in deliveries] == [{}] and mailbox.logins == ["office"]
    [(envelope_to, message)] = mailbox.messages
    wanted = {"minister@mint.tj.example", "minister.office@moip.gov.pk.example", "jane.doe@observer.example"}
    assert set(envelope_to) == wanted == {a.addr_spec for a in message["To"].addresses}
    assert message["From"].addresses[0].addr_spec == "protocol@mofa.gov.pk.example"
    assert message["Subject"] == "Invitation: Talks in Berlin, after the clocks change" and "X-Unsent" not in message
    assert message.get_body(("plain",)).get_content().startswith("Talks in Berlin")
    part, calendar = calendar_of(message)
    assert part.get_param("method") == "REQUEST" and calendar["METHOD"] == "REQUEST"
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == ["berlin@visit-planner.test"]
    sent = sent_of_visit(store.db, ids["visit"])
    assert {p for (meeting, p) in sent if meeting == ids["berlin"]} == {ids["kabir"], ids["bakhtyar"], ids["observer"]}
    rows = {r["person_id"]: r for r in reply_rows(store.db, ids["visit"], ids["berlin"])}
    assert rows[ids["kabir"]]["sent_sequence"] == 0 and rows[ids["pm"]]["sent_sequence"] is None
    assert rows[ids["protocol"]]["sent_sequence"] is None  # never mailed to himself


def test_send_updates_sends_only_what_changed_and_to_whom(zones_visit, mail_server):  # noqa: F811
    store, ids = zones_visit
    mailbox, address = mail_server
    scope = Scope(visit_id=ids["visit"])
    send(store, prepare(store, scope, pending_only=True, now=NOW)[0], connect(address), now=NOW)
    first = len(mailbox.messages)
    assert first == 6  # every meeting but the lunch, whose only attendee has no address
    assert prepare(store, scope, pending_only=True, now=NOW)[0] == []  # all up to date
    berlin = store.meeting(ids["berlin"])
    store.update(replace(berlin, start=berlin.start.replace(hour=12), end=berlin.end.replace(hour=13)))
    observer = next(a for a in store.attendees(meeting_id=berlin.id) if a.person_id == ids["observer"])
    store.delete(observer)
    store.add(m.Attendee(ids["dushanbe"], ids["bakhtyar"]))
    pending = prepare(store, scope, pending_only=True, now=NOW)[0]
    summary = sorted((o.meeting.title, o.method.value, sorted(p.email for p in o.people)) for o in pending)
    assert summary == [
        ("Talks in Berlin, after the clocks change", "cancel", ["jane.doe@observer.example"]),
        ("Talks in Berlin, after the clocks change", "request",
         ["minister.office@moip.gov.pk.example", "minister@mint.tj.example"]),
        ("Talks in Dushanbe", "request", ["minister.office@moip.gov.pk.example"]),
    ]
    send(store, pending, connect(address), now=NOW)
    news = mailbox.messages[first:]
    cancel = next(msg for _to, msg in news if msg["Subject"].startswith("Cancelled"))
    _part, calendar = calendar_of(cancel)
    [event] = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL" and str(event["ATTENDEE"]) == "mailto:jane.doe@observer.example"
    assert int(event["SEQUENCE"]) == store.meeting(ids["berlin"]).sequence
    assert prepare(store, scope, pending_only=True, now=NOW)[0] == []


def test_a_refused_recipient_is_reported_and_stays_pending(zones_visit, mail_server):  # noqa: F811
    store, ids = zones_visit
    mailbox, address = mail_server
    stranger = store.insert(m.Person(ids["visit"], "Nobody Here", email=REFUSED))
    store.add(m.Attendee(ids["berlin"], stranger.id))
    [delivery] = send(store, prepare(store, Scope(meeting_id=ids["berlin"]), pending_only=True, now=NOW)[0],
                      connect(address), now=NOW)
    assert list(delivery.failed) == [REFUSED] and "550" in delivery.failed[REFUSED]
    assert len(delivery.sent_to) == 3 and len(mailbox.messages) == 1
    assert f"failed for {REFUSED}: 550" in delivery.line()
    [again] = prepare(store, Scope(meeting_id=ids["berlin"]), pending_only=True, now=NOW)[0]
    assert [p.email for p in again.people] == [REFUSED]  # nothing was marked sent that was not


def test_a_server_that_hangs_up_half_way_fails_that_message_and_the_rest_still_go(zones_visit, mail_server):  # noqa: F811
    store, ids = zones_visit
    mailbox, address = mail_server
    mailbox.drop_at = 2
    outgoing, _notes = prepare(store, Scope(visit_id=ids["visit"]), pending_only=True, now=NOW)
    progress = []
    deliveries = send(store, outgoing, connect(address), progress=lambda n, d: progress.append(n), now=NOW)
    assert progress == list(range(1, len(outgoing) + 1))
    lost = deliveries[1]
    assert not lost.sent_to and lost.failed and all("closed the connection" in why for why in lost.failed.values())
    assert all(d.sent_to and not d.failed for d in deliveries[:1] + deliveries[2:])
    assert len(mailbox.messages) == len(outgoing) - 1
    [pending] = prepare(store, Scope(visit_id=ids["visit"]), pending_only=True, now=NOW)[0]
    assert pending.meeting.id == lost.outgoing.meeting.id


def test_a_wrong_password_or_server_sends_nothing(zones_visit, mail_server):  # noqa: F811
    store, ids = zones_visit
    mailbox, address = mail_server
    with pytest.raises(MailServerError, match="cannot use the mail server"):
        connect(address, password="wrong").open()
    with pytest.raises(MailServerError, match="no password"):
        connect(address, password=None).open()
    assert not mailbox.messages and not sent_of_visit(store.db, ids["visit"])


def test_no_mail_without_to(zones_visit, mail_server):  # noqa: F811
    store, ids = zones_visit
    outgoing, notes = prepare(store, Scope(meeting_id=ids["lunch"]), pending_only=False, now=NOW)
    assert outgoing == [] and any("no attendee has an e-mail address" in n for n in notes)


def test_cancelling_by_mail_stores_the_cancellation_and_tells_everyone_who_had_it(zones_visit, mail_server):  # noqa: F811
    store, ids = zones_visit
    mailbox, address = mail_server
    scope = Scope(meeting_id=ids["berlin"])
    send(store, prepare(store, scope, pending_only=False, now=NOW)[0], connect(address), now=NOW)
    outgoing, _ = prepare(store, scope, pending_only=False, method="cancel", now=NOW)
    send(store, outgoing, connect(address), now=NOW)
    assert store.meeting(ids["berlin"]).status is m.MeetingStatus.CANCELLED
    _to, message = mailbox.messages[-1]
    _part, calendar = calendar_of(message)
    assert calendar["METHOD"] == "CANCEL" and len(message["To"].addresses) == 3
    assert {s.method for s in sent_of_visit(store.db, ids["visit"]).values()} == {"cancel"}
    assert prepare(store, scope, pending_only=True, now=NOW)[0] == []


def test_password_from_the_keyring_or_the_environment(monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    from planner.mail.smtp import PASSWORD_VARIABLE, password_for, save_password

    class Memory(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.kept = {}

        def set_password(self, service, username, password):
            self.kept[(service, username)] = password

        def get_password(self, service, username):
            return self.kept.get((service, username))

        def delete_password(self, service, username):
            self.kept.pop((service, username), None)

    previous = keyring.get_keyring()
    backend = Memory()
    keyring.set_keyring(backend)
    try:
        monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
        settings = SmtpSettings.parse("mail.mfa.tj.example", "starttls", "protocol")
        assert settings.port == 587 and password_for(settings) is None
        save_password(settings, "kept")
        assert backend.kept == {("Visit Planner SMTP", "protocol@mail.mfa.tj.example"): "kept"}
        assert password_for(settings) == "kept"
        monkeypatch.setenv(PASSWORD_VARIABLE, "from-env")
        assert password_for(settings) == "from-env"
    finally:
        keyring.set_keyring(previous)
