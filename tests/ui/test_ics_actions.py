"""Calendar actions in the window: the import preview, one undo step for the import, undoable cancellation."""

from pathlib import Path

import icalendar
import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from planner.domain import model as m
from planner.mail.inbox import plan_import
from planner.ui.files import ics_actions
from planner.ui.files.ics_actions import ImportCommand, ImportPreviewDialog
from planner.ui.shell.actions import build_actions
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.session import Session
from planner.ui.widgets import file_dialogs
from tests.ical.conftest import CORPUS, needs_corpus

OUTLOOK = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
BEGIN:VTIMEZONE\r
TZID:West Asia Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T000000\r
TZOFFSETFROM:+0500\r
TZOFFSETTO:+0500\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:outlook-7\r
DTSTART;TZID="West Asia Standard Time":20261215T070000\r
DTEND;TZID="West Asia Standard Time":20261215T074500\r
SUMMARY:Breakfast with the chamber of commerce\r
LOCATION:Hyatt Regency\\, Ismoili Somoni Avenue 26/1\r
ATTENDEE;CN=Fresh Guest:mailto:fresh.guest@example.org\r
ATTENDEE;CN=Sherali Kabir;PARTSTAT=ACCEPTED:mailto:minister@mint.tj.example\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.fixture
def window(qtbot, demo):
    store, visit_id = demo
    window = MainWindow(Session(store, visit_id))
    qtbot.addWidget(window)
    build_actions(window, ics_actions.ACTIONS)
    return window


def counts(store, visit_id):
    return (len(store.meetings(visit_id)), len(store.people(visit_id)), len(store.venues(visit_id)),
            len(store.attendees(visit_id=visit_id)))


def test_actions_are_in_their_menus(window):
    menus = {a.text().replace("&", ""): [x.objectName() for x in a.menu().actions()]
             for a in window.menuBar().actions()}
    assert "ics.import" in menus["File"] and "ics.cancel" in menus["Meeting"]
    assert "ics.itinerary" in menus["People"] and "ics.publish_programme" in menus["Visit"]


def test_preview_lists_the_changes_and_allows_import_only_when_there_are_some(qtbot, demo):
    store, visit_id = demo
    plan = plan_import(store, visit_id, OUTLOOK)
    dialog = ImportPreviewDialog(plan, "outlook.ics")
    qtbot.addWidget(dialog)
    lines = dialog.model.stringList()
    assert "1 new meeting(s)" in dialog.heading.text() and "1 new people" in dialog.heading.text()
    assert any(line.startswith("New: 15 Dec 2026 07:00 (Asia/Dushanbe) Breakfast") for line in lines)
    assert "New person: Fresh Guest <fresh.guest@example.org>" in lines
    assert "New venue: Hyatt Regency" in lines
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_import_is_one_undo_step(qtbot, window, monkeypatch, tmp_path):
    session = window.session
    store, visit_id = session.store, session.visit_id
    before = counts(store, visit_id)
    path = tmp_path / "outlook.ics"
    path.write_text(OUTLOOK, encoding="utf-8")
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(session.changed):
        window.findChild(type(window.menuBar().actions()[0]), "ics.import").trigger()
    after = counts(store, visit_id)
    assert after == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 2)
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "Import outlook.ics"
    assert window.meetings_view.model().rowCount() == before[0] + 1
    session.undo_stack.undo()
    assert counts(store, visit_id) == before
    assert window.meetings_view.model().rowCount() == before[0]
    session.undo_stack.redo()
    assert counts(store, visit_id) == after


def test_undo_of_a_reimport_puts_the_old_time_back(demo):
    store, visit_id = demo
    session = Session(store, visit_id)
    session.run(ImportCommand(session, plan_import(store, visit_id, OUTLOOK), "first.ics"))
    moved = OUTLOOK.replace("T070000", "T080000").replace("T074500", "T084500")
    plan = plan_import(store, visit_id, moved)
    assert [c.fields for c in plan.updated] == [["start", "end"]]
    session.run(ImportCommand(session, plan, "moved.ics"))
    meeting = next(x for x in store.meetings(visit_id) if x.uid == "outlook-7")
    assert meeting.start.hour == 8 and meeting.sequence == 1
    session.undo_stack.undo()
    meeting = store.meeting(meeting.id)
    assert meeting.start.hour == 7 and meeting.sequence == 2  # the sequence never goes back
    assert sum(x.uid == "outlook-7" for x in store.meetings(visit_id)) == 1


@needs_corpus
def test_refused_file_says_why_and_changes_nothing(qtbot, window, monkeypatch):
    store, visit_id = window.session.store, window.session.visit_id
    before = counts(store, visit_id)
    shown = []
    monkeypatch.setattr(ics_actions.QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    ics_actions.import_calendar(window, str(CORPUS / "broken" / "issue_218_bad_tzid.ics"))
    assert shown and "was not imported" in shown[0] and "UTC+11" in shown[0]
    assert counts(store, visit_id) == before and window.session.undo_stack.count() == 0


def test_cancellation_is_undoable_and_writes_the_file(qtbot, window, monkeypatch, tmp_path):
    session = window.session
    store = session.store
    window.meetings_view.selectRow(2)
    meeting = window.meetings_view.model().index(2, 0).data(ics_actions_role())
    out = tmp_path / "cancel"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(out), ""))
    ics_actions.export_cancellation(window)
    text = Path(str(out) + ".ics").read_bytes()
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid and event["STATUS"] == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert store.meeting(meeting.id).status is m.MeetingStatus.CANCELLED
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert store.meeting(meeting.id).status is m.MeetingStatus.CONFIRMED


def test_programme_and_invite_exports_write_files(qtbot, window, monkeypatch, tmp_path):
    out = tmp_path / "programme.ics"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(out), ""))
    ics_actions.publish_programme(window)
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert cal["METHOD"] == "PUBLISH" and len(cal.walk("VEVENT")) == 21
    window.meetings_view.selectRow(1)  # the arrival: the Prime Minister has no e-mail address
    ics_actions.export_meeting_invite(window)
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert cal["METHOD"] == "REQUEST" and len(cal.walk("VEVENT")) == 1
    notes = window.findChild(ics_actions.QMessageBox, "ics_notes")
    assert notes is not None and "named in the description" in notes.informativeText()


def ics_actions_role():
    from planner.ui.meetings.model import MeetingRole

    return MeetingRole


def test_invites_for_several_meetings_go_into_a_folder_one_file_each(qtbot, window, monkeypatch, tmp_path):
    folder = tmp_path / "invites"
    folder.mkdir()
    asked = []
    monkeypatch.setattr(file_dialogs, "folder", lambda *a, **k: asked.append(a) or str(folder))
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: pytest.fail("asked for one file"))
    monkeypatch.setattr(window, "selected_meeting_ids", lambda: [3, 4, 5])
    ics_actions.export_selection_invites(window)
    files = sorted(folder.glob("*.ics"))
    assert asked and len(files) == 3
    uids = [str(icalendar.Calendar.from_ical(f.read_bytes()).walk("VEVENT")[0]["UID"]) for f in files]
    assert all(len(icalendar.Calendar.from_ical(f.read_bytes()).walk("VEVENT")) == 1 for f in files)
    assert len(set(uids)) == 3


def test_a_saved_reply_mail_is_one_undo_step(qtbot, window, monkeypatch, tmp_path):
    """A reply from a saved mail changes the attendee's answer; undo puts the old answer back."""
    store = window.session.store
    meeting = store.meeting(5)
    person = next(store.person(a.person_id) for a in store.attendees(meeting_id=meeting.id)
                  if store.person(a.person_id).email)
    reply = (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
             f"UID:{meeting.uid}\r\nDTSTAMP:20261101T100000Z\r\nSEQUENCE:{meeting.sequence}\r\n"
             f"SUMMARY:Accepted: {meeting.title}\r\nCOMMENT:With pleasure.\r\n"
             f"ATTENDEE;PARTSTAT=DECLINED:mailto:{person.email}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    import base64

    mail = tmp_path / "reply.eml"
    mail.write_bytes(b"From: x@example.org\r\nSubject: Declined\r\nMIME-Version: 1.0\r\n"
                     b"Content-Type: text/calendar; method=REPLY; charset=utf-8\r\nContent-Transfer-Encoding: base64"
                     b"\r\n\r\n" + base64.encodebytes(reply.encode("utf-8")))
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    before = {a.person_id: a.reply for a in store.attendees(meeting_id=meeting.id)}
    ics_actions.import_calendar(window, str(mail))
    after = {a.person_id: a.reply for a in store.attendees(meeting_id=meeting.id)}
    assert after[person.id] is m.Reply.DECLINED
    assert {k: v for k, v in after.items() if k != person.id} == {k: v for k, v in before.items() if k != person.id}
    assert store.meeting(meeting.id) == meeting and window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert {a.person_id: a.reply for a in store.attendees(meeting_id=meeting.id)} == before
    window.session.undo_stack.redo()
    assert {a.person_id: a.reply for a in store.attendees(meeting_id=meeting.id)} == after
