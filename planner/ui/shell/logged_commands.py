"""One undo step for an edit of many rows (a copy, a merge, a new order): undone and redone from the change log."""

from __future__ import annotations

from collections.abc import Callable

from planner.storage.changes import Changes
from planner.storage.replay import log_position, replay, revert, writes_after
from planner.ui.shell.commands import StoreCommand
from planner.ui.shell.session import Session


class LoggedCommand(StoreCommand):
    """Run ``operation(store)`` once; undo reverts the writes it logged, redo replays them with the same ids."""

    def __init__(self, session: Session, text: str, operation: Callable[..., Changes]):
        super().__init__(session, text)
        self.operation = operation
        self.writes = []

    def first(self, store) -> Changes:
        start = log_position(store)
        changes = self.operation(store)
        self.writes = writes_after(store, start)
        self.setObsolete(not self.writes)  # nothing changed: no step to undo
        return changes

    def again(self, store) -> Changes:
        return replay(store, self.writes)

    def back(self, store) -> Changes:
        return revert(store, self.writes)


def push_logged(session: Session, text: str, operation: Callable[..., Changes],
                refused: Callable[[str], None] | None = None) -> bool:
    """Do ``operation`` as one undo step; when the store refuses, nothing is written and ``refused`` hears why."""
    return session.run(LoggedCommand(session, text, operation), refused)
