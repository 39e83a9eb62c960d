"""Undo commands: one QUndoCommand per user action, one transaction each, all under one policy.

Every command is a StoreCommand pushed with ``session.run(command)``: the
first write happens there, before anything reaches the undo stack, so a write
that fails leaves no step and the user is told why in one sentence. Undo and
redo write in one transaction each too; when one of them is refused, the step
goes back to where the data is, and the user is told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from planner.domain.model import AgendaItem, Attendee, Meeting
from planner.storage.changes import Changes, Removed
from planner.storage.replay import log_position, replay, revert, writes_after
from planner.storage.rows import TABLE_OF
from planner.storage.transactions import WRITE_ERRORS, why_not_written
from planner.ui.shell.session import Session


def _label(obj) -> str:
    return getattr(obj, "title", None) or getattr(obj, "name", None) or TABLE_OF[type(obj)].replace("_", " ")


class StoreCommand(QUndoCommand):
    """One user action: written in one transaction, one step on the undo stack.

    A subclass writes the action in ``again(store)`` (the first time too,
    unless it overrides ``first``) and takes it back in ``back(store)``; each
    returns the Changes it made and runs inside the one transaction.
    """

    def __init__(self, session: Session, text: str):
        super().__init__(text)
        self.session = session
        self._written = False  # whether the first write has happened
        self._first_changes: Changes | None = None  # written by session.run, not yet announced by redo()
        self._in_place = False  # the step moves back to where the data is, without writing

    def first(self, store) -> Changes:
        return self.again(store)

    def again(self, store) -> Changes:
        raise NotImplementedError

    def back(self, store) -> Changes:
        raise NotImplementedError

    def write_first(self) -> None:
        """The first write, in one transaction; raises what the store raised, leaving nothing written."""
        store = self.session.store
        with store.atomic():
            self._first_changes = self.first(store)
        self._written = True

    def redo(self) -> None:
        if self._first_changes is not None:  # pushed just after its first write: only tell the views
            changes, self._first_changes = self._first_changes, None
            self.session.notify(changes)
            return
        # Pushed without session.run, the first write happens here (and a refusal takes the step back).
        self._written = self._write(self.again if self._written else self.first, "Redo",
                                    self.session.undo_stack.undo) or self._written

    def undo(self) -> None:
        self._write(self.back, "Undo", self.session.undo_stack.redo)

    def _write(self, step: Callable, verb: str, put_back: Callable[[], None]) -> bool:
        """Write one direction in one transaction; returns whether it was written."""
        if self._in_place:
            self._in_place = False
            return False
        store = self.session.store
        try:
            with store.atomic():
                changes = step(store)
        except WRITE_ERRORS as exc:
            self.session.refused(f"{verb} {self.text()}", why_not_written(exc))
            # The stack has already moved past this step; nothing was written, so move it back.
            self._in_place = True
            QTimer.singleShot(0, put_back)
            return False
        self.session.notify(changes)
        return True


class AddCommand(StoreCommand):
    """Add one object (or several as one step); undo deletes them again, redo puts back the same rows."""

    def __init__(self, session: Session, *objects, text: str | None = None):
        super().__init__(session, text or f"Add {_label(objects[0])}")
        self.objects = list(objects)
        self._removed = Removed()

    def first(self, store) -> Changes:
        changes = store.add_all(self.objects)
        self.objects = list(changes.added)  # as stored, with their ids, so that undo can delete them
        return changes

    def again(self, store) -> Changes:
        return store.restore(self._removed)  # the same rows, the same ids

    def back(self, store) -> Changes:
        self._removed = Removed()
        for obj in reversed(self.objects):
            self._removed.merge(store.delete(obj))
        return self._removed.changes


class EditCommand(StoreCommand):
    """Replace objects with edited copies, (before, after) pairs written in order; undo writes them back."""

    def __init__(self, session: Session, before, after, text: str | None = None):
        super().__init__(session, text or f"Edit {_label(after)}")
        self.pairs = [(before, after)]

    @classmethod
    def of_many(cls, session: Session, pairs: list[tuple], text: str) -> EditCommand:
        command = cls(session, *pairs[0], text=text)
        command.pairs = list(pairs)
        return command

    def again(self, store) -> Changes:
        changes = Changes()
        for _before, after in self.pairs:
            changes.merge(store.update(after))
        return changes

    def back(self, store) -> Changes:
        changes = Changes()
        for before, _after in reversed(self.pairs):
            changes.merge(store.update(before))
        return changes


class DeleteCommand(StoreCommand):
    """Delete rows of one table with everything that belongs to them; undo restores it all.

    ``progress(done, total)`` is called between rows so that a long delete can show it.
    """

    def __init__(self, session: Session, table: str, ids: list[int], text: str, progress=None):
        super().__init__(session, text)
        self.table, self.ids = table, list(ids)
        self.progress = progress
        self._removed = Removed()

    @classmethod
    def of(cls, session: Session, obj, text: str | None = None) -> DeleteCommand:
        return cls(session, TABLE_OF[type(obj)], [obj.id], text or f"Delete {_label(obj)}")

    @classmethod
    def of_meetings(cls, session: Session, meeting_ids: list[int], progress=None) -> DeleteCommand:
        """Several meetings with their attendees and agenda as one step."""
        count = len(meeting_ids)
        return cls(session, "meetings", meeting_ids, f"Delete {count} meetings" if count != 1 else "Delete meeting",
                   progress)

    def again(self, store) -> Changes:
        self._removed = Removed()
        for n, record_id in enumerate(self.ids):
            self._removed.merge(store.delete(self.table, record_id))
            if self.progress is not None:
                self.progress(n + 1, len(self.ids))
        return self._removed.changes

    def back(self, store) -> Changes:
        return store.restore(self._removed)


# -- an edit of many rows, undone and redone from the change log ------------------------------


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


class SaveMeetingCommand(StoreCommand):
    """Create or edit a meeting with its attendees and agenda: one undo step per OK in the editor."""

    def __init__(self, session: Session, before: MeetingState | None, after: MeetingState, text: str | None = None):
        verb = "Edit" if before is not None else "Add"
        super().__init__(session, text or f"{verb} meeting '{after.meeting.title}'")
        self.before = before
        self.after = after

    @property
    def meeting_id(self) -> int | None:
        return self.after.meeting.id

    def again(self, store) -> Changes:
        # Keep the ids the store gave, so that redo after undo restores the same rows.
        self.after, changes = apply_meeting_state(store, self.after)
        return changes

    def back(self, store) -> Changes:
        if self.before is None:
            return store.delete("meetings", self.after.meeting.id).changes
        return apply_meeting_state(store, self.before)[1]
