"""Delegations, sectors, venues and precedence: each editor's errors, and every change one undo step."""

from datetime import date

import pytest

from planner.domain import model as m
from planner.domain.model import DelegationKind, MemberRole, Side
from planner.storage.queries.setup import delegation_rows, sector_use
from tests.ui.window_helpers import answer_yes, make_window


@pytest.fixture
def empty_visit(store):
    visit = m.Visit("Return visit", m.VisitKind.STATE, "PK", "TJ", date(2027, 5, 10), date(2027, 5, 12),
                    "Asia/Karachi", "Asia/Dushanbe")
    visit = store.insert(visit)
    return store, visit.id


def add_people(store, visit_id):
    people = [m.Person(visit_id, "Emomali Rahmon", honorific="H.E. Mr.", native_name="Эмомали Рахмон",
                       designation="President of Tajikistan", precedence=1),
              m.Person(visit_id, "Sirojiddin Muhriddin", honorific="H.E. Mr.", designation="Minister of Foreign Affairs",
                       precedence=2),
              m.Person(visit_id, "Asif Ali Zardari", honorific="H.E. Mr.", native_name="آصف علی زرداری",
                       designation="President of Pakistan", side=Side.HOST, precedence=1)]
    return [p.id for p in store.add_all(people).added]


def test_delegations_are_made_named_uniquely_filled_and_undone(qtbot, empty_visit, tmp_path, monkeypatch):
    store, visit_id = empty_visit
    rahmon, minister, zardari = add_people(store, visit_id)
    window = make_window(qtbot, store, visit_id, tmp_path)
    dialog = window.action_by_id["people.delegations"].trigger() or window.setup_dialogs["DelegationsDialog"]
    stack = window.session.undo_stack
    assert not dialog.save_delegation() and "needs a name" in dialog.message.text()
    dialog.name_edit.setText("Tajik official delegation")
    dialog.side_combo.setCurrentIndex(dialog.side_combo.findData(Side.GUEST))
    assert dialog.save_delegation() and stack.count() == 1
    dialog.start_new()
    dialog.name_edit.setText("tajik OFFICIAL delegation")
    assert not dialog.save_delegation() and "already a delegation" in dialog.message.text()
    assert stack.count() == 1
    dialog.list_view.selectRow(0)
    assert dialog.add_people([rahmon, minister])
    assert [r.members for r in delegation_rows(store.db, visit_id)] == [2]
    dialog.head_combo.setCurrentIndex(1)  # the first member in precedence order: the President
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(DelegationKind.OFFICIAL))
    assert dialog.save_delegation()
    assert delegation_rows(store.db, visit_id)[0].head == "H.E. Mr. Emomali Rahmon"
    dialog.members_view.selectRow(1)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(MemberRole.LIAISON))
    dialog.company_edit.setText("MFA")
    assert dialog.change_members()
    member = store.members(person_id=minister)[0]
    assert (member.role, member.company) == (MemberRole.LIAISON, "MFA")
    stack.undo()
    assert store.members(person_id=minister)[0].role == MemberRole.MEMBER
    asked = answer_yes(monkeypatch)
    assert dialog.delete_delegation()
    assert "2 memberships go with it" in asked[-1][1]
    assert store.delegations(visit_id) == [] and store.members(person_id=rahmon) == []
    stack.undo()
    assert len(store.members(delegation_id=store.delegations(visit_id)[0].id)) == 2


def test_members_are_picked_by_any_word_without_honorifics(qtbot, empty_visit, tmp_path):
    from planner.ui.people.members_picker import AddMembersDialog

    store, visit_id = empty_visit
    add_people(store, visit_id)
    dialog = AddMembersDialog(store.people(visit_id), {}, None)
    qtbot.addWidget(dialog)
    dialog.people_list.filter.setText("H.E. Mr. pres")
    assert [p.name for p in dialog.people_list.shown] == ["Asif Ali Zardari", "Emomali Rahmon"]
    dialog.people_list.filter.setText("Рахмон")
    dialog.people_list.filter.returnPressed.emit()
    assert dialog.chosen_ids() == [dialog.people_list.shown[0].id]


def test_sectors_are_added_renamed_merged_and_deleted_only_when_unused(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.action_by_id["people.sectors"].trigger()
    dialog = window.setup_dialogs["SectorsDialog"]
    stack = window.session.undo_stack
    dialog.start_new()
    dialog.name_edit.setText("textile")
    assert not dialog.save_sector() and "already a sector" in dialog.message.text()
    dialog.name_edit.setText("Hydropower")
    dialog.priority_check.setChecked(True)
    assert dialog.save_sector()
    hydro = next(s for s in store.sectors(visit_id) if s.name == "Hydropower")
    assert hydro.priority and dialog.current_sector().id == hydro.id
    assert dialog.delete_sector() and stack.undoText() == "Delete sector 'Hydropower'"
    stack.undo()
    sectors = {s.name: s for s in store.sectors(visit_id)}
    dialog.view.selectRow(dialog.model.objects.index(next(s for s in dialog.model.objects if s.name == "Textile")))
    assert not dialog.delete_sector() and "is used by" in dialog.message.text()
    textile_use = sector_use(store.db, sectors["Textile"].id)
    pharma_use = sector_use(store.db, sectors["Pharmaceuticals"].id)
    dialog.merge_combo.setCurrentIndex(dialog.merge_combo.findData(sectors["Pharmaceuticals"].id))
    assert dialog.merge_sector(), dialog.message.text()
    assert sector_use(store.db, sectors["Pharmaceuticals"].id).members == textile_use.members + pharma_use.members
    stack.undo()
    assert sector_use(store.db, sectors["Textile"].id) == textile_use
    assert sector_use(store.db, sectors["Pharmaceuticals"].id) == pharma_use


def test_venues_say_which_meetings_lose_them_and_travel_times_go_both_ways(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.action_by_id["visit.venues"].trigger()
    dialog = window.setup_dialogs["VenuesDialog"]
    stack = window.session.undo_stack
    dialog.start_new()
    assert not dialog.save_venue() and "needs a name" in dialog.message.text()
    dialog.name_edit.setText("Aiwan-e-Sadr")
    dialog.city_edit.setText("Islamabad")
    dialog.capacity_spin.setValue(300)
    dialog.notes_edit.setPlainText("Cars by the Constitution Avenue gate")
    assert dialog.save_venue()
    venue = next(v for v in store.venues(visit_id) if v.name == "Aiwan-e-Sadr")
    assert (venue.city, venue.capacity, venue.notes) == ("Islamabad", 300, "Cars by the Constitution Avenue gate")
    other = next(v for v in store.venues(visit_id) if v.name != "Aiwan-e-Sadr")
    dialog.from_combo.setCurrentIndex(dialog.from_combo.findData(venue.id))
    dialog.to_combo.setCurrentIndex(dialog.to_combo.findData(venue.id))
    assert not dialog.set_travel_time() and "two different venues" in dialog.travel_message.text()
    dialog.to_combo.setCurrentIndex(dialog.to_combo.findData(other.id))
    dialog.minutes_spin.setValue(25)
    assert dialog.set_travel_time()
    assert store.travel_times(visit_id)[(venue.id, other.id)] == 25
    row = dialog.travel_model.objects.index((venue.id, other.id))
    assert dialog.travel_model.texts[row][3] == "both ways"
    stack.undo()
    assert (venue.id, other.id) not in store.travel_times(visit_id)
    used = next(v for v in store.venues(visit_id) if any(x.venue_id == v.id for x in store.meetings(visit_id)))
    dialog.view.selectRow(dialog.model.objects.index(used.id))
    asked = answer_yes(monkeypatch)
    assert dialog.delete_venue()
    assert "will have no venue" in asked[-1][1]
    assert all(x.venue_id != used.id for x in store.meetings(visit_id))
    stack.undo()
    assert any(x.venue_id == used.id for x in store.meetings(visit_id))


def test_precedence_follows_the_order_with_ties_in_one_step(qtbot, empty_visit, tmp_path):
    store, visit_id = empty_visit
    rahmon, minister, zardari = add_people(store, visit_id)
    extra = m.Person(visit_id, "Farrukh Sharifzoda", designation="Ambassador", precedence=7)
    extra = store.insert(extra)
    window = make_window(qtbot, store, visit_id, tmp_path)
    dialog = window.action_by_id["people.precedence"].trigger() or window.findChild(
        __import__("planner.ui.people.precedence_dialog", fromlist=["PrecedenceDialog"]).PrecedenceDialog)
    dialog.select(extra.id)
    dialog.move_current_to(1)
    dialog.select(rahmon)
    dialog.set_tied(True)
    assert dialog.order(Side.GUEST) == [extra.id, rahmon, minister]
    assert dialog.new_ranks(Side.GUEST) == [1, 1, 2]
    dialog.accept()
    assert [(p.name, p.precedence) for p in store.people(visit_id, side=Side.GUEST)] == [
        ("Emomali Rahmon", 1), ("Farrukh Sharifzoda", 1), ("Sirojiddin Muhriddin", 2)]
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert store.person(extra.id).precedence == 7 and store.person(minister).precedence == 2


def test_people_dragged_from_the_directory_join_the_delegation(qtbot, empty_visit, tmp_path):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDropEvent

    from planner.domain.model import Delegation

    store, visit_id = empty_visit
    rahmon, minister, zardari = add_people(store, visit_id)
    store.add(Delegation(visit_id, "Tajik official delegation", DelegationKind.OFFICIAL, Side.GUEST))
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.show_tab("people")
    window.people_view.reload()  # the directory reads its people once shown
    model = window.people_view.model
    rows = [r for r in range(model.rowCount()) if model.index(r, 1).data(Qt.ItemDataRole.UserRole + 21).id
            in (rahmon, minister)]
    mime = model.mimeData([model.index(r, 1) for r in rows])
    window.action_by_id["people.delegations"].trigger()
    dialog = window.setup_dialogs["DelegationsDialog"]
    dialog.list_view.selectRow(0)
    viewport = dialog.members_view.viewport()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    # The handler the members list's viewport filters its drops through (a synthetic drop does not reach it
    # without a real drag in progress).
    assert dialog.eventFilter(viewport, drop) and drop.isAccepted()
    assert {x.person_id for x in store.members(delegation_id=store.delegations(visit_id)[0].id)} == {rahmon, minister}
    assert window.session.undo_stack.count() == 1
