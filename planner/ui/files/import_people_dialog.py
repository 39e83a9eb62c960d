"""Import people: choose a roster file and sheet, correct the column mapping, see the preview, import as one step."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.roster.apply import ImportResult, apply_import, redo_import, undo_import
from planner.roster.columns import FIELDS, IGNORE, clean_remembered, guess_mapping, merged, set_column
from planner.roster.preview import Preview, build_preview, describe
from planner.roster.reading import RosterError, Table, read_table
from planner.storage.changes import Changes
from planner.ui.shell.commands import StoreCommand
from planner.ui.shell.refusals import tell_refused
from planner.ui.shell.session import Session
from planner.ui.widgets import file_dialogs

SETTINGS_KEY = "roster/mapping"
FILE_FILTER = "Rosters (*.csv *.xlsx *.txt);;CSV (*.csv *.txt);;Excel workbook (*.xlsx);;All files (*)"
CREATE = "Create a new sector"


class ImportPeopleCommand(StoreCommand):
    """A roster import as one step; undo takes all of it back, redo puts back the same rows with the same ids."""

    def __init__(self, session: Session, preview, file_name: str):
        added = len(preview.new)
        super().__init__(session, f"Import {added} {'person' if added == 1 else 'people'} from {file_name}")
        self.preview = preview
        self.result: ImportResult | None = None
        self._removed = None

    def first(self, store) -> Changes:
        self.result = apply_import(store, self.preview)
        return self.result.changes

    def again(self, store) -> Changes:
        return redo_import(store, self.result, self._removed)

    def back(self, store) -> Changes:
        self._removed = undo_import(store, self.result)
        return self._removed.changes


def remembered(settings: QSettings) -> dict[str, str]:
    try:
        return clean_remembered(json.loads(str(settings.value(SETTINGS_KEY, "{}") or "{}")))
    except ValueError:
        return {}


class PreviewModel(QStandardItemModel):
    """The preview as groups (new, changed, unchanged, unknown sectors, problems) of rows."""

    HEADERS = ["Row", "Person", "What happens"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(self.HEADERS)

    def show(self, preview: Preview | None) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(self.HEADERS)
        if preview is None:
            return
        target = f"joins {preview.delegation_name}" if preview.delegation_name else "added"
        groups = [
            ("New people", [(r.row, describe(r.person), target) for r in preview.new]),
            ("Matched, with changes", [(r.row, describe(r.existing), "; ".join(
                f"{k}: {old or '—'} → {new}" for k, (old, new) in r.changes.items())) for r in preview.changed]),
            ("Matched, unchanged", [(r.row, describe(r.person), "already there") for r in preview.unchanged]),
            ("Unknown sectors", [("", name, "filed under " + preview.sector_names[preview.sector_choices[name]]
                                  if preview.sector_choices.get(name) else "will be created")
                                 for name in preview.unknown_sectors]),
            ("Rows with problems (not imported)", [(p.row, "", p.reason) for p in preview.problems]),
        ]
        for title, rows in groups:
            group = QStandardItem(f"{title} ({len(rows)})")
            group.setEditable(False)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            for row in rows:
                cells = [QStandardItem(str(value)) for value in row]
                for cell in cells:
                    cell.setEditable(False)
                    cell.setToolTip(cell.text())
                group.appendRow(cells)
            self.appendRow([group, _blank(), _blank()])


def _sentence(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _blank() -> QStandardItem:
    item = QStandardItem("")
    item.setEditable(False)
    return item


class ImportPeopleDialog(QDialog):
    def __init__(self, session: Session, parent=None, settings: QSettings | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import people")
        self.session = session
        self.settings = settings if settings is not None else QSettings()
        self.table: Table | None = None
        self.path: Path | None = None
        self.mapping: dict[int, str] = {}
        self.preview: Preview | None = None
        self.result: ImportResult | None = None
        self.sector_choices: dict[str, int | None] = {}
        form = self._build_file_form()
        mapping, preview = self._build_mapping_pane(), self._build_preview_pane()
        splitter = QSplitter(self)
        splitter.addWidget(mapping)
        splitter.addWidget(preview)
        splitter.setSizes([400, 780])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(1200, 660)

    def _build_file_form(self) -> QFormLayout:
        """The file, its sheet and the delegation the people join."""
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("A CSV or Excel file with one person per row")
        self.file_edit.setAccessibleName("Roster file")
        self.browse_button = QPushButton("&Choose file…", self)
        self.browse_button.clicked.connect(self.browse)
        self.file_error = QLabel(self)
        self.file_error.setObjectName("file_error")
        self.file_error.setStyleSheet("color: #b00020")
        self.file_error.setWordWrap(True)
        self.file_error.hide()
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.setAccessibleName("Sheet")
        self.sheet_combo.activated.connect(lambda _i: self._read(self.sheet_combo.currentText()))
        self.delegation_combo = QComboBox(self)
        self.delegation_combo.setEditable(True)
        self.delegation_combo.setAccessibleName("Into delegation")
        self.delegation_combo.addItem("")
        for delegation in self.session.store.delegations(self.session.visit_id):
            self.delegation_combo.addItem(delegation.name)
        self.delegation_combo.lineEdit().setPlaceholderText("(none: add the people to the visit only)")
        self.delegation_combo.currentTextChanged.connect(lambda _t: self.refresh())

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("File:", file_row)
        form.addRow("", self.file_error)
        form.addRow("&Sheet:", self.sheet_combo)
        form.addRow("Into &delegation:", self.delegation_combo)
        return form

    def _build_mapping_pane(self) -> QScrollArea:
        """The column mapping and the unknown sectors, filled once a file is read."""
        self.columns_box = QGroupBox("Columns: which field each column holds", self)
        self.columns_grid = QGridLayout(self.columns_box)
        self.sectors_box = QGroupBox("Unknown sectors", self)
        self.sectors_grid = QGridLayout(self.sectors_box)
        self.sectors_box.hide()
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.columns_box)
        left_layout.addWidget(self.sectors_box)
        left_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        return scroll

    def _build_preview_pane(self) -> QWidget:
        self.preview_model = PreviewModel(self)
        self.preview_view = QTreeView(self)
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setAccessibleName("Preview")
        self.preview_view.setAlternatingRowColors(True)
        self.preview_view.header().setStretchLastSection(True)
        self.preview_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.preview_view.setColumnWidth(0, 70)
        self.summary = QLabel("Choose a file to see what would be imported.", self)
        self.summary.setWordWrap(True)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>Preview</b>: nothing is written until you choose Import.", self))
        right_layout.addWidget(self.preview_view, 1)
        right_layout.addWidget(self.summary)
        return right

    # -- the file --------------------------------------------------------------

    def browse(self) -> None:
        start = str(self.path.parent) if self.path else str(self.settings.value("roster/folder", "") or "")
        path, _filter = file_dialogs.open_file(self, "Import people from", start, FILE_FILTER)
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path) -> None:
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self.settings.setValue("roster/folder", str(self.path.parent))
        self._read(None)

    def _read(self, sheet: str | None) -> None:
        try:
            table = read_table(self.path, sheet)
        except RosterError as exc:
            self._fail(_sentence(exc))
            return
        self.file_error.hide()
        self.table = table
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(table.sheets)
        self.sheet_combo.setCurrentText(table.sheet)
        self.sheet_combo.setEnabled(len(table.sheets) > 1)
        self.sheet_combo.blockSignals(False)
        self.mapping = guess_mapping(table.headers, remembered(self.settings))
        self._build_columns()
        self.refresh()

    def _fail(self, message: str) -> None:
        self.table, self.preview = None, None
        self.file_error.setText(message)
        self.file_error.show()
        self._clear(self.columns_grid)
        self.preview_model.show(None)
        self.summary.setText("Nothing can be imported from this file.")
        self.import_button.setEnabled(False)

    # -- the mapping -------------------------------------------------------------

    @staticmethod
    def _clear(grid: QGridLayout) -> None:
        while grid.count():
            widget = grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()

    def _build_columns(self) -> None:
        self._clear(self.columns_grid)
        self.column_combos: list[QComboBox] = []
        for index, header in enumerate(self.table.headers):
            example = next((cells[index] for _n, cells in self.table.rows if cells[index]), "")
            combo = QComboBox(self.columns_box)
            combo.addItem("(ignore)", IGNORE)
            for name, (shown, _aliases) in FIELDS.items():
                combo.addItem(shown, name)
            combo.setCurrentIndex(max(combo.findData(self.mapping.get(index, IGNORE)), 0))
            combo.setAccessibleName(f"Field for column {header or index + 1}")
            combo.activated.connect(lambda _i, column=index, box=combo: self.set_field(column, box.currentData()))
            title = QLabel(header or f"(column {index + 1})", self.columns_box)
            title.setBuddy(combo)
            hint = QLabel(example[:24], self.columns_box)
            hint.setStyleSheet("color: palette(mid)")
            hint.setToolTip(example)
            self.columns_grid.addWidget(title, index, 0)
            self.columns_grid.addWidget(combo, index, 1)
            self.columns_grid.addWidget(hint, index, 2)
            self.column_combos.append(combo)

    def set_field(self, column: int, field: str) -> None:
        """Put ``field`` in ``column``; a column that held the same field before is ignored from now on."""
        self.mapping = set_column(self.mapping, column, field)
        for index, combo in enumerate(self.column_combos):
            combo.setCurrentIndex(max(combo.findData(self.mapping.get(index, IGNORE)), 0))
        self.refresh()

    def _build_sectors(self) -> None:
        self._clear(self.sectors_grid)
        preview = self.preview
        self.sectors_box.setVisible(bool(preview and preview.unknown_sectors))
        if not preview:
            return
        for row, name in enumerate(preview.unknown_sectors):
            combo = QComboBox(self.sectors_box)
            combo.addItem(CREATE, None)
            for sector_id, existing in preview.sector_names.items():
                combo.addItem(f"File under {existing}", sector_id)
            combo.setCurrentIndex(max(combo.findData(self.sector_choices.get(name)), 0))
            combo.setAccessibleName(f"Sector {name}")
            combo.activated.connect(lambda _i, sector=name, box=combo: self.choose_sector(sector, box.currentData()))
            self.sectors_grid.addWidget(QLabel(name, self.sectors_box), row, 0)
            self.sectors_grid.addWidget(combo, row, 1)

    def choose_sector(self, name: str, sector_id: int | None) -> None:
        self.sector_choices[name] = sector_id
        self.refresh()

    # -- the preview -------------------------------------------------------------

    def refresh(self) -> None:
        if self.table is None:
            return
        try:
            self.preview = build_preview(self.session.store, self.session.visit_id, self.table, self.mapping,
                                         delegation=self.delegation_combo.currentText(),
                                         sector_choices=self.sector_choices)
        except RosterError as exc:
            self.preview = None
            self.preview_model.show(None)
            self.summary.setText(f"<span style='color:#b00020'>{_sentence(exc)}</span>")
            self.import_button.setEnabled(False)
            self._build_sectors()
            return
        self.preview_model.show(self.preview)
        for group in range(self.preview_model.rowCount()):
            # Group titles run across the row; the Row column stays narrow.
            self.preview_view.setFirstColumnSpanned(group, QModelIndex(), True)
        self.preview_view.expandAll()
        self.preview_view.resizeColumnToContents(1)
        self.preview_view.setColumnWidth(1, min(self.preview_view.columnWidth(1), 260))
        self._build_sectors()
        p = self.preview
        self.summary.setText(f"{self.table.source}: {len(p.new)} new, {len(p.changed)} to change, "
                             f"{len(p.unchanged)} already there, {len(p.problems)} with problems."
                             + (" " + " ".join(p.notes) if p.notes else ""))
        self.import_button.setEnabled(p.has_work)

    def accept(self) -> None:
        if self.preview is None or not self.preview.has_work:
            return
        command = ImportPeopleCommand(self.session, self.preview, self.path.name)

        def refused(why: str) -> None:
            tell_refused(f"Nothing was imported: {why}", "Import people", self)
            self.refresh()

        try:
            done = self.session.run(command, refused)
        except RosterError as exc:
            refused(str(exc))
            return
        if not done:
            return
        self.result = command.result
        self.settings.setValue(SETTINGS_KEY, json.dumps(merged(remembered(self.settings), self.table.headers,
                                                              self.mapping), ensure_ascii=False))
        super().accept()
