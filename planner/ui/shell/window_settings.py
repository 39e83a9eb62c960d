"""What the main window remembers between sessions: geometry, docks, the meetings columns, splitters, the tab."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter


class RememberedLayout:
    """Mixed into the main window, which has ``settings``, ``meetings_view``, ``tabs``, ``tab_of`` and ``_on_tab``."""

    def _remembered(self):
        """(key, saveState, restoreState) of the window, its docks, every named splitter and the meetings table."""
        yield "window/geometry", self.saveGeometry, self.restoreGeometry
        yield "window/state", self.saveState, self.restoreState
        header = self.meetings_view.horizontalHeader()
        yield "meetings/header", header.saveState, header.restoreState
        # Splitters of every view built so far (the programme's, the directory's) by their object names.
        yield from self._splitters(self)

    @staticmethod
    def _splitters(widget):
        for splitter in widget.findChildren(QSplitter):
            if splitter.objectName():
                yield f"splitters/{splitter.objectName()}", splitter.saveState, splitter.restoreState

    def _restore_splitters(self, view) -> None:
        for key, _save, restore in self._splitters(view):
            value = self.settings.value(key)
            if value is not None:
                restore(value)

    def _restore_settings(self) -> None:
        for key, _save, restore in self._remembered():
            value = self.settings.value(key)
            if value is not None:
                restore(value)
        tab = self.settings.value("window/tab")
        if tab in self.tab_of:
            self.tabs.setCurrentIndex(self.tab_of[tab])  # its view is built when the window shows it

    def save_settings(self) -> None:
        for key, save, _restore in self._remembered():
            self.settings.setValue(key, save())
        current = [key for key in self.tab_of if self._on_tab(key)]
        if current:
            self.settings.setValue("window/tab", current[0])
        self.settings.sync()
