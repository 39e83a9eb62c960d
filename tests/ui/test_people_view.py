"""People and delegations: the directory's filters and order, the sector tree, the forms, undoable edits."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from planner.domain.model import Attendee, DelegationMember, MemberRole, Person, Side
from planner.domain.precedence import by_precedence
from planner.domain.scripts import is_rtl
from planner.storage.queries.directory import DirectoryIndex
from planner.storage.queries.people import DeletionEffects, PeopleFilter, delete_question
from planner.ui.people.membership_dialog import MembershipDialog
from planner.ui.people.membership_model import MembershipsModel
from planner.ui.people.model import PeopleModel, PersonRole
from planner.ui.people.person_dialog import PersonDialog
from planner.ui.people.sector_model import MemberPersonRole, SectorTreeModel
from planner.ui.people.view import PeopleView
from planner.ui.shell.session import Session


def _people(model: PeopleModel) -> list[Person]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.index(row, 0).data(PersonRole) for row in range(model.rowCount())]


def _sector(store, visit_id, name):
    return next(s for s in store.sectors(visit_id) if s.name == name)


def _business(store, visit_id):
    return next(d for d in store.delegations(visit_id) if d.name == "Pakistan business delegation")


# -- the query and its helpers -----------------------------------------------------------------


def test_the_directory_is_in_the_same_precedence_order_as_the_store(demo):
    store, visit_id = demo
    model = PeopleModel(Session(store, visit_id))
    assert [p.id for p in _people(model)] == [p.id for p in store.people(visit_id)]


def test_precedence_ties_sort_names_by_casefold_like_the_domain(store, demo):
    store, visit_id = demo
    for name in ("Ömer Aziz", "omar Baig", "Zafar Ali", "Émile Roy"):
        store.add(Person(visit_id=visit_id, name=name, precedence=500, side=Side.GUEST))
    wanted = [p.id for p in by_precedence(store.people(visit_id))]
    assert DirectoryIndex(store.db, visit_id).matching(PeopleFilter()) == wanted


def test_the_index_follows_edits_without_a_rebuild(demo):
    store, visit_id = demo
    index = DirectoryIndex(store.db, visit_id)
    newcomer = Person(visit_id=visit_id, name="Zulfiqar Early", precedence=0)
    newcomer = store.insert(newcomer)
    demoted = store.people(visit_id)[0]
    demoted = replace(demoted, precedence=9999)
    store.update(demoted)
    gone = store.people(visit_id)[5]
    store.delete(gone)
    index.update({newcomer.id, demoted.id, gone.id})
    assert index.matching(PeopleFilter()) == [p.id for p in store.people(visit_id)]
    assert index.matching(PeopleFilter(text="zulfiqar")) == [newcomer.id]


def test_searchable_text_worked_out_in_slices_finds_the_same_people(demo):
    store, visit_id = demo
    whole = DirectoryIndex(store.db, visit_id)
    expected = whole.matching(PeopleFilter(text="khan"))
    sliced = DirectoryIndex(store.db, visit_id)
    assert sliced.text == {}  # nothing worked out until asked
    assert not sliced.prepare_text(10) and len(sliced.text) == 10
    edited = store.people(visit_id)[-1]
    edited = replace(edited, designation="Khan Academy liaison")
    store.update(edited)
    sliced.update({edited.id})  # an edit while the text is only partly worked out
    assert sliced.matching(PeopleFilter(text="khan")) == sorted(
        [*expected, edited.id], key=[p.id for p in store.people(visit_id)].index)
    assert sliced.prepare_text(10)  # a text search worked out the rest


@pytest.mark.parametrize("sector_name", ["Textile", "Mining", "Pharmaceuticals", "Automotive"])
def test_filter_by_sector_matches_the_store(demo, sector_name):
    store, visit_id = demo
    sector = _sector(store, visit_id, sector_name)
    model = PeopleModel(Session(store, visit_id))
    model.set_filter(PeopleFilter(sector_id=sector.id))
    assert [p.id for p in _people(model)] == [p.id for p in store.people(visit_id, sector_id=sector.id)]


def test_filters_combine_side_delegation_company_and_text(demo):
    store, visit_id = demo
    business = _business(store, visit_id)
    model = PeopleModel(Session(store, visit_id))
    model.set_filter(PeopleFilter(side=Side.HOST))
    assert [p.id for p in _people(model)] == [p.id for p in store.people(visit_id, side=Side.HOST)]
    model.set_filter(PeopleFilter(delegation_id=business.id))
    assert len(_people(model)) == 18
    company = store.members(delegation_id=business.id)[0].company
    model.set_filter(PeopleFilter(company=company))
    assert [p.id for p in _people(model)] == [p.id for p in store.people(visit_id, company=company)]
    model.set_filter(PeopleFilter(company=company, side=Side.GUEST, text="a"))
    assert [p.id for p in _people(model)] == [p.id for p in store.people(visit_id, company=company, side=Side.GUEST)
                                              if "a" in (p.name + p.native_name + p.designation + p.organisation + p.email).casefold()]
    model.set_filter(PeopleFilter(text="ambassador"))
    assert {p.name for p in _people(model)} == {"Ismatullo Nasredin", "Sadia Rehman"}


def test_text_search_finds_native_script_whatever_the_case(demo):
    store, visit_id = demo
    model = PeopleModel(Session(store, visit_id))
    model.set_filter(PeopleFilter(text="раҳмон"))  # lower case finds "Эмомалӣ Раҳмон"
    assert [p.name for p in _people(model)] == ["Emomali Rahmon"]
    model.set_filter(PeopleFilter(text="عمران"))
    assert [p.name for p in _people(model)] == ["Imran Khan"]
    model.set_filter(PeopleFilter(text="50%_off"))  # LIKE wildcards are taken literally
    assert _people(model) == []


def test_urdu_is_right_to_left_and_cyrillic_is_not(demo):
    assert is_rtl("عمران خان") and not is_rtl("Эмомалӣ Раҳмон") and not is_rtl("") and is_rtl("12 خان x") and not is_rtl("PK عمران")
    store, visit_id = demo
    model = PeopleModel(Session(store, visit_id))
    people = _people(model)
    urdu_row = next(n for n, p in enumerate(people) if p.name == "Imran Khan")
    cyrillic_row = next(n for n, p in enumerate(people) if p.name == "Emomali Rahmon")
    align = model.index(urdu_row, 2).data(Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(align) & Qt.AlignmentFlag.AlignRight
    assert model.index(urdu_row, 2).data() == "عمران خان"
    assert model.index(cyrillic_row, 2).data(Qt.ItemDataRole.TextAlignmentRole) is None


def test_delete_question_says_what_goes_with_the_person():
    text = delete_question("Mr. X", DeletionEffects(attendances=3, memberships=1, presenting=1, organising=0))
    assert "Delete Mr. X?" in text and "3 meetings" in text and "1 delegation membership" in text
    assert "presenter of 1 agenda item" in text
    assert "removes" not in delete_question("Mr. Y", DeletionEffects())


# -- models pass the model tester -----------------------------------------------------------------


def test_people_model_passes_the_model_tester_and_fetches_in_pages(qtmodeltester, demo, monkeypatch):
    store, visit_id = demo
    monkeypatch.setattr("planner.ui.people.model.PAGE", 10)
    model = PeopleModel(Session(store, visit_id))
    assert model.rowCount() == 10 and model.total() == 39 and model.canFetchMore()
    qtmodeltester.check(model)
    model.set_filter(PeopleFilter(sector_id=_sector(store, visit_id, "Textile").id))
    qtmodeltester.check(model)


def test_sector_tree_groups_the_business_delegation_with_counts(qtmodeltester, demo):
    store, visit_id = demo
    business = _business(store, visit_id)
    model = SectorTreeModel(Session(store, visit_id))
    model.set_delegation(business.id)
    counts = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert counts["Textile ★"] == 3 and counts["Automotive"] == 0 and model.total() == 18
    textile = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "Textile ★")
    assert model.canFetchMore(textile) and model.rowCount(textile) == 0  # members load when expanded
    model.fetchMore(textile)
    members = [model.index(r, 0, textile).data(MemberPersonRole).id for r in range(model.rowCount(textile))]
    textile_id = _sector(store, visit_id, "Textile").id
    assert members == [p.id for p in store.people(visit_id, delegation_id=business.id, sector_id=textile_id)]
    assert model.index(0, 0, textile).parent() == textile
    qtmodeltester.check(model)


def test_memberships_model_passes_the_model_tester(qtmodeltester, demo):
    store, visit_id = demo
    model = MembershipsModel(Session(store, visit_id))
    person = store.people(visit_id, delegation_id=_business(store, visit_id).id)[0]
    model.set_person(person.id)
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.index(0, 0).data() == "Pakistan business delegation"


# -- the forms -----------------------------------------------------------------------------------------


def test_person_form_says_what_is_wrong_next_to_the_field_and_disables_ok(qtbot, demo):
    _store, visit_id = demo
    dialog = PersonDialog(visit_id)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.messages["name"].text() == "A person needs a name."
    qtbot.keyClicks(dialog.name, "Rustam Nazarov")
    assert ok.isEnabled() and dialog.messages["name"].isHidden()
    qtbot.keyClicks(dialog.email, "rustam@")
    assert not ok.isEnabled() and "is not an e-mail address" in dialog.messages["email"].text()
    qtbot.keyClicks(dialog.email, "mint.tj")
    qtbot.keyClicks(dialog.country, "t")
    assert not ok.isEnabled() and "two-letter" in dialog.messages["country"].text()
    qtbot.keyClicks(dialog.country, "j")
    assert ok.isEnabled() and dialog.person().country == "TJ"


def test_person_form_keeps_native_script_and_sets_urdu_right_to_left(qtbot, demo):
    store, visit_id = demo
    imran = next(p for p in store.people(visit_id) if p.name == "Imran Khan")
    dialog = PersonDialog(visit_id, imran)
    qtbot.addWidget(dialog)
    assert dialog.native_name.layoutDirection() == Qt.LayoutDirection.RightToLeft
    dialog.native_name.setText("Эмомалӣ")
    assert dialog.native_name.layoutDirection() == Qt.LayoutDirection.LeftToRight
    dialog.native_name.setText("عمران خان")
    assert dialog.person() == imran  # nothing lost on the way through the form


def test_membership_form_refuses_a_second_membership_of_the_same_delegation(qtbot, demo):
    store, visit_id = demo
    business = _business(store, visit_id)
    person = store.people(visit_id, delegation_id=business.id)[0]
    dialog = MembershipDialog(person, store.delegations(visit_id), store.sectors(visit_id), {business.id})
    qtbot.addWidget(dialog)
    dialog.delegation.setCurrentIndex(dialog.delegation.findData(business.id))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "already in this delegation" in dialog.messages["delegation_id"].text()
    other = next(d for d in store.delegations(visit_id) if d.id != business.id)
    dialog.delegation.setCurrentIndex(dialog.delegation.findData(other.id))
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.member().delegation_id == other.id and dialog.member().person_id == person.id


# -- the view: filter, create, edit, delete, memberships, all undoable -----------------------------


@pytest.fixture
def people(qtbot, demo):
    store, visit_id = demo
    session = Session(store, visit_id)
    view = PeopleView(session)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    qtbot.waitUntil(lambda: not view.reading.stale)
    return view, session


def test_choosing_a_sector_filters_the_directory(people):
    view, session = people
    store, visit_id = session.store, session.visit_id
    mining = _sector(store, visit_id, "Mining")
    view.sector.setCurrentIndex(view.sector.findData(mining.id))
    assert view.model.total() == len(store.people(visit_id, sector_id=mining.id)) == 4
    assert view.count.text() == "4 people"
    assert view.current_sector_id() == mining.id
    view.search.setText("baloch")
    view.apply_filter()
    assert [p.name for p in _people(view.model)] == ["Naveed Baloch"]


def test_sector_tree_opens_on_the_guest_business_delegation(people):
    view, session = people
    assert view.tree_delegation.currentData() == _business(session.store, session.visit_id).id
    assert view.tree_total.text() == "18 members in 6 sectors"


def test_create_edit_delete_a_person_with_undo_and_redo(people):
    view, session = people
    store, visit_id, stack = session.store, session.visit_id, session.undo_stack
    before = view.model.total()
    person_id = view.create_person(Person(visit_id=visit_id, name="Rustam Nazarov", native_name="Рустам Назаров",
                                          precedence=15, side=Side.HOST))
    assert view.model.total() == before + 1 and view.current_person_id() == person_id
    stack.undo()
    assert store.person(person_id) is None and view.model.total() == before
    stack.redo()
    assert store.person(person_id).native_name == "Рустам Назаров"

    original = store.person(person_id)
    edited = replace(original, designation="Deputy Minister", precedence=9)
    view.update_person(original, edited)
    assert store.person(person_id).designation == "Deputy Minister"
    stack.undo()
    assert store.person(person_id) == original
    stack.redo()

    assert view.delete_person(person_id, confirm=False)
    assert store.person(person_id) is None
    stack.undo()
    assert store.person(person_id).designation == "Deputy Minister"


def test_delete_asks_first_and_undo_restores_attendance_and_membership(people, monkeypatch):
    view, session = people
    store, visit_id = session.store, session.visit_id
    person = store.people(visit_id, delegation_id=_business(store, visit_id).id)[0]
    attendances = len(store.attendees(person_id=person.id))
    asked = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    view.select_person(person.id)
    assert not view.delete_person()
    assert store.person(person.id) is not None and "1 delegation membership" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert view.delete_person()
    assert store.members(person_id=person.id) == [] and store.attendees(person_id=person.id) == []
    session.undo_stack.undo()
    assert len(store.members(person_id=person.id)) == 1
    assert len(store.attendees(person_id=person.id)) == attendances


def test_membership_add_and_remove_are_undoable(people, monkeypatch):
    view, session = people
    store, visit_id = session.store, session.visit_id
    person = next(p for p in store.people(visit_id) if p.name == "Jamshed Alimov")
    official = next(d for d in store.delegations(visit_id) if d.name == "Official delegation of Pakistan")
    view.select_person(person.id)
    count = view.memberships.rowCount()
    member = DelegationMember(delegation_id=official.id, person_id=person.id, role=MemberRole.INTERPRETER)
    monkeypatch.setattr(MembershipDialog, "exec", lambda self: MembershipDialog.DialogCode.Accepted)
    monkeypatch.setattr(MembershipDialog, "member", lambda self: member)
    view.add_membership()
    assert view.memberships.rowCount() == count + 1
    session.undo_stack.undo()
    assert view.memberships.rowCount() == count
    session.undo_stack.redo()
    view.membership_table.setCurrentIndex(view.memberships.index(count, 0))
    view.remove_membership()
    assert view.memberships.rowCount() == count
    session.undo_stack.undo()
    assert [m.delegation_id for m in store.members(person_id=person.id)].count(official.id) == 1


def test_edits_from_elsewhere_refresh_the_directory(people):
    view, session = people
    store, visit_id = session.store, session.visit_id
    meeting = store.meetings(visit_id)[0]
    newcomer = Person(visit_id=visit_id, name="Aaron Early", precedence=0)
    added = store.add(newcomer)
    session.notify(added)
    newcomer = added.added[0]
    session.notify(store.add(Attendee(meeting_id=meeting.id, person_id=newcomer.id)))
    assert view.model.index(0, 1).data() == "Aaron Early"


def test_select_person_clears_a_filter_that_hides_them(people):
    view, session = people
    store, visit_id = session.store, session.visit_id
    view.side.setCurrentIndex(view.side.findData(Side.HOST))
    guest = store.people(visit_id, side=Side.GUEST)[-1]
    view.select_person(guest.id)
    assert view.current_person_id() == guest.id and view.side.currentData() is None


def test_open_sectors_stay_open_after_an_edit(people):
    view, session = people
    store, visit_id = session.store, session.visit_id
    model = view.sectors
    textile = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "Textile ★")
    view.tree.expand(textile)
    member = model.index(0, 0, textile).data(MemberPersonRole)
    edited = replace(member, designation="Chairman")
    view.update_person(member, edited)
    textile = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "Textile ★")
    assert view.tree.isExpanded(textile) and model.rowCount(textile) == 3
    assert store.person(member.id).designation == "Chairman"
    assert visit_id == member.visit_id


def test_enter_on_a_person_asks_the_window_to_open_them(people, qtbot):
    view, session = people
    person = session.store.people(session.visit_id)[3]
    view.select_person(person.id)
    view.table.setFocus()
    with qtbot.waitSignal(view.personActivated) as activated:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert activated.args == [person.id]


def test_the_first_reading_of_a_large_directory_says_so_before_it_starts(qtbot, demo, monkeypatch):
    store, visit_id = demo
    monkeypatch.setattr("planner.ui.people.view.LAZY_FROM", 10)  # behave as with 50,000 people
    view = PeopleView(Session(store, visit_id))
    qtbot.addWidget(view)
    shown = []
    monkeypatch.setattr(view.count, "repaint", lambda: shown.append(view.count.text()))
    view.reload()
    assert shown == [f"Reading {len(store.people(visit_id))} people…"]
    assert view.count.text() == f"{len(store.people(visit_id))} people"


def test_a_large_visit_is_counted_after_the_first_rows(qtbot, qtmodeltester, demo, monkeypatch):
    store, visit_id = demo
    monkeypatch.setattr("planner.ui.people.model.LAZY_FROM", 0)  # behave as with 50,000 people
    monkeypatch.setattr("planner.ui.people.model.PAGE", 5)
    business = _business(store, visit_id)
    model = PeopleModel(Session(store, visit_id))
    chosen = PeopleFilter(side=Side.GUEST, delegation_id=business.id)
    model.set_filter(chosen)
    assert model.rowCount() == 5 and model.total() is None  # not counted yet: the rows come first
    qtbot.waitUntil(lambda: model.total() is not None)
    wanted = [p.id for p in store.people(visit_id, side=Side.GUEST, delegation_id=business.id)]
    assert model.total() == len(wanted)
    assert [p.id for p in _people(model)] == wanted
    model.set_filter(PeopleFilter(delegation_id=business.id))
    assert model.total() == 18  # members alone are counted in SQL at once
    qtmodeltester.check(model)


def test_in_the_window_a_double_click_opens_the_person_form(qtbot, demo, monkeypatch):
    from planner.ui.people.person_dialog import PersonDialog
    from planner.ui.shell.main_window import MainWindow

    store, visit_id = demo
    window = MainWindow(Session(store, visit_id))
    qtbot.addWidget(window)
    view = window.people_view
    view.reload()
    person = store.people(visit_id)[2]
    view.select_person(person.id)
    monkeypatch.setattr(PersonDialog, "exec", lambda self: self.accept() or self.result())  # OK at once
    monkeypatch.setattr(PersonDialog, "person", lambda self: replace(person, dietary="Vegetarian"))
    view.table.doubleClicked.emit(view.table.currentIndex())
    assert store.person(person.id).dietary == "Vegetarian"
    assert window.current_person_id() == person.id
    window.session.undo_stack.undo()
    assert store.person(person.id).dietary == person.dietary


def test_person_form_keeps_the_titles_in_a_second_language(qtbot, demo):
    _store, visit_id = demo
    dialog = PersonDialog(visit_id)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Sherali Kabir")
    dialog.designation.setText("Министр промышленности")  # typed keys cannot carry Cyrillic in a test
    qtbot.keyClicks(dialog.second_designation, "Minister of Industry")
    qtbot.keyClicks(dialog.second_organisation, "Ministry of Industry")
    person = dialog.person()
    assert (person.designation, person.second_designation, person.second_organisation) == (
        "Министр промышленности", "Minister of Industry", "Ministry of Industry")
    again = PersonDialog(visit_id, person)
    qtbot.addWidget(again)
    assert again.person() == person
