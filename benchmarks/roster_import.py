"""Benchmark: import a roster of 1,000 / 10,000 / 50,000 rows, against Python's csv module reading the same file.

The import is what an officer waits for: reading the file, the preview and
writing it (one transaction with the change log). Each size runs alternately
with the baseline; the table gives wall-clock and CPU ratios beside the
figures recorded before the speed work. Below it, the phases of the import
and what the re-import preview, undo and redo cost.

Run from the project root: python benchmarks/roster_import.py [--rows 1000 10000 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row, alternate, growth, median, print_table  # noqa: E402

from planner.demo import build_demo  # noqa: E402
from planner.roster.apply import apply_import, redo_import, undo_import  # noqa: E402
from planner.roster.columns import guess_mapping  # noqa: E402
from planner.roster.preview import build_preview  # noqa: E402
from planner.roster.reading import read_table  # noqa: E402
from planner.storage.database import open_memory  # noqa: E402
from planner.storage.store import Store  # noqa: E402

SECTORS = ["Textile", "Mining", "Leather", "Food processing", "Pharmaceuticals", "Surgical equipment", "Aviation"]
# Recorded before the speed work (issue "Speed where officers wait"): seconds, ratio to csv.
BEFORE = {1000: "0.17 s (7)", 10000: "0.63 s (17)", 50000: "3.09 s (31)"}
AIM = 5.0


def write_roster(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["ФИО", "Должность", "Компания", "Отрасль", "E-mail", "Телефон"])
        for n in range(rows):
            writer.writerow([f"Участник Номер {n}", "Директор", f"Компания {n // 3}", SECTORS[n % len(SECTORS)],
                             f"person{n}@company{n // 3}.example", f"+992 37 {n:06d}"])


def read_with_csv(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return len(list(csv.reader(handle, delimiter=";")))


def empty_visit() -> tuple[Store, int]:
    store = Store(open_memory())
    return store, build_demo(store)


def import_roster(path: Path, target: tuple[Store, int]) -> object:
    """What the officer waits for: read, preview, write."""
    store, visit_id = target
    table = read_table(path)
    preview = build_preview(store, visit_id, table, guess_mapping(table.headers), delegation="Business")
    return apply_import(store, preview)


def phases(path: Path) -> dict[str, float]:
    """CPU seconds of each phase, and of what follows an import (the same file again, undo, redo)."""
    store, visit_id = empty_visit()
    times = {}

    def clock(name, action):
        started = time.process_time()
        result = action()
        times[name] = time.process_time() - started
        return result

    table = clock("read", lambda: read_table(path))
    preview = clock("preview", lambda: build_preview(store, visit_id, table, guess_mapping(table.headers),
                                                     delegation="Business"))
    result = clock("apply", lambda: apply_import(store, preview))
    assert result.count("people") == len(table.rows), result.summary()
    again = clock("re-import preview", lambda: build_preview(store, visit_id, read_table(path),
                                                             guess_mapping(table.headers), delegation="Business"))
    assert not again.new and not again.changed
    removed = clock("undo", lambda: undo_import(store, result))
    clock("redo", lambda: redo_import(store, result, removed))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows, details, ours_cpu = [], {}, []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.rows:
            path = Path(folder) / f"roster-{size}.csv"
            write_roster(path, size)
            targets = []  # a fresh visit for every import, built outside the timing

            def ours(path=path, targets=targets):
                return import_roster(path, targets.pop())

            for _ in range(args.repeat):
                targets.append(empty_visit())
            samples = alternate({"csv": lambda path=path: read_with_csv(path), "ours": ours}, args.repeat)
            rows.append(Row(f"roster import, {size:,} rows", median(samples["ours"]), median(samples["csv"]),
                            median(samples["ours"], cpu=True), median(samples["csv"], cpu=True),
                            before=BEFORE.get(size, "–"), aim=AIM))
            ours_cpu.append(median(samples["ours"], cpu=True))
            details[size] = phases(path)
    print_table(f"Roster import against Python's csv reading the same file (median of {args.repeat})", "csv",
                rows)
    print(f"\n{growth(args.rows, ours_cpu)}")
    print("\nPhases (CPU seconds, one run each):\n")
    names = list(next(iter(details.values())))
    print(f"| rows | {' | '.join(names)} |")
    print("|---" * (len(names) + 1) + "|")
    for size, times in details.items():
        print(f"| {size:,} | " + " | ".join(f"{times[n]:.3f}" for n in names) + " |")


if __name__ == "__main__":
    main()
