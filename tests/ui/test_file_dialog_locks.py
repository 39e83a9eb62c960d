"""A file dialog shown the database's folder must not drop the window's locks on the database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileIconProvider

from planner.ui.widgets import file_dialogs

ROOT = Path(__file__).resolve().parents[2]

posix_locks = pytest.mark.skipif(sys.platform == "win32", reason="Windows locks belong to a handle, not to the process")


def _other_program_opens_and_closes(db: Path) -> None:
    code = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('select count(*) from t').fetchall(); c.close()"
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)


def _count_seen_by_another_program(db: Path) -> int:
    code = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from t').fetchone()[0])"
    done = subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60, capture_output=True, text=True)
    return int(done.stdout)


def _list_folder(provider: QFileIconProvider, folder: Path) -> None:
    """What a file dialog asks its icon provider for each file it lists."""
    for path in sorted(folder.iterdir()):
        info = QFileInfo(str(path))
        provider.icon(info)
        provider.type(info)


def _edit_survives_listing(tmp_path: Path, provider: QFileIconProvider) -> bool:
    db = tmp_path / "visit.sqlite"
    window = sqlite3.connect(db, isolation_level=None)
    try:
        window.execute("pragma journal_mode=wal")
        window.execute("create table t(x)")
        window.execute("insert into t values (1)")
        _list_folder(provider, tmp_path)  # the window shows a file dialog on the database's folder
        _other_program_opens_and_closes(db)
        window.execute("insert into t values (2)")  # the window's next edit
        return _count_seen_by_another_program(db) == 2 and (tmp_path / "visit.sqlite-wal").exists()
    finally:
        window.close()


@posix_locks
def test_the_window_dialogs_leave_the_database_locks_alone(qapp, tmp_path):
    assert _edit_survives_listing(tmp_path, file_dialogs.NameOnlyIcons())


@posix_locks
def test_a_dialog_that_reads_the_files_it_lists_loses_the_next_edit(qapp, tmp_path):
    """The hazard itself, so that the test above can fail: Qt's default provider reads each file to type it."""
    assert not _edit_survives_listing(tmp_path, QFileIconProvider())


def test_the_dialogs_name_types_from_names(qapp, tmp_path):
    dialog = file_dialogs.make_dialog(None, "Open database", str(tmp_path / "visit.sqlite"), "Databases (*.sqlite)")
    assert isinstance(dialog.iconProvider(), file_dialogs.NameOnlyIcons)
    assert Path(dialog.selectedFiles()[0]) == tmp_path / "visit.sqlite"
    provider = file_dialogs.NameOnlyIcons()
    assert provider.type(QFileInfo(str(tmp_path / "visit.sqlite-wal"))) == "SQLITE-WAL file"
    assert provider.type(QFileInfo(str(tmp_path))) == "Folder"


def test_the_window_asks_for_files_only_through_these_dialogs():
    """Qt's static file dialogs cannot be given the provider: none of the window's modules may call them."""
    callers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "planner" / "ui").rglob("*.py")
        if "QFileDialog.get" in path.read_text(encoding="utf-8") and path.name != "file_dialogs.py"
    ]
    assert callers == []
