"""Menu actions for setting a visit up: delegations, sectors, venues and travel times, the order of precedence."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMainWindow

from planner.ui.shell.actions import ActionSpec


def _open(window: QMainWindow, module: str, name: str) -> QDialog | None:
    """Open one of the set-up dialogs (one at a time of each kind); None without a visit."""
    import importlib

    if window.session.visit_id is None:
        window.show_status("Create a visit first (Visit ▸ New visit).")
        return None
    if not hasattr(window, "setup_dialogs"):
        window.setup_dialogs = {}
    dialogs = window.setup_dialogs
    dialog = dialogs.get(name)
    if dialog is None or dialog.session is not window.session:
        dialog = dialogs[name] = getattr(importlib.import_module(module), name)(window.session, window)
    else:
        dialog.reload()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def delegations(window):
    return _open(window, "planner.ui.people.delegations_dialog", "DelegationsDialog")


def sectors(window):
    return _open(window, "planner.ui.people.sectors_dialog", "SectorsDialog")


def venues(window):
    return _open(window, "planner.ui.people.venues_dialog", "VenuesDialog")


def precedence(window):
    """A fresh list each time: it holds an order being worked on until OK."""
    if window.session.visit_id is None:
        window.show_status("Create a visit first (Visit ▸ New visit).")
        return None
    from planner.ui.people.precedence_dialog import PrecedenceDialog

    dialog = PrecedenceDialog(window.session, window)
    dialog.open()
    return dialog


ACTIONS: list[ActionSpec] = [
    ActionSpec("people.delegations", "&Delegations…", "People", delegations, "Ctrl+Shift+D",
               "Create delegations, choose their side, kind and head, add and change members"),
    ActionSpec("people.sectors", "&Sectors…", "People", sectors, None,
               "Create, rename, merge and delete sectors; mark the priority sectors"),
    ActionSpec("people.precedence", "Order of &precedence…", "People", precedence, None,
               "Put each side's people in order by dragging them; the ranks follow"),
    ActionSpec("visit.venues", "&Venues and travel times…", "Visit", venues, None,
               "Venues with their addresses, and the minutes it takes to travel between them"),
]
