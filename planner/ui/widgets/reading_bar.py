"""The status bar's progress bar shown while a large visit's meetings are read."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar


def reading_bar() -> QProgressBar:
    """A hidden progress bar that keeps its place when hidden."""
    bar = QProgressBar()
    bar.setAccessibleName("Reading the visit")
    bar.setFormat("Reading meetings: %v of %m")
    bar.setFixedWidth(260)
    # Keeping its place when hidden: a status bar changing height would re-lay out and repaint every view.
    policy = bar.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    bar.setSizePolicy(policy)
    bar.hide()
    return bar
