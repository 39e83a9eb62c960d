"""Shared pieces of the benchmarks: interleaved timing against a baseline, and the table they print.

Every benchmark runs the project and its baseline alternately in the same run
(a busy moment on a shared machine then hits both alike) and prints, for each
row, the figure the speed issue recorded before the work ("before"), the
figure now, the baseline's, and the ratios with the aim beside them.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # seconds of this process's CPU time


def measure(action: Callable[[], object]) -> tuple[Sample, object]:
    """Wall-clock and CPU time of one call; a collection first, so garbage left by the last run is not billed."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return Sample(time.perf_counter() - wall, time.process_time() - cpu), result


def alternate(cases: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[Sample]]:
    """Run each case ``repeat`` times, one of each in turn, so both see the same machine."""
    samples: dict[str, list[Sample]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, action in cases.items():
            samples[name].append(measure(action)[0])
    return samples


def median(samples: list[Sample], cpu: bool = False) -> float:
    return statistics.median(s.cpu if cpu else s.wall for s in samples) if samples else float("nan")


@dataclass
class Row:
    """One line of a result table; times in seconds (or any unit, as long as a row keeps to one)."""

    work: str
    ours: float
    baseline: float
    ours_cpu: float | None = None
    baseline_cpu: float | None = None
    before: str = "–"  # the figure recorded before the work, as the table gave it
    aim: float | None = None  # the ratio not to exceed
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("nan")

    @property
    def cpu_ratio(self) -> float | None:
        if self.ours_cpu is None or not self.baseline_cpu:
            return None
        return self.ours_cpu / self.baseline_cpu


def _figure(value: float, unit: str) -> str:
    if value != value:  # nan
        return "–"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.0f} {unit}"


def print_table(title: str, baseline_name: str, rows: list[Row]) -> None:
    """The table: work, before (the issue's figures), now, baseline, ratio now (CPU), aim and whether it holds."""
    print(f"\n{title}\n")
    header = f"| work | before (ratio) | now | {baseline_name} | ratio now (CPU) | aim |"
    print(header)
    print("|---|---|---|---|---|---|")
    for row in rows:
        ratio = f"{row.ratio:.2f}"
        if row.cpu_ratio is not None:
            ratio += f" ({row.cpu_ratio:.2f})"
        if row.aim is None:
            aim = ""
        else:
            # CPU time is steadier than the clock on a shared machine, so it decides where it is measured.
            held = (row.cpu_ratio if row.cpu_ratio is not None else row.ratio) <= row.aim
            aim = f"≤ {row.aim:g}: {'reached' if held else 'not yet'}"
        print(f"| {row.work} | {row.before} | {_figure(row.ours, row.unit)} | {_figure(row.baseline, row.unit)} "
              f"| {ratio} | {aim} |")


def growth(sizes: list[int], seconds: list[float]) -> str:
    """How the time per item changes from the smallest size to the largest: ~1.0 is linear."""
    first, last = seconds[0] / sizes[0], seconds[-1] / sizes[-1]
    return f"time per item from {sizes[0]:,} to {sizes[-1]:,}: ×{last / first:.2f} (1.0 is linear)"
