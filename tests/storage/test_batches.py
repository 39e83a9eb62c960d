"""Rows inserted as a batch are logged as one entry that reads back as the per-row inserts Store.add logs."""

from dataclasses import replace

from planner.domain import model as m
from planner.storage.batches import INSERT_ROWS, LAST_ROWID, expand, insert_rows
from planner.storage.rows import person_row

COLUMNS = [c for c in person_row(m.Person(0, "")) if c != "id"]


def values(person: m.Person) -> tuple:
    row = person_row(person)
    return tuple(row[c] for c in COLUMNS)


def entries(store, after: int) -> list[tuple]:
    return store.db.execute("SELECT table_name, record_id, action, old, new FROM change_log WHERE id > ? ORDER BY id",
                            [after]).fetchall()


def last(store) -> int:
    return store.db.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]


def people(visit_id):
    return [m.Person(visit_id, "Шерали Кабир", email="kabir@mint.tj.example", languages=("Tajik", "Russian")),
            m.Person(visit_id, "Kamran Aslam", organisation="Indus Loom Mills", notes="two\nlines", precedence=3),
            m.Person(visit_id, "Ali", side=m.Side.HOST)]


def test_a_batch_is_one_entry_that_expands_to_what_add_logs(store, visit):
    start = last(store)
    by_add = [store.insert(p) for p in people(visit.id)]
    one_by_one = [r for r in store.changes_since(visit.id, 0) if r.id > start]
    middle = last(store)
    ids = insert_rows(store, "people", COLUMNS, [values(p) for p in people(visit.id)], visit.id)
    assert [(t, a) for t, _r, a, _o, _n in entries(store, middle)] == [("people", INSERT_ROWS)]
    batch = [r for r in store.changes_since(visit.id, 0) if r.id > middle]
    assert list(ids) == [p.id + 3 for p in by_add]
    assert [(r.table, r.action, r.old, {**r.new, "id": r.new["id"] - 3}) for r in batch] == [
        (r.table, r.action, r.old, r.new) for r in one_by_one]
    assert [store.person(i) for i in ids] == [replace(p, id=i) for p, i in zip(by_add, ids)]


def test_past_the_largest_rowid_sqlite_numbers_the_rows_and_the_entry_lists_them(store, visit):
    store.insert(m.Person(visit.id, "Last", id=LAST_ROWID))
    start = last(store)
    ids = insert_rows(store, "people", COLUMNS, [values(p) for p in people(visit.id)], visit.id)
    assert isinstance(ids, list) and len(set(ids)) == 3 and LAST_ROWID not in ids
    assert [r.record_id for r in store.changes_since(visit.id, 0) if r.id > start] == ids
    assert [store.person(i).name for i in ids] == [p.name for p in people(visit.id)]


def test_entries_of_one_row_read_as_they_are():
    assert expand(7, "update", {"name": "a"}, {"name": "b"}) == [(7, "update", {"name": "a"}, {"name": "b"})]
