"""A second program editing the same database file: run in its own process by test_two_writers."""

from __future__ import annotations

import dataclasses
import sys

from planner.domain import model as m
from planner.storage.store import Store


def edit_in_a_loop(path: str, visit_id: int, name: str, edits: int, barrier) -> None:
    """Each edit reads the visit's counter and writes it back one higher, and adds a person: ``edits`` times.

    Exits with the number of edits that failed, so that the test sees every lost one.
    """
    store = Store(path)
    barrier.wait()  # both programs start editing together
    failed = 0
    for n in range(edits):
        try:
            with store.atomic():
                visit = store.visit(visit_id)
                store.update(dataclasses.replace(visit, notes=str(int(visit.notes or "0") + 1)))
                store.add(m.Person(visit_id, f"{name} {n}"))
        except Exception as exc:  # a lost edit: counted, and the loop goes on as a user would
            failed += 1
            print(f"{name} edit {n}: {type(exc).__name__}: {exc}", file=sys.stderr)
    store.db.close()
    sys.exit(min(failed, 255))
