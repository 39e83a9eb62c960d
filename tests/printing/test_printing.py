"""Printed PDFs of the demo visit read back with pypdf: names, scripts, order, pages, paper and furniture."""

import os
import re
import sys
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from planner import printing, reports
from planner.demo import BUSINESS, HOST_BUSINESS, PEOPLE, build_demo
from planner.domain import model as m
from planner.storage.database import open_memory
from planner.storage.queries import documents
from planner.storage.store import Store
from tests.reports.test_reports import in_order
from tests.ui.test_qt_binding import NONE_IS_COUNTED

PRINTED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
ALL_PEOPLE = ([(p[2], p[3]) for p in PEOPLE] + [(c[2], c[3]) for cs in BUSINESS.values() for c in cs]
              + [(c[2], c[3]) for c in HOST_BUSINESS.values()])


def normal(text: str) -> str:
    """PDF text as words: ligatures and Arabic presentation forms folded, whitespace single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def has_native(text: str, name: str) -> bool:
    """Arabic script may come back in visual order (reversed); either way every letter must be there.

    Qt's PDF writer gives the lam-alef ligature glyph no Unicode text, so a
    name such as بلال is checked piece by piece around that one ligature.
    """
    pieces = [normal(piece) for piece in name.split("لا")]
    return all(piece in text or piece[::-1] in text for piece in pieces if piece.strip())


def pages_text(path) -> list[str]:
    return [normal(page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def printed(qapp, tmp_path_factory):
    """The demo's four documents as PDFs: name -> (path, pages, store, visit id)."""
    store = Store(open_memory())
    visit_id = build_demo(store)
    folder = tmp_path_factory.mktemp("pdf")
    pm = next(p for p in store.people(visit_id) if p.name == "Imran Khan")
    talks = next(x for x in store.meetings(visit_id) if x.title == "Delegation-level talks")
    made = {
        "agenda": reports.agenda(documents.agenda_data(store, talks.id), printed_at=PRINTED),
        "programme": reports.programme(documents.programme_data(store, visit_id), cancelled="mark",
                                       printed_at=PRINTED),
        "delegation": reports.delegation_list(documents.delegation_list_data(store, visit_id), printed_at=PRINTED),
        "itinerary": reports.itinerary(documents.itinerary_data(store, pm.id), printed_at=PRINTED),
    }
    out = {}
    for name, report in made.items():
        path = folder / f"{name}.pdf"
        out[name] = (path, printing.write_pdf(report, path), store, visit_id)
    return out


def test_delegation_list_has_every_name_in_every_script_in_precedence_order(printed):
    path, pages, store, visit_id = printed["delegation"]
    text = " ".join(pages_text(path))
    assert pages == len(PdfReader(path).pages) >= 2
    for name, native in ALL_PEOPLE:
        assert name in text, name
        assert has_native(text, native), native
    assert in_order(text, "Emomali Rahmon", "Kokhir Rasulzoda", "Sherali Kabir", "Ismatullo Nasredin",
                    "Farrukh Nazarov", "Dilshod Saidov", "Bakhtiyor Rahimov")
    assert in_order(text, "Imran Khan", "Makhdum Khusro Bakhtyar", "Sadia Rehman", "Tariq Mahmood",
                    "Ayesha Siddiqui", "Usman Ghani")
    assert has_native(text, "عمران خان") and "Эмомалӣ Раҳмон" in text


def test_programme_has_every_meeting_day_by_day(printed):
    path, pages, store, visit_id = printed["programme"]
    text = " ".join(pages_text(path))
    for meeting in store.meetings(visit_id):
        assert meeting.title in text, meeting.title
    assert in_order(text, "Tuesday 8 December 2026", "Monday 14 December 2026", "Tuesday 15 December 2026",
                    "Wednesday 16 December 2026", "Departure")
    assert in_order(text, "One-on-one meeting: Prime Minister and President", "H.E. Mr. Emomali Rahmon, "
                    "H.E. Mr. Imran Khan, Mr. Jamshed Alimov")


def test_agenda_and_itinerary_read_back(printed):
    agenda = " ".join(pages_text(printed["agenda"][0]))
    assert in_order(agenda, "Delegation-level talks", "Attendees: host side", "Emomali Rahmon", "Эмомалӣ Раҳмон",
                    "Kokhir Rasulzoda", "Attendees: guest side", "Imran Khan", "Makhdum Khusro Bakhtyar",
                    "Agenda", "Opening remarks by the President", "Border distribution channels", "Notes")
    assert has_native(agenda, "سعدیہ رحمان") and has_native(agenda, "عائشہ صدیقی")
    itinerary = " ".join(pages_text(printed["itinerary"][0]))
    assert in_order(itinerary, "Itinerary: H.E. Mr. Imran Khan", "Arrival and official welcome",
                    "Official banquet", "Pakistan-Tajikistan Business Forum", "Departure")
    assert has_native(itinerary, "عمران خان")


def test_header_and_footer_are_on_every_page(printed):
    for name, (path, pages, _store, _visit) in printed.items():
        texts = pages_text(path)
        assert len(texts) == pages
        for number, text in enumerate(texts, start=1):
            assert "Official visit of the Prime Minister of Pakistan to Tajikistan" in text, (name, number)
            assert f"Page {number} of {pages}" in text, (name, number)
            assert "Draft (not yet issued) · Printed 01 Dec 2026 14:30 Karachi" in text, (name, number)
            assert ("RESTRICTED" in text) == (name != "delegation"), (name, number)


def test_bundled_fonts_are_embedded(printed):
    reader = PdfReader(printed["delegation"][0])
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("NotoSans" in f for f in fonts) and any("NotoNaskhArabic" in f for f in fonts), fonts
    assert {"Noto Sans", "Noto Naskh Arabic"} <= set(printing.register_fonts())


def test_paper_sizes(qapp, demo, tmp_path):
    store, visit_id = demo
    report = reports.delegation_list(documents.delegation_list_data(store, visit_id))
    printing.write_pdf(report, tmp_path / "a4.pdf", "A4")
    printing.write_pdf(report, tmp_path / "letter.pdf", "Letter")
    a4 = PdfReader(tmp_path / "a4.pdf").pages[0].mediabox
    letter = PdfReader(tmp_path / "letter.pdf").pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    with pytest.raises(printing.PrintError, match="B5"):
        printing.write_pdf(report, tmp_path / "b5.pdf", "B5")


def long_agenda(store, visit_id, items: int) -> int:
    meeting = m.Meeting(visit_id, "Long working session", datetime(2026, 12, 15, 8, 0, tzinfo=store.visit(visit_id).tz),
                        datetime(2026, 12, 15, 23, 0, tzinfo=store.visit(visit_id).tz), "Asia/Dushanbe")
    meeting = store.insert(meeting)
    words = "cooperation in textile mining leather and pharmaceuticals across the border region"
    for n in range(1, items + 1):
        # Long enough to wrap over two or three lines, so that a cut row would show.
        store.add(m.AgendaItem(meeting.id, n, f"Item {n:03d}: {words} {words[: (n * 7) % 60]} end-{n:03d}", 5,
                               notes=f"Briefing note {n:03d}" if n % 3 == 0 else ""))
    return meeting.id


def test_a_hundred_item_agenda_spans_pages_and_loses_no_item_or_row(qapp, demo, tmp_path):
    store, visit_id = demo
    meeting_id = long_agenda(store, visit_id, 100)
    path = tmp_path / "long.pdf"
    pages = printing.write_pdf(reports.agenda(documents.agenda_data(store, meeting_id)), path)
    texts = pages_text(path)
    assert pages == len(texts) >= 4
    for n in range(1, 101):
        starts = [i for i, t in enumerate(texts) if f"Item {n:03d}:" in t]
        ends = [i for i, t in enumerate(texts) if f"end-{n:03d}" in t]
        assert len(starts) == 1 and starts == ends, f"item {n} is cut or lost: {starts} {ends}"
    # the column heads repeat on every page the table reaches
    assert all("Presenter" in t for t in texts[1:-1])


def test_no_table_row_straddles_a_page(qapp, demo):
    from PySide6.QtGui import QPdfWriter, QTextTable

    store, visit_id = demo
    meeting_id = long_agenda(store, visit_id, 60)
    writer = QPdfWriter(os.devnull)
    writer.setResolution(printing.PDF_RESOLUTION)
    writer.setPageLayout(printing.page_layout("Letter"))
    doc = printing.layout(reports.agenda(documents.agenda_data(store, meeting_id)), writer)
    height = printing._Geometry(writer).body.height()
    pages = printing.paginate(doc, height)
    assert len(pages) >= 3
    for page in pages:
        head = page.head[1] - page.head[0] if page.head else 0
        assert page.bottom - page.top + head <= height + 0.01
    checked = 0
    for table in [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]:
        for row in range(table.format().headerRowCount(), table.rows()):
            top, bottom = cell_by_cell_extent(doc, table, row)
            assert any(p.top <= top and bottom <= p.bottom for p in pages), f"row {row} is cut"
            checked += 1
    assert checked > 60


def cell_by_cell_extent(doc, table, row: int) -> tuple[float, float] | None:
    """The reference for printing._measure: a row's first line top and last line bottom, from a cursor at the
    start and end of each of its cells."""
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


TRICKY_TABLES = """<p>Before</p><table border="0"><thead><tr><th colspan="3">Caption</th></tr></thead>
<tr><td rowspan="2">spans two rows</td><td>b</td><td></td></tr><tr><td colspan="2">c<br/>c2<p>c3</p></td></tr>
<tr><td><table><tr><td>nested</td><td>nested too</td></tr></table></td><td>e</td><td>f</td></tr>
<tr><td rowspan="2">x</td><td rowspan="2">y</td><td rowspan="2">z</td></tr><tr></tr></table>
<p>Between<br/>two lines</p><table><tr><td>last</td></tr></table><p>After</p>"""


def test_one_walk_measures_each_row_as_cursors_in_its_cells_do(qapp, demo):
    from PySide6.QtGui import QPdfWriter, QTextTable

    store, visit_id = demo
    pm = next(p for p in store.people(visit_id) if p.name == "Imran Khan")
    made = [reports.programme(documents.programme_data(store, visit_id), cancelled="mark"),
            reports.delegation_list(documents.delegation_list_data(store, visit_id)),
            reports.itinerary(documents.itinerary_data(store, pm.id)),
            reports.agenda(documents.agenda_data(store, long_agenda(store, visit_id, 30)))]
    made.append(replace(made[0], html=TRICKY_TABLES))
    writer = QPdfWriter(os.devnull)
    writer.setResolution(printing.PDF_RESOLUTION)
    for report in made:
        doc = printing.layout(report, writer)
        tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
        extents, line_tops = printing._measure(doc, tables)
        assert extents == [[cell_by_cell_extent(doc, t, row) for row in range(t.rows())] for t in tables]
        outside = [b for b in _blocks(doc) if not any(t.firstPosition() <= b.position() <= t.lastPosition()
                                                        for t in tables)]
        assert line_tops == [doc.documentLayout().blockBoundingRect(b).top() + b.layout().lineAt(i).y()
                             for b in outside for i in range(b.layout().lineCount())]
    assert len(tables) == 2 and extents[0][5] is None and None not in extents[0][:5]  # the tricky one was read


def _blocks(doc):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_page_count_grows_with_content(qapp, demo, tmp_path):
    store, visit_id = demo
    before = printing.write_pdf(reports.programme(documents.programme_data(store, visit_id)), tmp_path / "before.pdf")
    tz = store.visit(visit_id).tz
    for n in range(40):
        store.add(m.Meeting(visit_id, f"Extra call {n}", datetime(2026, 12, 16, 14, 0, tzinfo=tz),
                            datetime(2026, 12, 16, 14, 30, tzinfo=tz), "Asia/Dushanbe"))
    after = printing.write_pdf(reports.programme(documents.programme_data(store, visit_id)), tmp_path / "after.pdf")
    assert after > before
    def agenda_of(items: int):
        return reports.agenda(documents.agenda_data(store, long_agenda(store, visit_id, items)))

    small = printing.write_pdf(agenda_of(5), tmp_path / "s.pdf")
    large = printing.write_pdf(agenda_of(50), tmp_path / "l.pdf")
    assert large > small


def test_an_unwritable_target_leaves_nothing_behind(qapp, demo, tmp_path):
    store, visit_id = demo
    report = reports.delegation_list(documents.delegation_list_data(store, visit_id))
    with pytest.raises(printing.PrintError, match="does not exist"):
        printing.write_pdf(report, tmp_path / "missing" / "d.pdf")
    existing = tmp_path / "keep.pdf"
    existing.write_bytes(b"old")
    with pytest.raises(printing.PrintError, match="folder"):
        printing.write_pdf(report, tmp_path)
    assert existing.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]


@NONE_IS_COUNTED
def test_printing_keeps_every_reference_to_none(qapp, demo, tmp_path):
    # PySide6 6.12.0 on CPython 3.11 drops a reference to None on each void call
    # (excluded in pyproject.toml); printing a programme makes thousands of them.
    store, visit_id = demo
    report = reports.programme(documents.programme_data(store, visit_id))
    before = sys.getrefcount(None)
    for n in range(3):
        printing.write_pdf(report, tmp_path / f"p{n}.pdf")
    assert sys.getrefcount(None) >= before - 5


def test_a_table_head_is_repeated_only_while_its_table_goes_on(qapp, demo, tmp_path):
    store, visit_id = demo
    pm = next(p for p in store.people(visit_id) if p.name == "Imran Khan")
    path = tmp_path / "itinerary.pdf"
    printing.write_pdf(reports.itinerary(documents.itinerary_data(store, pm.id)), path)
    days = ["Monday 14 December 2026", "Tuesday 15 December 2026", "Wednesday 16 December 2026"]
    for text in pages_text(path):
        shown = [day for day in days if day in text]
        # a page may end one day and begin the next, but never repeats a finished day's head
        assert len(shown) <= 2 and (len(shown) < 2 or text.index(shown[0]) < text.index(shown[1]))
        if len(shown) == 2:
            between = text[text.index(shown[0]):text.index(shown[1])]
            assert "Time Meeting Venue With" in between and between.count(" Karachi") >= 1, between[:200]


def test_a_row_taller_than_a_page_is_still_printed_whole(qapp, demo, tmp_path):
    from PySide6.QtGui import QPdfWriter

    store, visit_id = demo
    lunch = next(x for x in store.meetings(visit_id) if x.title == "Working lunch")
    lunch = replace(lunch, notes=" ".join(f"note{n:04d}" for n in range(1500)) + " last-note")
    store.update(lunch)
    path = tmp_path / "tall.pdf"
    pages = printing.write_pdf(reports.programme(documents.programme_data(store, visit_id)), path)
    # pypdf sometimes splits a word at a kerning gap ("n ote0455"), so compare without spaces
    text = "".join(pages_text(path)).replace(" ", "")
    assert pages >= 4
    assert all(f"note{n:04d}" in text for n in range(1500)) and "last-note" in text
    # every page cut falls between lines of text, never through one
    writer = QPdfWriter(os.devnull)
    writer.setResolution(printing.PDF_RESOLUTION)
    writer.setPageLayout(printing.page_layout("A4"))
    doc = printing.layout(reports.programme(documents.programme_data(store, visit_id)), writer)
    height = printing._Geometry(writer).body.height()
    cuts = [page.bottom for page in printing.paginate(doc, height)][:-1]
    lines = []
    block = doc.begin()
    while block.isValid():
        top = doc.documentLayout().blockBoundingRect(block).top()
        for i in range(block.layout().lineCount()):
            line = block.layout().lineAt(i)
            lines.append((top + line.y(), top + line.y() + line.height()))
        block = block.next()
    assert len(cuts) >= 3
    for cut in cuts:
        assert not [line for line in lines if line[0] + 0.5 < cut < line[1] - 0.5], cut
