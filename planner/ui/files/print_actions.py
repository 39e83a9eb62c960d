"""Print, Print Preview and Export PDF for the agenda, programme, delegation list and itinerary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from planner.ui.shell.actions import ActionSpec
from planner.ui.widgets import file_dialogs

# QtPrintSupport, the printing code and the reports load when something is first printed, not at start-up.
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from planner import reports

# document -> (title in dialogs, what the window must have selected, menu)
DOCUMENTS = {
    "agenda": ("Agenda", "meeting", "Meeting"),
    "programme": ("Programme", None, "Visit"),
    "delegation": ("Delegation list", None, "Visit"),
    "itinerary": ("Itinerary", "person", "People"),
}


SECOND_LANGUAGE_KEY = "print/second_language"


def second_language(window) -> bool:
    """Whether documents print designations and organisations in their second language (remembered)."""
    return window.settings.value(SECOND_LANGUAGE_KEY, False, type=bool)


def toggle_second_language(window) -> None:
    chosen = not second_language(window)
    window.settings.setValue(SECOND_LANGUAGE_KEY, chosen)
    window.show_status("Documents now print designations and organisations in their "
                       + ("second language, where one is given." if chosen else "first language."))


def build_report(window, document: str) -> reports.Report | None:
    """The report the window's selection asks for, or None after telling the user what is missing."""
    from planner import reports
    from planner.storage.queries import documents

    session = window.session
    second = second_language(window)
    title, needs, _menu = DOCUMENTS[document]
    if session.visit_id is None:
        QMessageBox.information(window, title, "Open a visit first.")
        return None
    if needs == "meeting":
        meeting_id = window.current_meeting_id()
        if meeting_id is None:
            QMessageBox.information(window, title, "Select a meeting first; its agenda is what gets printed.")
            return None
        return reports.agenda(documents.agenda_data(session.store, meeting_id, second_language=second))
    if needs == "person":
        person_id = window.current_person_id()
        if person_id is None:
            QMessageBox.information(window, title, "Select a person first; their itinerary is what gets printed.")
            return None
        return reports.itinerary(documents.itinerary_data(session.store, person_id, second_language=second))
    if document == "programme":
        return reports.programme(documents.programme_data(session.store, session.visit_id, second_language=second),
                                 cancelled="mark")
    return reports.delegation_list(documents.delegation_list_data(session.store, session.visit_id,
                                                                        second_language=second))


def _printer() -> QPrinter:
    from PySide6.QtPrintSupport import QPrinter

    from planner import printing

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(printing.page_layout(printing.default_paper()))
    return printer


def preview(window, document: str) -> None:
    report = build_report(window, document)
    if report is None:
        return
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from planner import printing

    printing.register_fonts()
    printer = _printer()  # the dialog only borrows it: it must outlive exec()
    dialog = QPrintPreviewDialog(printer, window)
    dialog.setWindowTitle(f"Print Preview — {report.furniture.document}")
    dialog.paintRequested.connect(lambda printer: printing.print_to(report, printer))
    dialog.exec()
    dialog.deleteLater()


def print_now(window, document: str) -> None:
    report = build_report(window, document)
    if report is None:
        return
    from PySide6.QtPrintSupport import QPrintDialog

    from planner import printing

    printer = _printer()
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle(f"Print {report.furniture.document}")
    if dialog.exec() == QDialog.DialogCode.Accepted:
        pages = printing.print_to(report, printer)
        window.show_status(f"Sent {report.furniture.document} to the printer ({pages} pages).")


def export_pdf(window, document: str) -> None:
    report = build_report(window, document)
    if report is None:
        return
    path, _filter = file_dialogs.save_file(window, f"Export {report.furniture.document} as PDF",
                                                str(Path.home() / f"{report.file_stem}.pdf"), "PDF files (*.pdf)")
    if not path:
        return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    from planner import printing

    try:
        pages = printing.write_pdf(report, path, printing.default_paper())
    except printing.PrintError as exc:
        QMessageBox.warning(window, "Export PDF", str(exc).capitalize())
        return
    window.show_status(f"Wrote {report.furniture.document} to {path} ({pages} pages).")


def preview_current(window) -> None:
    """Ctrl+P: preview what the window is showing: a meeting's agenda, else a person's itinerary, else the programme."""
    if window.current_meeting_id() is not None:
        preview(window, "agenda")
    elif window.current_person_id() is not None:
        preview(window, "itinerary")
    else:
        preview(window, "programme")


def _specs() -> list[ActionSpec]:
    specs = [ActionSpec("print.preview_current", "Print Pre&view…", "File", preview_current,
                        shortcut=QKeySequence.StandardKey.Print,
                        tip="Preview the selected meeting's agenda, the selected person's itinerary or the programme"),
             ActionSpec("print.second_language", "Print Titles in the &Second Language", "File", toggle_second_language,
                        checked=second_language,
                        tip="Print designations and organisations in their second language where one is given")]
    for document, (title, _needs, menu) in DOCUMENTS.items():
        lower = title[0].lower() + title[1:]
        specs += [
            ActionSpec(f"print.{document}", f"Print {lower}…", menu, lambda w, d=document: print_now(w, d),
                       tip=f"Print the {lower}"),
            ActionSpec(f"print.preview_{document}", f"Print preview of the {lower}…", menu,
                       lambda w, d=document: preview(w, d), tip=f"See the {lower} as it will print"),
            ActionSpec(f"print.export_{document}", f"Export {lower} as PDF…", menu,
                       lambda w, d=document: export_pdf(w, d), tip=f"Save the {lower} as a PDF file"),
        ]
    return specs


ACTIONS: list[ActionSpec] = _specs()
