"""Benchmark: import a 10,000-row roster, timed against reading the same file with the csv module alone.

Run from the project root: python benchmarks/roster_import.py [ROWS] [REPEATS]
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.demo import build_demo  # noqa: E402
from planner.roster.apply import apply_import, redo_import, undo_import  # noqa: E402
from planner.roster.columns import guess_mapping  # noqa: E402
from planner.roster.preview import build_preview  # noqa: E402
from planner.roster.reading import read_table  # noqa: E402
from planner.storage.database import open_memory  # noqa: E402
from planner.storage.store import Store  # noqa: E402

SECTORS = ["Textile", "Mining", "Leather", "Food processing", "Pharmaceuticals", "Surgical equipment", "Aviation"]


def write_roster(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["ФИО", "Должность", "Компания", "Отрасль", "E-mail", "Телефон"])
        for n in range(rows):
            writer.writerow([f"Участник Номер {n}", "Директор", f"Компания {n // 3}", SECTORS[n % len(SECTORS)],
                             f"person{n}@company{n // 3}.example", f"+992 37 {n:06d}"])


def baseline(path: Path) -> float:
    started = time.perf_counter()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) > 1
    return time.perf_counter() - started


def phases(path: Path) -> dict[str, float]:
    store = Store(open_memory())
    visit_id = build_demo(store)
    times = {}
    started = time.perf_counter()
    table = read_table(path)
    times["read"] = time.perf_counter() - started
    started = time.perf_counter()
    preview = build_preview(store, visit_id, table, guess_mapping(table.headers), delegation="Business")
    times["preview"] = time.perf_counter() - started
    started = time.perf_counter()
    result = apply_import(store, preview)
    times["apply"] = time.perf_counter() - started
    assert result.count("people") == len(table.rows), result.summary()
    # The same file again: everything matches and nothing is written.
    started = time.perf_counter()
    again = build_preview(store, visit_id, read_table(path), guess_mapping(table.headers), delegation="Business")
    times["re-import preview"] = time.perf_counter() - started
    assert not again.new and not again.changed
    # What Ctrl+Z and Ctrl+Shift+Z cost in the window after such an import.
    started = time.perf_counter()
    removed = undo_import(store, result)
    times["undo"] = time.perf_counter() - started
    started = time.perf_counter()
    redo_import(store, result, removed)
    times["redo"] = time.perf_counter() - started
    return times


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        write_roster(path, rows)
        base = statistics.median(baseline(path) for _ in range(max(repeats, 5)))
        runs = [phases(path) for _ in range(repeats)]
    total = statistics.median(sum(r[k] for k in ("read", "preview", "apply")) for r in runs)
    print(f"{rows} rows, median of {repeats} runs (csv.reader alone: {base * 1000:.1f} ms)")
    for key in runs[0]:
        value = statistics.median(r[key] for r in runs)
        print(f"  {key:<18} {value * 1000:8.1f} ms  {value / base:8.1f}x csv")
    print(f"  {'import (total)':<18} {total * 1000:8.1f} ms  {total / base:8.1f}x csv")


if __name__ == "__main__":
    main()
