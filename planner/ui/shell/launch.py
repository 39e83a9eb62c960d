"""Start the window: pick the database (offering the demo visit), then show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.locations import demo_database, resolve_database
from planner.storage.database import DatabaseRefused, ReadOnlyDatabase, open_database
from planner.storage.file_checks import FileCheck, check_in_background
from planner.storage.store import Store
from planner.ui.widgets import file_dialogs

# Open windows; a window replaced by File ▸ Open must outlive the handler that made it.
_windows: list = []


def open_demo_store(checking: FileCheck | None = None) -> Store:
    """The demo visit's database in the user's data folder, written on first use."""
    from planner.demo import build_demo

    store = Store(open_database(demo_database(), checking=checking))
    if not store.visits():
        build_demo(store)
    return store


def _refused(path: Path, message: str) -> Store | None:
    """Say why the file was refused, then offer another file or the demo visit."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Visit Planner cannot open this file",
                      f"{message}\n\nThe file was not changed.")
    other = box.addButton("Choose &another file…", QMessageBox.ButtonRole.AcceptRole)
    demo = box.addButton("Open the &demo visit", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is demo:
        return open_demo_store()
    if box.clickedButton() is other:
        chosen, _ = file_dialogs.open_file(None, "Open database", str(path.parent),
                                                "Visit Planner databases (*.sqlite *.db);;All files (*)")
        if chosen:
            return open_store_or_ask(Path(chosen))
    return None


def open_store(path: Path, checking: FileCheck | None = None) -> Store:
    """The store of ``path``; a read-only file is opened for reading (the window then says so). DatabaseRefused
    otherwise. ``checking``: the reading of the whole file for damage, when already under way (see show_window)."""
    try:
        return Store(open_database(path, checking=checking))
    except ReadOnlyDatabase:
        return Store(open_database(path, read_only=True, checking=checking))


def open_window(path: Path, settings: QSettings | None = None):
    """File ▸ Open: ``path`` in a new window; DatabaseRefused, with nothing shown, when it cannot be opened."""
    return show_window(open_store(path, check_in_background(path)), settings)


def open_store_or_ask(path: Path, checking: FileCheck | None = None) -> Store | None:
    try:
        return open_store(path, checking)
    except DatabaseRefused as exc:
        return _refused(path, str(exc))


def choose_store(args, checking: FileCheck | None = None) -> Store | None:
    """The store to open, asking the user when there is no database yet or it is refused."""
    if args.demo:
        return open_demo_store(checking)
    path = resolve_database(args.db)
    if not Path(path).exists():
        answer = QMessageBox.question(
            None, "Visit Planner",
            f"There is no database at\n{path}\nyet.\n\nOpen the demo visit (Pakistan's Prime Minister in "
            "Tajikistan) instead? Choose No to start an empty database there.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        if answer == QMessageBox.StandardButton.Yes:
            return open_demo_store()
    return open_store_or_ask(Path(path), checking)


def show_window(store: Store, settings: QSettings | None = None):
    """Build and show a main window on the store's first visit.

    The window appears at once even for a very large visit: it reads the meetings
    after its first paint, with progress in its status bar (see MainWindow). The
    file may still be being read for damage (file_checks) while the window is
    built; it is shown only once that reading found nothing, and DatabaseRefused,
    with the store closed and nothing shown or written, says what it found.
    """
    try:
        window = _build_window(store, settings)
    except Exception:
        _refuse_if_damaged(store)  # a damaged file can fail the window's first reads: the damage is the reason
        raise
    _refuse_if_damaged(store, window)
    path = store.path
    if path is not None:
        window.remember_database(path)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _windows.append(window)
    window.destroyed.connect(lambda _o=None, w=window: w in _windows and _windows.remove(w))
    window.show()
    if store.read_only:
        from PySide6.QtWidgets import QLabel

        label = QLabel("Read-only: changes cannot be saved")
        label.setObjectName("read_only_label")
        label.setToolTip(f"{path} is marked read-only. Make it writable, or save a copy, to change it.")
        window.statusBar().addPermanentWidget(label)
        window.show_status(f"{path.name if path else 'This file'} is read-only: you can read and print it, "
                           "but changes cannot be saved.")
    elif window.session.visit_id is None:
        window.show_status("This database holds no visit yet: Visit ▸ New visit.")
    return window


def _build_window(store: Store, settings: QSettings | None):
    from planner.ui.shell.main_window import MainWindow
    from planner.ui.shell.session import Session

    visits = store.visits()
    visit_id = visits[0].id if visits else None
    return MainWindow(Session(store, visit_id), settings, open_window)


def _refuse_if_damaged(store: Store, window=None) -> None:
    """DatabaseRefused, the window dropped unseen and the store closed, when the file proved to be damaged."""
    wait = getattr(store.db, "whole_file_problem", None)
    problem = wait() if wait is not None else None
    if problem:
        if window is not None:
            window.deleteLater()
        store.db.close()
        raise DatabaseRefused(problem)


def show_chosen_window(store: Store | None) -> bool:
    """Show the window on ``store``; a file found damaged meanwhile is explained and another offered."""
    while store is not None:
        path = store.path
        try:
            show_window(store)  # the window registers the bundled fonts once it has painted
            return True
        except DatabaseRefused as exc:
            store = _refused(path or Path(), str(exc))
    return False


def run_window(args, checking: FileCheck | None = None) -> int:
    """``checking``: the reading of the window's file for damage, started before Qt was loaded (app.main)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Visit Planner")
    app.setOrganizationName("Visit Planner")
    if not show_chosen_window(choose_store(args, checking)):
        return 2
    return app.exec()
