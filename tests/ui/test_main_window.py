"""The main window: tabs, actions, the meetings table and its filter, delete and undo, files and settings."""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

from planner.domain.model import MeetingKind
from planner.storage.database import open_database
from planner.storage.store import Store
from planner.ui.meetings.model import COL, MeetingRole, MeetingsFilter, MeetingsModel
from planner.ui.shell import launch, window_actions
from planner.ui.shell.session import Session
from planner.ui.widgets import file_dialogs
from tests.ui.window_helpers import answer_yes, make_window, meeting_by_title


def test_meetings_model_and_filter_pass_the_model_tester(qtmodeltester, demo):
    store, visit_id = demo
    model = MeetingsModel(Session(store, visit_id))
    qtmodeltester.check(model)
    proxy = MeetingsFilter()
    proxy.setSourceModel(model)
    proxy.set_kind("B2B")
    qtmodeltester.check(proxy)


def test_the_window_assembles_the_views_and_the_actions(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "&Programme", "&Meetings", "P&eople and delegations"]
    shortcuts = {key: window.action_by_id[key].shortcut() for key in ("edit.undo", "edit.redo", "edit.find", "meeting.new")}
    assert shortcuts == {"edit.undo": QKeySequence("Ctrl+Z"), "edit.redo": QKeySequence("Ctrl+Shift+Z"),
                         "edit.find": QKeySequence("Ctrl+F"), "meeting.new": QKeySequence("Ctrl+N")}
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:5] == ["&File", "&Edit", "&View", "&Visit", "&Meeting"]
    assert not window.action_by_id["edit.undo"].isEnabled()
    assert window.conflicts_dock.isVisible()
    assert window.meetings_view.accessibleName() == "Meetings"
    assert window.revision_label.text() == "Draft: no revision issued yet"


def test_hooks_follow_the_selection_and_delegate_people_to_the_people_view(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.show_tab("meetings")
    b2b = [m.id for m in store.meetings(visit_id) if m.title.startswith("B2B session")]
    window.select_meetings(b2b[:2])
    assert sorted(window.selected_meeting_ids()) == sorted(b2b[:2])
    assert window.current_meeting_id() == b2b[0]
    monkeypatch.setattr(window.people_view, "current_person_id", lambda: 42)
    monkeypatch.setattr(window.people_view, "current_sector_id", lambda: 7)
    assert window.current_person_id() == 42 and window.current_sector_id() == 7
    window.show_status("Printed the agenda.")
    assert window.statusBar().currentMessage() == "Printed the agenda."


def test_meetings_filter_by_text_day_kind_and_status_and_sort(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    panel = window.meetings_panel
    panel.text_filter.setText("palace")  # the venue's name
    assert panel.proxy.rowCount() == 6
    panel.text_filter.clear()
    panel.day_filter.setCurrentIndex(panel.day_filter.findData(date(2026, 12, 15).isoformat()))
    assert panel.proxy.rowCount() == 10
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("B2B"))
    assert panel.proxy.rowCount() == 7
    assert panel.count_label.text() == "7 of 21"
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("cancelled"))
    assert panel.proxy.rowCount() == 0
    panel.clear_filters()
    assert panel.proxy.rowCount() == 21
    window.meetings_view.sortByColumn(COL["Attendees"], Qt.SortOrder.DescendingOrder)
    top = window.meetings_view.model().index(0, 0).data(MeetingRole)
    assert top.title == "Pakistan-Tajikistan Business Forum"
    assert window.meetings_view.model().index(0, COL["Attendees"]).data() == 24


def test_an_edit_refreshes_its_row_without_resetting_the_table(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    model = window.meetings_model
    meeting = meeting_by_title(store, visit_id, "Working lunch")
    meeting = replace(meeting, title="Working lunch hosted by the Chamber of Commerce")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        window.session.notify(store.update(meeting))
    assert model.index(model.row_of(meeting.id), COL["Title"]).data() == meeting.title


def test_delete_says_what_goes_with_it_and_undo_restores_everything(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    meeting = meeting_by_title(store, visit_id, "Virtual interactive session of the industries ministers")
    attendees, agenda = store.attendees(meeting_id=meeting.id), store.agenda(meeting.id)
    window.show_tab("meetings")
    window.select_meetings([meeting.id])
    monkeypatch.setattr(window_actions, "confirm", lambda *_: False)
    window.action_by_id["meeting.delete"].trigger()
    assert store.meeting(meeting.id) is not None  # asked, and the answer was no
    asked = answer_yes(monkeypatch)
    window.action_by_id["meeting.delete"].trigger()
    assert asked[0][1].startswith(f"Delete '{meeting.title}'?\n\n6 attendees and 7 agenda items go with it.")
    assert store.meeting(meeting.id) is None and window.meetings_model.rowCount() == 20
    window.action_by_id["edit.undo"].trigger()
    assert store.meeting(meeting.id) == meeting
    assert store.attendees(meeting_id=meeting.id) == attendees and store.agenda(meeting.id) == agenda
    assert window.meetings_model.rowCount() == 21


def test_a_bulk_delete_shows_progress_and_is_one_undo_step(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    monkeypatch.setattr(window_actions, "PROGRESS_FROM", 3)
    shown = []
    monkeypatch.setattr(window_actions.QProgressDialog, "setValue", lambda self, n: shown.append(n))
    answer_yes(monkeypatch)
    window.show_tab("meetings")
    ids = [m.id for m in store.meetings(visit_id) if m.title.startswith("B2B session")]
    window.select_meetings(ids)
    window.action_by_id["meeting.delete"].trigger()
    assert shown == list(range(1, 7))
    assert not any(store.meeting(i) for i in ids)
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert all(store.meeting(i) for i in ids)


def test_duplicate_copies_attendees_and_agenda_with_a_new_uid(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    original = meeting_by_title(store, visit_id, "Delegation-level talks")
    window.show_tab("meetings")
    window.select_meetings([original.id])
    window.action_by_id["meeting.duplicate"].trigger()
    copy = meeting_by_title(store, visit_id, "Delegation-level talks (copy)")
    assert copy.uid != original.uid and window.current_meeting_id() == copy.id
    assert len(store.attendees(meeting_id=copy.id)) == len(store.attendees(meeting_id=original.id))
    window.session.undo_stack.undo()
    assert store.meeting(copy.id) is None


def test_issue_revision_asks_first_then_raises_the_number(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    monkeypatch.setattr(window_actions, "confirm", lambda *_: False)
    window.action_by_id["visit.issue_revision"].trigger()
    assert store.visit(visit_id).revision == 0
    asked = answer_yes(monkeypatch)
    window.action_by_id["visit.issue_revision"].trigger()
    visit = store.visit(visit_id)
    assert visit.revision == 1 and visit.revision_issued_at is not None
    assert "Issue revision 1 of" in asked[0][1]
    assert window.revision_label.text().startswith("Revision 1, issued ")
    assert window.statusBar().currentMessage().startswith("Revision 1 issued at ")


def test_a_refused_database_is_reported_and_nothing_changes(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    foreign = tmp_path / "notes.sqlite"
    foreign.write_bytes(b"these are not the tables you are looking for")
    told = []
    monkeypatch.setattr("planner.ui.shell.main_window.tell", lambda _w, title, text: told.append((title, text)))
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a, **k: (str(foreign), ""))
    window.action_by_id["file.open_database"].trigger()
    assert told and "not an SQLite file" in told[0][1]
    assert foreign.read_bytes() == b"these are not the tables you are looking for"
    assert window.isVisible() and window.recent_files() == []


def test_open_database_replaces_the_window_and_remembers_the_file(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    other = tmp_path / "other.sqlite"
    from planner.demo import build_demo

    build_demo(Store(open_database(other)))
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a, **k: (str(other), ""))
    window.action_by_id["file.open_database"].trigger()
    opened = launch._windows[-1]
    try:
        assert opened is not window and opened.isVisible() and not window.isVisible()
        assert opened.meetings_model.rowCount() == 21
        assert opened.recent_files()[0] == str(other)
        window._fill_recent_menu()
        assert [a.text() for a in window.recent_menu.actions()] == [f"&1 {other}"]
    finally:
        opened.close()  # it deletes itself on close, as every window File ▸ Open makes


def test_geometry_dock_and_column_widths_are_remembered(qtbot, demo, tmp_path):
    store, visit_id = demo
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = make_window(qtbot, store, visit_id, tmp_path, settings)
    window.meetings_view.setColumnWidth(COL["Venue"], 333)
    window.show_tab("meetings")
    window.conflicts_dock.hide()
    window.show_tab("programme")
    window.programme_view.splitter.setSizes([850, 150])
    window.show_tab("meetings")
    window.close()
    again = make_window(qtbot, store, visit_id, tmp_path, settings)
    assert again.meetings_view.columnWidth(COL["Venue"]) == 333
    assert again.tabs.currentWidget() is again.meetings_panel
    assert not again.conflicts_dock.isVisible()
    again.show_tab("programme")
    qtbot.wait(20)
    restored = again.programme_view.splitter.sizes()
    # The timeline keeps most of the width (the programme's own default gives it 0.64).
    assert restored[0] / sum(restored) > 0.75


def test_keyboard_opens_find_and_new_meeting(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_dialog is not None and window.search_dialog.isVisible()
    window.search_dialog.reject()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.editor is not None and window.editor.isVisible()
    assert window.editor.windowTitle() == "New meeting"
    window.editor.reject()


def test_sorting_keeps_the_chosen_meeting_chosen(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.show_tab("meetings")
    departure = meeting_by_title(store, visit_id, "Departure")
    window.select_meetings([departure.id])
    window.meetings_view.sortByColumn(COL["Title"], Qt.SortOrder.AscendingOrder)
    titles = [window.meetings_view.model().index(r, COL["Title"]).data() for r in range(21)]
    assert titles == sorted(titles, key=str.casefold)
    assert window.current_meeting_id() == departure.id
    assert window.selected_meeting_ids() == [departure.id]
    # Renaming a meeting moves it to its place in that order.
    renamed = store.meeting(departure.id)
    renamed = replace(renamed, title="A farewell at the airport")
    window.session.notify(store.update(renamed))
    assert window.meetings_view.model().index(0, COL["Title"]).data() == "A farewell at the airport"
    assert window.current_meeting_id() == departure.id


def test_the_programme_tab_opens_and_selects_meetings_through_the_window(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    talks = meeting_by_title(store, visit_id, "Delegation-level talks")
    window.show_tab("programme")
    window.programme_view.meetingsSelected.emit([talks.id])
    assert window.current_meeting_id() == talks.id and window.selected_meeting_ids() == [talks.id]
    window.programme_view.meetingActivated.emit(talks.id)
    assert window.editor.isVisible() and window.editor.title_edit.text() == "Delegation-level talks"
    assert window.current_meeting_id() == talks.id
    window.editor.reject()


def test_widgets_have_accessible_names_for_screen_readers(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    panel = window.meetings_panel
    names = [w.accessibleName() for w in (panel.text_filter, panel.day_filter, panel.kind_filter,
                                          panel.status_filter, panel.view, window.conflicts_panel.view)]
    assert names == ["Filter meetings", "Day", "Kind", "Status", "Meetings", "Conflicts"]
    editor = window.open_meeting(None)
    fields = (editor.title_edit, editor.kind_combo, editor.day_edit, editor.start_edit, editor.end_edit,
              editor.venue_combo, editor.link_edit, editor.status_combo, editor.confidentiality_combo,
              editor.notes_edit, editor.person_combo, editor.attendees_view, editor.agenda_view)
    assert all(f.accessibleName() for f in fields)
    editor.reject()


def test_edit_visit_details_is_one_undo_step(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.action_by_id["visit.edit"].trigger()
    from planner.ui.shell.visit_editor import VisitEditor

    dialog = window.findChild(VisitEditor)
    dialog.host_edit.setEditText("Tajikstan")
    assert "not 'TAJIKSTAN'" in dialog.messages["host_country"].text()
    dialog.accept()
    assert dialog.isVisible() and store.visit(visit_id).host_country == "TJ"
    dialog.host_edit.setEditText("tajikistan")
    assert dialog.host_edit.code() == "TJ" and dialog.messages["host_country"].isHidden()
    dialog.title_edit.setText("Official visit to Tajikistan")
    dialog.accept()
    assert store.visit(visit_id).title == "Official visit to Tajikistan"
    assert window.windowTitle() == "Official visit to Tajikistan — Visit Planner"
    window.session.undo_stack.undo()
    assert store.visit(visit_id).title.startswith("Official visit of the Prime Minister")


def test_new_database_opens_an_empty_window_where_a_new_visit_can_be_made(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    path = tmp_path / "state-visit.sqlite"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(path), ""))
    window.action_by_id["file.new_database"].trigger()
    opened = launch._windows[-1]
    try:
        assert path.exists() and opened.session.visit is None
        opened.action_by_id["visit.edit"].trigger()  # with no visit yet this makes one
        from planner.ui.shell.visit_editor import VisitEditor

        dialog = opened.findChild(VisitEditor)
        assert all(label.isHidden() for label in dialog.messages.values())  # nothing said before anything is typed
        dialog.accept()
        assert dialog.isVisible() and "needs a title" in dialog.messages["title"].text()
        dialog.title_edit.setText("State visit of the President of Tajikistan to Pakistan")
        dialog.host_edit.setEditText("PK")
        dialog.guest_edit.setEditText("TJ")
        assert dialog.zone_edit.zone() == "Asia/Karachi"  # the host's capital
        dialog.home_zone_edit.setEditText("GMT+5")
        assert "offset" in dialog.messages["home_zone"].text()
        dialog.home_zone_edit.setEditText("Asia/Dushanbe")
        dialog.accept()
        assert opened.session.visit.title == "State visit of the President of Tajikistan to Pakistan"
        assert opened.windowTitle().startswith("State visit of the President")
        opened.action_by_id["meeting.new"].trigger()
        assert opened.editor.isVisible()
        opened.editor.reject()
    finally:
        opened.close()


def test_a_missing_view_module_leaves_its_tab_out_but_a_broken_view_is_not_hidden(qtbot, demo, tmp_path, monkeypatch):
    import sys
    import types

    import pytest

    from planner.ui.shell import main_window

    store, visit_id = demo
    monkeypatch.setitem(main_window.VIEWS, "people", ("planner.ui.no_such_view", "NoSuchView", "P&eople"))
    window = make_window(qtbot, store, visit_id, tmp_path)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["&Programme", "&Meetings"]
    assert window.people_view is None and window.current_person_id() is None

    broken = types.ModuleType("planner.ui.broken_view")

    class BrokenView:
        def __init__(self, session, parent):
            raise AttributeError("a bug inside the view")

    broken.BrokenView = BrokenView
    monkeypatch.setitem(sys.modules, "planner.ui.broken_view", broken)
    monkeypatch.setitem(main_window.VIEWS, "people", ("planner.ui.broken_view", "BrokenView", "P&eople"))
    window = make_window(qtbot, store, visit_id, tmp_path)  # the people tab is built only when first shown
    assert window.tabs.tabText(2) == "P&eople"
    with pytest.raises(AttributeError, match="a bug inside the view"):
        window.show_tab("people")


def test_views_are_built_when_their_tab_is_first_shown(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    assert window._views == {}  # the first paint shows the frame; the open tab's view comes just after
    qtbot.waitUntil(lambda: "programme" in window._views)
    assert window.tabs.currentWidget() is window.programme_view and window.programme_view.isVisible()
    assert window.current_person_id() is None and set(window._views) == {"programme"}
    window.tabs.setCurrentIndex(window.tab_of["people"])  # as a click on the tab does
    assert window.tabs.currentWidget() is window.people_view
    assert window.people_view.isVisible() and window.tabs.tabText(window.tab_of["people"]) == "P&eople and delegations"
    qtbot.waitUntil(lambda: window.people_view.model.rowCount() > 0)


def test_a_person_activated_in_the_directory_opens_the_person_form(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    opened = []
    monkeypatch.setattr("planner.ui.people.person_editor.open_person_editor", lambda w, person_id: opened.append((w, person_id)))
    window.people_view.personActivated.emit(7)
    assert opened == [(window, 7)]


def test_an_edit_refilters_the_meetings_but_new_conflict_counts_do_not(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    panel, model = window.meetings_panel, window.meetings_model
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("B2B"))
    assert panel.proxy.rowCount() == 7
    asked = []
    real = MeetingsModel.accepts
    monkeypatch.setattr(MeetingsModel, "accepts", lambda self, *a: asked.append(a) or real(self, *a))
    model._conflicts_updated()  # as when a background reading of the conflicts comes in
    assert asked == [] and panel.proxy.rowCount() == 7
    session = next(m for m in store.meetings(visit_id) if m.kind == "B2B")
    session = replace(session, kind=MeetingKind.SIGNING)
    window.session.notify(store.update(session))
    assert panel.proxy.rowCount() == 6 and panel.count_label.text() == "6 of 21"


def test_the_organiser_is_set_in_the_visit_form_and_offered_for_the_next_new_visit(qtbot, demo, tmp_path):
    from planner.domain.model import Organiser
    from planner.ui.shell.visit_editor import VisitEditor

    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    window.action_by_id["visit.edit"].trigger()
    dialog = window.findChild(VisitEditor)
    dialog.organiser_name_edit.setText("Protocol Department, MFA")
    dialog.organiser_email_edit.setText("protocol at mfa")
    assert "not an e-mail address" in dialog.messages["organiser_email"].text()
    dialog.accept()
    assert dialog.isVisible() and store.visit(visit_id).organiser is None
    dialog.organiser_email_edit.setText("protocol@mfa.tj")
    dialog.organiser_phone_edit.setText("+992 37 221 1808")
    dialog.accept()
    office = Organiser("Protocol Department, MFA", "protocol@mfa.tj", "+992 37 221 1808")
    assert store.visit(visit_id).organiser == office
    window.session.undo_stack.undo()
    assert store.visit(visit_id).organiser is None
    window.action_by_id["visit.new"].trigger()
    fresh = [d for d in window.findChildren(VisitEditor) if d.before is None][-1]
    assert fresh.organiser() == office  # the last choice, remembered
    fresh.reject()
