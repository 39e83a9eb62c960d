"""Issued revisions of a visit and the edits made since one: Store.issue_revision and Store.changes_since."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from planner.domain import model as m
from planner.domain import validation as v
from planner.storage.batches import expand
from planner.storage.changes import ChangeRecord, Changes

if TYPE_CHECKING:
    from planner.storage.store import Store


def issue_revision(store: Store, visit_id: int) -> Changes:
    """Raise the visit's revision and stamp the change log at this point."""
    with store.db.atomic():
        before = store.visit(visit_id)
        visit = replace(before, revision=before.revision + 1, status=m.VisitStatus.ISSUED,
                        revision_issued_at=store.clock().replace(microsecond=0))
        changes = store.update(visit)
        last = store.db.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]
        store.db["revisions"].insert({"visit_id": visit_id, "number": visit.revision,
                                      "issued_at": visit.revision_issued_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                      "last_change_id": last})
    return changes


def changes_since(store: Store, visit_id: int, revision: int) -> list[ChangeRecord]:
    """Every logged edit to the visit after ``revision`` was issued (all of them for 0)."""
    stamp = store.db.execute("SELECT last_change_id FROM revisions WHERE visit_id = ? AND number = ?",
                             [visit_id, revision]).fetchone()
    after = stamp[0] if stamp else 0
    if revision and not stamp:
        raise v.ValidationError([v.Problem("revision", f"Revision {revision} has not been issued.")])
    # A batch entry (a roster's people) stands for one record per row, all with the entry's id.
    return [ChangeRecord(r["id"], r["at"], r["visit_id"], r["revision"], r["table_name"], record_id, action,
                         old or {}, new or {})
            for r in store._rows("SELECT * FROM change_log WHERE visit_id = ? AND id > ? ORDER BY id",
                                 [visit_id, after])
            for record_id, action, old, new in expand(r["record_id"], r["action"], _json(r["old"]), _json(r["new"]))]


def _json(text: str | None) -> dict | None:
    return json.loads(text) if text else None
