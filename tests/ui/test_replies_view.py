"""The Replies view: answers per meeting and for the visit, people to chase, counter-proposals, Send updates."""

from dataclasses import replace

import icalendar
import pytest
from PySide6.QtWidgets import QDialog

from planner.domain.invitations import CounterProposal
from planner.mail.inbox import import_files
from planner.storage.queries.invitations import open_counters, sent_of_visit
from planner.ui.invitations import actions, sending
from planner.ui.invitations.model import RepliesModel, chase_text, counts_text
from planner.ui.shell.actions import build_actions
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.session import Session
from planner.ui.widgets import file_dialogs
from tests.mail.conftest import mail_server  # noqa: F401


@pytest.fixture
def window(qtbot, demo):
    store, visit_id = demo
    window = MainWindow(Session(store, visit_id))
    qtbot.addWidget(window)
    build_actions(window, actions.ACTIONS)
    return window


def reply(meeting, email, partstat, comment=""):
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
            f"UID:{meeting.uid}\r\nDTSTAMP:20261101T100000Z\r\nORGANIZER:mailto:protocol@example.org\r\n"
            f"SEQUENCE:{meeting.sequence}\r\nCOMMENT:{comment}\r\nATTENDEE;PARTSTAT={partstat}:mailto:{email}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def test_counts_and_people_to_chase_per_meeting_and_for_the_visit(qtbot, qtmodeltester, window):
    store, visit_id = window.session.store, window.session.visit_id
    meeting = store.meeting(5)
    emails = [store.person(a.person_id).email for a in store.attendees(meeting_id=5)
              if store.person(a.person_id).email]
    import_files(store, visit_id, [("a", reply(meeting, emails[0], "ACCEPTED", "With pleasure")),
                                   ("b", reply(meeting, emails[1], "DECLINED"))])
    dialog = actions.show_replies(window)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    whole = dialog.model.rowCount()
    dialog.meeting.setCurrentIndex(dialog.meeting.findData(5))
    assert dialog.model.rowCount() < whole
    assert dialog.counts.text().startswith("Accepted 2 · Declined 1 · Tentative 0 · Not answered 8")
    rows = dialog.rows()
    assert "With pleasure" in [r["comment"] for r in rows]
    chase = chase_text(rows)
    assert "Delegation-level talks" in chase and emails[0] not in chase and emails[2] in chase
    assert "Not sent yet: 1 meeting(s)" in dialog.pending.text()


def test_counts_text_on_an_empty_visit():
    assert counts_text([]) == "Accepted 0 · Declined 0 · Tentative 0 · Not answered 0"
    assert chase_text([]) == "Everyone has answered.\n"
    assert RepliesModel().rowCount() == 0


def test_export_of_people_to_chase(qtbot, window, monkeypatch, tmp_path):
    dialog = actions.show_replies(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "chase.txt"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(out), ""))
    dialog.export()
    text = out.read_text(encoding="utf-8")
    assert "Delegation-level talks" in text and "minister@mint.tj.example" in text


def proposal_for(window, hour: int) -> CounterProposal:
    store = window.session.store
    meeting = store.meeting(5)
    person = next(a.person_id for a in store.attendees(meeting_id=5) if store.person(a.person_id).email)
    start = meeting.start.replace(hour=hour)
    return store.insert(CounterProposal(5, person, start, start + (meeting.end - meeting.start), meeting.zone,
                                        comment="After lunch, please", received_at=meeting.start))


def test_accepting_a_counter_proposal_moves_the_meeting_in_one_undo_step(qtbot, window):
    store = window.session.store
    before = store.meeting(5)
    proposal_for(window, 11)
    dialog = actions.show_replies(window)
    qtbot.addWidget(dialog)
    dialog.meeting.setCurrentIndex(dialog.meeting.findData(5))
    assert dialog.counters.count() == 1 and "After lunch, please" in dialog.counters.item(0).text()
    dialog.counters.setCurrentRow(0)
    dialog.decide(True)
    moved = store.meeting(5)
    assert moved.start.hour == 11 and moved.sequence > before.sequence
    assert dialog.counters.count() == 0 and window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert store.meeting(5).start == before.start and len(open_counters(store.db, window.session.visit_id)) == 1
    window.session.undo_stack.redo()
    assert store.meeting(5).start.hour == 11


def test_declining_writes_a_declinecounter_for_the_proposer(qtbot, window, monkeypatch, tmp_path):
    import email
    from email import policy

    store = window.session.store
    before = store.meeting(5)
    proposal = proposal_for(window, 16)
    dialog = actions.show_replies(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "declined.eml"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(out), ""))
    dialog.counters.setCurrentRow(0)
    dialog.decide(False)
    assert store.meeting(5) == before and not open_counters(store.db, window.session.visit_id)
    message = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in message["To"].addresses] == [store.person(proposal.person_id).email]
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "DECLINECOUNTER"
    assert icalendar.Calendar.from_ical(part.get_payload(decode=True))["METHOD"] == "DECLINECOUNTER"
    window.session.undo_stack.undo()
    assert len(open_counters(store.db, window.session.visit_id)) == 1


def test_a_proposal_the_store_refuses_leaves_no_step(qtbot, window, monkeypatch):
    store = window.session.store
    proposal = proposal_for(window, 9)
    store.update(replace(proposal, end=proposal.start))  # ends as it starts: no meeting can be moved there
    shown = []
    monkeypatch.setattr("planner.ui.shell.refusals.QMessageBox.warning", lambda *a: shown.append(a[2]))
    dialog = actions.show_replies(window)
    qtbot.addWidget(dialog)
    dialog.counters.setCurrentRow(0)
    dialog.decide(True)
    assert shown and "not accepted" in shown[0] and window.session.undo_stack.count() == 0



def answer_smtp_dialog(monkeypatch, address: str, password: str) -> None:
    """The mail server dialog answered with the test server, no security, user 'office' and this password."""
    host, port = address.split(":")
    monkeypatch.setenv("VISIT_PLANNER_SMTP_PASSWORD", password)

    def fill(dialog):
        dialog.host.setText(host)
        dialog.security.setCurrentIndex(dialog.security.findData("none"))
        dialog.port.setValue(int(port))
        dialog.user.setText("office")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(sending.SmtpDialog, "exec", fill)


def test_send_updates_off_the_window_thread(qtbot, window, monkeypatch, mail_server):  # noqa: F811
    mailbox, address = mail_server
    answer_smtp_dialog(monkeypatch, address, "secret")
    run = actions.send_updates(window)
    assert run is not None
    with qtbot.waitSignal(run.done, timeout=20000):
        pass
    assert not run.error and run.deliveries and all(d.sent_to and not d.failed for d in run.deliveries)
    assert len(mailbox.messages) == len(run.outgoing)
    sent = sent_of_visit(window.session.store.db, window.session.visit_id)
    assert len(sent) == sum(len(d.sent_to) for d in run.deliveries)
    assert "Sent" in window.statusBar().currentMessage()
    assert actions.send_updates(window) is None  # nothing pending any more
    assert "Nothing to send" in window.statusBar().currentMessage()


def test_send_updates_with_a_wrong_password_sends_and_marks_nothing(qtbot, window, monkeypatch, mail_server):  # noqa: F811
    mailbox, address = mail_server
    answer_smtp_dialog(monkeypatch, address, "wrong")
    run = actions.send_updates(window)
    with qtbot.waitSignal(run.done, timeout=20000):
        pass
    assert run.error and not mailbox.messages
    assert not sent_of_visit(window.session.store.db, window.session.visit_id)
    assert window.findChild(sending.QMessageBox, "send_report") is not None


def test_cancelled_sending_sends_and_marks_no_more(qtbot, window, monkeypatch, mail_server):  # noqa: F811
    mailbox, address = mail_server
    answer_smtp_dialog(monkeypatch, address, "secret")
    start = sending.Sending.start

    def cancelled_at_once(self):
        self.cancel()  # as if Cancel were pressed before the first message went
        start(self)

    monkeypatch.setattr(sending.Sending, "start", cancelled_at_once)
    run = actions.send_updates(window)
    with qtbot.waitSignal(run.done, timeout=20000):
        pass
    assert run.deliveries == [] and not mailbox.messages
    assert not sent_of_visit(window.session.store.db, window.session.visit_id)
    assert "cancelled after 0" in run.summary()
