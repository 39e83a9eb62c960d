"""Undo commands: one QUndoCommand per user action, calling the same store as everything else."""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from planner.storage.rows import TABLE_OF
from planner.ui.session import Session


def _label(obj) -> str:
    return getattr(obj, "title", None) or getattr(obj, "name", None) or TABLE_OF[type(obj)].replace("_", " ")


class AddCommand(QUndoCommand):
    """Add one object (or several as one step); undo deletes them again."""

    def __init__(self, session: Session, *objects, text: str | None = None):
        super().__init__(text or f"Add {_label(objects[0])}")
        self.session = session
        self.objects = list(objects)
        self._removed = None

    def redo(self) -> None:
        store = self.session.store
        if self._removed is not None:  # redo after undo: put back the same rows, same ids
            self.session.notify(store.restore(self._removed))
            return
        with store.atomic():
            changes = store.add_all(self.objects)
        self.session.notify(changes)

    def undo(self) -> None:
        store = self.session.store
        with store.atomic():
            removed = None
            for obj in reversed(self.objects):
                part = store.delete(obj)
                if removed is None:
                    removed = part
                else:
                    removed.rows += part.rows
                    removed.cleared += part.cleared
                    removed.changes.merge(part.changes)
        self._removed = removed
        self.session.notify(removed.changes)


class EditCommand(QUndoCommand):
    """Replace an object with an edited copy; ``merge_key`` lets a drag become one step."""

    MERGE_ID = 1001

    def __init__(self, session: Session, before, after, text: str | None = None, merge_key=None):
        super().__init__(text or f"Edit {_label(after)}")
        self.session = session
        self.before = copy.deepcopy(before)
        self.after = copy.deepcopy(after)
        self.merge_key = merge_key

    def redo(self) -> None:
        self.session.notify(self.session.store.update(copy.deepcopy(self.after)))

    def undo(self) -> None:
        self.session.notify(self.session.store.update(copy.deepcopy(self.before)))

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key or self.merge_key is None:
            return False
        self.after = other.after
        return True


class DeleteCommand(QUndoCommand):
    """Delete an object with everything that belongs to it; undo restores it all."""

    def __init__(self, session: Session, obj, text: str | None = None):
        super().__init__(text or f"Delete {_label(obj)}")
        self.session = session
        self.table = TABLE_OF[type(obj)]
        self.record_id = obj.id
        self._removed = None

    def redo(self) -> None:
        self._removed = self.session.store.delete(self.table, self.record_id)
        self.session.notify(self._removed.changes)

    def undo(self) -> None:
        self.session.notify(self.session.store.restore(self._removed))


class MoveAgendaItemCommand(QUndoCommand):
    def __init__(self, session: Session, item_id: int, old_position: int, new_position: int):
        super().__init__("Reorder agenda")
        self.session, self.item_id = session, item_id
        self.old_position, self.new_position = old_position, new_position

    def redo(self) -> None:
        self.session.notify(self.session.store.move_agenda_item(self.item_id, self.new_position))

    def undo(self) -> None:
        self.session.notify(self.session.store.move_agenda_item(self.item_id, self.old_position))
