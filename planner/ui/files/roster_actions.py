"""Roster actions: File ▸ Import people… and People ▸ Export people…"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from planner.ui.shell.actions import ActionSpec
from planner.ui.widgets import file_dialogs

EXPORT_FILTERS = {"Excel workbook (*.xlsx)": ".xlsx", "CSV, UTF-8 for Excel (*.csv)": ".csv"}


def import_people(window) -> None:
    from planner.ui.files.import_people_dialog import ImportPeopleDialog

    session = window.session
    if session.visit_id is None:
        QMessageBox.information(window, "Import people", "Open or create a visit first; people belong to a visit.")
        return
    dialog = ImportPeopleDialog(session, window)
    if dialog.exec() and dialog.result is not None:
        window.show_status(dialog.result.summary())


def export_target_name(store, visit_id: int, delegation_id: int | None, sector_id: int | None) -> str:
    """A file name that says what is in the file: 'Pakistan business delegation - Textile.xlsx'."""
    from planner.domain.model import Delegation, Sector

    parts = []
    delegation = store.get(Delegation, delegation_id)
    sector = store.get(Sector, sector_id)
    parts.append(delegation.name if delegation else "People")
    if sector:
        parts.append(sector.name)
    name = " - ".join(parts)
    return "".join("_" if ch in '<>:"/\\|?*' else ch for ch in name) + ".xlsx"


def export_people(window) -> None:
    from planner.roster.export import export_people as write
    from planner.roster.reading import RosterError

    session = window.session
    if session.visit_id is None:
        QMessageBox.information(window, "Export people", "Open a visit first.")
        return
    delegation_id, sector_id = window.current_delegation_id(), window.current_sector_id()
    suggested = export_target_name(session.store, session.visit_id, delegation_id, sector_id)
    path, chosen = file_dialogs.save_file(window, "Export people", str(Path.home() / suggested),
                                               ";;".join(EXPORT_FILTERS))
    if not path:
        return
    target = Path(path)
    if target.suffix.lower() not in (".csv", ".xlsx"):
        target = target.with_name(target.name + EXPORT_FILTERS.get(chosen, ".xlsx"))
    try:
        count = write(session.store, session.visit_id, target, delegation_id=delegation_id, sector_id=sector_id)
    except (RosterError, OSError) as exc:
        QMessageBox.warning(window, "Export people", f"The people could not be exported: {exc}")
        return
    window.show_status(f"Exported {count} {'person' if count == 1 else 'people'} to {target}")


ACTIONS = [
    ActionSpec("file.import_people", "&Import people…", "File", import_people,
               tip="Read people from a CSV or Excel roster, with a preview before anything is written"),
    ActionSpec("people.export", "&Export people…", "People", export_people,
               tip="Write the people (or the selected delegation or sector) to Excel or CSV in precedence order"),
]
