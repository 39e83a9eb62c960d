"""Menu actions of the invitations room: the Replies view and Send updates."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from planner.ui.shell.actions import ActionSpec


def show_replies(window):
    from planner.ui.invitations.view import RepliesDialog

    if window.session.visit_id is None:
        window.show_status("Open a visit first.")
        return None
    dialog = getattr(window, "_replies", None)
    if dialog is None:
        dialog = window._replies = RepliesDialog(window)
    dialog.fill_meetings()
    dialog.show()
    dialog.raise_()
    return dialog


def send_updates(window):
    from planner.ui.invitations.sending import send_updates as start

    return start(window)


ACTIONS = [
    ActionSpec("invitations.replies", "&Replies and invitations…", "Visit", show_replies, shortcut=QKeySequence("Ctrl+Shift+R"),
               tip="Who accepted, declined or has not answered; counter-proposals; the people to chase"),
    ActionSpec("invitations.send", "Send &updates…", "Visit", send_updates,
               tip="Send by e-mail what changed since it was last sent: updates, new attendees, removals"),
]
