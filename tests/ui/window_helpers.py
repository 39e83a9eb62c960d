"""Building the real main window for tests, with settings kept in a temporary file."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from planner.ui.shell import launch
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.session import Session


def make_window(qtbot, store, visit_id, tmp_path, settings: QSettings | None = None) -> MainWindow:
    settings = settings or QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Session(store, visit_id), settings, launch.open_window)
    qtbot.addWidget(window)
    window.show()
    return window


def meeting_by_title(store, visit_id, title):
    return next(m for m in store.meetings(visit_id) if m.title == title)


def answer_yes(monkeypatch, asked: list | None = None):
    """Answer every confirmation with Yes, keeping the questions in ``asked``."""
    asked = asked if asked is not None else []

    def confirm(_window, title, text):
        asked.append((title, text))
        return True

    monkeypatch.setattr("planner.ui.shell.window_actions.confirm", confirm)
    return asked
