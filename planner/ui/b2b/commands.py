"""B2B undo commands: each edit in the B2B window is one step, calling planner.storage.b2b_store."""

from __future__ import annotations

from planner.storage import b2b_store
from planner.storage.changes import Changes, Removed
from planner.ui.shell.commands import StoreCommand


class B2BCommand(StoreCommand):
    """A B2B edit under the window's undo policy (push it with ``session.run``): ``do`` writes it, the first
    time and on redo, ``undo_it`` takes it back, each in one transaction."""

    def again(self, store) -> Changes:
        return self.do()

    def back(self, store) -> Changes:
        return self.undo_it()

    def do(self) -> Changes:
        raise NotImplementedError

    def undo_it(self) -> Changes:
        raise NotImplementedError


class PlanCommand(B2BCommand):
    """A new plan (from the scheduler, a drag or a lock) replaces the talks; undo puts back the old ones."""

    def __init__(self, session, talks, text: str):
        super().__init__(session, text)
        self.talks = list(talks)
        self.change = None

    def do(self) -> Changes:
        self.change = b2b_store.set_plan(self.session.store, self.session.visit_id, self.talks)
        return self.change.changes

    def undo_it(self) -> Changes:
        return b2b_store.undo_plan(self.session.store, self.change)


class HallCommand(B2BCommand):
    def __init__(self, session, hall):
        super().__init__(session, "Change the hall")
        self.hall = hall
        self.before = None

    def do(self) -> Changes:
        self.before, changes = b2b_store.set_hall(self.session.store, self.hall)
        return changes

    def undo_it(self) -> Changes:
        if self.before is None:
            return b2b_store.remove_hall(self.session.store, self.hall.meeting_id)[1]
        return b2b_store.set_hall(self.session.store, self.before)[1]


class AddCompanyCommand(B2BCommand):
    def __init__(self, session, company):
        super().__init__(session, f"Add {company.name}")
        self.company = company
        self.stored = None

    def do(self) -> Changes:
        self.stored, changes = b2b_store.add_company(self.session.store, self.company)
        return changes

    def undo_it(self) -> Changes:
        return b2b_store.delete_company(self.session.store, self.stored.id).changes


class EditCompanyCommand(B2BCommand):
    def __init__(self, session, before, after):
        super().__init__(session, f"Edit {after.name}")
        self.before, self.after = before, after

    def do(self) -> Changes:
        return b2b_store.update_company(self.session.store, self.after)

    def undo_it(self) -> Changes:
        return b2b_store.update_company(self.session.store, self.before)


class DeleteCommand(B2BCommand):
    """Delete companies or requests (table given) with what goes with them; undo restores all of it."""

    def __init__(self, session, table: str, ids: list[int], text: str):
        super().__init__(session, text)
        self.table, self.ids = table, ids
        self.removed = None

    def do(self) -> Changes:
        store = self.session.store
        self.removed = Removed()
        for record_id in self.ids:
            self.removed.merge(store.delete(self.table, record_id))
        return self.removed.changes

    def undo_it(self) -> Changes:
        return self.session.store.restore(self.removed)


class AddRequestsCommand(B2BCommand):
    """Requests entered, accepted from suggestions or imported (with their new companies), as one step."""

    def __init__(self, session, text: str, requests=(), preview=None):
        super().__init__(session, text)
        self.requests, self.preview = list(requests), preview
        self.company_ids: list[int] = []
        self.request_ids: list[int] = []

    def do(self) -> Changes:
        store = self.session.store
        if self.preview is not None:
            from planner.b2b.importing import apply_preview

            done = apply_preview(store, self.preview)
            self.company_ids, self.request_ids = done.companies, done.requests
            return done.changes
        added, changes = b2b_store.add_requests(store, self.requests)
        self.request_ids = [r.id for r in added]
        return changes

    def undo_it(self) -> Changes:
        store = self.session.store
        removed = Removed()
        with store.atomic():
            store.delete_many("b2b_requests", self.request_ids, removed)
            store.delete_many("companies", self.company_ids, removed)
        return removed.changes
