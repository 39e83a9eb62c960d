"""Building the real main window for tests, with settings kept in a temporary file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from planner.ui.shell import launch
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.session import Session

ROOT = Path(__file__).resolve().parents[2]

FIRST_PAINT = """
import json, sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from planner.app import main

def painted():
    print("LOADED", json.dumps(sorted(name for name in {names!r} if name in sys.modules)), flush=True)
    app.quit()

class FirstPaint(QObject):
    seen = False

    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.seen = True
            QTimer.singleShot(0, painted)  # once this paint is done, before anything it sets off
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
main({args!r})
"""


def loaded_at_first_paint(tmp_path: Path, args: list[str], names: list[str]) -> list[str]:
    """Which of ``names`` a fresh window process started with ``args`` has imported by its first paint."""
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path),
           "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    script = FIRST_PAINT.format(root=str(ROOT), names=list(names), args=list(args))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("LOADED ")]
    assert lines, done.stderr[-2000:]
    return json.loads(lines[0].removeprefix("LOADED "))


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
