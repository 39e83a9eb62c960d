"""Undo commands: one QUndoCommand per user action, calling the same store as everything else."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QUndoCommand

from planner.domain.model import AgendaItem, Attendee, Meeting
from planner.domain.validation import ValidationError
from planner.storage.changes import Changes
from planner.storage.rows import TABLE_OF
from planner.ui.shell.session import Session


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
        self.objects = list(changes.added)  # as stored, with their ids, so that undo can delete them
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
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def redo(self) -> None:
        self.session.notify(self.session.store.update(self.after))

    def undo(self) -> None:
        self.session.notify(self.session.store.update(self.before))

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


# -- a meeting with its attendees and agenda, saved from the editor as one step ----------------


@dataclass(frozen=True)
class MeetingState:
    """A meeting as the editor shows it: the meeting, its attendees and its agenda in order."""

    meeting: Meeting
    attendees: tuple[Attendee, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "attendees", tuple(self.attendees))
        object.__setattr__(self, "agenda", tuple(self.agenda))

    @classmethod
    def read(cls, store, meeting_id: int) -> MeetingState:
        return cls(store.meeting(meeting_id), store.attendees(meeting_id=meeting_id), store.agenda(meeting_id))

    def belonging_to(self, meeting_id: int | None) -> MeetingState:
        """The same state with every attendee and agenda item pointing at ``meeting_id``, items numbered 1..n."""
        return replace(self, attendees=tuple(replace(a, meeting_id=meeting_id) for a in self.attendees),
                       agenda=tuple(replace(item, meeting_id=meeting_id, position=n)
                                    for n, item in enumerate(self.agenda, start=1)))


def _sync_children(store, wanted, present, changes: Changes) -> tuple:
    """Make the stored children equal ``wanted``: delete the missing, update the changed, add the new.

    Returns the children as stored, with the ids the new ones were given.
    """
    keep = {obj.id for obj in wanted if obj.id is not None}
    stored = {obj.id: obj for obj in present}
    for obj in present:
        if obj.id not in keep:
            changes.merge(store.delete(obj).changes)
    result = []
    for obj in wanted:
        if obj.id in stored:
            if stored[obj.id] != obj:
                changes.merge(store.update(obj))
            result.append(obj)
        else:  # new, or put back after an undo: add keeps the id it already has
            added = store.add(obj)
            changes.merge(added)
            result.append(added.added[0])
    return tuple(result)


def apply_meeting_state(store, state: MeetingState) -> tuple[MeetingState, Changes]:
    """Write ``state`` over what is stored (or store it when the meeting is new); returns it as stored."""
    with store.atomic():
        meeting = state.meeting
        exists = meeting.id is not None and store.meeting(meeting.id) is not None
        changes = store.update(meeting) if exists else store.add(meeting)
        meeting = store.meeting(changes.added[0].id if changes.added else meeting.id)
        state = replace(state, meeting=meeting).belonging_to(meeting.id)
        present = MeetingState.read(store, meeting.id) if exists else MeetingState(meeting)
        attendees = _sync_children(store, state.attendees, present.attendees, changes)
        agenda = _sync_children(store, state.agenda, present.agenda, changes)
    return MeetingState(meeting, attendees, agenda), changes


class SaveMeetingCommand(QUndoCommand):
    """Create or edit a meeting with its attendees and agenda: one undo step per OK in the editor."""

    def __init__(self, session: Session, before: MeetingState | None, after: MeetingState, text: str | None = None):
        verb = "Edit" if before is not None else "Add"
        super().__init__(text or f"{verb} meeting '{after.meeting.title}'")
        self.session = session
        self.before = before
        self.after = after

    @property
    def meeting_id(self) -> int | None:
        return self.after.meeting.id

    error: ValidationError | None = None

    def redo(self) -> None:
        try:
            stored, changes = apply_meeting_state(self.session.store, self.after)
        except ValidationError as exc:  # the transaction rolled back; drop this step from the stack
            self.error = exc
            self.setObsolete(True)
            return
        self.after = stored  # keep the ids the store gave, so redo after undo restores the same rows
        self.session.notify(changes)

    def undo(self) -> None:
        store = self.session.store
        if self.before is None:
            self.session.notify(store.delete("meetings", self.after.meeting.id).changes)
            return
        self.session.notify(apply_meeting_state(store, self.before)[1])


class DeleteMeetingsCommand(QUndoCommand):
    """Delete several meetings with their attendees and agenda; undo restores them all.

    ``progress(done, total)`` is called between meetings so a long delete can show it.
    """

    def __init__(self, session: Session, meeting_ids: list[int], progress=None):
        count = len(meeting_ids)
        super().__init__(f"Delete {count} meetings" if count != 1 else "Delete meeting")
        self.session = session
        self.meeting_ids = list(meeting_ids)
        self.progress = progress
        self._removed: list = []

    def redo(self) -> None:
        store, changes, self._removed = self.session.store, Changes(), []
        with store.atomic():
            for n, meeting_id in enumerate(self.meeting_ids):
                removed = store.delete("meetings", meeting_id)
                self._removed.append(removed)
                changes.merge(removed.changes)
                if self.progress is not None:
                    self.progress(n + 1, len(self.meeting_ids))
        self.session.notify(changes)

    def undo(self) -> None:
        store, changes = self.session.store, Changes()
        with store.atomic():
            for removed in reversed(self._removed):
                changes.merge(store.restore(removed))
        self.session.notify(changes)
