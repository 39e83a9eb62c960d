"""What the main window remembers between sessions: geometry, docks, the meetings columns, splitters, the tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QTabWidget, QWidget


class RememberedLayout:
    """The main window's layout kept in ``settings``; its collaborators are handed in, not looked up.

    ``tab_of`` maps each tab's key to its index, and ``on_tab(key)`` says whether that tab is the one shown.
    """

    def __init__(self, window: QMainWindow, settings: QSettings, header: QHeaderView, tabs: QTabWidget,
                 tab_of: dict[str, int], on_tab: Callable[[str], bool]):
        self.window, self.settings, self.header = window, settings, header
        self.tabs, self.tab_of, self.on_tab = tabs, tab_of, on_tab

    def _own(self):
        """(key, saveState, restoreState) of the window, its docks and the meetings table."""
        yield "window/geometry", self.window.saveGeometry, self.window.restoreGeometry
        yield "window/state", self.window.saveState, self.window.restoreState
        yield "meetings/header", self.header.saveState, self.header.restoreState

    def _remembered(self):
        """_own, and every named splitter."""
        yield from self._own()
        # Splitters of every view built so far (the programme's, the directory's) by their object names.
        yield from self._splitters(self.window)

    @staticmethod
    def _splitters(widget: QWidget):
        for splitter in widget.findChildren(QSplitter):
            if splitter.objectName():
                yield f"splitters/{splitter.objectName()}", splitter.saveState, splitter.restoreState

    def restore_splitters(self, view: QWidget) -> None:
        """A view built later (a tab shown for the first time) gets its splitters back."""
        for key, _save, restore in self._splitters(view):
            value = self.settings.value(key)
            if value is not None:
                restore(value)

    def restore(self) -> None:
        """The window's own layout. Views with splitters are built after the window, each restoring its own
        (restore_splitters): looking for splitters now would wrap every one of the window's objects for Python."""
        for key, _save, restore in self._own():
            value = self.settings.value(key)
            if value is not None:
                restore(value)
        tab = self.settings.value("window/tab")
        if tab in self.tab_of:
            self.tabs.setCurrentIndex(self.tab_of[tab])  # its view is built when the window shows it

    def save(self) -> None:
        for key, save, _restore in self._remembered():
            self.settings.setValue(key, save())
        current = [key for key in self.tab_of if self.on_tab(key)]
        if current:
            self.settings.setValue("window/tab", current[0])
        self.settings.sync()
