"""Lays report HTML out with QTextDocument and paints it, page by page, into a PDF or onto a printer.

QtGui and QtPrintSupport only, never widgets: the command line prints with a
bare QGuiApplication and the window's preview dialog calls the same code.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt
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
    QTextBlockFormat,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from planner.reports.common import ARABIC_FAMILY, LATIN_FAMILY, PageFurniture, Report

FONTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
# Millimetres around the text on a PDF, and the bands the header and footer take.
PDF_MARGINS_MM = QMarginsF(16, 10, 16, 10)
HEADER_MM, FOOTER_MM = 11.0, 11.0
BODY_POINTS, FURNITURE_POINTS = 9.5, 7.5
PDF_RESOLUTION = 600
MARKING_COLOUR = QColor("#8a0000")
SPACER = QTextFormat.Property.UserProperty.value + 1  # marks the blocks keep_rows_whole adds

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
    """The report laid out in pages the size of the device's body area."""
    register_fonts()
    geometry = _Geometry(device)
    doc = QTextDocument()
    # Measure text with the device's own resolution so what we count is what prints.
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(document_font())
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(geometry.body.width(), geometry.body.height()))
    doc.setHtml(report.html)
    keep_rows_whole(doc)
    return doc


def _row_extent(doc: QTextDocument, table: QTextTable, row: int) -> tuple[float, float] | None:
    """Top of the first line and bottom of the last line of a table row, in document coordinates."""
    layout = doc.documentLayout()
    top, bottom = None, None
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row or cell.column() != column:
            continue
        block = cell.firstCursorPosition().block()
        last = cell.lastCursorPosition().block().blockNumber()
        while block.isValid() and block.blockNumber() <= last:
            rect = layout.blockBoundingRect(block)
            if rect.height() > 0:
                top = rect.top() if top is None else min(top, rect.top())
                bottom = rect.bottom() if bottom is None else max(bottom, rect.bottom())
            block = block.next()
    return None if top is None else (top, bottom)


def _cut_row_top(doc: QTextDocument, table: QTextTable, row: int, page: float) -> float | None:
    """The top of ``row`` if a page break cuts it, or leaves it (a sector heading) alone at a page foot."""
    extent = _row_extent(doc, table, row)
    if extent is None:
        return None
    top, bottom = extent
    if bottom - top >= page * 0.9:
        return None  # taller than a page: it has to be cut somewhere
    if math.floor(top / page) != math.floor((bottom - 0.5) / page):
        return top
    spans_all = table.columns() > 1 and table.cellAt(row, 0).columnSpan() == table.columns()
    if spans_all and row + 1 < table.rows():
        following = _row_extent(doc, table, row + 1)
        if following and math.floor(top / page) != math.floor((following[1] - 0.5) / page):
            return top
    return None


def keep_rows_whole(doc: QTextDocument) -> int:
    """Move every table row that a page break would cut onto the next page; returns how many moved.

    Qt's rich text splits a row line by line at a page break. A protocol list
    must not: the name would sit on one page and the designation on the next.
    We make the row above taller (Qt does the same when it drops a row itself),
    or, for a table's first row, start the whole table on a new page, so that
    the head of the table never stands alone.
    """
    page = doc.pageSize().height()
    if page <= 0:
        return 0
    moved = 0
    frames = list(doc.rootFrame().childFrames())
    tables = []
    while frames:
        frame = frames.pop(0)
        if isinstance(frame, QTextTable):
            tables.append(frame)
        frames = list(frame.childFrames()) + frames
    for table in tables:
        heads = table.format().headerRowCount()
        for row in range(heads, table.rows()):
            for _attempt in range(4):
                top = _cut_row_top(doc, table, row, page)
                if top is None:
                    break
                if row == heads:
                    table_format = table.format()
                    table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    table.setFormat(table_format)
                else:
                    _grow_row(doc, table, row - 1, (math.floor(top / page) + 1) * page - top)
                moved += 1
    return moved


def _grow_row(doc: QTextDocument, table: QTextTable, row: int, extra: float) -> None:
    """Make a row taller by about ``extra`` document units with an empty spacer line in its first cell."""
    # A spacer block, because Qt ignores the bottom margin of a cell's last block.
    # Qt scales line heights from 96 dpi to the device, so undo that here.
    device = doc.documentLayout().paintDevice()
    scale = device.logicalDpiY() / 96.0 if device is not None else 1.0
    cursor = table.cellAt(row, 0).lastCursorPosition()
    block_format = cursor.blockFormat()
    fixed = QTextBlockFormat.LineHeightTypes.FixedHeight.value
    if block_format.property(SPACER):
        block_format.setLineHeight(block_format.lineHeight() + extra / scale + 1, fixed)
        cursor.setBlockFormat(block_format)
        return
    spacer = QTextBlockFormat()
    spacer.setProperty(SPACER, True)
    spacer.setLineHeight(extra / scale + 1, fixed)
    cursor.insertBlock(spacer)


def render(report: Report, device: QPagedPaintDevice) -> int:
    """Paint every page with its header and footer onto a PDF writer or printer; returns the page count."""
    doc = layout(report, device)
    geometry = _Geometry(device)
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the printer or file could not be opened for writing")
    try:
        for index in range(pages):
            if index:
                device.newPage()
            _paint_body(painter, doc, geometry, index)
            _paint_furniture(painter, report.furniture, geometry, index + 1, pages, device)
    finally:
        painter.end()
    return pages


def _paint_body(painter: QPainter, doc: QTextDocument, geometry: _Geometry, index: int) -> None:
    page_height = doc.pageSize().height()
    clip = QRectF(0, index * page_height, geometry.width, page_height)
    painter.save()
    painter.translate(0, geometry.body.top() - index * page_height)
    painter.setClipRect(clip)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    doc.documentLayout().draw(painter, context)
    painter.restore()


def _paint_furniture(painter: QPainter, furniture: PageFurniture, geometry: _Geometry, page: int, pages: int,
                     device: QPagedPaintDevice) -> None:
    font = document_font(FURNITURE_POINTS)
    metrics = QFontMetricsF(font, device)
    width, gap = geometry.width, geometry.gap
    header_line = geometry.header - gap
    footer_line = geometry.body.bottom() + gap
    header = QRectF(0, 0, width, header_line - gap / 2)
    footer = QRectF(0, footer_line + gap / 2, width, geometry.height - footer_line - gap / 2)
    painter.save()
    painter.setPen(QPen(QColor("#000000"), max(1.0, device.logicalDpiY() / 300)))
    painter.drawLine(QPointF(0, header_line), QPointF(width, header_line))
    painter.drawLine(QPointF(0, footer_line), QPointF(width, footer_line))
    painter.setFont(font)
    left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
    bottom, top = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignTop
    painter.drawText(header, left | bottom, metrics.elidedText(furniture.title, Qt.TextElideMode.ElideRight,
                                                               width * 0.55))
    painter.drawText(header, right | bottom, metrics.elidedText(furniture.document, Qt.TextElideMode.ElideMiddle,
                                                                width * 0.4))
    painter.drawText(footer, left | top, metrics.elidedText(furniture.footer_left(), Qt.TextElideMode.ElideRight,
                                                            width * 0.6))
    painter.drawText(footer, right | top, furniture.footer_right(page, pages))
    if furniture.marking:
        # The marking stands above the header and below the footer, as on any classified paper.
        painter.setFont(document_font(FURNITURE_POINTS, bold=True))
        painter.setPen(MARKING_COLOUR)
        painter.drawText(header, Qt.AlignmentFlag.AlignHCenter | top, furniture.marking)
        painter.drawText(footer, Qt.AlignmentFlag.AlignHCenter | bottom, furniture.marking)
    painter.restore()


def page_layout(paper: str) -> QPageLayout:
    if paper not in PAPERS:
        raise PrintError(f"unknown paper size '{paper}'; use {' or '.join(PAPERS)}")
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait, PDF_MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def write_pdf(report: Report, path: str | Path, paper: str = "A4") -> int:
    """Write the report as a PDF at ``path``; the file appears whole or not at all. Returns the page count."""
    target = Path(path)
    chosen = page_layout(paper)
    if not target.parent.is_dir():
        raise PrintError(f"cannot write {target}: the folder {target.parent} does not exist")
    if target.is_dir():
        raise PrintError(f"cannot write {target}: it is a folder")
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    ensure_app()
    try:
        writer = QPdfWriter(str(partial))
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(chosen)
        writer.setTitle(f"{report.furniture.document} — {report.furniture.title}")
        writer.setCreator("Visit Planner")
        pages = render(report, writer)
        del writer  # the writer finishes the file when it goes away
        if not partial.exists() or partial.stat().st_size == 0:
            raise PrintError(f"cannot write {target}")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return pages


def print_to(report: Report, printer) -> int:
    """Send the report to a QPrinter: a real printer, or the one the preview dialog paints on."""
    return render(report, printer)
