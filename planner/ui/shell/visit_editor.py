"""The visit form: title, kind, countries, days, zones and organiser; a new visit may start from an earlier one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from planner.domain.countries import capital_zone
from planner.domain.model import Organiser, Visit, VisitKind
from planner.domain.validation import errors, validate_visit
from planner.storage.queries.setup import visit_choices
from planner.storage.transactions import WRITE_ERRORS, why_not_written
from planner.storage.visit_setup import CopyParts, copy_visit
from planner.ui.shell.commands import EditCommand, push_logged
from planner.ui.shell.refusals import tell_refused
from planner.ui.shell.session import Session
from planner.ui.widgets.forms import checked_form, show_problems
from planner.ui.widgets.pickers import CountryPicker, ZonePicker
from planner.ui.widgets.typed_fields import DateField

# The office that sent the last visit's invites, and the home office's zone: a new visit starts with them.
ORGANISER_KEY = "visit/last_organiser"
HOME_ZONE_KEY = "visit/last_home_zone"
COPY_PARTS = (("people", "&People"), ("delegations", "&Delegations and their members"), ("sectors", "&Sectors"),
              ("venues", "&Venues with travel times"), ("meetings", "&Meetings with attendees and agenda"))


def remembered_organiser(settings: QSettings | None) -> Organiser | None:
    value = settings.value(ORGANISER_KEY) if settings is not None else None
    if not value:
        return None
    name, email, phone = ([*value, "", "", ""] if isinstance(value, list) else [value, "", ""])[:3]
    return Organiser(str(name), str(email), str(phone)) if (name or email) else None


def remember_organiser(settings: QSettings | None, organiser: Organiser | None) -> None:
    if settings is not None and organiser is not None:
        settings.setValue(ORGANISER_KEY, [organiser.name, organiser.email, organiser.phone])


def _date_edit(name: str) -> DateField:
    edit = DateField()
    edit.edit.setAccessibleName(name)
    return edit


class VisitEditor(QDialog):
    """Editing pushes one EditCommand; a new visit is added and opened, then filled from an earlier one if chosen."""

    visitCreated = Signal(int)

    def __init__(self, session: Session, visit_id: int | None, parent=None, settings: QSettings | None = None):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.before = session.store.visit(visit_id) if visit_id is not None else None
        today = date.today()
        home_zone = str(settings.value(HOME_ZONE_KEY) or "") if settings is not None else ""
        self.visit = self.before or Visit("", VisitKind.OFFICIAL, "", "", today, today + timedelta(days=2), "",
                                          home_zone, organiser=remembered_organiser(settings))
        self.setWindowTitle("Visit details" if self.before else "New visit")
        self.setAccessibleName(self.windowTitle())
        self.touched: set[str] = set()
        self._filling = False
        self._build()
        self._load(self.visit)
        self._wire()
        self.validate()

    # -- the form ---------------------------------------------------------------------

    def _build(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("State visit of the President of … to …")
        self.kind_combo = QComboBox()
        for kind in VisitKind:
            self.kind_combo.addItem(str(kind), str(kind))
        self.host_edit, self.guest_edit = CountryPicker(), CountryPicker()
        self.first_edit, self.last_edit = _date_edit("First day"), _date_edit("Last day")
        self.zone_edit, self.home_zone_edit = ZonePicker(), ZonePicker()
        self.organiser_name_edit = QLineEdit()
        self.organiser_name_edit.setPlaceholderText("Protocol Department, Ministry of Foreign Affairs")
        self.organiser_email_edit = QLineEdit()
        self.organiser_email_edit.setPlaceholderText("protocol@mfa.example")
        self.organiser_phone_edit = QLineEdit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(60)
        rows = [("title", "&Title", self.title_edit), ("kind", "&Kind", self.kind_combo),
                ("host_country", "&Host country", self.host_edit), ("guest_country", "&Guest country", self.guest_edit),
                ("first_day", "&First day", self.first_edit), ("last_day", "&Last day", self.last_edit),
                ("zone", "Visit time &zone", self.zone_edit), ("home_zone", "H&ome office zone", self.home_zone_edit),
                ("organiser_name", "Organiser (&protocol office)", self.organiser_name_edit),
                ("organiser_email", "Organiser e-&mail", self.organiser_email_edit),
                ("organiser_phone", "Organiser p&hone", self.organiser_phone_edit),
                ("notes", "&Notes", self.notes_edit)]
        self.messages, self.buttons = checked_form(self, rows)
        self.source_combo = None
        if self.before is None:
            self._build_copy_group()

    def _build_copy_group(self) -> None:
        """Start from an earlier visit: its people, delegations, sectors, venues and meetings, as chosen."""
        box = QGroupBox("Start from an earlier visit", self)
        layout = QVBoxLayout(box)
        self.source_combo = QComboBox(box)
        self.source_combo.setAccessibleName("Earlier visit to start from")
        self.source_combo.addItem("Nothing: an empty visit", None)
        for visit_id, label in visit_choices(self.session.store.db):
            self.source_combo.addItem(label, visit_id)
        layout.addWidget(self.source_combo)
        self.copy_checks: dict[str, QCheckBox] = {}
        for name, label in COPY_PARTS:
            check = QCheckBox(label, box)
            check.setChecked(name != "meetings")
            layout.addWidget(check)
            self.copy_checks[name] = check
        self.copy_checks["meetings"].setToolTip("Moved to the new visit's days, at the same clock times")
        self.source_combo.currentIndexChanged.connect(self._source_changed)
        self._source_changed()
        main = self.layout()
        main.insertWidget(main.count() - 1, box)

    def _source_changed(self, *_args) -> None:
        for check in self.copy_checks.values():
            check.setEnabled(self.source_combo.currentData() is not None)

    def _load(self, visit: Visit) -> None:
        self.title_edit.setText(visit.title)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(str(visit.kind)))
        if visit.host_country:
            self.host_edit.set_code(visit.host_country)
        if visit.guest_country:
            self.guest_edit.set_code(visit.guest_country)
        self.first_edit.setDate(QDate(visit.first_day))
        self.last_edit.setDate(QDate(visit.last_day))
        self._offer_capitals()
        self.zone_edit.set_zone(visit.zone)
        self.home_zone_edit.set_zone(visit.home_zone)
        office = visit.organiser or Organiser("", "")
        self.organiser_name_edit.setText(office.name)
        self.organiser_email_edit.setText(office.email)
        self.organiser_phone_edit.setText(office.phone)
        self.notes_edit.setPlainText(visit.notes)
        self._length = (visit.last_day - visit.first_day).days

    def _wire(self) -> None:
        start = self._field_values()

        def touch(name: str):
            def touched(*_args) -> None:
                # Only a real change counts: showing the form re-announces the editable lists' empty text.
                if not self._filling and self._field_values().get(name) != start.get(name):
                    self.touched.add(name)
                self.validate()
            return touched

        self.title_edit.textChanged.connect(touch("title"))
        for name, picker in (("host_country", self.host_edit), ("guest_country", self.guest_edit)):
            picker.codeChanged.connect(touch(name))
            picker.codeChanged.connect(self._country_changed)
        for name, picker in (("zone", self.zone_edit), ("home_zone", self.home_zone_edit)):
            picker.editTextChanged.connect(touch(name))
        self.first_edit.dateChanged.connect(self._first_changed)
        self.last_edit.dateChanged.connect(self._last_changed)
        self.last_edit.dateChanged.connect(touch("last_day"))
        for name, edit in (("organiser_name", self.organiser_name_edit), ("organiser_email", self.organiser_email_edit),
                           ("organiser_phone", self.organiser_phone_edit)):
            edit.textChanged.connect(touch(name))
        self.kind_combo.currentIndexChanged.connect(self.validate)

    def _field_values(self) -> dict[str, object]:
        visit = self.edited()
        values = {name: getattr(visit, name, None) for name in self.messages}
        office = visit.organiser or Organiser("", "")
        values.update(organiser_name=office.name, organiser_email=office.email, organiser_phone=office.phone)
        return values

    def _first_changed(self, qdate: QDate) -> None:
        """The last day follows the first: the visit keeps its length."""
        self.last_edit.blockSignals(True)
        self.last_edit.setDate(QDate(qdate.toPython() + timedelta(days=max(self._length, 0))))
        self.last_edit.blockSignals(False)
        self.validate()

    def _last_changed(self, qdate: QDate) -> None:
        self._length = (qdate.toPython() - self.first_edit.date().toPython()).days

    def _offer_capitals(self) -> None:
        capitals = [capital_zone(self.host_edit.code()), capital_zone(self.guest_edit.code())]
        for picker in (self.zone_edit, self.home_zone_edit):
            picker.offer_first([z for z in capitals if z])

    def _country_changed(self, *_args) -> None:
        self._offer_capitals()
        host_capital = capital_zone(self.host_edit.code())
        # The visit's clock is the host capital's until the officer says otherwise.
        if host_capital and ("zone" not in self.touched or not self.zone_edit.zone()) and self.before is None:
            self._filling = True  # filled in for the officer, not touched by them
            self.zone_edit.set_zone(host_capital)
            self._filling = False
        self.validate()

    # -- the result --------------------------------------------------------------------

    def organiser(self) -> Organiser | None:
        """The office as typed; None while all three fields are empty (a visit may leave it for later)."""
        office = Organiser(self.organiser_name_edit.text().strip(), self.organiser_email_edit.text().strip(),
                           self.organiser_phone_edit.text().strip())
        return office if (office.name or office.email or office.phone) else None

    def edited(self) -> Visit:
        return replace(
            self.visit, title=self.title_edit.text().strip(), kind=VisitKind(self.kind_combo.currentData()),
            host_country=self.host_edit.code(), guest_country=self.guest_edit.code(),
            first_day=self.first_edit.date().toPython(), last_day=self.last_edit.date().toPython(),
            zone=self.zone_edit.zone(), home_zone=self.home_zone_edit.zone(),
            notes=self.notes_edit.toPlainText(), organiser=self.organiser())

    def copy_parts(self) -> CopyParts:
        return CopyParts(**{name: check.isChecked() for name, check in self.copy_checks.items()})

    def validate(self, *_args) -> bool:
        """Problems of the fields touched so far are shown; all of them once OK has been pressed."""
        problems = validate_visit(self.edited())
        if self.before is None:
            problems = [p for p in problems if p.field in self.touched]
        show_problems(self.messages, problems)
        return not errors(validate_visit(self.edited()))

    def accept(self) -> None:
        self.touched.update(self.messages)
        if not self.validate():
            return
        visit = self.edited()
        remember_organiser(self.settings, visit.organiser)
        if self.settings is not None and visit.home_zone:
            self.settings.setValue(HOME_ZONE_KEY, visit.home_zone)
        def not_saved(why: str) -> None:
            tell_refused(why, "The visit was not saved", self)

        if self.before is None:
            try:
                self._create(visit)
            except WRITE_ERRORS as exc:
                not_saved(why_not_written(exc))
            return
        if visit == self.before or self.session.run(EditCommand(self.session, self.before, visit,
                                                                "Edit visit details"), not_saved):
            super().accept()

    def _create(self, visit: Visit) -> None:
        visit = self.session.store.insert(visit)
        super().accept()
        self.visitCreated.emit(visit.id)
        source = self.source_combo.currentData()
        parts = self.copy_parts()
        if source is None or not parts.named():
            return
        title = self.source_combo.currentText()
        push_logged(self.session, f"Copy {', '.join(parts.named())} from {title}",
                    lambda store: copy_visit(store, source, visit.id, parts),
                    lambda why: tell_refused(why, "Nothing was copied", self.parentWidget()))
