"""Views that read the visit only once they are on screen, so start-up never waits for them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class ReadWhenShown(QObject):
    """Calls a view's ``reload`` after the view's first paint, and on changes only while it is visible.

    A view holds one (``self.reading = ReadWhenShown(self, self.reload)``) and asks it whether the view
    still has to read (``stale``); the view sets ``stale = False`` when it has read.
    """

    def __init__(self, view: QWidget, reload: Callable[[], None]):
        super().__init__(view)
        self.view, self.reload = view, reload
        self.stale = True
        self._scheduled = False
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Paint and self.stale and not self._scheduled:
            # Read the visit after the first paint, so the window appears at once even for a very large visit.
            self._scheduled = True
            QTimer.singleShot(0, self._deferred_reload)
        return False

    def _deferred_reload(self) -> None:
        self._scheduled = False
        if self.stale:
            self.reload()

    def mark_stale(self) -> None:
        """The data changed: read again now if the view is on screen, else when it is next painted."""
        self.stale = True
        if self.view.isVisible():
            self.reload()
