"""The visit form: countries and zones from lists, errors once touched, and starting from an earlier visit."""

from datetime import date

from PySide6.QtCore import QDate, Qt

from planner.ui.shell.visit_editor import VisitEditor
from tests.ui.window_helpers import make_window


def new_visit_dialog(window) -> VisitEditor:
    window.action_by_id["visit.new"].trigger()
    return [d for d in window.findChildren(VisitEditor) if d.before is None and d.isVisible()][-1]


def test_a_new_form_is_empty_and_quiet_until_touched(qtbot, store, tmp_path):
    window = make_window(qtbot, store, None, tmp_path)
    dialog = new_visit_dialog(window)
    edited = dialog.edited()
    assert (edited.title, edited.host_country, edited.guest_country, edited.zone) == ("", "", "", "")
    assert all(label.isHidden() for label in dialog.messages.values())
    qtbot.keyClicks(dialog.guest_edit.lineEdit(), "Tajik")
    assert dialog.messages["guest_country"].isVisible()  # touched, and not a country yet
    qtbot.keyClicks(dialog.guest_edit.lineEdit(), "istan")
    assert dialog.guest_edit.code() == "TJ" and dialog.messages["guest_country"].isHidden()
    assert dialog.messages["title"].isHidden()  # not touched yet
    dialog.reject()


def test_countries_offer_their_capitals_zones_first_and_the_last_day_follows_the_first(qtbot, store, tmp_path):
    window = make_window(qtbot, store, None, tmp_path)
    dialog = new_visit_dialog(window)
    dialog.host_edit.setEditText("Pakistan (PK)")
    dialog.guest_edit.setEditText("TJ")
    assert [dialog.zone_edit.itemText(n) for n in range(2)] == ["Asia/Karachi", "Asia/Dushanbe"]
    assert dialog.zone_edit.zone() == "Asia/Karachi"
    dialog.first_edit.setDate(QDate(2027, 5, 10))
    assert dialog.last_edit.date().toPython() == date(2027, 5, 12)  # three days, as the form started
    dialog.last_edit.setDate(QDate(2027, 5, 11))
    dialog.first_edit.setDate(QDate(2027, 5, 12))
    assert dialog.last_edit.date().toPython() == date(2027, 5, 13)  # the visit keeps its length
    dialog.reject()


def fill(dialog, title="Return visit of the President of Tajikistan to Pakistan"):
    dialog.title_edit.setText(title)
    dialog.host_edit.setEditText("Pakistan")
    dialog.guest_edit.setEditText("Tajikistan")
    dialog.first_edit.setDate(QDate(2027, 5, 10))
    dialog.home_zone_edit.setEditText("Asia/Dushanbe")
    dialog.organiser_name_edit.setText("Protocol Division, Ministry of Foreign Affairs")
    dialog.organiser_email_edit.setText("protocol@mofa.gov.pk")


def test_a_new_visit_starts_from_an_earlier_one_in_one_undo_step(qtbot, demo, tmp_path):
    store, demo_id = demo
    window = make_window(qtbot, store, demo_id, tmp_path)
    dialog = new_visit_dialog(window)
    fill(dialog)
    dialog.source_combo.setCurrentIndex(dialog.source_combo.findData(demo_id))
    dialog.copy_checks["meetings"].setChecked(True)
    dialog.accept()
    new_id = window.session.visit_id
    assert new_id != demo_id and window.windowTitle().startswith("Return visit")
    assert len(store.people(new_id)) == len(store.people(demo_id))
    assert len(store.meetings(new_id)) == len(store.meetings(demo_id))
    stack = window.session.undo_stack
    assert stack.count() == 1 and stack.undoText().startswith("Copy people, delegations")
    stack.undo()
    assert store.people(new_id) == [] and store.meetings(new_id) == [] and store.visit(new_id) is not None
    stack.redo()
    assert len(store.delegations(new_id)) == len(store.delegations(demo_id))
    assert store.visit(demo_id).title.startswith("Official visit")  # the earlier visit is untouched


def test_the_visit_zone_is_a_known_iana_zone(qtbot, store, tmp_path):
    window = make_window(qtbot, store, None, tmp_path)
    dialog = new_visit_dialog(window)
    fill(dialog)
    dialog.zone_edit.setEditText("Islamabad")
    dialog.accept()
    assert dialog.isVisible() and "not a known time zone" in dialog.messages["zone"].text()
    assert store.visits() == []
    dialog.zone_edit.setCurrentIndex(dialog.zone_edit.findText("Asia/Karachi", Qt.MatchFlag.MatchExactly))
    dialog.accept()
    assert [v.zone for v in store.visits()] == ["Asia/Karachi"]
