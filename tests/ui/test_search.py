"""Search across people (either script, designation, company), meetings and agenda items."""

from dataclasses import replace

from PySide6.QtCore import Qt

from planner.ui.shell.search import SearchModel, folded, search_visit
from tests.ui.window_helpers import make_window


def kinds_and_titles(hits):
    return [(h.kind, h.title) for h in hits]


def test_people_are_found_by_latin_or_native_name_designation_and_company(demo):
    store, visit_id = demo
    assert kinds_and_titles(search_visit(store, visit_id, "rasulzoda")) == [("person", "H.E. Mr. Kokhir Rasulzoda")]
    assert kinds_and_titles(search_visit(store, visit_id, "Расулзода")) == [("person", "H.E. Mr. Kokhir Rasulzoda")]
    assert kinds_and_titles(search_visit(store, visit_id, "عمران")) == [("person", "H.E. Mr. Imran Khan")]
    ambassadors = search_visit(store, visit_id, "ambassador of")
    assert [h.title for h in ambassadors] == ["H.E. Mr. Ismatullo Nasredin", "H.E. Ms. Sadia Rehman"]
    loom = search_visit(store, visit_id, "indus loom")
    assert loom[0].kind == "person" and "Indus Loom Mills" in loom[0].detail
    textile = [h.detail for h in search_visit(store, visit_id, "textile") if h.kind == "person"]
    assert any("Indus Loom Mills" in d for d in textile)  # a member of the textile sector's delegation


def test_meetings_and_agenda_items_are_found_and_every_word_must_match(demo):
    store, visit_id = demo
    hits = search_visit(store, visit_id, "rare metals")
    assert ("meeting", "Meeting on rare metals, coal and minerals") in kinds_and_titles(hits)
    item = next(h for h in hits if h.kind == "agenda item")
    assert item.title.startswith("Five-year plan for mining") and item.meeting_id is not None
    assert search_visit(store, visit_id, "rare nonsense") == []
    assert search_visit(store, visit_id, "   ") == []
    assert folded("Qōhir") == "qohir"


def test_search_model_passes_the_model_tester(qtmodeltester, demo):
    store, visit_id = demo
    model = SearchModel()
    model.set_hits(search_visit(store, visit_id, "textile"))
    qtmodeltester.check(model)
    assert model.rowCount() > 3


def test_choosing_a_meeting_or_agenda_item_opens_it(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    dialog = window.open_search()
    qtbot.keyClicks(dialog.query, "five-year plan")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    editor = window.editor
    assert not dialog.isVisible() and editor.isVisible()
    assert editor.tabs.currentIndex() == 2
    chosen = editor.agenda_model.items[editor.agenda_view.currentIndex().row()]
    assert chosen.title.startswith("Five-year plan")
    assert window.selected_meeting_ids() == [chosen.meeting_id]
    editor.reject()

    dialog = window.open_search()
    assert dialog.query.selectedText() == "five-year plan"  # the last search, ready to be typed over
    dialog.query.setText("departure")
    dialog.run()
    assert dialog.count.text() == "1 found"
    dialog.results.activated.emit(dialog.model.index(0))
    assert window.editor.windowTitle() == "Meeting: Departure"
    window.editor.reject()


def test_choosing_a_person_shows_them_in_the_people_view(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    shown, forms = [], []
    monkeypatch.setattr(window.people_view, "select_person", shown.append)
    monkeypatch.setattr("planner.ui.people.person_editor.open_person_editor", lambda _w, person_id: forms.append(person_id))
    dialog = window.open_search()
    dialog.query.setText("Kabir")
    dialog.run()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert shown == [dialog.model.hits[0].id] and forms == shown
    assert window.tabs.currentWidget() is window.people_view


def test_reopening_find_searches_the_visit_as_it_is_now(qtbot, demo, tmp_path):
    store, visit_id = demo
    window = make_window(qtbot, store, visit_id, tmp_path)
    dialog = window.open_search()
    dialog.query.setText("gala")
    dialog.run()
    assert dialog.count.text() == "Nothing found."
    dialog.reject()
    banquet = next(m for m in store.meetings(visit_id) if m.title.startswith("Official banquet"))
    banquet = replace(banquet, title="Gala dinner")
    window.session.notify(store.update(banquet))
    dialog = window.open_search()
    assert [h.title for h in dialog.model.hits] == ["Gala dinner"]
