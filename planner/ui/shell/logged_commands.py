"""One undo step for an edit of many rows (a copy, a merge, a new order): undone and redone from the change log."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from planner.domain.validation import ValidationError
from planner.storage.changes import Changes
from planner.storage.replay import log_position, replay, revert, writes_after
from planner.ui.shell.session import Session


class LoggedCommand(QUndoCommand):
    """Run ``operation(store)`` once; undo reverts the writes it logged, redo replays them with the same ids.

    A write that fails rolls back, leaves no step on the stack and keeps the
    reason in ``error`` for the dialog to say.
    """

    def __init__(self, session: Session, text: str, operation: Callable[..., Changes]):
        super().__init__(text)
        self.session = session
        self.operation = operation
        self.writes = None
        self.error: ValidationError | None = None

    def redo(self) -> None:
        store = self.session.store
        if self.writes is not None:
            self.session.notify(replay(store, self.writes))
            return
        start = log_position(store)
        try:
            with store.atomic():
                changes = self.operation(store)
        except ValidationError as exc:  # rolled back: drop this step from the stack
            self.error = exc
            self.setObsolete(True)
            return
        self.writes = writes_after(store, start)
        if not self.writes:
            self.setObsolete(True)  # nothing changed: no step to undo
        self.session.notify(changes)

    def undo(self) -> None:
        self.session.notify(revert(self.session.store, self.writes))


def push_logged(session: Session, text: str, operation: Callable[..., Changes]) -> LoggedCommand:
    """Push one step; its ``error`` says why nothing was written, if so."""
    command = LoggedCommand(session, text, operation)
    session.undo_stack.push(command)
    return command
