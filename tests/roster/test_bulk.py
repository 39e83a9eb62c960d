"""The bulk path writes exactly what Store.add writes: the same rows and the same change log."""

from datetime import date

import pytest

from planner.domain import model as m
from planner.domain.validation import ValidationError
from planner.roster.bulk import add_many


def people(visit_id):
    return [m.Person(visit_id, "Шерали Кабир", honorific="H.E. Mr.", email="kabir@mint.tj.example",
                     languages=["Tajik", "Russian"], side=m.Side.HOST, precedence=3, country="TJ"),
            m.Person(visit_id, "Kamran Aslam", organisation="Indus Loom Mills", notes="=1+1")]


def test_add_many_matches_store_add(store):
    visit = m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                    "Asia/Dushanbe", "Asia/Karachi")
    store.add(visit)
    start = store.db.execute("SELECT max(id) FROM change_log").fetchone()[0]
    one_by_one = people(visit.id)
    for person in one_by_one:
        store.add(person)
    by_store = store._rows("SELECT * FROM change_log WHERE id > ? ORDER BY id", [start])
    middle = store.db.execute("SELECT max(id) FROM change_log").fetchone()[0]
    bulk = people(visit.id)
    changes = add_many(store, visit.id, bulk)
    by_bulk = store._rows("SELECT * FROM change_log WHERE id > ? ORDER BY id", [middle])
    assert changes.ids("people") == {p.id for p in bulk} and all(p.id for p in bulk)

    def comparable(entry, person):
        return {**{k: entry[k] for k in ("visit_id", "revision", "table_name", "action", "old")},
                "record": entry["record_id"] == person.id,
                "new": entry["new"].replace(f'"id": {person.id}', '"id": X')}

    assert [comparable(e, p) for e, p in zip(by_bulk, bulk)] == [comparable(e, p) for e, p in zip(by_store, one_by_one)]
    assert [store.person(p.id) for p in bulk] == bulk


def test_add_many_validates_every_object_before_writing(demo):
    store, visit_id = demo
    before = len(store.people(visit_id))
    bad = people(visit_id) + [m.Person(visit_id, "No mail", email="not-an-address")]
    with pytest.raises(ValidationError, match="not an e-mail address"):
        add_many(store, visit_id, bad)
    assert len(store.people(visit_id)) == before
