"""The window's print actions: they exist, export writes a PDF, preview paints on a QPrinter."""

import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox

from planner.ui.meetings.model import MeetingRole
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.session import Session
from planner.ui.widgets import file_dialogs


@pytest.fixture
def window(qtbot, demo):
    store, visit_id = demo
    window = MainWindow(Session(store, visit_id))
    qtbot.addWidget(window)
    return window


def select_meeting(window, title):
    model = window.meetings_view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(MeetingRole).title == title:
            window.meetings_view.setCurrentIndex(model.index(row, 0))
            return
    raise AssertionError(title)


def words(path) -> str:
    return " ".join(unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in PdfReader(path).pages)).split())


def test_print_actions_are_in_the_menus(window):
    actions = window.action_by_id
    for document in ("agenda", "programme", "delegation", "itinerary"):
        for kind in ("print.", "print.preview_", "print.export_"):
            assert f"{kind}{document}" in actions
    assert actions["print.preview_current"].shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert actions["print.export_agenda"].text() == "Export agenda as PDF…"
    menus = {a.text().replace("&", "") for a in window.menuBar().actions()}
    assert {"File", "Visit", "Meeting", "People"} <= menus


def test_export_pdf_writes_the_selected_meetings_agenda(window, monkeypatch, tmp_path):
    target = tmp_path / "agenda"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(target), "PDF files"))
    select_meeting(window, "Delegation-level talks")
    window.action_by_id["print.export_agenda"].trigger()
    written = tmp_path / "agenda.pdf"
    assert written.exists()
    text = words(written)
    assert "Delegation-level talks" in text and "Attendees: guest side" in text
    assert str(written) in window.statusBar().currentMessage()


def test_without_a_selection_the_user_is_told(window, monkeypatch):
    told, asked = [], []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: told.append(text)))
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: asked.append(a) or ("", ""))
    window.action_by_id["print.export_itinerary"].trigger()
    window.action_by_id["print.export_agenda"].trigger()
    assert len(told) == 2 and "Select a person" in told[0] and "Select a meeting" in told[1]
    assert asked == []


def test_preview_paints_the_document_on_the_dialogs_printer(window, monkeypatch, tmp_path):
    shown = []

    def fake_exec(dialog):
        # What the dialog does when it shows: ask for the pages on its own printer
        # (which the action must keep alive while the dialog runs).
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"preview{len(shown)}.pdf"))
        dialog.paintRequested.emit(printer)
        shown.append(dialog.windowTitle())
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    window.action_by_id["print.preview_current"].trigger()  # nothing selected: the programme
    select_meeting(window, "Working lunch")
    window.action_by_id["print.preview_current"].trigger()  # a meeting selected: its agenda
    assert shown == ["Print Preview — Programme", "Print Preview — Agenda: Working lunch"]
    assert "Pakistan-Tajikistan Business Forum" in words(tmp_path / "preview0.pdf")
    assert "Page 1 of" in words(tmp_path / "preview1.pdf")


def test_documents_print_titles_in_the_second_language_when_chosen(qtbot, demo, monkeypatch, tmp_path):
    import dataclasses

    from PySide6.QtCore import QSettings

    store, visit_id = demo
    first = store.people(visit_id)[0]
    store.update(dataclasses.replace(first, second_designation="Head of the delegation (second language)"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Session(store, visit_id), settings)
    qtbot.addWidget(window)
    toggle = window.action_by_id["print.second_language"]
    assert toggle.isCheckable() and not toggle.isChecked()
    target = tmp_path / "delegation.pdf"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(target), "PDF files"))
    window.action_by_id["print.export_delegation"].trigger()
    assert "Head of the delegation (second language)" not in words(target)
    toggle.trigger()
    assert toggle.isChecked() and settings.value("print/second_language", type=bool)
    window.action_by_id["print.export_delegation"].trigger()
    assert "Head of the delegation (second language)" in words(target)
    again = MainWindow(Session(store, visit_id), settings)  # the choice is remembered
    qtbot.addWidget(again)
    assert again.action_by_id["print.second_language"].isChecked()
