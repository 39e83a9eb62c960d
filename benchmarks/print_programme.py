"""Benchmark: a 500-meeting programme to PDF, as a ratio against a bare QTextDocument layout of the same HTML.

Run from the project root: python benchmarks/print_programme.py [--meetings 500] [--repeat 3]
The baseline lays the same HTML out in pages with nothing else (no fonts
registered, no rows kept whole, no painting), so the ratio shows what
printing adds on top of Qt's own layout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
            store.add(meeting)
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


def timed(action, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--paper", choices=sorted(printing.PAPERS), default="A4")
    args = parser.parse_args()

    store, visit_id = big_visit(args.meetings)
    printing.ensure_app()
    printing.register_fonts()
    report_seconds, report = timed(lambda: reports.programme(documents.programme_data(store, visit_id)), args.repeat)
    baseline, bare_pages = timed(lambda: bare_layout(report.html, args.paper), args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "programme.pdf"
        printed, pages = timed(lambda: printing.write_pdf(report, target, args.paper), args.repeat)
        size = target.stat().st_size
    print(f"programme of {len(store.meetings(visit_id))} meetings, {args.paper}, median of {args.repeat} runs")
    print(f"  HTML from the store           {report_seconds:7.3f} s  ({len(report.html) / 1024:.0f} KiB)")
    print(f"  bare QTextDocument layout     {baseline:7.3f} s  ({bare_pages} pages)  [baseline]")
    print(f"  print to PDF                  {printed:7.3f} s  ({pages} pages, {size / 1024:.0f} KiB)")
    print(f"  ratio print / bare layout     {printed / baseline:7.2f}")


if __name__ == "__main__":
    main()
