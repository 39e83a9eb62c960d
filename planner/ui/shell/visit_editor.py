"""The visit details dialog: title, kind, countries, days and time zones, validated as you type."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from planner.domain.model import Organiser, Visit, VisitKind
from planner.domain.validation import ValidationError, errors, validate_visit
from planner.ui.shell.commands import EditCommand
from planner.ui.shell.session import Session
from planner.ui.widgets.forms import ERROR_STYLE, ok_cancel, show_problems

FIELDS = ("title", "host_country", "guest_country", "last_day", "zone", "home_zone",
          "organiser_name", "organiser_email")
# The office that sent the last visit's invites: a new visit starts with it.
ORGANISER_KEY = "visit/last_organiser"


def remembered_organiser(settings: QSettings | None) -> Organiser | None:
    value = settings.value(ORGANISER_KEY) if settings is not None else None
    if not value:
        return None
    name, email, phone = ([*value, "", "", ""] if isinstance(value, list) else [value, "", ""])[:3]
    return Organiser(str(name), str(email), str(phone)) if (name or email) else None


def remember_organiser(settings: QSettings | None, organiser: Organiser | None) -> None:
    if settings is not None and organiser is not None:
        settings.setValue(ORGANISER_KEY, [organiser.name, organiser.email, organiser.phone])


class VisitEditor(QDialog):
    """Editing pushes one EditCommand; a new visit is added and opened."""

    visitCreated = Signal(int)

    def __init__(self, session: Session, visit_id: int | None, parent=None, settings: QSettings | None = None):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.before = session.store.visit(visit_id) if visit_id is not None else None
        today = date.today()
        self.visit = self.before or Visit(
            "", VisitKind.OFFICIAL, "", "", today, today + timedelta(days=1), "Asia/Dushanbe", "Asia/Karachi",
            organiser=remembered_organiser(settings))
        self.setWindowTitle("Visit details" if self.before else "New visit")
        self.setAccessibleName(self.windowTitle())
        form = QFormLayout()
        self.title_edit = QLineEdit(self.visit.title)
        self.kind_combo = QComboBox()
        for kind in VisitKind:
            self.kind_combo.addItem(str(kind), str(kind))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(str(self.visit.kind)))
        self.host_edit = QLineEdit(self.visit.host_country)
        self.guest_edit = QLineEdit(self.visit.guest_country)
        self.first_edit, self.last_edit = QDateEdit(QDate(self.visit.first_day)), QDateEdit(QDate(self.visit.last_day))
        self.zone_edit = QLineEdit(self.visit.zone)
        self.home_zone_edit = QLineEdit(self.visit.home_zone)
        office = self.visit.organiser or Organiser("", "")
        self.organiser_name_edit = QLineEdit(office.name)
        self.organiser_name_edit.setPlaceholderText("Protocol Department, Ministry of Foreign Affairs")
        self.organiser_email_edit = QLineEdit(office.email)
        self.organiser_email_edit.setPlaceholderText("protocol@mfa.example")
        self.organiser_phone_edit = QLineEdit(office.phone)
        self.notes_edit = QPlainTextEdit(self.visit.notes)
        self.notes_edit.setTabChangesFocus(True)
        self.messages = {name: QLabel() for name in FIELDS}
        rows = [("&Title", self.title_edit, "title"), ("&Kind", self.kind_combo, None),
                ("&Host country", self.host_edit, "host_country"), ("&Guest country", self.guest_edit, "guest_country"),
                ("&First day", self.first_edit, None), ("&Last day", self.last_edit, "last_day"),
                ("Visit time &zone", self.zone_edit, "zone"), ("H&ome office zone", self.home_zone_edit, "home_zone"),
                ("Organiser (&protocol office)", self.organiser_name_edit, "organiser_name"),
                ("Organiser e-&mail", self.organiser_email_edit, "organiser_email"),
                ("Organiser p&hone", self.organiser_phone_edit, None),
                ("&Notes", self.notes_edit, None)]
        for label, widget, field in rows:
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
            if field:
                message = self.messages[field]
                message.setStyleSheet(ERROR_STYLE)
                message.setWordWrap(True)
                message.hide()
                form.addRow("", message)
        for edit in (self.first_edit, self.last_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.dateChanged.connect(self.validate)
        for edit in (self.title_edit, self.host_edit, self.guest_edit, self.zone_edit, self.home_zone_edit,
                     self.organiser_name_edit, self.organiser_email_edit, self.organiser_phone_edit):
            edit.textChanged.connect(self.validate)
        self.host_edit.setPlaceholderText("TJ")
        self.guest_edit.setPlaceholderText("PK")
        self.zone_edit.setPlaceholderText("Asia/Dushanbe")
        self.home_zone_edit.setPlaceholderText("Asia/Karachi")
        self.buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.validate()

    def organiser(self) -> Organiser | None:
        """The office as typed; None while all three fields are empty (a visit may leave it for later)."""
        office = Organiser(self.organiser_name_edit.text().strip(), self.organiser_email_edit.text().strip(),
                           self.organiser_phone_edit.text().strip())
        return office if (office.name or office.email or office.phone) else None

    def edited(self) -> Visit:
        return replace(
            self.visit, title=self.title_edit.text().strip(), kind=VisitKind(self.kind_combo.currentData()),
            host_country=self.host_edit.text().strip().upper(), guest_country=self.guest_edit.text().strip().upper(),
            first_day=self.first_edit.date().toPython(), last_day=self.last_edit.date().toPython(),
            zone=self.zone_edit.text().strip(), home_zone=self.home_zone_edit.text().strip(),
            notes=self.notes_edit.toPlainText(), organiser=self.organiser())

    def validate(self, *_args) -> bool:
        problems = validate_visit(self.edited())
        show_problems(self.messages, problems)
        ok = not errors(problems)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def accept(self) -> None:
        if not self.validate():
            return
        visit = self.edited()
        remember_organiser(self.settings, visit.organiser)
        try:
            if self.before is None:
                self.session.store.add(visit)
                super().accept()
                self.visitCreated.emit(visit.id)
                return
            if visit != self.before:
                self.session.undo_stack.push(EditCommand(self.session, self.before, visit, "Edit visit details"))
        except ValidationError as exc:
            QMessageBox.warning(self, "The visit was not saved", str(exc))
            return
        super().accept()
