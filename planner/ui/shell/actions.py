"""Menu and toolbar actions as data: id, text, shortcut, menu and handler.

The main window only assembles this table. Feature modules (printing,
calendar, rosters) contribute their own lists in FEATURE_MODULES so that each
keeps its handlers, and its heavy imports, to itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar


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
    """Create the QActions on ``window``, in its menus and toolbar; returns them by id.

    A menu or the toolbar the window already has is added to, so that a window may build its own
    actions first and its features' a moment later (see MainWindow): the menus come out the same.
    """
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
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
        if spec.menu not in menus:
            menus[spec.menu] = _menu(window, spec.menu)
        menus[spec.menu].addAction(action)
        if spec.toolbar:
            _toolbar(window).addAction(action)
        actions[spec.id] = action
    return actions


def _menu(window, name: str) -> QMenu:
    """The window's menu ``name``, added in its place in MENU_ORDER when it has none yet."""
    bar = window.menuBar()
    later = None
    for entry in bar.actions():
        title = entry.text().replace("&", "")
        if title == name and entry.menu() is not None:
            return entry.menu()
        if later is None and title in MENU_ORDER and MENU_ORDER.index(title) > MENU_ORDER.index(name):
            later = entry
    menu = QMenu(f"&{name}", bar)
    if later is None:
        bar.addMenu(menu)
    else:
        bar.insertMenu(later, menu)
    return menu


def _toolbar(window) -> QToolBar:
    toolbar = window.findChild(QToolBar, "main_toolbar", Qt.FindChildOption.FindDirectChildrenOnly)
    if toolbar is None:
        toolbar = window.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")
    return toolbar
