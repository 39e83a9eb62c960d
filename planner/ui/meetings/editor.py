"""The meeting editor: details, attendees and agenda, validated as you type, saved as one undo step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.domain.model import Confidentiality, Meeting, MeetingKind, MeetingStatus
from planner.domain.validation import Severity, validate_agenda, validate_attendees, validate_meeting
from planner.domain.zones import utc_offset_text, wall_clock_problem
from planner.ui.meetings.editor_pages import MeetingPagesMixin
from planner.ui.meetings.editor_tables import agenda_total_text
from planner.ui.shell.commands import MeetingState, SaveMeetingCommand
from planner.ui.shell.refusals import tell_refused
from planner.ui.shell.session import Session
from planner.ui.widgets.forms import ERROR_STYLE, ok_cancel
from planner.ui.widgets.text import dual_time
from planner.ui.widgets.typed_fields import DateField, TimeField

WARNING_STYLE = "color: #9a6700;"


def _fold_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItems(["first", "second"])
    combo.hide()
    return combo


def _combo(name: str, values) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for value in values:
        combo.addItem(str(value), str(value))
    return combo


class MeetingEditor(MeetingPagesMixin, QDialog):
    """Edit a copy of the meeting; OK pushes one SaveMeetingCommand with everything that changed."""

    def __init__(self, session: Session, meeting_id: int | None = None, parent=None, *, day: date | None = None):
        super().__init__(parent)
        self.session = session
        self.saved_meeting_id: int | None = None
        self.end_day_offset = 0
        store, visit = session.store, session.visit
        self.visit = visit
        self.before = MeetingState.read(store, meeting_id) if meeting_id is not None else None
        if self.before is None:
            first = day or visit.first_day
            start = datetime.combine(first, time(10, 0), visit.tz)
            meeting = Meeting(visit.id, "", start, start + timedelta(hours=1), visit.zone)
            self.state = MeetingState(meeting)
        else:
            self.state = self.before
        self.people = {p.id: p for p in store.people(visit.id)}
        self.sectors = {s.id: s.name for s in store.sectors(visit.id)}
        self.venues = store.venues(visit.id)
        self.setWindowTitle("New meeting" if self.before is None else f"Meeting: {self.state.meeting.title}")
        self.setAccessibleName("Meeting editor")
        self.resize(980, 620)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._details_page(), "&Details")
        self.tabs.addTab(self._attendees_page(), "A&ttendees")
        self.tabs.addTab(self._agenda_page(), "A&genda")
        self.buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self._load_details()
        self.validate()

    # -- the details page ----------------------------------------------------------

    def _details_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self._build_details_fields()
        self._lay_out_details(form)
        self._connect_details()
        return page

    def _build_details_fields(self) -> None:
        """The fields of the Details page, not yet placed: title, kind, when, where, status, notes."""
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.kind_combo = _combo("Kind", MeetingKind)
        self.day_edit = DateField()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("ddd d MMM yyyy")
        self.day_edit.setAccessibleName("Day")
        self.all_day_check = QCheckBox("All &day")
        self.start_edit, self.end_edit = TimeField(), TimeField()
        for edit, name in ((self.start_edit, "Start time"), (self.end_edit, "End time")):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        # When the clocks go back an hour happens twice; these say which pass is meant.
        self.start_fold, self.end_fold = _fold_combo("Start time: which pass"), _fold_combo("End time: which pass")
        self.last_day_edit = DateField()
        self.last_day_edit.setCalendarPopup(True)
        self.last_day_edit.setDisplayFormat("ddd d MMM yyyy")
        self.last_day_edit.setAccessibleName("Last day")
        self.venue_combo = QComboBox()
        self.venue_combo.setAccessibleName("Venue")
        self.venue_combo.addItem("(no venue)", None)
        for venue in self.venues:
            self.venue_combo.addItem(venue.name, venue.id)
        self.link_edit = QLineEdit()
        self.link_edit.setAccessibleName("Online link")
        self.link_edit.setPlaceholderText("https://…")
        self.status_combo = _combo("Status", MeetingStatus)
        self.confidentiality_combo = _combo("Confidentiality", Confidentiality)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setTabChangesFocus(True)
        self.messages = {name: QLabel() for name in ("title", "start", "end", "online_link", "zone")}
        for label in self.messages.values():
            label.setWordWrap(True)
            label.hide()
        self.home_time = QLabel()

    def _lay_out_details(self, form: QFormLayout) -> None:
        when = QHBoxLayout()
        when.addWidget(self.day_edit)
        when.addWidget(self.all_day_check)
        times = QHBoxLayout()
        times.addWidget(self.start_edit)
        times.addWidget(self.start_fold)
        times.addWidget(QLabel("to"))
        times.addWidget(self.end_edit)
        times.addWidget(self.end_fold)
        times.addWidget(self.last_day_edit)
        times.addWidget(self.home_time, 1)
        city = self.state.meeting.zone.rsplit("/", 1)[-1].replace("_", " ")
        form.addRow("&Title", self.title_edit)
        form.addRow("", self.messages["title"])
        form.addRow("&Kind", self.kind_combo)
        form.addRow(self._buddy("D&ay", self.day_edit), when)
        form.addRow("", self.messages["start"])
        form.addRow(self._buddy(f"Ti&me ({city})", self.start_edit), times)
        form.addRow("", self.messages["end"])
        form.addRow("", self.messages["zone"])
        form.addRow("&Venue", self.venue_combo)
        form.addRow("Online &link", self.link_edit)
        form.addRow("", self.messages["online_link"])
        form.addRow("&Status", self.status_combo)
        form.addRow("&Confidentiality", self.confidentiality_combo)
        form.addRow("&Notes", self.notes_edit)

    def _connect_details(self) -> None:
        """Every change on the Details page re-validates the meeting."""
        for edit in (self.title_edit, self.link_edit):
            edit.textChanged.connect(self.validate)
        for edit in (self.day_edit, self.last_day_edit):
            edit.dateChanged.connect(self.validate)
        for edit in (self.start_edit, self.end_edit):
            edit.timeChanged.connect(self.validate)
        for combo in (self.start_fold, self.end_fold):
            combo.currentIndexChanged.connect(self.validate)
        self.all_day_check.toggled.connect(self._all_day_toggled)
        for combo in (self.kind_combo, self.venue_combo, self.status_combo, self.confidentiality_combo):
            combo.currentIndexChanged.connect(self.validate)
        self.notes_edit.textChanged.connect(self.validate)

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _load_details(self) -> None:
        meeting = self.state.meeting
        self.title_edit.setText(meeting.title)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(str(meeting.kind)))
        self.status_combo.setCurrentIndex(self.status_combo.findData(str(meeting.status)))
        self.confidentiality_combo.setCurrentIndex(self.confidentiality_combo.findData(str(meeting.confidentiality)))
        self.venue_combo.setCurrentIndex(max(self.venue_combo.findData(meeting.venue_id), 0))
        self.link_edit.setText(meeting.online_link)
        self.notes_edit.setPlainText(meeting.notes)
        if meeting.all_day:
            self.day_edit.setDate(QDate(meeting.start))
            self.last_day_edit.setDate(QDate(meeting.end))
            self.start_edit.setTime(QTime(10, 0))
            self.end_edit.setTime(QTime(11, 0))
        else:
            start, end = meeting.start.astimezone(meeting.tz), meeting.end.astimezone(meeting.tz)
            # A meeting that runs past midnight (a night flight) keeps ending that many days later.
            self.end_day_offset = (end.date() - start.date()).days
            self.day_edit.setDate(QDate(start.date()))
            self.last_day_edit.setDate(QDate(start.date()))
            self.start_edit.setTime(QTime(start.hour, start.minute))
            self.end_edit.setTime(QTime(end.hour, end.minute))
            self.start_fold.setCurrentIndex(start.fold)
            self.end_fold.setCurrentIndex(end.fold)
        self.all_day_check.setChecked(meeting.all_day)
        self._all_day_toggled(meeting.all_day)

    def _all_day_toggled(self, all_day: bool) -> None:
        self.start_edit.setVisible(not all_day)
        self.end_edit.setVisible(not all_day)
        self.last_day_edit.setVisible(all_day)
        self.validate()

    def meeting(self) -> Meeting:
        """The meeting as the form stands (not stored)."""
        meeting = self.state.meeting
        day = self.day_edit.date().toPython()
        if self.all_day_check.isChecked():
            start, end = day, self.last_day_edit.date().toPython()
        else:
            # Taken as typed, never moved: a time the clocks skip is refused by validate_meeting.
            start = datetime.combine(day, self.start_edit.time().toPython(), meeting.tz).replace(
                fold=self.start_fold.currentIndex())
            end_day = day + timedelta(days=self.end_day_offset)
            end = datetime.combine(end_day, self.end_edit.time().toPython(), meeting.tz).replace(
                fold=self.end_fold.currentIndex())
        return replace(
            meeting, title=self.title_edit.text().strip(), kind=MeetingKind(self.kind_combo.currentData()),
            status=MeetingStatus(self.status_combo.currentData()),
            confidentiality=Confidentiality(self.confidentiality_combo.currentData()),
            venue_id=self.venue_combo.currentData(), online_link=self.link_edit.text().strip(),
            notes=self.notes_edit.toPlainText(), start=start, end=end)

    # -- validation and the result ---------------------------------------------------

    def validate(self, *_args) -> bool:
        """Show every problem next to its field; OK is enabled only when there are no errors."""
        if not hasattr(self, "agenda_model") or not hasattr(self, "buttons"):
            return False
        meeting = self.meeting()
        problems = validate_meeting(meeting, self.visit)
        self._show_folds(meeting)
        for name, label in self.messages.items():
            found = [p for p in problems if p.field == name]
            label.setText(" ".join(p.message for p in found))
            is_error = any(p.severity is Severity.ERROR for p in found)
            label.setStyleSheet(ERROR_STYLE if is_error else WARNING_STYLE)
            label.setVisible(bool(found))
        if not meeting.all_day and not any(p.field in ("end", "zone") or p.severity is Severity.ERROR
                                           for p in problems if p.field in ("start", "end", "zone")):
            later = {0: "", 1: " (ends the next day)"}.get(self.end_day_offset, f" (ends {self.end_day_offset} days later)")
            self.home_time.setText("= " + dual_time(meeting.starts_at(), self.visit.zone, self.visit.home_zone) + later)
        else:
            self.home_time.setText("")
        names = {pid: p.display_name for pid, p in self.people.items()}
        attendee_problems = validate_attendees(self.attendees_model.attendees, lambda pid: names.get(pid, pid))
        if attendee_problems:
            self.attendee_message.setStyleSheet(ERROR_STYLE)
            self.attendee_message.setText(" ".join(p.message for p in attendee_problems))
            self.attendee_message.show()
        self.agenda_model.set_start(meeting.starts_at())
        agenda_errors = self.agenda_model.problems()
        self.agenda_message.setText("\n".join(f"Item {row + 1}: {message}" for row, message in agenda_errors))
        self.agenda_message.setVisible(bool(agenda_errors))
        overrun = [p for p in validate_agenda(meeting, self.agenda_model.items) if p.field == "agenda"]
        if not any(p.field == "end" for p in problems):
            self.agenda_total.setText(agenda_total_text(self.agenda_model.total_minutes(), meeting.duration_minutes()))
        self.agenda_total.setStyleSheet(WARNING_STYLE if overrun else "")
        ok = not any(p.severity is Severity.ERROR for p in problems) and not agenda_errors and not attendee_problems
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def _show_folds(self, meeting: Meeting) -> None:
        """Offer the choice of pass only for a time the clocks go through twice."""
        for combo, moment in ((self.start_fold, meeting.start), (self.end_fold, meeting.end)):
            repeated = not meeting.all_day and (wall_clock_problem(moment) or ("",))[0] == "repeated"
            if repeated:
                for fold in (0, 1):
                    offset = moment.replace(fold=fold).utcoffset()
                    combo.setItemText(fold, f"{('first', 'second')[fold]} {moment:%H:%M} ({utc_offset_text(offset)})")
            combo.setVisible(repeated)

    def result_state(self) -> MeetingState:
        return MeetingState(self.meeting(), self.attendees_model.attendees, self.agenda_model.items)

    def command(self) -> SaveMeetingCommand | None:
        """The undo step that stores what the form holds, or None when nothing changed."""
        after = self.result_state()
        if self.before is not None:
            after = after.belonging_to(self.before.meeting.id)
            unchanged = (after.meeting == self.before.meeting and after.agenda == self.before.agenda
                         and sorted(after.attendees, key=lambda a: a.person_id)
                         == sorted(self.before.attendees, key=lambda a: a.person_id))
            if unchanged:
                return None
        return SaveMeetingCommand(self.session, self.before, after)

    def is_dirty(self) -> bool:
        """Whether closing would throw away something the officer entered."""
        if self.before is not None:
            return self.command() is not None
        meeting = self.meeting()
        return bool(meeting.title or meeting.notes or meeting.online_link or self.attendees_model.attendees
                    or self.agenda_model.items)

    def keyPressEvent(self, event) -> None:
        # Escape is easily pressed by mistake; Cancel is a choice and closes at once.
        if event.key() == Qt.Key.Key_Escape and self.is_dirty():
            event.accept()
            from planner.ui.shell.window_actions import confirm

            if confirm(self, "Discard changes", "Discard what you have entered in this meeting?"):
                self.reject()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if not self.validate():
            return
        command = self.command()
        if command is not None:
            if not self.session.run(command, lambda why: tell_refused(why, "The meeting was not saved", self)):
                return  # the form keeps what was typed
            self.saved_meeting_id = command.meeting_id
        super().accept()
