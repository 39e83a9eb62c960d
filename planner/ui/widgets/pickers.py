"""Pickers shared by the forms: a country by name (its ISO code stored), an IANA zone, typed or chosen from a list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter

from planner.domain.countries import all_zones, countries, country, find_country


def _searchable(combo: QComboBox) -> None:
    """Typing any part of an entry offers the entries that contain it."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setMaxVisibleItems(16)


class CountryPicker(QComboBox):
    """A country from the list, found by any part of its name or by its code; ``code()`` is what is stored."""

    codeChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        _searchable(self)
        for each in countries():
            self.addItem(each.label, each.code)
        self.setCurrentIndex(-1)
        self.lineEdit().setPlaceholderText("Type a country: Tajikistan, Pakistan, TJ …")
        self.editTextChanged.connect(lambda _t: self.codeChanged.emit(self.code()))

    def code(self) -> str:
        """The ISO code of the country typed or chosen; what was typed, in capitals, when it is no country."""
        text = self.currentText().strip()
        found = find_country(text)
        return found.code if found else text.upper()

    def set_code(self, code: str) -> None:
        found = country(code)
        self.setCurrentIndex(self.findData(found.code) if found else -1)
        if found is None:
            self.setEditText(code)


class ZonePicker(QComboBox):
    """An IANA zone, typed or chosen; the zones that matter for this visit come first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        _searchable(self)
        self._first: list[str] = []
        self._fill()
        self.lineEdit().setPlaceholderText("Type a city: Dushanbe, Karachi …")

    def _fill(self) -> None:
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        for name in self._first:
            self.addItem(name, name)
        if self._first:
            self.insertSeparator(self.count())
        for name in all_zones():
            if name not in self._first:
                self.addItem(name, name)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)

    def offer_first(self, zones: list[str]) -> None:
        """Put these zones (the capitals of the host and guest countries) at the top of the list."""
        zones = list(dict.fromkeys(z for z in zones if z))
        if zones != self._first:
            self._first = zones
            self._fill()

    def zone(self) -> str:
        return self.currentText().strip()

    def set_zone(self, name: str) -> None:
        index = self.findData(name)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(name)
