"""send invites and list replies through a subprocess: the exact command-line contract, against a real server."""

import json

import icalendar
import pytest

from tests.cli.test_cli import run
from tests.cli.test_cli_ics import built_demo, demo_db  # noqa: F401
from tests.mail.conftest import mail_server  # noqa: F401

PASSWORD = {"VISIT_PLANNER_SMTP_PASSWORD": "secret"}


def replies(db, *extra) -> list[dict]:
    result = run("list", "replies", "--db", str(db), "--visit", "1", *extra, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_send_a_meeting_then_only_what_is_pending(demo_db, mail_server):  # noqa: F811
    mailbox, address = mail_server
    result = run("send", "invites", "--db", str(demo_db), "--meeting", "5", "--smtp", address, "--user", "office",
                 env=PASSWORD)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Sent invite of 'Delegation-level talks' (sequence 0) to ")
    assert lines[-1] == "1 of 1 message(s) sent, to 7 recipient(s)."
    [(to, message)] = mailbox.messages
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "REQUEST"
    assert len(icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")) == 1
    rows = replies(demo_db, "--meeting", "5")
    assert set(rows[0]) >= {"meeting_id", "person_id", "email", "reply", "sent_sequence"}
    assert {r["email"]: r["sent_sequence"] for r in rows if r["email"]} == {a: 0 for a in to}
    assert all(r["sent_sequence"] is None for r in rows if not r["email"])
    again = run("send", "invites", "--db", str(demo_db), "--meeting", "5", "--pending", "--smtp", address,
                "--user", "office", env=PASSWORD)
    assert again.returncode == 0 and "Nothing to send" in again.stdout and len(mailbox.messages) == 1


def test_list_replies_table(demo_db):  # noqa: F811
    result = run("list", "replies", "--db", str(demo_db), "--visit", "1", "--meeting", "5")
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header[:5] == ["MEETING_ID", "PERSON_ID", "EMAIL", "REPLY", "SENT_SEQUENCE"]


@pytest.mark.parametrize("args,needle", [
    (["send", "invites", "--meeting", "5"], "--smtp"),
    (["send", "invites", "--smtp", "localhost"], "one of the arguments"),
    (["send", "invites", "--meeting", "5", "--visit", "1", "--smtp", "x"], "not allowed with"),
    (["send", "invites", "--meeting", "5", "--smtp", "x", "--ssl", "--starttls"], "not allowed with"),
    (["send", "invites", "--meeting", "999", "--smtp", "localhost:1"], "no meeting 999"),
    (["send", "invites", "--meeting", "5", "--smtp", "localhost:notaport"], "not a port"),
    (["send", "invites", "--meeting", "5", "--smtp", "127.0.0.1:9"], "cannot use the mail server"),
    (["list", "replies", "--visit", "1", "--meeting", "999"], "no meeting 999"),
])
def test_bad_usage_is_status_2_with_one_line(demo_db, args, needle):  # noqa: F811
    result = run(*args, "--db", str(demo_db))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and needle in result.stderr and "Traceback" not in result.stderr


def test_a_wrong_password_sends_nothing_and_marks_nothing(demo_db, mail_server):  # noqa: F811
    mailbox, address = mail_server
    result = run("send", "invites", "--db", str(demo_db), "--visit", "1", "--smtp", address, "--user", "office",
                 env={"VISIT_PLANNER_SMTP_PASSWORD": "wrong"})
    assert result.returncode == 2 and "cannot use the mail server" in result.stderr
    assert not mailbox.messages and all(r["sent_sequence"] is None for r in replies(demo_db))


def test_a_refused_recipient_is_reported_and_the_rest_is_sent(demo_db, mail_server):  # noqa: F811
    import sqlite3

    mailbox, address = mail_server
    with sqlite3.connect(demo_db) as db:
        db.execute("UPDATE people SET email = 'refused@example.org' WHERE email = 'minister@mint.tj.example'")
    result = run("send", "invites", "--db", str(demo_db), "--visit", "1", "--smtp", address, "--user", "office",
                 env=PASSWORD)
    assert result.returncode == 1, result.stderr
    assert "failed for refused@example.org: 550" in result.stdout
    assert "recipient(s) failed and stay pending" in result.stdout.splitlines()[-1]
    assert mailbox.messages
    rows = replies(demo_db)
    assert all(r["sent_sequence"] is None for r in rows if r["email"] == "refused@example.org")
    assert any(r["sent_sequence"] == 0 for r in rows if r["email"] != "refused@example.org")
