"""The layers hold: no Qt below the window, no SQL in the window, reports from plain data, no window in commands.

Qt's absence is proved by importing every Qt-free module in a subprocess with
PySide6 made unimportable; the rest by reading the source (ast), so that an
import or a query hidden inside a function is caught too.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLANNER = ROOT / "planner"
# Qt by design outside the window: printing lays pages out with QtGui; __main__ starts the app when imported.
QT_OUTSIDE_UI = {PLANNER / "printing.py", PLANNER / "__main__.py"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def qt_free_modules() -> dict[str, list[str]]:
    """Every module that must import without Qt, by top-level package: all of planner but the window
    and printing, and the window's modules that use no Qt (text helpers): those that
    name no PySide6 and import none of the window's modules that do (a command built on the undo base)."""
    window = {path: path.read_text(encoding="utf-8") for path in sources(PLANNER / "ui")}
    qt = {path for path, text in window.items() if "PySide6" in text}
    while True:
        names = {module_name(path) for path in qt}
        more = {path for path, text in window.items() if path not in qt
                and any(f"from {name} import" in text or f"import {name}\n" in text for name in names)}
        if not more:
            break
        qt |= more
    found: dict[str, list[str]] = {}
    for path in sources(PLANNER):
        if path in QT_OUTSIDE_UI or path in qt:
            continue
        package = path.relative_to(PLANNER).parts[0].removesuffix(".py")
        found.setdefault(package, []).append(module_name(path))
    return found


QT_FREE = qt_free_modules()

BLOCKER = """
import importlib, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this test")
sys.meta_path.insert(0, Block())
for module in sys.argv[1:]:
    try:
        importlib.import_module(module)
    except Exception as exc:
        raise SystemExit(f"{module}: {exc!r}")
    assert not any(m.startswith("PySide6") for m in sys.modules), (module, sorted(m for m in sys.modules if "PySide" in m))
"""


def test_the_qt_free_list_covers_every_layer():
    assert {"domain", "storage", "ical", "reports", "roster", "cli", "app", "demo", "ui"} <= set(QT_FREE)
    assert "planner.storage.queries.directory" in QT_FREE["storage"]
    assert {"planner.ui.programme.text", "planner.ui.widgets.text"} <= set(QT_FREE["ui"])
    assert "planner.ui.shell.session" not in QT_FREE["ui"]


@pytest.mark.parametrize("package", sorted(QT_FREE))
def test_modules_import_without_qt(package):
    result = subprocess.run([sys.executable, "-c", BLOCKER, *QT_FREE[package]], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_the_blocker_really_blocks():
    result = subprocess.run([sys.executable, "-c", BLOCKER, "planner.domain", "planner.ui.shell.session"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0 and "blocked" in result.stderr


def test_commands_do_not_import_the_window():
    code = ("import sys; from planner import cli; cli.build_parser(); "
            "assert not any(m.startswith(('PySide6', 'planner.ui')) for m in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


# -- reading the source ------------------------------------------------------------------------

SQL = re.compile(r"\b(SELECT\s|INSERT\s+(OR\s+\w+\s+)?INTO\b|DELETE\s+FROM\b|UPDATE\s+\w+\s+SET\b|PRAGMA\s|"
                 r"CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)\b|DROP\s+TABLE\b)")
DRIVERS = ("sqlite3", "sqlite_utils")
RUNS_SQL = {"execute", "executemany", "executescript"}


def imported(tree: ast.AST) -> list[str]:
    """Every module a source imports, at the top or inside a function."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def storage_work(source: str) -> list[str]:
    """What in this source reads or writes the database itself instead of asking storage."""
    tree = ast.parse(source)
    found = [f"imports {name}" for name in imported(tree) if name.split(".")[0] in DRIVERS]
    for node in ast.walk(tree):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RUNS_SQL:
            found.append(f"{where}: .{node.func.attr}(")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(f"{where}: SQL {node.value[:40]!r}")
        elif isinstance(node, ast.Name | ast.alias) and "CODECS" in (getattr(node, "id", None), getattr(node, "name", None)):
            found.append(f"{where}: CODECS")
        elif isinstance(node, ast.Attribute) and node.attr == "CODECS":
            found.append(f"{where}: CODECS")
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "db":
            found.append(f"{where}: a table through .db[...]")
        elif isinstance(node, ast.Attribute) and node.attr == "conn":
            found.append(f"{where}: the raw connection")
    return found


def test_the_source_check_finds_sql_drivers_and_codecs():
    window_doing_storage = '''
import sqlite3
from planner.storage.rows import CODECS
def read(store, visit_id):
    from sqlite_utils import Database
    store.db["people"].insert({})
    store.db.conn.commit()
    return store.db.execute(f"SELECT * FROM people WHERE visit_id = {visit_id}")
'''
    found = storage_work(window_doing_storage)
    assert "imports sqlite3" in found and "imports sqlite_utils" in found
    assert {"CODECS", ".execute(", "SQL", "a table through .db[...]", "the raw connection"} <= \
        {f.split(": ", 1)[-1].split(" '")[0] for f in found}
    assert storage_work("label = 'Select a person, then Delete…'\nfrom planner.storage.queries.people import companies") == []


@pytest.mark.parametrize("path", sources(PLANNER / "ui"), ids=lambda p: str(p.relative_to(PLANNER)))
def test_the_window_runs_no_sql(path):
    """Every read is a named function in planner/storage/queries, every write a store call."""
    assert storage_work(path.read_text(encoding="utf-8")) == []



@pytest.mark.parametrize("path", sources(PLANNER / "reports"), ids=lambda p: str(p.relative_to(PLANNER)))
def test_reports_render_from_plain_data(path):
    """Reports take what a query hands them and import neither storage nor Qt."""
    names = imported(ast.parse(path.read_text(encoding="utf-8")))
    assert [n for n in names if n.startswith(("planner.storage", "PySide6", "planner.ui", "planner.printing"))] == []


STORAGE_FREE = """
import importlib, sys
importlib.import_module(sys.argv[1])
found = sorted(m for m in sys.modules if m.startswith("planner.storage") or m in ("sqlite3", "sqlite_utils"))
assert not found, found
"""


@pytest.mark.parametrize("path", sources(PLANNER / "ical"), ids=lambda p: str(p.relative_to(PLANNER)))
def test_calendar_files_are_made_from_plain_data_without_storage(path):
    """ical renders and reads from the plain data a query hands it; it never holds a store."""
    result = subprocess.run([sys.executable, "-c", STORAGE_FREE, module_name(path)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    source = path.read_text(encoding="utf-8")
    assert not [name for name in imported(ast.parse(source)) if name.startswith("planner.storage")]
    assert "store." not in source and storage_work(source) == []
