"""Menu and toolbar actions as data: id, text, shortcut, menu and handler.

The main window only assembles this table. Feature modules (printing,
calendar, rosters) contribute their own lists in FEATURE_MODULES so that each
keeps its handlers, and its heavy imports, to itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str  # "File", "Edit", "Visit", "Meeting", "People", "View", "Help"
    handler: Callable  # handler(window) -> None
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    toolbar: bool = False
    checked: Callable | None = None  # checked(window) -> bool makes the action a checkable setting


# Each module here defines ACTIONS: list[ActionSpec].
FEATURE_MODULES: list[str] = ["planner.ui.files.roster_actions", "planner.ui.files.ics_actions", "planner.ui.files.print_actions",
                              "planner.ui.people.setup_actions", "planner.ui.b2b.actions",
                              "planner.ui.invitations.actions"]

MENU_ORDER = ["File", "Edit", "View", "Visit", "Meeting", "People", "Help"]


def feature_actions() -> list[ActionSpec]:
    specs: list[ActionSpec] = []
    for name in FEATURE_MODULES:
        specs += importlib.import_module(name).ACTIONS
    return specs


def build_actions(window, specs: list[ActionSpec]) -> dict[str, QAction]:
    """Create the QActions and their menus on ``window``; returns them by id."""
    menus = {}
    actions: dict[str, QAction] = {}
    toolbar = None
    for menu_name in MENU_ORDER:
        if any(spec.menu == menu_name for spec in specs):
            menus[menu_name] = window.menuBar().addMenu(f"&{menu_name}")
    for spec in specs:
        action = QAction(spec.text, window)
        action.setObjectName(spec.id)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.checked is not None:
            action.setCheckable(True)
            action.setChecked(bool(spec.checked(window)))
        action.triggered.connect(lambda _checked=False, h=spec.handler: h(window))
        menus[spec.menu].addAction(action)
        if spec.toolbar:
            if toolbar is None:
                toolbar = window.addToolBar("Main")
                toolbar.setObjectName("main_toolbar")
            toolbar.addAction(action)
        actions[spec.id] = action
    return actions
