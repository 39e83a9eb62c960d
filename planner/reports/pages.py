"""Where the pages of a long laid-out column are cut: between lines, before tables or between table rows.

Plain numbers in and out (document coordinates measured by planner.printing), so the rules can be read
and tested without Qt.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One printed page: a slice of the long column, under a repeated table head when a table goes on."""

    top: float
    bottom: float
    head: tuple[float, float] | None = None


@dataclass
class TableSpan:
    """Where a table lies in the column and where a page may end inside it."""

    top: float
    bottom: float
    head: tuple[float, float] | None  # the caption and column names, repeated on each further page
    cuts: list[float]  # where a page may end inside the table: between two body rows
    last_resort: list[float]  # between lines of a row taller than a page, where no cell has a line


def cut_pages(tables: list[TableSpan], line_tops: list[float], end: float, height: float) -> list[Page]:
    """Pages of ``height`` down to ``end``: each ends at the lowest cut that fits (a line outside the tables,
    a table's top, a rule between body rows), else between the lines of a row too tall for any page."""
    cuts = sorted([cut for table in tables for cut in table.cuts] + [table.top for table in tables] + line_tops)
    last_resort = sorted(gap for table in tables for gap in table.last_resort)
    pages: list[Page] = []
    top = 0.0
    while True:
        going_on = next((t for t in tables if t.head and t.head[1] < top < t.bottom), None)
        head = going_on.head if going_on else None
        room = height - (head[1] - head[0] if head else 0)
        if room < height / 3:  # a head too tall to repeat is left out rather than crowd out the rows
            head, room = None, height
        if top + room >= end:
            pages.append(Page(top, end, head))
            return pages
        bottom = best_cut(cuts, top, top + room) or best_cut(last_resort, top, top + room) or top + room
        pages.append(Page(top, bottom, head))
        top = bottom


def best_cut(cuts: list[float], top: float, limit: float) -> float | None:
    """The lowest cut on the page that starts at ``top`` and may reach down to ``limit``."""
    index = bisect.bisect_right(cuts, limit) - 1
    return cuts[index] if index >= 0 and cuts[index] > top + 1 else None
