"""Venues: name, address, city, capacity and notes; travel times between them in minutes (one way implies the other)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from planner.domain.model import Venue
from planner.domain.validation import validate_venue
from planner.storage.changes import Changes
from planner.storage.queries.setup import meetings_at_venue, venue_rows
from planner.storage.visit_setup import replace_travel_times
from planner.ui.people.delegations_dialog import confirm
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


def travel_rows(times: dict[tuple[int, int], int], names: dict[int, str]) -> list[tuple[tuple[int, int], list[str]]]:
    """One row per pair of venues: 'both ways' when only one direction is given."""
    rows = []
    for (a, b), minutes in sorted(times.items(), key=lambda t: (names.get(t[0][0], ""), names.get(t[0][1], ""))):
        both = (b, a) not in times
        rows.append(((a, b), [names.get(a, "?"), names.get(b, "?"), str(minutes), "both ways" if both else "this way"]))
    return rows


class VenuesDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Venues and travel times")
        self.setAccessibleName("Venues and travel times")
        self.resize(900, 640)
        self.model = RowsModel(["Venue", "City", "Address", "Capacity", "Meetings"], self)
        self.view = table(self.model, "Venues of the visit")
        for column, width in ((0, 220), (1, 110), (2, 240), (3, 70)):
            self.view.setColumnWidth(column, width)
        self.name_edit, self.address_edit, self.city_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.name_edit.setAccessibleName("Venue name")
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(0, 100000)
        self.capacity_spin.setSpecialValueText("not known")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setMaximumHeight(54)
        self.notes_edit.setTabChangesFocus(True)
        self.save_button, self.new_button = QPushButton("&Save venue"), QPushButton("&New venue")
        self.delete_button = QPushButton("&Delete venue…")
        self.message = message_line()
        form = QFormLayout()
        for label, widget in (("Na&me", self.name_edit), ("&Address", self.address_edit), ("&City", self.city_edit),
                              ("Ca&pacity", self.capacity_spin), ("N&otes", self.notes_edit)):
            form.addRow(label, widget)
        form.addRow("", self.message)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.new_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self._travel_box(), 1)
        layout.addWidget(close)
        self.save_button.clicked.connect(self.save_venue)
        self.new_button.clicked.connect(self.start_new)
        self.delete_button.clicked.connect(self.delete_venue)
        self.set_time_button.clicked.connect(self.set_travel_time)
        self.remove_time_button.clicked.connect(self.remove_travel_time)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_current())
        session.changed.connect(self._on_changed)
        self.reload()
        self.start_new() if not self.model.objects else self.view.selectRow(0)

    def _travel_box(self) -> QGroupBox:
        box = QGroupBox("Travel times (the Conflicts panel checks that people have time to get from one venue to "
                        "the next)")
        self.travel_model = RowsModel(["From", "To", "Minutes", ""], self)
        self.travel_view = table(self.travel_model, "Travel times between venues")
        self.travel_view.setColumnWidth(0, 220)
        self.travel_view.setColumnWidth(1, 220)
        self.from_combo, self.to_combo = QComboBox(), QComboBox()
        self.from_combo.setAccessibleName("Travel from")
        self.to_combo.setAccessibleName("Travel to")
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(0, 24 * 60)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Travel minutes")
        self.set_time_button, self.remove_time_button = QPushButton("Se&t"), QPushButton("&Remove")
        self.travel_message = message_line()
        row = QHBoxLayout()
        for widget in (QLabel("From"), self.from_combo, QLabel("to"), self.to_combo, self.minutes_spin,
                       self.set_time_button, self.remove_time_button):
            row.addWidget(widget)
        layout = QVBoxLayout(box)
        layout.addWidget(self.travel_view)
        layout.addLayout(row)
        layout.addWidget(self.travel_message)
        return box

    # -- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        wanted = self.current_venue()
        visit_id = self.session.visit_id
        rows = venue_rows(self.session.store.db, visit_id) if visit_id is not None else []
        self.model.set_rows([r.id for r in rows], [[r.name, r.city, r.address, "" if r.capacity is None
                                                    else str(r.capacity), str(r.meetings)] for r in rows])
        names = {r.id: r.name for r in rows}
        self.times = self.session.store.travel_times(visit_id) if visit_id is not None else {}
        pairs = travel_rows(self.times, names)
        self.travel_model.set_rows([p for p, _t in pairs], [t for _p, t in pairs])
        for combo in (self.from_combo, self.to_combo):
            chosen = combo.currentData()
            combo.clear()
            for venue_id, name in names.items():
                combo.addItem(name, venue_id)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
        if wanted is not None:
            select_where(self.view, lambda i: i == wanted.id)
        self._show_current()

    def _on_changed(self, changes) -> None:
        if changes.touches("venues", "travel_times", "meetings"):
            self.reload()

    def current_venue(self) -> Venue | None:
        venue_id = current(self.view) if self.view.selectionModel().hasSelection() else None
        return self.session.store.get(Venue, venue_id) if venue_id is not None else None

    def _show_current(self) -> None:
        venue = self.current_venue()
        self.delete_button.setEnabled(venue is not None)
        if venue is None:
            return
        self.name_edit.setText(venue.name)
        self.address_edit.setText(venue.address)
        self.city_edit.setText(venue.city)
        self.capacity_spin.setValue(venue.capacity or 0)
        self.notes_edit.setPlainText(venue.notes)
        self.save_button.setText("&Save venue")

    # -- venues ------------------------------------------------------------------------------

    def start_new(self) -> None:
        self.view.clearSelection()
        self.view.setCurrentIndex(self.model.index(-1, 0))
        for edit in (self.name_edit, self.address_edit, self.city_edit):
            edit.clear()
        self.capacity_spin.setValue(0)
        self.notes_edit.clear()
        self.save_button.setText("&Add venue")
        self.name_edit.setFocus()

    def save_venue(self) -> bool:
        before = self.current_venue()
        fields = dict(name=self.name_edit.text().strip(), address=self.address_edit.text().strip(),
                      city=self.city_edit.text().strip(), capacity=self.capacity_spin.value() or None,
                      notes=self.notes_edit.toPlainText().strip())
        venue = replace(before, **fields) if before else Venue(self.session.visit_id, **fields)
        problems = validate_venue(venue)
        if problems:
            say(self.message, " ".join(p.message for p in problems))
            return False
        if before is not None:
            return before == venue or write_step(self.session, f"Edit venue '{venue.name}'",
                                                 lambda store: store.update(venue), self.message)
        made = {}

        def add(store) -> Changes:
            changes = store.add(venue)
            made["id"] = new_id(changes, "venues")
            return changes
        ok = write_step(self.session, f"Add venue '{venue.name}'", add, self.message)
        if ok:
            select_where(self.view, lambda i: i == made["id"])
        return ok

    def delete_venue(self) -> bool:
        venue = self.current_venue()
        if venue is None:
            return False
        meetings = meetings_at_venue(self.session.store.db, venue.id)
        text = f"Delete the venue '{venue.name}'?"
        if meetings:
            listed = "\n".join(f"• {title}" for title in meetings[:8]) + ("\n…" if len(meetings) > 8 else "")
            text += f"\n\n{len(meetings)} meeting{'s' if len(meetings) != 1 else ''} will have no venue:\n{listed}"
        text += "\n\nIts travel times go with it. Edit ▸ Undo puts everything back."
        if not confirm(self, "Delete venue", text):
            return False
        ok = write_step(self.session, f"Delete venue '{venue.name}'", lambda store: store.delete(venue).changes,
                        self.message)
        if ok and not self.model.objects:
            self.start_new()
        return ok

    # -- travel times ---------------------------------------------------------------------------

    def set_travel_time(self) -> bool:
        a, b, minutes = self.from_combo.currentData(), self.to_combo.currentData(), self.minutes_spin.value()
        if a is None or b is None or a == b:
            say(self.travel_message, "Choose two different venues.")
            return False
        times = {**self.times, (a, b): minutes}
        name = f"{self.from_combo.currentText()} – {self.to_combo.currentText()}"
        return write_step(self.session, f"Travel time {name}",
                          lambda store: replace_travel_times(store, self.session.visit_id, times), self.travel_message)

    def remove_travel_time(self) -> bool:
        pair = current(self.travel_view) if self.travel_view.selectionModel().hasSelection() else None
        if pair is None:
            say(self.travel_message, "Choose the travel time to remove first.")
            return False
        times = {k: n for k, n in self.times.items() if k != pair}
        return write_step(self.session, "Remove travel time",
                          lambda store: replace_travel_times(store, self.session.visit_id, times), self.travel_message)
