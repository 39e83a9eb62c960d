"""The meeting editor: a delegation added in one go, presenters from the attendees first, Escape asks first."""

from PySide6.QtCore import Qt

from planner.domain.model import DelegationKind, Side
from tests.ui.window_helpers import answer_yes, make_window, meeting_by_title


def business_delegation(store, visit_id):
    return next(d for d in store.delegations(visit_id) if d.kind == DelegationKind.BUSINESS and d.side == Side.GUEST)


def test_a_whole_delegation_or_chosen_members_join_in_one_step(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    editor = window.open_meeting(None)
    editor.title_edit.setText("Business round table")
    delegation = business_delegation(store, visit_id)
    members = editor.delegation_member_ids(delegation.id)
    editor.delegation_combo.setCurrentIndex(editor.delegation_combo.findData(delegation.id))
    editor.add_delegation_button.click()
    assert editor.attendees_model.person_ids() == set(members)
    assert editor.attendee_message.text() == f"Added {len(members)} of {len(members)} from {delegation.name}."
    assert editor.add_delegation(delegation.id) == 0  # nobody twice
    editor.accept()
    meeting = meeting_by_title(store, visit_id, "Business round table")
    assert {a.person_id for a in store.attendees(meeting_id=meeting.id)} == set(members)
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert all(m.title != "Business round table" for m in store.meetings(visit_id))


def test_chosen_members_of_a_delegation(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    editor = window.open_meeting(None)
    delegation = business_delegation(store, visit_id)
    editor.delegation_combo.setCurrentIndex(editor.delegation_combo.findData(delegation.id))
    editor.choose_members_button.click()
    chooser = editor.members_chooser
    assert len(chooser.chosen_ids()) == len(editor.delegation_member_ids(delegation.id))  # all, to start with
    chooser.view.clearSelection()
    chooser.filter.setText(chooser.people[0].organisation.split()[0])
    chooser.view.selectAll()
    wanted = chooser.chosen_ids()
    assert 0 < len(wanted) < len(editor.delegation_member_ids(delegation.id))
    chooser.window().accept()
    assert editor.attendees_model.person_ids() == set(wanted)
    editor.reject()


def test_presenters_are_offered_from_the_attendees_first(qtbot, demo, tmp_path):
    from planner.ui.meetings.editor_tables import ChoicesRole

    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    talks = meeting_by_title(store, visit_id, "Delegation-level talks")
    editor = window.open_meeting(talks.id)
    attending = editor.attendees_model.person_ids()
    choices = editor.agenda_model.index(0, 3).data(ChoicesRole)
    first = [value for _label, value in choices[1:len(attending) + 1]]
    assert set(first) == attending
    assert all(label.endswith("(not attending)") for label, _v in choices[len(attending) + 1:])
    editor.reject()


def test_escape_asks_before_throwing_a_half_filled_meeting_away(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    editor = window.open_meeting(None)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()  # nothing entered: Escape just closes
    editor = window.open_meeting(None)
    editor.title_edit.setText("Wreath laying at the Monument")
    answers = []
    monkeypatch.setattr("planner.ui.shell.window_actions.confirm", lambda *a: answers.append(a) or False)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert answers and editor.isVisible()
    asked = answer_yes(monkeypatch)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked and not editor.isVisible()
    assert window.session.undo_stack.count() == 0
