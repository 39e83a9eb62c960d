"""Spreadsheet cells that must never run as formulas, and the text they stand for."""

from __future__ import annotations

import re
from datetime import date, datetime, time

QUOTE = "'"
# Excel, LibreOffice and Google Sheets start a formula (or DDE) on = + - @ tab
# and carriage return. A value that already begins with quotes before one of
# them gets one more, so that reading back (removing exactly one) always
# returns the original text.
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")
_QUOTED = re.compile(r"^'+[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """The text as written to a CSV cell: a quote in front of anything a spreadsheet would evaluate."""
    return QUOTE + text if _NEEDS_QUOTE.match(text) else text


def unneutralise(text: str) -> str:
    """Undo neutralise(): the cell '=1+2 reads back as =1+2; other text is left alone."""
    return text[1:] if _QUOTED.match(text) else text


def keep_quotes(text: str) -> str:
    """The text as written to an .xlsx text cell: only quotes that unneutralise() would take get one more."""
    return QUOTE + text if _QUOTED.match(text) else text


def cell_text(value) -> str:
    """Any value a spreadsheet cell holds as the text the importer works with."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
