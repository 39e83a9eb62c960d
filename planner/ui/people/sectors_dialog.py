"""Sectors: create, rename, mark priority, merge two (everything filed under one moves), delete when unused."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from planner.domain.model import Sector
from planner.storage.changes import Changes
from planner.storage.queries.setup import sector_use
from planner.storage.visit_setup import merge_sectors
from planner.ui.people.setup_common import (
    RowsModel,
    current,
    message_line,
    new_id,
    say,
    select_where,
    table,
    write_step,
)


class SectorsDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Sectors")
        self.setAccessibleName("Sectors")
        self.resize(720, 480)
        self.model = RowsModel(["Sector", "Priority", "Used by"], self)
        self.view = table(self.model, "Sectors of the visit")
        self.view.setColumnWidth(0, 220)
        self.view.setColumnWidth(1, 60)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Sector name")
        self.priority_check = QCheckBox("&Priority sector (★)")
        self.save_button = QPushButton("&Save sector")
        self.new_button = QPushButton("&New sector")
        self.delete_button = QPushButton("&Delete sector")
        self.merge_combo = QComboBox()
        self.merge_combo.setAccessibleName("Sector to merge into")
        self.merge_button = QPushButton("&Merge into")
        self.message = message_line()
        form = QFormLayout()
        form.addRow("Na&me", self.name_edit)
        form.addRow("", self.priority_check)
        form.addRow("", self.message)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.new_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        merge = QHBoxLayout()
        merge.addWidget(self.merge_button)
        merge.addWidget(self.merge_combo, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addLayout(merge)
        layout.addWidget(close)
        self.save_button.clicked.connect(self.save_sector)
        self.new_button.clicked.connect(self.start_new)
        self.delete_button.clicked.connect(self.delete_sector)
        self.merge_button.clicked.connect(self.merge_sector)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_current())
        self.name_edit.textChanged.connect(lambda _t: say(self.message, ""))
        session.changed.connect(self._on_changed)
        self.reload()
        self.start_new() if not self.model.objects else self.view.selectRow(0)

    def reload(self) -> None:
        wanted = self.current_sector()
        visit_id = self.session.visit_id
        sectors = self.session.store.sectors(visit_id) if visit_id is not None else []
        db = self.session.store.db
        self.model.set_rows(sectors, [[s.name, "★" if s.priority else "", sector_use(db, s.id).describe()]
                                      for s in sectors])
        if wanted is not None:
            select_where(self.view, lambda s: s.id == wanted.id)
        self._show_current()

    def _on_changed(self, changes) -> None:
        if changes.touches("sectors", "delegation_members", "meetings", "agenda_items"):
            self.reload()

    def current_sector(self) -> Sector | None:
        return current(self.view) if self.view.selectionModel().hasSelection() else None

    def _show_current(self) -> None:
        sector = self.current_sector()
        self.delete_button.setEnabled(sector is not None)
        self.merge_button.setEnabled(sector is not None)
        self.merge_combo.clear()
        for other in self.model.objects:
            if sector is not None and other.id != sector.id:
                self.merge_combo.addItem(other.name, other.id)
        if sector is not None:
            self.name_edit.setText(sector.name)
            self.priority_check.setChecked(sector.priority)
            self.save_button.setText("&Save sector")

    def start_new(self) -> None:
        self.view.clearSelection()
        self.view.setCurrentIndex(self.model.index(-1, 0))
        self._show_current()
        self.name_edit.clear()
        self.priority_check.setChecked(False)
        self.save_button.setText("&Add sector")
        self.name_edit.setFocus()

    def save_sector(self) -> bool:
        name = self.name_edit.text().strip()
        if not name:
            say(self.message, "A sector needs a name.")
            return False
        sector, priority = self.current_sector(), self.priority_check.isChecked()
        clash = next((s for s in self.model.objects if s.name.casefold() == name.casefold()
                      and (sector is None or s.id != sector.id)), None)
        if clash is not None:
            say(self.message, f"There is already a sector called '{clash.name}'; merge the two instead.")
            return False
        if sector is None:
            made = {}

            def add(store) -> Changes:
                changes = store.add(Sector(self.session.visit_id, name, priority))
                made["id"] = new_id(changes, "sectors")
                return changes
            ok = write_step(self.session, f"Add sector '{name}'", add, self.message)
            if ok:
                select_where(self.view, lambda s: s.id == made["id"])
            return ok
        return write_step(self.session, f"Edit sector '{name}'",
                          lambda store: store.update(replace(sector, name=name, priority=priority)), self.message)

    def delete_sector(self) -> bool:
        sector = self.current_sector()
        if sector is None:
            return False
        use = sector_use(self.session.store.db, sector.id)
        if use:
            say(self.message, f"'{sector.name}' is used by {use.describe()}; merge it into another sector instead.")
            return False
        ok = write_step(self.session, f"Delete sector '{sector.name}'",
                        lambda store: store.delete(sector).changes, self.message)
        if ok and not self.model.objects:
            self.start_new()
        return ok

    def merge_sector(self) -> bool:
        """Merge the chosen sector into the one named beside the button; it then goes."""
        gone, keep_id = self.current_sector(), self.merge_combo.currentData()
        if gone is None or keep_id is None:
            say(self.message, "Choose the sector to merge and the one to merge it into.")
            return False
        keep = next(s for s in self.model.objects if s.id == keep_id)
        ok = write_step(self.session, f"Merge sector '{gone.name}' into '{keep.name}'",
                        lambda store: merge_sectors(store, keep_id, gone.id), self.message)
        if ok:
            select_where(self.view, lambda s: s.id == keep_id)
        return ok
