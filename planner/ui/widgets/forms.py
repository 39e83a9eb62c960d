"""What every form dialog shares: a field with its message line under it, OK and Cancel, problems shown by field."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from planner.domain.validation import Problem

ERROR_STYLE = "color: #b00020;"


def field_with_message(editor: QWidget) -> tuple[QWidget, QLabel]:
    """The editor with a message line under it, hidden while there is nothing to say."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(editor)
    message = QLabel(box)
    message.setStyleSheet(ERROR_STYLE)
    message.setWordWrap(True)
    message.hide()
    layout.addWidget(message)
    return box, message


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, wired to accept and reject the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def checked_form(dialog: QDialog, rows: Iterable[tuple[str, str, QWidget]]) -> tuple[dict[str, QLabel], QDialogButtonBox]:
    """Lay out (field name, label with its &shortcut, editor) rows above OK and Cancel.

    Each editor gets its label as accessible name and buddy, and a message line
    under it; returns the message lines by field name, and the buttons.
    """
    form = QFormLayout()
    messages: dict[str, QLabel] = {}
    for field_name, label, editor in rows:
        editor.setAccessibleName(label.replace("&", ""))
        box, messages[field_name] = field_with_message(editor)
        label_widget = QLabel(label, dialog)
        label_widget.setBuddy(editor)
        form.addRow(label_widget, box)
    buttons = ok_cancel(dialog)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return messages, buttons


def show_problems(messages: dict[str, QLabel], problems: Iterable[Problem]) -> None:
    """Each field's problems in its message line; lines with nothing to say are hidden."""
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        by_field.setdefault(problem.field, []).append(problem.message)
    for field_name, label in messages.items():
        text = " ".join(by_field.get(field_name, []))
        label.setText(text)
        label.setVisible(bool(text))
