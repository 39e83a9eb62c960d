"""The parts of the main window built just after its first paint, or at once when asked for before then.

The features' menus (and their modules) and the Conflicts panel are not in the first picture of the
window: the dock is in its place, empty for a moment, and the menus of the window's own actions are
there. Building them after the first paint lets the window appear sooner; anything that asks for them
earlier (a handler, a test) gets them built on the spot, so the window is whole as soon as it is used.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from planner.ui.shell.actions import build_actions, feature_actions


class DockRoom(QWidget):
    """Holds the Conflicts panel's place in its dock, at its size (ConflictsPanel.sizeHint), until it is built:
    the dock has its width in the first paint and keeps it when the panel comes."""

    def sizeHint(self) -> QSize:
        return QSize(320, 400)


class LateParts:
    """Mixed into MainWindow, which sets ``_actions`` (its own), ``_conflicts_panel`` (None) and
    ``conflicts_dock``, and ``_features_due`` once its own actions are built."""

    @property
    def conflicts_panel(self):
        """The Conflicts panel, built on first use: it reads the watch's current list when built."""
        return self._build_conflicts_panel()

    def _build_conflicts_panel(self):
        if self._conflicts_panel is None:
            from planner.ui.conflicts.panel import ConflictsPanel

            self._conflicts_panel = ConflictsPanel(self.session, self.watch, self)
            self._conflicts_panel.meetingsSelected.connect(self.select_meetings)
            placeholder = self.conflicts_dock.widget()
            self.conflicts_dock.setWidget(self._conflicts_panel)
            if placeholder is not None:
                placeholder.deleteLater()
        return self._conflicts_panel

    @property
    def action_by_id(self) -> dict:
        """Every action by id (not named ``actions``, which would hide QWidget.actions())."""
        self._build_feature_actions()
        return self._actions

    def menuBar(self):
        """The menu bar, with every feature's menus in it."""
        self._build_feature_actions()
        return super().menuBar()

    def _build_feature_actions(self) -> None:
        # Due only once the window has built its own actions; until then the menu bar is being built.
        if getattr(self, "_features_due", False):
            self._features_due = False
            self._actions.update(build_actions(self, feature_actions()))
