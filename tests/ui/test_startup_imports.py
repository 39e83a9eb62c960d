"""The window paints first without sqlite-utils (reading an up-to-date file needs only the standard sqlite3 module),
nor the modules of the features' menus and of the Conflicts panel, which come just after."""

import subprocess
import sys
from pathlib import Path

import pytest

from planner.demo import build_demo
from planner.storage.database import open_database
from planner.storage.store import Store
from planner.ui.shell.actions import FEATURE_MODULES

ROOT = Path(__file__).resolve().parents[2]

FIRST_PAINT = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from planner.app import main

def painted():
    # sqlite-utils brings click, pluggy, dateutil's parser and, when installed (OR-Tools needs it), pandas and numpy.
    print("LOADED", sorted(name for name in ("sqlite_utils", "pandas", "numpy", "click") if name in sys.modules),
          flush=True)
    print("LATER", sorted(name for name in {later!r} if name in sys.modules), flush=True)
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
main(["--db", {db!r}])
"""


# uuid brings platform; argparse's first parser brings gettext's translations and locale.
LATER = ["planner.ui.conflicts.panel", *FEATURE_MODULES, "uuid", "platform", "locale", "importlib.resources"]


@pytest.fixture(scope="module")
def first_paint(tmp_path_factory) -> list[str]:
    """What the window's process printed at its first paint."""
    tmp_path = tmp_path_factory.mktemp("first_paint")
    path = tmp_path / "visit.sqlite"
    store = Store(open_database(path))
    build_demo(store)
    store.db.close()
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path),
           "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    script = FIRST_PAINT.format(root=str(ROOT), db=str(path), later=LATER)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith(("LOADED", "LATER"))]
    assert len(lines) == 2, done.stderr[-2000:]
    return lines


def test_the_window_paints_a_visit_without_importing_sqlite_utils(first_paint):
    assert first_paint[0] == "LOADED []"


def test_the_features_menus_and_the_conflicts_panel_are_not_imported_for_the_first_paint(first_paint):
    assert first_paint[1] == "LATER []"
