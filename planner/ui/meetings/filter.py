"""The meetings table's filter: free text, day, kind and status over the rows of MeetingsModel."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt


class MeetingsFilter(QSortFilterProxyModel):
    """Filter by free text (title, venue, kind, notes), day, kind and status; the source model sorts."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # Filtering again is decided in _source_changed: a repainted conflicts column must not
        # make the proxy filter 10,000 rows in Python.
        self.setDynamicSortFilter(False)
        self._text = ""
        self._day: date | None = None
        self._kind: str | None = None
        self._status: str | None = None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        # The proxy keeps the source's order; sorting there compares plain Python values.
        self.sourceModel().sort(column, order)

    def set_text(self, text: str) -> None:
        self._refilter("_text", text.strip().casefold())

    def set_day(self, day: date | None) -> None:
        self._refilter("_day", day)

    def set_kind(self, kind: str | None) -> None:
        self._refilter("_kind", kind or None)

    def set_status(self, status: str | None) -> None:
        self._refilter("_status", status or None)

    def _refilter(self, name: str, value) -> None:
        if getattr(self, name) != value:
            self._filter_again(lambda: setattr(self, name, value))

    def _filter_again(self, change=lambda: None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later: invalidateFilter is deprecated
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def setSourceModel(self, model) -> None:
        super().setSourceModel(model)
        model.dataChanged.connect(self._source_changed)

    def _source_changed(self, _top, _bottom, roles=()) -> None:
        # An edited meeting may now pass or fail the filter; new conflict counts (named roles) cannot.
        if not roles and self.is_filtering():
            self._filter_again()

    def is_filtering(self) -> bool:
        return bool(self._text or self._day or self._kind or self._status)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        return self.sourceModel().accepts(source_row, self._text, self._day, self._kind, self._status)
