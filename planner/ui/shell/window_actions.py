"""The window's own actions as data (File, Edit, View, Visit, Meeting) and their handlers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QProgressDialog

from planner.domain.model import Meeting
from planner.ui.shell.actions import ActionSpec
from planner.ui.shell.commands import DeleteCommand, MeetingState, SaveMeetingCommand
from planner.ui.widgets import file_dialogs

DB_FILTER = "Visit Planner databases (*.sqlite *.db);;All files (*)"
# Deleting more meetings than this at once shows a progress dialog.
PROGRESS_FROM = 50


# -- questions and messages, kept here so tests can answer them -------------------------


def confirm(window, title: str, text: str) -> bool:
    answer = QMessageBox.question(window, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def tell(window, title: str, text: str) -> None:
    QMessageBox.warning(window, title, text)


# -- File -----------------------------------------------------------------------------------


def new_database(window) -> None:
    path, _ = file_dialogs.save_file(window, "New database", str(_start_folder(window)), DB_FILTER)
    if path:
        if Path(path).exists():
            tell(window, "Visit Planner", f"{path} already exists. Use File ▸ Open database to open it.")
            return
        window.open_database(Path(path))


def open_database(window) -> None:
    path, _ = file_dialogs.open_file(window, "Open database", str(_start_folder(window)), DB_FILTER)
    if path:
        window.open_database(Path(path))


def open_demo(window) -> None:
    window.open_demo()


def _start_folder(window) -> Path:
    recent = window.recent_files()
    return Path(recent[0]).parent if recent else Path.home()


def quit_app(window) -> None:
    window.close()


# -- Edit -----------------------------------------------------------------------------------


def undo(window) -> None:
    window.session.undo_stack.undo()


def redo(window) -> None:
    window.session.undo_stack.redo()


def find(window) -> None:
    window.open_search()


# -- Visit ----------------------------------------------------------------------------------


def edit_visit(window) -> None:
    from planner.ui.shell.visit_editor import VisitEditor

    if window.session.visit is None:
        return new_visit(window)
    VisitEditor(window.session, window.session.visit_id, window, window.settings).open()


def new_visit(window) -> None:
    from planner.ui.shell.visit_editor import VisitEditor

    dialog = VisitEditor(window.session, None, window, window.settings)
    dialog.visitCreated.connect(window.session.set_visit)
    dialog.open()


def switch_visit(window) -> None:
    visits = window.session.store.visits()
    if len(visits) < 2:
        window.show_status("This database holds only one visit." if visits else "This database holds no visit yet.")
        return
    labels = [f"{v.title} ({v.first_day:%d %b %Y})" for v in visits]
    current = next((n for n, v in enumerate(visits) if v.id == window.session.visit_id), 0)
    label, ok = QInputDialog.getItem(window, "Open visit", "Visit:", labels, current, False)
    if ok:
        window.session.set_visit(visits[labels.index(label)].id)


def issue_revision(window) -> None:
    session = window.session
    visit = session.visit
    if visit is None:
        return
    number = visit.revision + 1
    text = (f"Issue revision {number} of '{visit.title}'?\n\nDocuments and calendar files made from now on carry "
            f"revision {number}, and the change log marks this point so that the next revision can list what "
            "changed since. Issuing cannot be undone.")
    if not confirm(window, "Issue revision", text):
        return
    session.notify(session.store.issue_revision(visit.id))
    issued = session.visit.revision_issued_at
    window.show_status(f"Revision {number} issued at {issued:%d %b %Y %H:%M} UTC.")


# -- Meeting --------------------------------------------------------------------------------


def new_meeting(window) -> None:
    if window.session.visit is None:
        window.show_status("Create a visit first (Visit ▸ New visit).")
        return
    window.open_meeting(None)


def edit_meeting(window) -> None:
    meeting_id = window.current_meeting_id()
    if meeting_id is None:
        window.show_status("Choose a meeting to edit first.")
        return
    window.open_meeting(meeting_id)


def delete_meetings(window) -> None:
    session = window.session
    ids = window.selected_meeting_ids() or ([window.current_meeting_id()] if window.current_meeting_id() else [])
    if not ids:
        window.show_status("Choose the meetings to delete first.")
        return
    attendees = sum(len(session.store.attendees(meeting_id=i)) for i in ids)
    items = sum(len(session.store.agenda(i)) for i in ids)
    what = f"'{session.store.meeting(ids[0]).title}'" if len(ids) == 1 else f"these {len(ids)} meetings"
    going = f"{attendees} attendee{'s' if attendees != 1 else ''} and {items} agenda item{'s' if items != 1 else ''}"
    if not confirm(window, "Delete meetings" if len(ids) > 1 else "Delete meeting",
                   f"Delete {what}?\n\n{going} go with {'it' if len(ids) == 1 else 'them'}. "
                   "Edit ▸ Undo puts everything back."):
        return
    progress = None
    if len(ids) >= PROGRESS_FROM:
        progress = QProgressDialog("Deleting meetings…", "", 0, len(ids), window)
        progress.setCancelButton(None)  # half a delete would be one transaction rolled back: nothing to cancel
        progress.setMinimumDuration(300)
        progress.setWindowTitle("Visit Planner")

    def report(done: int, total: int) -> None:
        if progress is not None:
            progress.setValue(done)
            QApplication.processEvents()

    command = DeleteCommand.of_meetings(session, ids, report)
    done = session.run(command)
    command.progress = None  # undo and redo later are quick enough; the dialog is gone by then
    if progress is not None:
        progress.close()
    if done:
        window.show_status(f"Deleted {what} with {going}.")


def duplicate_meeting(window) -> None:
    session = window.session
    meeting_id = window.current_meeting_id()
    if meeting_id is None:
        window.show_status("Choose a meeting to duplicate first.")
        return
    original = MeetingState.read(session.store, meeting_id)
    # A new meeting for calendars too: a uid made the way the model makes every uid, and sequence 0.
    fresh_uid = Meeting(original.meeting.visit_id, "", original.meeting.start, original.meeting.end,
                        original.meeting.zone).uid
    meeting = replace(original.meeting, id=None, sequence=0, uid=fresh_uid, title=f"{original.meeting.title} (copy)")
    duplicate = MeetingState(meeting, tuple(replace(a, id=None) for a in original.attendees),
                             tuple(replace(item, id=None) for item in original.agenda))
    command = SaveMeetingCommand(session, None, duplicate, text=f"Duplicate meeting '{meeting.title}'")
    if session.run(command):
        window.select_meetings([command.meeting_id])
        window.show_status(f"Added '{meeting.title}'; it is selected.")


# -- View -----------------------------------------------------------------------------------


def show_tab(name: str):
    return lambda window: window.show_tab(name)


def show_conflicts(window) -> None:
    window.conflicts_dock.show()
    window.conflicts_dock.raise_()
    window.conflicts_panel.view.setFocus()


ACTIONS: list[ActionSpec] = [
    ActionSpec("file.new_database", "&New database…", "File", new_database, None,
               "Start an empty database file"),
    ActionSpec("file.open_database", "&Open database…", "File", open_database, QKeySequence.StandardKey.Open,
               "Open another database file"),
    ActionSpec("file.open_demo", "Open &demo visit", "File", open_demo, None,
               "Open the demo visit: Pakistan's Prime Minister in Tajikistan"),
    ActionSpec("file.quit", "&Quit", "File", quit_app, QKeySequence.StandardKey.Quit),
    ActionSpec("edit.undo", "&Undo", "Edit", undo, "Ctrl+Z", "Undo the last change", toolbar=True),
    ActionSpec("edit.redo", "&Redo", "Edit", redo, "Ctrl+Shift+Z", "Redo what was undone", toolbar=True),
    ActionSpec("edit.find", "&Find…", "Edit", find, "Ctrl+F", "Search people, meetings and agenda items",
               toolbar=True),
    ActionSpec("view.programme", "&Programme", "View", show_tab("programme"), "Ctrl+1"),
    ActionSpec("view.meetings", "&Meetings", "View", show_tab("meetings"), "Ctrl+2"),
    ActionSpec("view.people", "P&eople and delegations", "View", show_tab("people"), "Ctrl+3"),
    ActionSpec("view.conflicts", "&Conflicts", "View", show_conflicts, "Ctrl+4", "Show the Conflicts panel"),
    ActionSpec("visit.edit", "&Edit visit details…", "Visit", edit_visit, None, "Title, days, countries, zones"),
    ActionSpec("visit.new", "&New visit…", "Visit", new_visit),
    ActionSpec("visit.switch", "&Open visit…", "Visit", switch_visit, None, "Choose another visit in this database"),
    ActionSpec("visit.issue_revision", "&Issue revision…", "Visit", issue_revision, None,
               "Raise the revision number that documents and exports carry"),
    ActionSpec("meeting.new", "&New meeting…", "Meeting", new_meeting, "Ctrl+N", "Add a meeting", toolbar=True),
    ActionSpec("meeting.edit", "&Edit meeting…", "Meeting", edit_meeting, "Ctrl+E",
               "Edit the chosen meeting, its attendees and agenda", toolbar=True),
    ActionSpec("meeting.duplicate", "D&uplicate meeting", "Meeting", duplicate_meeting, "Ctrl+D",
               "Copy the chosen meeting with its attendees and agenda"),
    ActionSpec("meeting.delete", "&Delete meeting…", "Meeting", delete_meetings, QKeySequence.StandardKey.Delete,
               "Delete the chosen meetings with their attendees and agenda"),
]
