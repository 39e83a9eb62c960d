"""Views that read the visit only once they are on screen, so start-up never waits for them."""

from __future__ import annotations

from PySide6.QtCore import QTimer


class ReadWhenShown:
    """Mixin for a QWidget with ``reload()``: reads after its first paint, and on changes only while visible."""

    _stale = True
    _scheduled = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._stale and not self._scheduled:
            # Read the visit after the first paint, so the window appears at once even for a very large visit.
            self._scheduled = True
            QTimer.singleShot(0, self._deferred_reload)

    def _deferred_reload(self) -> None:
        self._scheduled = False
        if self._stale:
            self.reload()

    def mark_stale(self) -> None:
        """The data changed: read again now if the view is on screen, else when it is next painted."""
        self._stale = True
        if self.isVisible():
            self.reload()
