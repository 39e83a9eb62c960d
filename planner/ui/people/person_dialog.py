"""The person form: every field of a person, checked as you type, OK only when it is valid."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit, QSpinBox

from planner.domain.model import Person, Side
from planner.domain.scripts import is_rtl
from planner.domain.validation import Severity, validate_person
from planner.ui.widgets.forms import checked_form, show_problems

LAST_USED: dict[str, object] = {}  # the side and country of the last person entered, for the next one

HONORIFICS = ["", "H.E. Mr.", "H.E. Ms.", "H.E. Dr.", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Engr."]


def follow_direction(editor: QLineEdit) -> None:
    """Right-align an Urdu name as it is typed; a Cyrillic or Latin one stays on the left."""
    def update(text: str) -> None:
        rtl = is_rtl(text)
        editor.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
    editor.textChanged.connect(update)
    update(editor.text())


class PersonDialog(QDialog):
    """Create (person=None) or edit a person; ``person()`` gives the edited copy."""

    def __init__(self, visit_id: int, person: Person | None = None, parent=None,
                 save: Callable[[Person], bool] | None = None):
        """``save`` stores the person on OK and says whether it was stored; when not, the form stays open."""
        super().__init__(parent)
        self.save = save
        self.setWindowTitle("Edit person" if person else "New person")
        self.setAccessibleName(self.windowTitle())
        # A new person takes the side and country of the last one entered: people are entered side by side.
        self._original = person or Person(visit_id=visit_id, name="", side=LAST_USED.get("side", Side.GUEST),
                                          country=LAST_USED.get("country", ""))
        self._build_fields()
        rows = [("honorific", "&Honorific", self.honorific), ("name", "&Name", self.name),
                ("native_name", "Na&tive script", self.native_name), ("designation", "&Designation", self.designation),
                ("organisation", "&Organisation", self.organisation),
                ("second_designation", "Designation (2nd lan&guage)", self.second_designation),
                ("second_organisation", "Organisation (2nd lang&uage)", self.second_organisation),
                ("country", "&Country", self.country),
                ("side", "&Side", self.side), ("email", "&E-mail", self.email), ("phone", "&Phone", self.phone),
                ("precedence", "&Precedence", self.precedence), ("languages", "&Languages", self.languages),
                ("dietary", "Die&tary", self.dietary), ("notes", "No&tes", self.notes)]
        self.messages, self.buttons = checked_form(self, rows)
        self._fill(self._original)
        self._connect_signals()
        self.name.setFocus()
        self.validate()

    def _build_fields(self) -> None:
        self.honorific = QComboBox(self, editable=True)
        self.honorific.addItems(HONORIFICS)
        self.name = QLineEdit(self)
        self.native_name = QLineEdit(self)
        self.native_name.setPlaceholderText("Name in Cyrillic, Urdu or other script")
        follow_direction(self.native_name)
        self.designation = QLineEdit(self)
        self.organisation = QLineEdit(self)
        self.second_designation = QLineEdit(self)
        self.second_designation.setPlaceholderText("The designation in a second language, e.g. English")
        self.second_organisation = QLineEdit(self)
        self.second_organisation.setPlaceholderText("The organisation in that language")
        self.country = QLineEdit(self)
        self.country.setMaxLength(2)
        self.country.setPlaceholderText("PK, TJ …")
        self.country.setValidator(QRegularExpressionValidator(r"[A-Za-z]{0,2}", self.country))
        self.side = QComboBox(self)
        for side in Side:
            self.side.addItem(str(side), side)
        self.email = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.precedence = QSpinBox(self)
        self.precedence.setRange(0, 99999)
        self.precedence.setToolTip("Rank in the order of precedence: 1 is the most senior")
        self.languages = QLineEdit(self)
        self.languages.setPlaceholderText("Urdu, English, Russian")
        self.dietary = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)

    def _connect_signals(self) -> None:
        """Every change re-validates the form; the country code is upper-cased as it is typed."""
        for editor in (self.name, self.native_name, self.designation, self.organisation, self.second_designation,
                       self.second_organisation, self.country, self.email,
                       self.phone, self.languages, self.dietary):
            editor.textChanged.connect(self.validate)
        self.honorific.currentTextChanged.connect(self.validate)
        self.side.currentIndexChanged.connect(self.validate)
        self.precedence.valueChanged.connect(self.validate)
        self.notes.textChanged.connect(self.validate)
        self.country.textEdited.connect(lambda text: self.country.setText(text.upper()))

    def _fill(self, person: Person) -> None:
        self.honorific.setCurrentText(person.honorific)
        self.name.setText(person.name)
        self.native_name.setText(person.native_name)
        self.designation.setText(person.designation)
        self.organisation.setText(person.organisation)
        self.second_designation.setText(person.second_designation)
        self.second_organisation.setText(person.second_organisation)
        self.country.setText(person.country)
        self.side.setCurrentIndex(max(self.side.findData(Side(person.side)), 0))
        self.email.setText(person.email)
        self.phone.setText(person.phone)
        self.precedence.setValue(person.precedence)
        self.languages.setText(", ".join(person.languages))
        self.dietary.setText(person.dietary)
        self.notes.setPlainText(person.notes)

    def person(self) -> Person:
        """The person as the form says, with the original's id and visit."""
        return dataclasses.replace(
            self._original, honorific=self.honorific.currentText().strip(), name=self.name.text().strip(),
            native_name=self.native_name.text().strip(), designation=self.designation.text().strip(),
            organisation=self.organisation.text().strip(),
            second_designation=self.second_designation.text().strip(),
            second_organisation=self.second_organisation.text().strip(), country=self.country.text().strip().upper(),
            side=self.side.currentData(), email=self.email.text().strip(), phone=self.phone.text().strip(),
            precedence=self.precedence.value(),
            languages=tuple(part.strip() for part in self.languages.text().split(",") if part.strip()),
            dietary=self.dietary.text().strip(), notes=self.notes.toPlainText().strip(),
        )

    def accept(self) -> None:
        if not self.validate():
            return
        if self.save is not None and not self.save(self.person()):
            return  # refused (the file stayed busy, say) and already said why: keep what was typed
        LAST_USED.update(side=self.side.currentData(), country=self.country.text().strip().upper())
        super().accept()

    def validate(self) -> bool:
        """Show each problem under its field; OK is enabled only when there are no errors."""
        problems = validate_person(self.person())
        show_problems(self.messages, problems)
        ok = not any(p.severity is Severity.ERROR for p in problems)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok
