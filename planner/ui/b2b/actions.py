"""The menu action that opens the B2B matchmaking window."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from planner.ui.shell.actions import ActionSpec


def open_b2b(window: QMainWindow):
    """One B2B window per session; it follows every change."""
    if window.session.visit_id is None:
        window.show_status("Create a visit first (Visit ▸ New visit).")
        return None
    from planner.ui.b2b.room import B2BRoom

    room = getattr(window, "b2b_room", None)
    if room is None or room.session is not window.session:
        room = window.b2b_room = B2BRoom(window.session, window)
    else:
        room.reload()
    room.show()
    room.raise_()
    room.activateWindow()
    return room


ACTIONS: list[ActionSpec] = [
    ActionSpec("visit.b2b", "&B2B matchmaking…", "Visit", open_b2b, "Ctrl+Shift+B",
               "Companies, meeting requests, the halls of the B2B sessions and the scheduler"),
]
