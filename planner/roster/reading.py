"""Read a roster file (CSV in any common delimiter and encoding, or .xlsx) into a plain table of text."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from planner.domain.text import first_control, one_line, strip_controls
from planner.roster.cells import QUOTE, cell_text, unneutralise
from planner.storage.bulk import collection_paused

DELIMITERS = ",;\t|"
# A roster of tens of thousands of people is a few megabytes; anything far larger is not one.
MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024  # what an .xlsx may hold once unzipped
MAX_ROWS = 200_000
# Spaces around a cell are typing noise; tabs and line breaks can be content (and round-trip).
PADDING = " \u00a0"
# Signatures of files people attach by mistake; each gets a message of its own.
SIGNATURES = [
    (b"\xd0\xcf\x11\xe0", "is an old Excel .xls (or other Office 97) file; save it as .xlsx or CSV first"),
    (b"%PDF", "is a PDF document, not a spreadsheet"),
    (b"\x89PNG", "is a PNG image, not a spreadsheet"),
    (b"\xff\xd8\xff", "is a JPEG image, not a spreadsheet"),
    (b"GIF8", "is a GIF image, not a spreadsheet"),
    (b"SQLite format 3", "is a database, not a spreadsheet"),
]


class RosterError(ValueError):
    """A roster file that cannot be read: the message names the file and the problem, on one line."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


@dataclass
class Table:
    """The cells of one sheet as text: a header and the rows below it, each with its row number in the file."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    source: str = ""  # "CSV, UTF-8, ';'" or "Excel, sheet 'Delegation'"
    sheets: list[str] = field(default_factory=list)
    sheet: str = ""


def read_table(path: str | Path, sheet: str | None = None) -> Table:
    """Read ``path`` (CSV or .xlsx, decided by content, not by name) into a Table."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES and path.is_file():
            raise RosterError(f"{path.name} is larger than {MAX_BYTES // 2**20} MB ({size // 2**20} MB); "
                              "it is not a delegation list")
        data = path.read_bytes()
    except FileNotFoundError:
        raise RosterError(f"there is no file {path}") from None
    except IsADirectoryError:
        raise RosterError(f"{path} is a folder, not a spreadsheet") from None
    except OSError as exc:
        raise RosterError(f"cannot read {path}: {exc.strerror or exc}") from None
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data, path.name, sheet)
    for signature, message in SIGNATURES:
        if data.startswith(signature):
            raise RosterError(f"{path.name} {message}")
    if sheet:
        raise RosterError(f"{path.name} is a CSV file; it has no sheets to choose from")
    return read_csv_bytes(data, path.name)


def decode(data: bytes, name: str = "the file") -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in (UTF-8 with or without BOM, UTF-16, Windows-1251...)."""
    from planner.roster.encodings import NotText
    from planner.roster.encodings import decode as guess

    try:
        return guess(data)
    except NotText as exc:
        raise RosterError(f"{name} is not a spreadsheet or a text file ({exc})") from None


def _cell(text: str) -> str:
    """A cell as the importer sees it: no control characters (a NUL must never reach the store), no padding."""
    return unneutralise(strip_controls(text).strip(PADDING))


def _cells(record: list[str]) -> list[str]:
    return [_cell(text) for text in record]


def _padding_only(record: list[str]) -> list[str]:
    """_cells for a file without control characters or quotes: only the padding to take off."""
    return [text.strip(PADDING) for text in record]


def _padding_and_quotes(record: list[str]) -> list[str]:
    """_cells for a file without control characters."""
    cells = [text.strip(PADDING) for text in record]
    return [unneutralise(text) if text[:1] == QUOTE else text for text in cells]


def _cleaner(text: str):
    """The cheapest function that makes a row's cells what _cell makes them, for this file's text.

    A roster of 50,000 people has 300,000 cells; two regular-expression calls
    each cost more than reading the file. Whether the text holds a control
    character or a quote at all is one search over the whole of it.
    """
    if first_control(text, breaks_allowed=True) is not None:
        return _cells
    return _padding_and_quotes if QUOTE in text else _padding_only


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls <= max(8, len(text[:20000]) // 200)


def _delimiter(sample: str) -> str:
    """The column separator: the csv module's Sniffer first, then the most consistent candidate."""
    try:
        found = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
        if found in DELIMITERS:
            return found
    except csv.Error:
        pass
    lines = [line for line in sample.splitlines() if line.strip()][:20]
    best, best_score = ",", 0
    for candidate in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=candidate)]
        if not counts or counts[0] < 2:
            continue
        score = sum(1 for c in counts if c == counts[0]) * counts[0]
        if score > best_score:
            best, best_score = candidate, score
    return best


@collection_paused()
def read_csv_bytes(data: bytes, name: str = "the file") -> Table:
    text, encoding = decode(data, name)
    if not _looks_like_text(text):
        raise RosterError(f"{name} is not a spreadsheet or a text file (it holds binary data)")
    delimiter = _delimiter(text[:20000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells = _cleaner(text)
    try:
        records = [(n, cells(record)) for n, record in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise RosterError(f"{name} is not a readable CSV file ({exc})") from None
    shown = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}[delimiter]
    return _table(records, name, f"CSV, {encoding}, {shown}-separated")


@collection_paused()
def read_xlsx(data: bytes, name: str = "the file", sheet: str | None = None) -> Table:
    """The chosen sheet of a workbook; a damaged workbook (zip, XML, cell references) is a RosterError."""
    try:
        return _read_xlsx(data, name, sheet)
    except RosterError:
        raise
    except Exception as exc:  # openpyxl, zipfile, zlib and the XML parser each fail their own way on damage
        raise RosterError(f"{name} is not an Excel .xlsx workbook, or it is damaged ({_damage(exc)})") from None


def _damage(exc: Exception) -> str:
    import zlib
    from xml.etree.ElementTree import ParseError

    if isinstance(exc, zipfile.BadZipFile):
        return "its zip archive is broken" + (": a part fails its checksum" if "CRC" in str(exc) else "")
    if isinstance(exc, zlib.error | EOFError):
        return "a part of its zip archive cannot be unpacked"
    if isinstance(exc, ParseError | SyntaxError):
        return "a sheet's XML is malformed"
    if isinstance(exc, KeyError):
        return "a part it needs is missing"
    return f"{type(exc).__name__}: {exc}"


def _read_xlsx(data: bytes, name: str, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    archive = zipfile.ZipFile(io.BytesIO(data))
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
        raise RosterError(f"{name} unpacks to more than {MAX_UNPACKED // 2**20} MB; it is not a delegation list")
    # data_only: a formula cell gives the value Excel last computed, never the formula.
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        names = list(book.sheetnames)
        if not names:
            raise RosterError(f"{name} has no sheets")
        chosen = sheet or names[0]
        if chosen not in names:
            raise RosterError(f"{name} has no sheet '{chosen}'; its sheets are: {', '.join(names)}")
        records = []
        for n, values in enumerate(book[chosen].iter_rows(values_only=True), start=1):
            if n > MAX_ROWS:
                raise RosterError(f"{name}: the sheet '{chosen}' has more than {MAX_ROWS} rows; "
                                  "it is not a delegation list")
            # Our own export writes text cells as text (never formulas); a
            # quoted cell from a CSV pasted into Excel still reads back the same.
            records.append((n, [_cell(cell_text(v)) for v in values]))
    finally:
        book.close()
    table = _table(records, name, f"Excel, sheet '{chosen}'")
    table.sheets, table.sheet = names, chosen
    return table


def _table(records: list[tuple[int, list[str]]], name: str, source: str) -> Table:
    from planner.roster.columns import guess_mapping

    filled = [(n, cells) for n, cells in records if any(cells)]
    if not filled:
        raise RosterError(f"{name} is empty")
    # Lists often open with a title ("Business delegation, December 2026") above the
    # header: the header is the first of the top rows with a column for the name.
    top = next((k for k, (_n, cells) in enumerate(filled[:10]) if "name" in guess_mapping(cells).values()), 0)
    (_, headers), body = filled[top], filled[top + 1:]
    width = max(len(headers), *(len(cells) for _, cells in body)) if body else len(headers)
    headers = headers + [""] * (width - len(headers))
    # A trailing separator on some rows adds a column that is empty everywhere: drop it.
    while width and not headers[width - 1] and not any(len(c) >= width and c[width - 1] for _, c in body):
        width -= 1
    headers = headers[:width]
    rows = [row if len(row[1]) == width else (row[0], (row[1] + [""] * width)[:width]) for row in body]
    return Table(headers, rows, source)
