"""The import people dialog and the roster actions, driven through Qt."""

import csv
import json

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from planner.ui.files.import_people_dialog import SETTINGS_KEY, ImportPeopleDialog, PreviewModel
from planner.ui.shell.actions import build_actions, feature_actions
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.session import Session
from planner.ui.widgets import file_dialogs

ROWS = [["ФИО", "Должность", "Компания", "Отрасль", "Почта"],
        ["Иванов Иван", "Директор", "ООО Ромашка", "Текстиль", "ivanov@romashka.example"],
        ["Петров Пётр", "Инженер", "ООО Ромашка", "Textile", "petrov at romashka"],
        ["Сидорова Анна", "Юрист", "Памир Фарм", "Pharmaceuticals", "anna@pamir.example"]]


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    with open(path, "w", encoding="cp1251", newline="") as out:
        csv.writer(out, delimiter=";").writerows(ROWS)
    return path


def groups(model):
    return {model.index(r, 0).data().rsplit(" (", 1)[0]: [model.index(c, 2, model.index(r, 0)).data()
                                                          for c in range(model.rowCount(model.index(r, 0)))]
            for r in range(model.rowCount())}


def test_import_then_undo_and_redo_as_one_step(qtbot, demo, roster, settings):
    store, visit_id = demo
    session = Session(store, visit_id)
    changed = []
    session.changed.connect(changed.append)
    dialog = ImportPeopleDialog(session, settings=settings)
    qtbot.addWidget(dialog)
    dialog.load_file(roster)
    assert not dialog.file_error.isVisibleTo(dialog)
    assert [c.currentData() for c in dialog.column_combos] == ["name", "designation", "company", "sector", "email"]
    shown = groups(dialog.preview_model)
    assert shown["New people"] == ["added", "added"]
    assert shown["Rows with problems (not imported)"] == ["'petrov at romashka' is not an e-mail address."]
    dialog.delegation_combo.setCurrentText("Pakistan business delegation")
    shown = groups(dialog.preview_model)
    assert shown["New people"] == ["joins Pakistan business delegation"] * 2
    assert shown["Unknown sectors"] == ["will be created"]
    assert dialog.sectors_box.isVisibleTo(dialog)
    textile = next(s for s in store.sectors(visit_id) if s.name == "Textile")
    dialog.choose_sector("Текстиль", textile.id)
    assert groups(dialog.preview_model)["Unknown sectors"] == ["filed under Textile"]
    people_before, sectors_before = len(store.people(visit_id)), len(store.sectors(visit_id))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and dialog.result.count("people") == 2
    assert len(store.people(visit_id)) == people_before + 2 and len(store.sectors(visit_id)) == sectors_before
    assert changed and changed[-1].touches("people")
    stack = session.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Import 2 people from roster.csv"
    stack.undo()
    assert len(store.people(visit_id)) == people_before
    assert "Иванов Иван" not in {p.name for p in store.people(visit_id)}
    stack.redo()
    names = {p.name for p in store.people(visit_id, sector_id=textile.id)}
    assert "Иванов Иван" in names and len(store.people(visit_id)) == people_before + 2
    assert json.loads(settings.value(SETTINGS_KEY))["Почта"] == "email"


def test_a_corrected_mapping_is_remembered_for_the_next_file(qtbot, demo, roster, settings):
    store, visit_id = demo
    dialog = ImportPeopleDialog(Session(store, visit_id), settings=settings)
    qtbot.addWidget(dialog)
    dialog.load_file(roster)
    dialog.set_field(2, "organisation")  # "Компания" is the ministry here, not a company
    assert dialog.mapping[2] == "organisation" and dialog.column_combos[2].currentData() == "organisation"
    dialog.set_field(0, "")
    assert "No column is mapped to Name" in dialog.summary.text() and not dialog.import_button.isEnabled()
    dialog.set_field(0, "name")
    dialog.accept()
    second = ImportPeopleDialog(Session(store, visit_id), settings=settings)
    qtbot.addWidget(second)
    second.load_file(roster)
    assert second.column_combos[2].currentData() == "organisation"
    assert groups(second.preview_model)["Matched, unchanged"] == ["already there"] * 2
    assert not second.import_button.isEnabled()


def test_a_file_that_is_no_spreadsheet_is_named_next_to_the_field(qtbot, demo, tmp_path, settings):
    store, visit_id = demo
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    dialog = ImportPeopleDialog(Session(store, visit_id), settings=settings)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    assert dialog.file_error.isVisibleTo(dialog) and "PNG image, not a spreadsheet" in dialog.file_error.text()
    assert not dialog.import_button.isEnabled()


def test_sheets_of_a_workbook_can_be_chosen(qtbot, demo, tmp_path, settings):
    store, visit_id = demo
    book = Workbook()
    book.active.title = "Cover"
    book.active.append(["Prepared by the chamber of commerce"])
    sheet = book.create_sheet("Delegation")
    sheet.append(["Name", "Company", "Sector"])
    sheet.append(["Zarina Nazarova", "Somon Air", "Aviation"])
    path = tmp_path / "chamber.xlsx"
    book.save(path)
    dialog = ImportPeopleDialog(Session(store, visit_id), settings=settings)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    assert dialog.sheet_combo.isEnabled() and dialog.sheet_combo.count() == 2
    assert "No column is mapped to Name" in dialog.summary.text()
    dialog.sheet_combo.setCurrentIndex(1)
    dialog.sheet_combo.activated.emit(1)
    assert dialog.table.sheet == "Delegation"
    assert groups(dialog.preview_model)["New people"] == ["added"]


def test_preview_model_passes_the_model_tester(qtmodeltester, demo, roster):
    from planner.roster.columns import guess_mapping
    from planner.roster.preview import build_preview
    from planner.roster.reading import read_table

    store, visit_id = demo
    table = read_table(roster)
    model = PreviewModel()
    model.show(build_preview(store, visit_id, table, guess_mapping(table.headers), delegation="X"))
    qtmodeltester.check(model)
    assert model.rowCount() == 5


def test_the_actions_reach_the_menus_and_export_writes_the_file(qtbot, demo, tmp_path, monkeypatch):
    store, visit_id = demo
    window = MainWindow(Session(store, visit_id))
    qtbot.addWidget(window)
    actions = build_actions(window, feature_actions())
    assert {"file.import_people", "people.export"} <= set(actions)
    menus = {a.text().replace("&", ""): [x.text() for x in a.menu().actions()] for a in window.menuBar().actions()}
    assert "&Import people…" in menus["File"] and "&Export people…" in menus["People"]
    business = next(d for d in store.delegations(visit_id) if d.name == "Pakistan business delegation")
    monkeypatch.setattr(window, "current_delegation_id", lambda: business.id)
    asked = []

    def save_as(parent, caption, start, filters):
        asked.append(start)
        return str(tmp_path / "business"), "CSV, UTF-8 for Excel (*.csv)"

    monkeypatch.setattr(file_dialogs, "save_file", save_as)
    actions["people.export"].trigger()
    assert asked[0].endswith("Pakistan business delegation.xlsx")
    assert (tmp_path / "business.csv").read_text(encoding="utf-8-sig").count("\n") == 19
    assert "Exported 18 people" in window.statusBar().currentMessage()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a: (str(tmp_path / "none" / "x.csv"), ""))
    actions["people.export"].trigger()
    assert warnings and "there is no folder" in warnings[0]


def test_cancel_writes_nothing(qtbot, demo, roster, settings):
    store, visit_id = demo
    session = Session(store, visit_id)
    dialog = ImportPeopleDialog(session, settings=settings)
    qtbot.addWidget(dialog)
    dialog.load_file(roster)
    before = len(store.people(visit_id))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert len(store.people(visit_id)) == before and session.undo_stack.count() == 0


def test_a_failed_import_names_the_problem_and_leaves_no_undo_step(qtbot, demo, roster, settings, monkeypatch):
    store, visit_id = demo
    session = Session(store, visit_id)
    dialog = ImportPeopleDialog(session, settings=settings)
    qtbot.addWidget(dialog)
    dialog.load_file(roster)
    dialog.delegation_combo.setCurrentText("Pakistan business delegation")
    leather = next(s for s in store.sectors(visit_id) if s.name == "Leather")
    dialog.choose_sector("Текстиль", leather.id)
    store.delete(leather)  # removed meanwhile, say from another window
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    before = len(store.people(visit_id))
    dialog.accept()
    assert warnings == ["Nothing was imported: The sector chosen for 'Текстиль' no longer exists."]
    assert len(store.people(visit_id)) == before and session.undo_stack.count() == 0
    assert dialog.result is None
    assert groups(dialog.preview_model)["Unknown sectors"] == ["will be created"]  # the preview caught up
