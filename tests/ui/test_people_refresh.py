"""The people models patch the rows a change set names instead of resetting themselves (as the meetings table does)."""

from dataclasses import replace

import pytest

from planner.domain.model import DelegationMember, MemberRole, Person, Side
from planner.storage.queries.people import PeopleFilter
from planner.ui.people.membership_model import MembershipsModel
from planner.ui.people.model import PeopleModel, PersonRole
from planner.ui.people.sector_model import MemberPersonRole, SectorRole, SectorTreeModel
from planner.ui.shell.session import Session


class Signals:
    """What a model told its views, in order: (signal, first row, last row)."""

    def __init__(self, model):
        self.seen = []
        model.modelReset.connect(lambda: self.seen.append(("reset",)))
        model.dataChanged.connect(lambda top, bottom, *_: self.seen.append(("changed", top.row(), bottom.row())))
        model.rowsInserted.connect(lambda _parent, first, last: self.seen.append(("inserted", first, last)))
        model.rowsRemoved.connect(lambda _parent, first, last: self.seen.append(("removed", first, last)))
        model.rowsMoved.connect(lambda _p, first, _last, _d, row: self.seen.append(("moved", first, row)))

    def take(self) -> list:
        seen, self.seen = self.seen, []
        return seen


def _rows(model: PeopleModel) -> list[int]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.index(row, 0).data(PersonRole).id for row in range(model.rowCount())]


@pytest.fixture
def directory(qtmodeltester, demo):
    store, visit_id = demo
    session = Session(store, visit_id)
    model = PeopleModel(session)
    qtmodeltester.check(model)  # the tester stays attached and checks every signal that follows
    return model, session, Signals(model)


def test_an_edit_to_one_person_repaints_their_row_and_nothing_else(directory):
    model, session, signals = directory
    person = model.index(3, 0).data(PersonRole)
    session.notify(session.store.update(replace(person, designation="Special envoy")))
    assert signals.take() == [("changed", 3, 3)]
    assert model.index(3, 3).data() == "Special envoy" and model.index(3, 0).data(PersonRole).id == person.id


def test_a_new_precedence_moves_the_row_and_keeps_the_order(directory):
    model, session, signals = directory
    store, visit_id = session.store, session.visit_id
    person = model.index(5, 0).data(PersonRole)
    session.notify(store.update(replace(person, precedence=0)))
    seen = signals.take()
    assert ("moved", 5, 0) in seen and ("reset",) not in seen
    assert _rows(model) == [p.id for p in store.people(visit_id)]


def test_people_added_and_deleted_come_and_go_as_rows(directory):
    model, session, signals = directory
    store, visit_id = session.store, session.visit_id
    newcomer = Person(visit_id=visit_id, name="Aaron Early", precedence=0, side=Side.HOST)
    added = store.add(newcomer)
    session.notify(added)
    newcomer = added.added[0]
    assert signals.take() == [("inserted", 0, 0)] and model.total() == len(store.people(visit_id))
    removed = store.delete(store.person(newcomer.id))
    session.notify(removed.changes)
    assert signals.take() == [("removed", 0, 0)]
    session.notify(store.restore(removed))
    assert signals.take() == [("inserted", 0, 0)]
    assert _rows(model) == [p.id for p in store.people(visit_id)]


def test_an_edit_that_leaves_the_filter_removes_the_row(directory):
    model, session, signals = directory
    model.set_filter(PeopleFilter(text="khan"))
    signals.take()
    found = _rows(model)
    person = session.store.person(found[0])
    session.notify(session.store.update(replace(person, name="Someone Else", native_name="")))
    assert signals.take() == [("removed", 0, 0)] and _rows(model) == found[1:]


def test_a_new_membership_repaints_the_delegation_columns(directory):
    model, session, signals = directory
    store, visit_id = session.store, session.visit_id
    person = model.index(4, 0).data(PersonRole)
    before = model.index(4, 7).data()
    delegation = next(d for d in store.delegations(visit_id) if d.name not in before)
    signals.take()
    session.notify(store.add(DelegationMember(delegation.id, person.id)))
    assert signals.take() == [("changed", 4, 4)] and model.index(4, 7).data() == f"{before}; {delegation.name}"


def test_a_large_directory_still_being_found_patches_in_place_and_resets_otherwise(qtmodeltester, demo, monkeypatch):
    monkeypatch.setattr("planner.ui.people.model.LAZY_FROM", 10)
    monkeypatch.setattr("planner.ui.people.model.PAGE", 10)
    store, visit_id = demo
    session = Session(store, visit_id)
    model = PeopleModel(session)
    signals = Signals(model)  # no model tester until the end: it would fetch every row and so find them all
    assert model.rowCount() == 10 and model.canFetchMore()
    person = model.index(2, 0).data(PersonRole)
    session.notify(store.update(replace(person, designation="Special envoy")))
    assert signals.take() == [("changed", 2, 2)]
    session.notify(store.update(replace(store.person(person.id), precedence=9999)))
    assert ("reset",) in signals.take()
    qtmodeltester.check(model)


def test_the_sector_tree_patches_members_and_counts(qtmodeltester, demo):
    store, visit_id = demo
    business = next(d for d in store.delegations(visit_id) if d.name == "Pakistan business delegation")
    session = Session(store, visit_id)
    model = SectorTreeModel(session)
    model.set_delegation(business.id)
    qtmodeltester.check(model)
    textile_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Textile ★")
    textile = model.index(textile_row, 0)
    model.fetchMore(textile)
    signals = Signals(model)
    member = model.index(1, 0, textile).data(MemberPersonRole)
    session.notify(store.update(replace(member, designation="Chairman")))
    assert signals.take() == [("changed", 1, 1)] and model.index(1, 4, textile).data() == "Chairman"
    outsider = next(p for p in store.people(visit_id)
                    if business.id not in {x.delegation_id for x in store.members(person_id=p.id)})
    session.notify(store.add(DelegationMember(business.id, outsider.id, sector_id=textile.data(SectorRole))))
    seen = signals.take()
    assert ("reset",) not in seen and ("changed", textile_row, textile_row) in seen
    assert model.index(textile_row, 1).data() == 4 and model.rowCount(textile) == 4


def test_the_memberships_table_patches_its_rows(qtmodeltester, demo):
    store, visit_id = demo
    session = Session(store, visit_id)
    model = MembershipsModel(session)
    person = store.people(visit_id, delegation_id=store.delegations(visit_id)[0].id)[0]
    model.set_person(person.id)
    qtmodeltester.check(model)
    signals = Signals(model)
    member = store.members(person_id=person.id)[0]
    session.notify(store.update(replace(member, role=MemberRole.INTERPRETER)))
    assert signals.take() == [("changed", 0, 0)] and model.index(0, 1).data() == str(MemberRole.INTERPRETER)
    other = next(d for d in store.delegations(visit_id) if d.id != member.delegation_id)
    session.notify(store.add(DelegationMember(other.id, person.id)))
    assert signals.take() == [("inserted", 1, 1)] and model.rowCount() == 2
    session.notify(store.update(replace(person, designation="Envoy")))
    assert signals.take() == []
