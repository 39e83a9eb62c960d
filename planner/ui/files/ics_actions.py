"""Calendar actions in the window: export invites, cancellations, itineraries and the programme; import with a preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QMessageBox,
    QVBoxLayout,
)

from planner.storage.changes import Changes, Removed
from planner.ui.shell.actions import ActionSpec
from planner.ui.shell.commands import EditCommand, StoreCommand
from planner.ui.widgets import file_dialogs
from planner.ui.widgets.forms import ok_cancel

ICS_FILTER = "Calendar files (*.ics)"


def _save_path(window, title: str, suggested: str) -> Path | None:
    path, _filter = file_dialogs.save_file(window, title, suggested, ICS_FILTER)
    if not path:
        return None
    path = Path(path)
    return path if path.suffix.lower() == ".ics" else path.with_suffix(".ics")


def _report(window, text: str, notes: list[str]) -> None:
    """Status line for the result; the notes (who has no e-mail, fallbacks) in a box that does not block."""
    window.show_status(text)
    if notes:
        box = QMessageBox(QMessageBox.Icon.Information, "Calendar export", text, QMessageBox.StandardButton.Ok,
                          window)
        box.setInformativeText("\n\n".join(notes))
        box.setObjectName("ics_notes")
        box.open()
        window._ics_notes = box  # keep it alive while open


def _folder_path(window, title: str) -> Path | None:
    folder = file_dialogs.folder(window, title, "")
    return Path(folder) if folder else None


def _target(window, method: str, count: int, title: str, suggested: str) -> Path | None:
    """A file for a programme or one meeting; a folder (one file per meeting) for several invites."""
    if method != "publish" and count > 1:
        return _folder_path(window, title + " (one file per meeting)")
    return _save_path(window, title, suggested)


def _written(files: list[Path], count: int) -> str:
    return files[0].name if len(files) == 1 else f"{len(files)} files in {files[0].parent.name}"


def _export(window, meeting_ids: list[int] | None, method: str, title: str, suggested: str,
            person_id: int | None = None) -> Path | None:
    from planner.domain.invitations import ExportError, Scope
    from planner.mail.outbox import export, write_files

    session = window.session
    if meeting_ids is not None and not meeting_ids:
        window.show_status("Choose a meeting first.")
        return None
    if person_id is not None:
        scope = Scope(person_id=person_id)
    elif meeting_ids is None:
        scope = Scope(visit_id=session.visit_id)
    else:
        scope = Scope(meeting_ids=tuple(meeting_ids))
    try:
        result = export(session.store, scope, method)
    except ExportError as exc:
        QMessageBox.warning(window, "Calendar export", f"The calendar file was not written: {exc}")
        return None
    path = _target(window, method, len(result.meetings), title, suggested)
    if path is None:
        return None
    try:
        files = write_files(result, path)
    except (ExportError, OSError) as exc:
        QMessageBox.warning(window, "Calendar export", f"The calendar file was not written: {exc}")
        return None
    _report(window, f"Wrote {len(result.meetings)} meeting(s) to {_written(files, len(result.meetings))}.",
            result.notes)
    return path


def export_meeting_invite(window) -> None:
    meeting_id = window.current_meeting_id()
    _export(window, [meeting_id] if meeting_id else [], "request", "Save the invite", "invite.ics")


def export_selection_invites(window) -> None:
    _export(window, window.selected_meeting_ids(), "request", "Save the invites", "invites.ics")


def publish_programme(window) -> None:
    if window.session.visit_id is None:
        window.show_status("Open a visit first.")
        return
    _export(window, None, "publish", "Save the visit programme", "programme.ics")


def export_itinerary(window) -> None:
    person_id = window.current_person_id()
    if person_id is None:
        window.show_status("Choose a person first.")
        return
    _export(window, None, "publish", "Save the itinerary", "itinerary.ics", person_id=person_id)


def export_cancellation(window) -> None:
    """Mark the chosen meetings cancelled (one undoable step, raising their sequence) and write the file."""
    from planner.domain.invitations import ExportError
    from planner.storage.invitations import cancelled_copies

    session = window.session
    ids = window.selected_meeting_ids() or ([window.current_meeting_id()] if window.current_meeting_id() else [])
    if not ids:
        window.show_status("Choose a meeting first.")
        return
    path = _target(window, "cancel", len(ids), "Save the cancellation", "cancellation.ics")
    if path is None:
        return
    command = CancelCommand(session, cancelled_copies([session.store.meeting(i) for i in ids]), ids, path)
    try:
        # One transaction: the meetings are cancelled only if the cancellation is written too.
        if not session.run(command):
            return
    except (ExportError, OSError) as exc:
        QMessageBox.warning(window, "Calendar export", f"The cancellation was not written: {exc}")
        return
    _report(window, f"Wrote the cancellation of {len(ids)} meeting(s) to {_written(command.files, len(ids))}.",
            command.result.notes)


class CancelCommand(EditCommand):
    """Cancel meetings (raising their sequence) and write the cancellation, as one step and one transaction.

    Meetings already cancelled are sent again unchanged; when all of them are, there is no step to undo.
    """

    def __init__(self, session, pairs: list, ids: list[int], path: Path):
        super().__init__(session, None, None, text=f"Cancel {len(pairs)} meeting(s)")
        self.pairs, self.ids, self.path = list(pairs), list(ids), path
        self.setObsolete(not pairs)
        self.result, self.files = None, []

    def first(self, store):
        from planner.ical.export import Method, render
        from planner.mail.outbox import write_files
        from planner.storage.queries.invitations import programme

        changes = self.again(store)
        meetings = [store.meeting(i) for i in self.ids]
        self.result = render(meetings, programme(store.db, meetings[0].visit_id), Method.CANCEL)
        self.files = write_files(self.result, self.path)
        return changes


class ImportPreviewDialog(QDialog):
    """What an import will change, before anything is written."""

    def __init__(self, plan, file_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Import {file_name}")
        self.plan = plan
        lines = plan.summary()
        layout = QVBoxLayout(self)
        self.heading = QLabel(lines[0] if not plan.empty else "Nothing to change: " + lines[0], self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.model = QStringListModel(lines[1:], self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Changes")
        self.view.setWordWrap(True)
        layout.addWidget(self.view)
        self.buttons = ok_cancel(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not plan.empty)
        layout.addWidget(self.buttons)
        self.resize(640, 420)


class ImportCommand(StoreCommand):
    """The whole import as one undo step: undo removes what it added and puts edited meetings back."""

    def __init__(self, session, plan, file_name: str):
        super().__init__(session, f"Import {file_name}")
        self.plan = plan
        self.outcome = None
        self._removed = Removed()

    def first(self, store) -> Changes:
        from planner.mail.inbox import apply

        self.outcome = apply(store, self.plan)
        return self.outcome.changes

    def again(self, store) -> Changes:
        changes = store.restore(self._removed)  # the same rows with the same ids
        for _before, after in self.outcome.edited:
            changes.merge(store.update(after))
        return changes

    def back(self, store) -> Changes:
        changes, self._removed = Changes(), Removed()
        for before, _after in reversed(self.outcome.edited):
            changes.merge(store.update(before))
        for obj in reversed(self.outcome.created):
            if store.get(type(obj), obj.id) is not None:  # else already gone with its parent
                self._removed.merge(store.delete(obj))
        return changes.merge(self._removed.changes)


def import_calendar(window, path: str | None = None) -> None:
    from planner.domain.validation import ValidationError
    from planner.ical.reading import ImportRefused
    from planner.mail.inbox import calendar_files, plan_import

    session = window.session
    if session.visit_id is None:
        window.show_status("Open a visit first.")
        return
    if path is None:
        path, _filter = file_dialogs.open_file(window, "Import a calendar file or a saved mail", "",
                                                    "Calendar files and mails (*.ics *.eml)")
        if not path:
            return
    path = Path(path)
    try:
        files = calendar_files(path)
        if len(files) > 1:
            raise ImportRefused(f"it holds {len(files)} calendars; import them one at a time, or all together "
                                "with 'visit-planner import ics'")
        plan = plan_import(session.store, session.visit_id, files[0][1])
    except (ImportRefused, ValidationError, OSError) as exc:
        QMessageBox.warning(window, "Import calendar", f"{path.name} was not imported: {exc}")
        return
    dialog = ImportPreviewDialog(plan, path.name, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or plan.empty:
        window.show_status("Nothing was imported.")
        return
    if not session.run(ImportCommand(session, plan, path.name)):
        return
    answers = f", {len(plan.replies)} reply(ies), {len(plan.counters)} counter-proposal(s)" \
        if plan.replies or plan.counters else ""
    window.show_status(f"Imported {path.name}: {len(plan.new)} new and {len(plan.updated)} updated "
                       f"meeting(s){answers}.")


ACTIONS = [
    ActionSpec("ics.import", "Import &calendar…", "File", import_calendar,
               tip="Read meetings and people from an .ics file, with a preview before anything changes"),
    ActionSpec("ics.publish_programme", "Publish programme to calendar…", "Visit", publish_programme,
               tip="Write the whole programme as a read-only calendar (.ics)"),
    ActionSpec("ics.invite_meeting", "Export &invite…", "Meeting", export_meeting_invite,
               tip="Write an invite for the current meeting that Outlook, Google and Apple calendars accept"),
    ActionSpec("ics.invite_selection", "Export invites for the selection…", "Meeting", export_selection_invites,
               tip="Write invites for the selected meetings into a folder, one .ics file per meeting"),
    ActionSpec("ics.cancel", "Send &cancellation…", "Meeting", export_cancellation,
               tip="Mark the selected meetings cancelled and write the cancellation that removes them from calendars"),
    ActionSpec("ics.itinerary", "Export itinerary to calendar…", "People", export_itinerary,
               tip="Write the current person's meetings as a read-only calendar (.ics)"),
]
