"""The lower layers never import Qt: prove it with PySide6 made unimportable."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = [
    "planner.domain", "planner.domain.model", "planner.domain.validation", "planner.domain.conflicts",
    "planner.domain.intervals", "planner.storage.store", "planner.storage.database", "planner.demo",
    "planner.cli", "planner.cli.data", "planner.cli.documents", "planner.cli.ics", "planner.domain.invitations",
    "planner.storage.invitations", "planner.storage.queries.invitations",
]
for package in ("ical", "reports", "roster", "mail"):
    if (ROOT / "planner" / package).is_dir():
        QT_FREE += [f"planner.{package}." + p.stem for p in (ROOT / "planner" / package).glob("*.py")
                    if p.stem != "__init__"]

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this test")
sys.meta_path.insert(0, Block())
import importlib
importlib.import_module(sys.argv[1])
assert not any(m.startswith("PySide6") for m in sys.modules), sorted(m for m in sys.modules if "PySide" in m)
"""


@pytest.mark.parametrize("module", QT_FREE)
def test_module_imports_without_qt(module):
    result = subprocess.run([sys.executable, "-c", BLOCKER, module], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_the_blocker_really_blocks():
    result = subprocess.run([sys.executable, "-c", BLOCKER, "planner.ui.shell.session"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode != 0 and "blocked" in result.stderr


def test_commands_do_not_import_the_window():
    code = ("import sys; from planner import cli; cli.build_parser(); "
            "assert not any(m.startswith(('PySide6', 'planner.ui')) for m in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


STORAGE_FREE = """
import sys, importlib
importlib.import_module(sys.argv[1])
found = sorted(m for m in sys.modules if m.startswith("planner.storage") or m in ("sqlite3", "sqlite_utils"))
assert not found, found
"""


@pytest.mark.parametrize("module", ["planner.ical." + p.stem for p in (ROOT / "planner" / "ical").glob("*.py")])
def test_calendar_files_are_made_from_plain_data_without_storage(module):
    """ical renders and reads from the plain data a query hands it; it never holds a store."""
    result = subprocess.run([sys.executable, "-c", STORAGE_FREE, module], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    source = (ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    assert "planner.storage" not in source and "store." not in source
