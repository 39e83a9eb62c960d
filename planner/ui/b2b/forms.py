"""The B2B room's small forms: a company, a meeting request, the hall of a B2B session, an import preview."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from planner.b2b.model import Company, Hall, Interpreters, MeetingRequest, Priority
from planner.domain.model import Side


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _checklist(choices: dict[int, str], chosen: tuple[int, ...]) -> QListWidget:
    found = QListWidget()
    for key, text in choices.items():
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
        found.addItem(item)
    return found


def _checked(widget: QListWidget) -> tuple[int, ...]:
    return tuple(widget.item(n).data(Qt.ItemDataRole.UserRole) for n in range(widget.count())
                 if widget.item(n).checkState() == Qt.CheckState.Checked)


class CompanyDialog(QDialog):
    """A company: names in both scripts, side, city, what it offers and seeks, sectors and representatives."""

    def __init__(self, company: Company, sectors: dict[int, str], people: dict[int, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Company")
        self.company = company
        form = QFormLayout()
        self.name, self.native = QLineEdit(company.name), QLineEdit(company.native_name)
        self.side = QComboBox()
        for side in Side:
            self.side.addItem(str(side), side)
        self.side.setCurrentIndex(list(Side).index(Side(company.side)))
        self.city, self.offers, self.seeks = QLineEdit(company.city), QLineEdit(company.offers), QLineEdit(company.seeks)
        self.sectors = _checklist(sectors, company.sector_ids)
        self.people = _checklist(people, company.person_ids)
        for label, widget in (("Name", self.name), ("Native name", self.native), ("Side", self.side),
                              ("City", self.city), ("Offers", self.offers), ("Seeks", self.seeks),
                              ("Sectors", self.sectors), ("Representatives", self.people)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def value(self) -> Company:
        return replace(self.company, name=self.name.text().strip(), native_name=self.native.text().strip(),
                       side=self.side.currentData(), city=self.city.text().strip(), offers=self.offers.text(),
                       seeks=self.seeks.text(), sector_ids=_checked(self.sectors), person_ids=_checked(self.people))


class RequestDialog(QDialog):
    def __init__(self, visit_id: int, names: dict[int, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Meeting request")
        self.visit_id = visit_id
        self.asking, self.asked, self.priority = QComboBox(), QComboBox(), QComboBox()
        for key, name in sorted(names.items(), key=lambda x: x[1].casefold()):
            self.asking.addItem(name, key)
            self.asked.addItem(name, key)
        for priority in Priority:
            self.priority.addItem(str(priority), priority)
        self.priority.setCurrentIndex(1)
        self.note = QLineEdit()
        form = QFormLayout()
        for label, widget in (("Company", self.asking), ("Wants to meet", self.asked), ("Priority", self.priority),
                              ("Note", self.note)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def value(self) -> MeetingRequest:
        return MeetingRequest(self.visit_id, self.asking.currentData(), self.asked.currentData(),
                              self.priority.currentData(), self.note.text().strip())


def tables_from_text(text: str) -> tuple[str, ...]:
    """'10' -> tables 1..10; 'A, B, C' -> those names."""
    text = text.strip()
    if text.isdigit():
        return tuple(str(n) for n in range(1, int(text) + 1))
    return tuple(t.strip() for t in text.split(",") if t.strip())


def breaks_from_text(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(part.strip() for part in re.split(r"[-–]", span, maxsplit=1))
                 for span in text.split(",") if span.strip())


def interpreters_from_text(text: str) -> tuple[Interpreters, ...]:
    """'Urdu–Tajik x2; English-Russian' -> pools."""
    found = []
    for part in (p.strip() for p in text.split(";") if p.strip()):
        match = re.fullmatch(r"(.+?)\s*[-–]\s*(.+?)(?:\s*[x×]\s*(\d+))?", part)
        if not match:
            raise ValueError(f"'{part}' is not like 'Urdu–Tajik x2'")
        found.append(Interpreters(match.group(1), match.group(2), int(match.group(3) or 1)))
    return tuple(found)


class HallDialog(QDialog):
    """The hall of a B2B session; what is wrong is said under the form and OK waits for it."""

    def __init__(self, hall: Hall, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Hall: {title}")
        self.hall = hall
        self.tables = QLineEdit(", ".join(hall.tables))
        self.tables.setToolTip("A number (10: tables 1 to 10) or names separated by commas")
        self.slot = QSpinBox()
        self.slot.setRange(5, 240)
        self.slot.setSuffix(" min")
        self.slot.setValue(hall.slot_minutes)
        self.breaks = QLineEdit(", ".join(f"{a}–{b}" for a, b in hall.breaks))
        self.breaks.setPlaceholderText("15:00–15:15, 16:30–16:40")
        self.limit = QSpinBox()
        self.limit.setRange(0, 99)
        self.limit.setSpecialValueText("no limit")
        self.limit.setValue(hall.max_talks_per_company or 0)
        self.interpreters = QLineEdit("; ".join(f"{i.label} x{i.count}" for i in hall.interpreters))
        self.interpreters.setPlaceholderText("Urdu–Tajik x1; English–Russian x2")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a00000")
        form = QFormLayout()
        for label, widget in (("Tables", self.tables), ("Slot length", self.slot), ("Breaks", self.breaks),
                              ("Talks per company", self.limit), ("Interpreters", self.interpreters)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self))

    def value(self) -> Hall:
        return Hall(self.hall.meeting_id, tables_from_text(self.tables.text()), self.slot.value(),
                    breaks_from_text(self.breaks.text()), self.limit.value() or None,
                    interpreters_from_text(self.interpreters.text()))

    def accept(self) -> None:
        from planner.storage.b2b_store import check_hall

        try:
            problems = check_hall(self.value())
        except ValueError as exc:
            problems = [str(exc)]
        if problems:
            self.problem.setText(str(problems[0]))
            return
        super().accept()


class PreviewDialog(QDialog):
    """What an import of meeting requests would write; Import writes it as one undo step."""

    def __init__(self, lines: list[str], source: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Import meeting requests")
        text = QPlainTextEdit("\n".join(lines))
        text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(source))
        layout.addWidget(text)
        box = _buttons(self)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        layout.addWidget(box)
        self.resize(640, 420)
