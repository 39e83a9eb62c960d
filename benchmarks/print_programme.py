"""Benchmark: the programme of 100 / 500 / 2,000 meetings to PDF, against a bare QTextDocument layout of the same HTML.

Run from the project root: python benchmarks/print_programme.py [--meetings 100 500 2000] [--repeat 3]
The baseline lays the same HTML out in pages with nothing else (no fonts
registered, no rows kept whole, no painting), so the ratio shows what
printing adds on top of Qt's own layout. For reference, a second baseline
is Qt's own way to a PDF: QTextDocument.print_() onto a QPdfWriter of the
same resolution (Qt's pages, which split rows and repeat no headings).
Each size runs the three alternately.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import Row, alternate, growth, median, print_table  # noqa: E402

from planner import printing, reports  # noqa: E402
from planner.demo import build_demo  # noqa: E402
from planner.domain import model as m  # noqa: E402
from planner.storage.database import open_memory  # noqa: E402
from planner.storage.queries import documents  # noqa: E402
from planner.storage.store import Store  # noqa: E402


def big_visit(meetings: int) -> tuple[Store, int]:
    """The demo visit topped up to ``meetings`` meetings, each with a few attendees."""
    store = Store(open_memory())
    visit_id = build_demo(store)
    visit = store.visit(visit_id)
    people = [p.id for p in store.people(visit_id)]
    venues = [v.id for v in store.venues(visit_id)]
    days = visit.days()
    with store.atomic():
        for n in range(meetings - len(store.meetings(visit_id))):
            day = days[n % len(days)]
            start = datetime(day.year, day.month, day.day, 8, 0, tzinfo=visit.tz) + timedelta(minutes=15 * (n % 48))
            meeting = m.Meeting(visit_id, f"Working meeting {n + 1} on sector cooperation", start,
                                start + timedelta(minutes=45), visit.zone, m.MeetingKind.B2B,
                                venue_id=venues[n % len(venues)], status=m.MeetingStatus.CONFIRMED)
            meeting = store.insert(meeting)
            for k in range(4):
                store.add(m.Attendee(meeting.id, people[(n * 7 + k * 5) % len(people)]))
    return store, visit_id


def bare_layout(html: str, paper: str) -> int:
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    # The same printable area, in the screen pixels a bare document measures in.
    size = printing.page_layout(paper).paintRectPixels(96).size()
    doc = QTextDocument()
    doc.setPageSize(QSizeF(size.width(), size.height()))
    doc.setHtml(html)
    return doc.pageCount()


def qt_print(html: str, paper: str, target: Path) -> None:
    """Qt's own road to a PDF: the document paginated and painted by QTextDocument.print_()."""
    from PySide6.QtGui import QPdfWriter, QTextDocument

    writer = QPdfWriter(str(target))
    writer.setResolution(printing.PDF_RESOLUTION)
    writer.setPageLayout(printing.page_layout(paper))
    doc = QTextDocument()
    doc.setHtml(html)
    doc.print_(writer)
    del writer


# Recorded before the speed work (issue "Speed where officers wait"): seconds, ratio to the bare layout.
BEFORE = {100: "0.10 s (2.35)", 500: "0.64 s (2.71)", 2000: "4.60 s (4.13)"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--paper", choices=sorted(printing.PAPERS), default="A4")
    args = parser.parse_args()
    printing.ensure_app()
    printing.register_fonts()
    rows, ours_cpu, pages = [], [], {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.meetings:
            store, visit_id = big_visit(size)
            report = reports.programme(documents.programme_data(store, visit_id))
            ours_pdf, qt_pdf = Path(folder) / f"ours-{size}.pdf", Path(folder) / f"qt-{size}.pdf"
            samples = alternate({
                "bare": lambda report=report: bare_layout(report.html, args.paper),
                "qt": lambda report=report, target=qt_pdf: qt_print(report.html, args.paper, target),
                "ours": lambda report=report, target=ours_pdf, size=size: pages.__setitem__(
                    size, printing.write_pdf(report, target, args.paper)),
            }, args.repeat)
            rows.append(Row(f"programme to PDF, {size:,} meetings ({pages[size]} pages)", median(samples["ours"]),
                            median(samples["bare"]), median(samples["ours"], cpu=True),
                            median(samples["bare"], cpu=True), before=BEFORE.get(size, "–"), aim=1.5))
            rows.append(Row("  same, vs Qt's own QTextDocument.print_() to PDF", median(samples["ours"]),
                            median(samples["qt"]), median(samples["ours"], cpu=True), median(samples["qt"], cpu=True)))
            ours_cpu.append(median(samples["ours"], cpu=True))
    print_table(f"Programme to PDF ({args.paper}, median of {args.repeat}) against a bare QTextDocument layout of the "
                "same HTML", "baseline", rows)
    if len(args.meetings) > 1:
        print(f"\n{growth(args.meetings, ours_cpu)}")


if __name__ == "__main__":
    main()
