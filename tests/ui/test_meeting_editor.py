"""The meeting editor driven through the real window: create, attendees, agenda, reorder, undo."""

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox

from planner.domain.model import AgendaItem, Attendee, Person, Side
from planner.ui.meetings.editor_tables import AgendaModel, AttendeesModel, agenda_clock_times, agenda_total_text
from tests.ui.window_helpers import make_window, meeting_by_title


def ok_button(editor):
    return editor.buttons.button(QDialogButtonBox.StandardButton.Ok)


def person_id(store, visit_id, name):
    return next(p.id for p in store.people(visit_id) if p.name == name)


def test_agenda_clock_times_run_from_the_meeting_start():
    start = datetime(2026, 12, 15, 10, 0, tzinfo=ZoneInfo("Asia/Dushanbe"))
    assert agenda_clock_times(start, [20, 15, 0, 10]) == ["10:00", "10:20", "10:35", "10:35"]
    assert agenda_total_text(70, 60) == "Agenda 70 min of a 60 min meeting: overruns by 10 min."
    assert agenda_total_text(45, 60) == "Agenda 45 min of a 60 min meeting: 15 min to spare."


def test_create_a_meeting_with_attendees_and_agenda_then_undo_and_redo(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.action_by_id["meeting.new"].trigger()
    editor = window.editor
    assert editor.isVisible()
    assert not ok_button(editor).isEnabled()  # no title yet
    assert editor.messages["title"].text() == "The meeting needs a title."

    qtbot.keyClicks(editor.title_edit, "Courtesy call on the Speaker")
    assert ok_button(editor).isEnabled() and not editor.messages["title"].isVisible()
    editor.day_edit.setDate(datetime(2026, 12, 15).date())
    editor.start_edit.setTime(QTime(9, 0))
    editor.end_edit.setTime(QTime(9, 30))

    # Attendees: typed into the picker, listed in precedence order whatever the order of adding.
    editor.tabs.setCurrentIndex(1)
    qtbot.keyClicks(editor.person_combo.lineEdit(), "Mahmood")
    editor.add_person_button.click()
    qtbot.keyClicks(editor.person_combo.lineEdit(), "H.E. Mr.")
    editor.add_person_button.click()
    assert editor.attendee_message.text().endswith("is only a title, which many share; type a word of the name.")
    editor.person_combo.setEditText("")
    qtbot.keyClicks(editor.person_combo.lineEdit(), "minister")
    editor.add_person_button.click()
    assert "people match 'minister'; type more" in editor.attendee_message.text()
    editor.person_combo.setEditText("")
    editor.person_combo.lineEdit().insert("عمران")  # the native script finds him too
    editor.add_person_button.click()
    assert not editor.attendee_message.isVisible()
    assert [a.person_id for a in editor.attendees_model.attendees] == [
        person_id(store, visit_id, "Imran Khan"), person_id(store, visit_id, "Tariq Mahmood")]
    assert editor.person_combo.findText("Imran Khan", Qt.MatchFlag.MatchContains) == -1

    # Agenda: three items, the last moved to the top with the keyboard button.
    for title, minutes in (("Welcome", 5), ("Parliamentary friendship group", 15), ("Photo", 5)):
        row = editor.agenda_model.add()
        editor.agenda_model.setData(editor.agenda_model.index(row, 1), title)
        editor.agenda_model.setData(editor.agenda_model.index(row, 2), minutes)
    editor.agenda_view.setCurrentIndex(editor.agenda_model.index(2, 1))
    editor.agenda_buttons["up"].click()
    editor.agenda_buttons["up"].click()
    assert [editor.agenda_model.index(r, 0).data() for r in range(3)] == ["09:00", "09:05", "09:10"]
    assert editor.agenda_total.text() == "Agenda 25 min of a 30 min meeting: 5 min to spare."

    ok_button(editor).click()
    assert not editor.isVisible()
    created = meeting_by_title(store, visit_id, "Courtesy call on the Speaker")
    assert created.starts_at() == datetime(2026, 12, 15, 9, 0, tzinfo=ZoneInfo("Asia/Dushanbe"))
    assert [i.title for i in store.agenda(created.id)] == ["Photo", "Welcome", "Parliamentary friendship group"]
    assert [i.position for i in store.agenda(created.id)] == [1, 2, 3]
    assert len(store.attendees(meeting_id=created.id)) == 2
    assert window.current_meeting_id() == created.id  # the new meeting is selected in the table
    assert window.meetings_model.rowCount() == 22

    # One OK is one undo step, and redo brings back the same rows with the same ids.
    assert window.session.undo_stack.count() == 1
    window.action_by_id["edit.undo"].trigger()
    assert store.meeting(created.id) is None and window.meetings_model.rowCount() == 21
    assert store.attendees(meeting_id=created.id) == [] and store.agenda(created.id) == []
    window.action_by_id["edit.redo"].trigger()
    assert store.meeting(created.id).title == "Courtesy call on the Speaker"
    assert [i.title for i in store.agenda(created.id)][0] == "Photo"
    assert len(store.attendees(meeting_id=created.id)) == 2


def test_edit_a_meeting_reorder_by_drag_remove_an_attendee_and_undo(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    meeting = meeting_by_title(store, visit_id, "Virtual interactive session of the industries ministers")
    before_agenda = [i.title for i in store.agenda(meeting.id)]
    before_attendees = {a.person_id for a in store.attendees(meeting_id=meeting.id)}
    window.select_meetings([meeting.id])
    window.action_by_id["meeting.edit"].trigger()
    editor = window.editor
    assert editor.title_edit.text() == meeting.title

    editor.title_edit.setText("Virtual session of the industries ministers")
    model = editor.agenda_model
    # Drag the first item and drop it between the third and the fourth.
    model.dropMimeData(model.mimeData([model.index(0, 1)]), Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert [i.title for i in model.items] == before_agenda[1:3] + before_agenda[:1] + before_agenda[3:]
    assert model.index(0, 0).data() == "10:00"
    editor.attendees_view.selectRow(0)
    removed = editor.attendees_model.attendees[0].person_id
    editor.remove_person_button.click()
    ok_button(editor).click()

    assert store.meeting(meeting.id).title == "Virtual session of the industries ministers"
    assert [i.title for i in store.agenda(meeting.id)][2] == before_agenda[0]
    assert removed not in {a.person_id for a in store.attendees(meeting_id=meeting.id)}
    assert window.meetings_view.model().index(0, 2).data() == "Virtual session of the industries ministers"

    window.session.undo_stack.undo()
    assert store.meeting(meeting.id).title == meeting.title
    assert [i.title for i in store.agenda(meeting.id)] == before_agenda
    assert {a.person_id for a in store.attendees(meeting_id=meeting.id)} == before_attendees
    window.session.undo_stack.redo()
    assert [i.title for i in store.agenda(meeting.id)][2] == before_agenda[0]


def test_the_form_says_what_is_wrong_next_to_the_field_and_blocks_ok(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    editor = window.open_meeting(meeting_by_title(store, visit_id, "Departure").id)
    editor.end_edit.setTime(QTime(12, 0))
    assert editor.messages["end"].text() == "The meeting must end after it starts."
    assert not ok_button(editor).isEnabled()
    editor.end_edit.setTime(QTime(13, 30))
    assert ok_button(editor).isEnabled() and not editor.messages["end"].isVisible()

    editor.link_edit.setText("meet.example.org/x")
    assert "https://" in editor.messages["online_link"].text() and not ok_button(editor).isEnabled()
    editor.link_edit.setText("https://meet.example.org/x")
    assert ok_button(editor).isEnabled()

    editor.day_edit.setDate(datetime(2026, 12, 20).date())  # a warning, not an error
    assert "outside the visit" in editor.messages["start"].text()
    assert ok_button(editor).isEnabled()

    row = editor.agenda_model.add(title="")
    assert editor.agenda_message.text() == f"Item {row + 1}: An agenda item needs a title."
    assert not ok_button(editor).isEnabled()
    editor.agenda_model.setData(editor.agenda_model.index(row, 1), "Farewell")
    editor.agenda_model.setData(editor.agenda_model.index(row, 2), 45)
    assert ok_button(editor).isEnabled()
    assert "overruns by 15 min" in editor.agenda_total.text()

    editor.reject()
    assert window.session.undo_stack.count() == 0
    assert store.meeting(editor.before.meeting.id).online_link == ""


def test_all_day_meetings_use_days_not_times(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    editor = window.open_meeting(None)
    editor.title_edit.setText("Exhibition of Pakistani textiles")
    editor.all_day_check.setChecked(True)
    assert editor.last_day_edit.isVisible() and not editor.start_edit.isVisible()
    editor.day_edit.setDate(datetime(2026, 12, 15).date())
    editor.last_day_edit.setDate(datetime(2026, 12, 14).date())
    assert not ok_button(editor).isEnabled()
    editor.last_day_edit.setDate(datetime(2026, 12, 16).date())
    ok_button(editor).click()
    stored = meeting_by_title(store, visit_id, "Exhibition of Pakistani textiles")
    assert stored.all_day and stored.end == datetime(2026, 12, 16).date()


def test_editor_models_pass_the_model_tester(qtmodeltester, demo):
    store, visit_id = demo
    people = {p.id: p for p in store.people(visit_id)}
    meeting = store.meetings(visit_id)[0]
    attendees = AttendeesModel(people, store.attendees(meeting_id=meeting.id))
    qtmodeltester.check(attendees)
    sectors = {s.id: s.name for s in store.sectors(visit_id)}
    agenda = AgendaModel(store.agenda(meeting.id), meeting.starts_at(), people, sectors)
    qtmodeltester.check(agenda)
    assert agenda.move(0, 6) and agenda.items[6].title.startswith("Framework")
    qtmodeltester.check(agenda)


def test_attendees_model_keeps_precedence_order_and_edits_role_and_reply():
    people = {1: Person(1, "Junior", precedence=50, side=Side.HOST, id=1),
              2: Person(1, "Senior", precedence=1, side=Side.GUEST, id=2)}
    model = AttendeesModel(people, [Attendee(9, 1)])
    assert model.add(2) == 0
    assert [model.index(r, 0).data() for r in range(2)] == ["Senior", "Junior"]
    assert model.setData(model.index(0, 3), "chair")
    assert not model.setData(model.index(0, 4), "maybe")
    assert str(model.attendees[0].role) == "chair" and str(model.attendees[0].reply) == "needs action"


def test_agenda_move_keeps_items_and_ignores_impossible_moves():
    start = datetime(2026, 12, 15, 10, 0, tzinfo=ZoneInfo("Asia/Dushanbe"))
    items = [AgendaItem(1, n, f"Item {n}", 10) for n in range(1, 4)]
    model = AgendaModel(items, start, {}, {})
    assert not model.move(0, 3) and not model.move(1, 1)
    assert model.move(2, 0)
    assert [i.title for i in model.items] == ["Item 3", "Item 1", "Item 2"]


def test_presenter_and_sector_are_chosen_from_lists_in_the_agenda(qtbot, demo, tmp_path):
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    meeting = meeting_by_title(store, visit_id, "Meeting on rare metals, coal and minerals")
    editor = window.open_meeting(meeting.id)
    editor.tabs.setCurrentIndex(2)
    row = editor.agenda_model.add(title="Geological survey data", minutes=10)
    delegate = editor.agenda_view.itemDelegate()
    for column, wanted in ((3, "Mr. Dilshod Saidov"), (4, "Mining")):
        index = editor.agenda_model.index(row, column)
        combo = delegate.createEditor(editor.agenda_view.viewport(), QStyleOptionViewItem(), index)
        assert isinstance(combo, QComboBox) and combo.itemText(0).startswith("(")
        combo.setCurrentIndex(combo.findText(wanted))
        delegate.setModelData(combo, editor.agenda_model, index)
        assert index.data() == wanted
    editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    item = store.agenda(meeting.id)[-1]
    assert item.title == "Geological survey data"
    assert store.person(item.presenter_id).name == "Dilshod Saidov"
    assert next(s.name for s in store.sectors(visit_id) if s.id == item.sector_id) == "Mining"


def test_a_meeting_past_midnight_keeps_its_end_day(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    departure = meeting_by_title(store, visit_id, "Departure")
    overnight = store.meeting(departure.id)
    late = overnight.start.replace(hour=23, minute=0)
    overnight = replace(overnight, start=late, end=late + timedelta(hours=2))
    window.session.notify(store.update(overnight))
    editor = window.open_meeting(departure.id)
    assert editor.home_time.text().endswith("(ends the next day)")
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    editor.title_edit.setText("Departure by night")
    editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    stored = store.meeting(departure.id)
    assert stored.title == "Departure by night" and stored.duration_minutes() == 120


def test_agenda_rows_move_through_qts_own_move_rows_too():
    start = datetime(2026, 12, 15, 10, 0, tzinfo=ZoneInfo("Asia/Dushanbe"))
    model = AgendaModel([AgendaItem(1, n, f"Item {n}", 10) for n in range(1, 4)], start, {}, {})
    assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)  # the first, to after the last
    assert [i.title for i in model.items] == ["Item 2", "Item 3", "Item 1"]
    assert not model.moveRows(QModelIndex(), 0, 2, QModelIndex(), 3)
