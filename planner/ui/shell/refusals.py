"""Telling the user that a write was refused: one sentence in one message box, from one place."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def tell_refused(why: str, title: str = "Nothing was saved", parent: QWidget | None = None) -> None:
    """Say in one sentence why nothing was written (the store rolled the action back)."""
    QMessageBox.warning(parent if parent is not None else QApplication.activeWindow(), title, why)
