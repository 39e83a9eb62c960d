"""The bulk writes (add_many, delete_many, restore_many) store and log exactly what add, delete and restore do."""


import pytest

from planner.domain import model as m
from planner.domain.validation import ValidationError


def people(visit_id):
    return [m.Person(visit_id, "Шерали Кабир", honorific="H.E. Mr.", email="kabir@mint.tj.example",
                     languages=("Tajik", "Russian"), side=m.Side.HOST, precedence=3, country="TJ"),
            m.Person(visit_id, "Kamran Aslam", organisation="Indus Loom Mills", notes="=1+1")]


def last_log_id(store) -> int:
    return store.db.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]


def rows(store, sql: str, params=()) -> list[dict]:
    cursor = store.db.execute(sql, list(params))
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def log_after(store, start: int) -> list[dict]:
    return rows(store, "SELECT * FROM change_log WHERE id > ? ORDER BY id", [start])


def comparable(entries: list[dict], ids: list[int]) -> list[dict]:
    """Log entries with the record's own id written as X, so two runs with different ids compare equal."""
    out = []
    for entry, record_id in zip(entries, ids, strict=True):
        out.append({**{k: entry[k] for k in ("visit_id", "revision", "table_name", "action")},
                    "record": entry["record_id"] == record_id,
                    "old": (entry["old"] or "").replace(f'"id": {record_id}', '"id": X'),
                    "new": (entry["new"] or "").replace(f'"id": {record_id}', '"id": X')})
    return out


def test_add_many_matches_store_add(store, visit):
    start = last_log_id(store)
    one_by_one = people(visit.id)
    one_by_one = [store.insert(person) for person in one_by_one]
    by_store = log_after(store, start)
    middle = last_log_id(store)
    changes = store.add_many(people(visit.id))
    bulk = changes.added
    by_bulk = log_after(store, middle)
    assert changes.ids("people") == {p.id for p in bulk} and all(p.id for p in bulk)
    assert comparable(by_bulk, [p.id for p in bulk]) == comparable(by_store, [p.id for p in one_by_one])
    assert [store.person(p.id) for p in bulk] == bulk


def test_add_many_gives_the_ids_sqlite_would_give_one_by_one(store, visit):
    # add_many numbers the rows itself to insert them in one statement: the ids must be SQLite's own,
    # also after the newest row was deleted (SQLite then hands its id out again).
    first, second = people(visit.id)
    store.add_all([first, second])
    store.delete(second)
    expected = store.db.execute("SELECT max(id) FROM people").fetchone()[0] + 1
    bulk = store.add_many(people(visit.id)).added
    assert [p.id for p in bulk] == [expected, expected + 1]
    alone = store.insert(m.Person(visit.id, "Aziz Rahimov"))
    assert alone.id == expected + 2


def test_add_many_logs_members_under_their_delegations_visit(store, visit):
    delegation = m.Delegation(visit.id, "Guests", m.DelegationKind.OFFICIAL, m.Side.GUEST)
    delegation = store.insert(delegation)
    guests = store.add_many(people(visit.id)).added
    start = last_log_id(store)
    store.add_many([m.DelegationMember(delegation.id, p.id) for p in guests])
    assert [e["visit_id"] for e in log_after(store, start)] == [visit.id, visit.id]
    assert {x.person_id for x in store.members(delegation_id=delegation.id)} == {p.id for p in guests}


def test_add_many_validates_every_object_before_writing(demo):
    store, visit_id = demo
    before = len(store.people(visit_id))
    bad = people(visit_id) + [m.Person(visit_id, "No mail", email="not-an-address")]
    with pytest.raises(ValidationError, match="not an e-mail address"):
        store.add_many(bad)
    assert len(store.people(visit_id)) == before


def test_add_many_refuses_a_person_twice_in_a_delegation_and_writes_nothing(store, visit):
    delegation = m.Delegation(visit.id, "Guests", m.DelegationKind.OFFICIAL, m.Side.GUEST)
    guest = m.Person(visit.id, "Kamran Aslam")
    delegation, guest = store.add_all([delegation, guest]).added
    start = last_log_id(store)
    with pytest.raises(ValidationError, match="already in that delegation"):
        store.add_many([m.DelegationMember(delegation.id, guest.id), m.DelegationMember(delegation.id, guest.id)])
    assert store.members(delegation_id=delegation.id) == [] and log_after(store, start) == []


def test_add_many_takes_objects_of_one_type(store, visit):
    with pytest.raises(TypeError):
        store.add_many([m.Person(visit.id, "Kamran Aslam"), m.Sector(visit.id, "Textiles")])
    assert store.people(visit.id) == []


def test_delete_many_and_restore_many_match_delete_and_restore(store, visit):
    sector = m.Sector(visit.id, "Textiles")
    delegation = m.Delegation(visit.id, "Business", m.DelegationKind.BUSINESS, m.Side.GUEST)
    sector, delegation = store.add_all([sector, delegation]).added
    plain, member = store.add_many(people(visit.id)).added
    store.add(m.DelegationMember(delegation.id, member.id, sector_id=sector.id, company="Indus Loom Mills"))
    rows_before = {t: rows(store, f"SELECT * FROM {t} ORDER BY rowid") for t in ("people", "delegation_members")}

    start = last_log_id(store)
    removed = store.delete_many("people", [plain.id, member.id])
    by_bulk = log_after(store, start)
    assert store.people(visit.id) == [] and store.members(delegation_id=delegation.id) == []
    assert removed.count("people") == 2 and removed.count("delegation_members") == 1
    assert removed.changes.ids("people") == {plain.id, member.id}

    changes = store.restore_many(removed)
    assert changes.ids("people") == {plain.id, member.id} and changes.touches("delegation_members")
    assert {t: rows(store, f"SELECT * FROM {t} ORDER BY rowid") for t in rows_before} == rows_before
    restored = log_after(store, start)[len(by_bulk):]

    # The same deletes and restores one at a time log the same entries (in the same order per row).
    start = last_log_id(store)
    one_by_one = [store.delete("people", plain.id), store.delete("people", member.id)]
    by_store = log_after(store, start)
    assert sorted((e["table_name"], e["record_id"], e["action"], e["visit_id"], e["old"]) for e in by_bulk) == \
        sorted((e["table_name"], e["record_id"], e["action"], e["visit_id"], e["old"]) for e in by_store)
    middle = last_log_id(store)
    for part in reversed(one_by_one):
        store.restore(part)
    assert sorted((e["table_name"], e["record_id"], e["action"], e["visit_id"], e["new"]) for e in restored) == \
        sorted((e["table_name"], e["record_id"], e["action"], e["visit_id"], e["new"])
               for e in log_after(store, middle))


def test_delete_many_adds_to_a_given_removed_and_clears_references(demo):
    store, visit_id = demo
    organiser = next(x for x in store.meetings(visit_id) if x.organiser_id is not None)
    from planner.storage.changes import Removed

    removed = Removed()
    assert store.delete_many("people", [organiser.organiser_id], removed) is removed
    assert store.meeting(organiser.id).organiser_id is None
    store.restore_many(removed)
    assert store.meeting(organiser.id).organiser_id == organiser.organiser_id
