"""Lays report HTML out with QTextDocument and paints it, page by page, into a PDF or onto a printer.

QtGui and QtPrintSupport only, never widgets: the command line prints with a
bare QGuiApplication and the window's preview dialog calls the same code.
"""

from __future__ import annotations

import bisect
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextTable,
)

if TYPE_CHECKING:  # the window registers the fonts at start-up without loading every report
    from planner.reports.common import PageFurniture, Report
    from planner.reports.pages import Page, TableSpan



def _fonts_dir() -> Path:
    """The bundled fonts: inside the package when installed from a wheel or frozen in the desktop bundle
    (planner/resources/fonts), else in resources/ at the top of a source checkout or editable install."""
    package = Path(__file__).resolve().parent
    candidates = [package / "resources" / "fonts", package.parent / "resources" / "fonts"]
    return next((c for c in candidates if any(c.glob("*.ttf"))), candidates[-1])


FONTS_DIR = _fonts_dir()
PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter, "A3": QPageSize.PageSizeId.A3}
# Millimetres around the text on a PDF, and the bands the header and footer take.
PDF_MARGINS_MM = QMarginsF(16, 10, 16, 10)
HEADER_MM, FOOTER_MM = 11.0, 11.0
BODY_POINTS, FURNITURE_POINTS = 9.5, 7.5
PDF_RESOLUTION = 600
MARKING_COLOUR = QColor("#8a0000")

_app: QGuiApplication | None = None
_registered: list[str] | None = None


class PrintError(Exception):
    """The document could not be written (folder missing, file not writable)."""


def ensure_app() -> QGuiApplication:
    """The running Qt application, or a bare offscreen QGuiApplication for headless printing."""
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    # Printing needs fonts, not a screen: a command run over SSH, or on a desktop
    # whose window-system plugin is missing a library, must still print.
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication(["visit-planner"])
    return _app


def register_fonts() -> list[str]:
    """Load the bundled fonts once; returns the families Qt now knows from them."""
    global _registered
    ensure_app()
    if _registered is None:
        families: list[str] = []
        for path in sorted(FONTS_DIR.glob("*.ttf")) + sorted(FONTS_DIR.glob("*.otf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families += QFontDatabase.applicationFontFamilies(font_id)
        _registered = sorted(set(families))
    return _registered


def default_paper() -> str:
    """Letter where the locale measures in inches (US), A4 everywhere else."""
    system = QLocale().measurementSystem()
    return "Letter" if system == QLocale.MeasurementSystem.ImperialUSSystem else "A4"


def document_font(points: float = BODY_POINTS, bold: bool = False) -> QFont:
    from planner.reports.common import ARABIC_FAMILY, LATIN_FAMILY

    font = QFont()
    # Families in order: Latin and Cyrillic from Noto Sans, Arabic script from Noto Naskh.
    font.setFamilies([LATIN_FAMILY, ARABIC_FAMILY])
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class _Geometry:
    """Where the header, body and footer go on a device's paintable area, in device pixels."""

    def __init__(self, device: QPagedPaintDevice):
        per_mm = device.logicalDpiY() / 25.4
        self.width = float(device.width())
        self.height = float(device.height())
        self.header = HEADER_MM * per_mm
        self.footer = FOOTER_MM * per_mm
        self.gap = 1.5 * per_mm
        self.body = QRectF(0, self.header, self.width, self.height - self.header - self.footer)


def layout(report: Report, device: QPagedPaintDevice) -> QTextDocument:
    """The report laid out as one long column the width of the device's body area.

    Pages are cut from it by paginate(), not by Qt: Qt's paged layout splits a table row line by line
    at a page break, and a protocol list must not. It is laid out once, at the device's resolution.
    """
    register_fonts()
    doc = QTextDocument()
    # Measure text with the device's own resolution so what we count is what prints.
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(document_font())
    doc.setDocumentMargin(0)
    doc.setTextWidth(_Geometry(device).body.width())
    # Qt drops a paragraph's glyphs after laying it out and shapes it again to paint it. It lays out as
    # it reads, but waits for the end of an edit block: every paragraph is first asked to keep them.
    reading = QTextCursor(doc)
    reading.beginEditBlock()
    doc.setHtml(report.html)
    block = doc.begin()
    while block.isValid():
        block.layout().setCacheEnabled(True)
        block = block.next()
    reading.endEditBlock()
    return doc


def _measure(doc: QTextDocument, tables: list[QTextTable]) -> tuple[list[list], list[float]]:
    """One walk over the document's blocks: each table row's extent (top of its first line, bottom of its
    last, None when it has no text), and the top of every line outside the tables, in document coordinates.

    A table keeps its cells row by row in the document, so a block's row is found by its position among
    the positions where the rows begin; no cursor is made (each costs Qt a search of the document).
    """
    layout = doc.documentLayout()
    spans = [(table.firstPosition(), table.lastPosition()) for table in tables]
    starts = [_row_starts(table) for table in tables]
    extents: list[list] = [[None] * table.rows() for table in tables]
    line_tops: list[float] = []
    current = 0  # the first table that does not end before this block
    block = doc.begin()
    while block.isValid():
        position = block.position()
        while current < len(spans) and position > spans[current][1]:
            current += 1
        rect = layout.blockBoundingRect(block)
        if current < len(spans) and position >= spans[current][0]:
            if rect.height() > 0:
                rows = extents[current]
                row = bisect.bisect_right(starts[current], position) - 1
                extent = rows[row]
                rows[row] = ((rect.top(), rect.bottom()) if extent is None
                             else (min(extent[0], rect.top()), max(extent[1], rect.bottom())))
        else:
            text_layout = block.layout()
            line_tops += [rect.top() + text_layout.lineAt(i).y() for i in range(text_layout.lineCount())] \
                or [rect.top()]
        block = block.next()
    return extents, line_tops


def _row_starts(table: QTextTable) -> list[int]:
    """Where each row's first cell begins; a row whose every cell spans down from above takes the start of
    the next row that has a cell of its own (or the table's end), so that no block is counted in it."""
    starts: list[int | None] = []
    for row in range(table.rows()):
        first = table.cellAt(row, 0)  # the row's first cell in the document, unless it spans from above
        if first.row() == row:
            starts.append(first.firstPosition())
        else:
            own = [cell.firstPosition() for cell in (table.cellAt(row, c) for c in range(table.columns()))
                   if cell.row() == row]
            starts.append(min(own) if own else None)
    following = table.lastPosition() + 1
    for row in reversed(range(len(starts))):
        following = starts[row] = following if starts[row] is None else starts[row]
    return starts


def _line_gaps(doc: QTextDocument, table: QTextTable, row: int) -> list[float]:
    """Heights in a row at which no cell has a line of text: where a too-tall row may be cut."""
    layout = doc.documentLayout()
    lines = []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        block = cell.firstCursorPosition().block()
        last = cell.lastCursorPosition().block().blockNumber()
        while block.isValid() and block.blockNumber() <= last:
            top = layout.blockBoundingRect(block).top()
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                lines.append((top + line.y(), top + line.y() + line.height()))
            block = block.next()
    return sorted({start for start, _end in lines if not any(a < start < b for a, b in lines)})


def _table(doc: QTextDocument, table: QTextTable, extents: list, height: float) -> TableSpan:
    frame = doc.documentLayout().frameBoundingRect(table)
    tall = [row for row, extent in enumerate(extents) if extent and extent[1] - extent[0] > height * 0.8]
    heads = table.format().headerRowCount()

    def between(row: int) -> float | None:  # the rule between row-1 and row
        above, below = extents[row - 1], extents[row]
        return None if above is None or below is None else (above[1] + below[0]) / 2

    head_end = between(heads) if 0 < heads < table.rows() else None
    cuts = []
    for row in range(max(heads, 0) + 1, table.rows()):
        spans_all = table.columns() > 1 and table.cellAt(row - 1, 0).columnSpan() == table.columns()
        cut = between(row)
        if cut is not None and not spans_all:  # a sector heading stays with its first row
            cuts.append(cut)
    # Qt reports a table's rectangle moved in by its rule and padding; the table starts at the
    # left edge of the column, so that shift is the rectangle's left. The outer rule goes with the head.
    device = doc.documentLayout().paintDevice()
    rule = table.format().border() * (device.logicalDpiY() / 96.0 if device else 1.0)
    shift = max(frame.left(), 0.0)
    top = frame.top() - shift - rule
    head = (top, head_end) if head_end else None
    last_resort = [gap for row in tall for gap in _line_gaps(doc, table, row)]
    from planner.reports.pages import TableSpan

    return TableSpan(top, frame.bottom() - shift, head, cuts, last_resort)


def paginate(doc: QTextDocument, height: float) -> list[Page]:
    """Cut the long column into pages of ``height``: between lines, before tables, or between table rows."""
    layout = doc.documentLayout()
    # Which blocks sit in a table is told by position (QTextCursor.currentTable() would hand back
    # None thousands of times, and PySide6 miscounts references to None on that path).
    frames = sorted((frame for frame in doc.rootFrame().childFrames() if isinstance(frame, QTextTable)),
                    key=lambda frame: frame.firstPosition())
    extents, line_tops = _measure(doc, frames)
    tables = [_table(doc, frame, rows, height) for frame, rows in zip(frames, extents, strict=True)]
    from planner.reports.pages import cut_pages

    return cut_pages(tables, line_tops, layout.documentSize().height(), height)


def render(report: Report, device: QPagedPaintDevice) -> int:
    """Paint every page with its header and footer onto a PDF writer or printer; returns the page count."""
    doc = layout(report, device)
    geometry = _Geometry(device)
    pages = paginate(doc, geometry.body.height())
    grazed = _table_ends(doc)
    furniture = _Furniture(report.furniture, geometry, device)
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the printer or file could not be opened for writing")
    try:
        for number, page in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            y = geometry.body.top()
            if page.head:
                y += _paint_slice(painter, doc, geometry, *page.head, y, grazed)
            _paint_slice(painter, doc, geometry, page.top, page.bottom, y, grazed)
            furniture.paint(painter, number, len(pages))
    finally:
        painter.end()
    return len(pages)


def _table_ends(doc: QTextDocument) -> list[tuple[float, float]]:
    """Where each table's last line ends, and where the rectangle Qt keeps for it ends, a little lower."""
    layout = doc.documentLayout()
    device = layout.paintDevice()
    ends = []
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            # Qt's rectangle is moved down and in by the rule and padding, as in _table().
            rect = layout.frameBoundingRect(frame)
            rule = frame.format().border() * (device.logicalDpiY() / 96.0 if device else 1.0)
            ends.append((rect.bottom() - max(rect.left(), 0.0) - rule, rect.bottom()))
    return ends


def _paint_slice(painter: QPainter, doc: QTextDocument, geometry: _Geometry, top: float, bottom: float,
                 at: float, grazed: list[tuple[float, float]] = ()) -> float:
    """Paint the column from ``top`` to ``bottom`` with its top at ``at``; returns the height painted.

    A slice that begins just under a table (a repeated head, a page opening on the next table) still
    meets the bottom of the rectangle Qt keeps for that table, and Qt then walks every row of it to find
    none to draw: on a long programme, most of the time printing took. Qt is asked to draw from below
    that rectangle; the painter's clip still shows the whole slice.
    """
    clip = QRectF(0, top, geometry.width, bottom - top)
    drawn_from = max([top, *(kept for last_line, kept in grazed if last_line <= top < kept < bottom)])
    painter.save()
    painter.translate(0, at - top)
    painter.setClipRect(clip)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, drawn_from, geometry.width, bottom - drawn_from)
    doc.documentLayout().draw(painter, context)
    painter.restore()
    return bottom - top


class _Furniture:
    """The header and footer of every page: fonts, lines and texts worked out once for the document."""

    def __init__(self, furniture: PageFurniture, geometry: _Geometry, device: QPagedPaintDevice):
        self.font, self.bold = document_font(FURNITURE_POINTS), document_font(FURNITURE_POINTS, bold=True)
        metrics, width, gap = QFontMetricsF(self.font, device), geometry.width, geometry.gap
        header_line, footer_line = geometry.header - gap, geometry.body.bottom() + gap
        self.lines = [(QPointF(0, header_line), QPointF(width, header_line)),
                      (QPointF(0, footer_line), QPointF(width, footer_line))]
        self.header = QRectF(0, 0, width, header_line - gap / 2)
        self.footer = QRectF(0, footer_line + gap / 2, width, geometry.height - footer_line - gap / 2)
        self.pen = QPen(QColor("#000000"), max(1.0, device.logicalDpiY() / 300))
        elide = Qt.TextElideMode
        self.title = metrics.elidedText(furniture.title, elide.ElideRight, width * 0.55)
        self.document = metrics.elidedText(furniture.document, elide.ElideMiddle, width * 0.4)
        self.footer_left = metrics.elidedText(furniture.footer_left(), elide.ElideRight, width * 0.6)
        self.furniture = furniture

    def paint(self, painter: QPainter, page: int, pages: int) -> None:
        painter.save()
        painter.setPen(self.pen)
        for start, end in self.lines:
            painter.drawLine(start, end)
        painter.setFont(self.font)
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        bottom, top = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignTop
        painter.drawText(self.header, left | bottom, self.title)
        painter.drawText(self.header, right | bottom, self.document)
        painter.drawText(self.footer, left | top, self.footer_left)
        painter.drawText(self.footer, right | top, self.furniture.footer_right(page, pages))
        if self.furniture.marking:
            # The marking stands above the header and below the footer, as on any classified paper.
            painter.setFont(self.bold)
            painter.setPen(MARKING_COLOUR)
            painter.drawText(self.header, Qt.AlignmentFlag.AlignHCenter | top, self.furniture.marking)
            painter.drawText(self.footer, Qt.AlignmentFlag.AlignHCenter | bottom, self.furniture.marking)
        painter.restore()


def page_layout(paper: str, landscape: bool = False) -> QPageLayout:
    if paper not in PAPERS:
        raise PrintError(f"unknown paper size '{paper}'; use {' or '.join(PAPERS)}")
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(PAPERS[paper]), orientation, PDF_MARGINS_MM, QPageLayout.Unit.Millimeter)


def write_pdf(report: Report, path: str | Path, paper: str = "A4") -> int:
    """Write the report as a PDF at ``path``; the file appears whole or not at all. Returns the page count."""
    target = Path(path)
    chosen = page_layout(paper, report.landscape)
    if not target.parent.is_dir():
        raise PrintError(f"cannot write {target}: the folder {target.parent} does not exist")
    if target.is_dir():
        raise PrintError(f"cannot write {target}: it is a folder")
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    ensure_app()
    try:
        pages = _write(report, partial, chosen)
        if not partial.exists() or partial.stat().st_size == 0:
            raise PrintError(f"cannot write {target}")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return pages


def _write(report: Report, partial: Path, chosen: QPageLayout) -> int:
    writer = QPdfWriter(str(partial))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(chosen)
    writer.setTitle(f"{report.furniture.document} — {report.furniture.title}")
    writer.setCreator("Visit Planner")
    pages = render(report, writer)
    del writer  # the writer finishes the file when it goes away
    return pages


def print_to(report: Report, printer) -> int:
    """Send the report to a QPrinter: a real printer, or the one the preview dialog paints on."""
    return render(report, printer)
