"""Start the window: pick the database (offering the demo visit), then show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from planner.locations import demo_database, resolve_database
from planner.storage.database import DatabaseRefused, open_database
from planner.storage.store import Store


def open_demo_store() -> Store:
    """The demo visit's database in the user's data folder, written on first use."""
    from planner.demo import build_demo

    store = Store(open_database(demo_database()))
    if not store.visits():
        build_demo(store)
    return store


def choose_store(args) -> Store | None:
    """The store to open, asking the user when there is no database yet or it is refused."""
    if args.demo:
        return open_demo_store()
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
    try:
        return Store(open_database(path))
    except DatabaseRefused as exc:
        QMessageBox.critical(None, "Visit Planner cannot open this file", str(exc))
        return None


def run_window(args) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Visit Planner")
    app.setOrganizationName("Visit Planner")
    store = choose_store(args)
    if store is None:
        return 2
    from planner.ui.main_window import MainWindow
    from planner.ui.session import Session

    visits = store.visits()
    session = Session(store, visits[0].id if visits else None)
    window = MainWindow(session)
    window.show()
    return app.exec()
