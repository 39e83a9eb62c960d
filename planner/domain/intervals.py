"""Interval logic for the whole application: overlap, union and free slots.

Intervals are half-open ``[start, end)`` so that a meeting ending at 10:00 does
not clash with one starting at 10:00. Endpoints may be any ordered values
(aware datetimes in practice). Aware datetimes are kept as UTC instants: Python
compares two times of one zone by their wall clocks, which is wrong across a
daylight-saving change and in the repeated hour (``fold``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True, order=True)
class Interval:
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if isinstance(value, datetime) and value.tzinfo is not None and value.tzinfo is not UTC:
                object.__setattr__(self, name, value.astimezone(UTC))
        if self.end < self.start:
            raise ValueError("an interval cannot end before it starts")

    @property
    def empty(self) -> bool:
        return self.start == self.end

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end and not (self.empty or other.empty)

    def gap_to(self, other: Interval) -> timedelta:
        """Time between the two intervals; zero when they touch or overlap."""
        if self.end <= other.start:
            return other.start - self.end
        if other.end <= self.start:
            return self.start - other.end
        return timedelta(0)

    def widened(self, before: timedelta = timedelta(0), after: timedelta = timedelta(0)) -> Interval:
        return Interval(self.start - before, self.end + after)


def overlaps(a: Interval, b: Interval) -> bool:
    return a.overlaps(b)


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge overlapping or touching intervals into a sorted disjoint list."""
    merged: list[Interval] = []
    for current in sorted(i for i in intervals if not i.empty):
        if merged and current.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, current.end))
        else:
            merged.append(current)
    return merged


def free_slots(window: Interval, busy: Iterable[Interval], minimum: timedelta = timedelta(0)) -> list[Interval]:
    """The parts of ``window`` not covered by ``busy``, at least ``minimum`` long."""
    slots: list[Interval] = []
    cursor = window.start
    for block in union(busy):
        if block.end <= window.start or block.start >= window.end:
            continue
        if block.start > cursor:
            slots.append(Interval(cursor, min(block.start, window.end)))
        cursor = max(cursor, block.end)
    if cursor < window.end:
        slots.append(Interval(cursor, window.end))
    return [s for s in slots if s.end - s.start >= minimum and not s.empty]


def overlapping_pairs(items: list[tuple[Interval, object]]) -> list[tuple[object, object]]:
    """Every pair of keys whose intervals overlap, found with a sweep over start times."""
    ordered = sorted(items, key=lambda pair: (pair[0].start, pair[0].end))
    pairs: list[tuple[object, object]] = []
    active: list[tuple[Interval, object]] = []
    for interval, key in ordered:
        active = [(i, k) for i, k in active if i.end > interval.start]
        for other_interval, other_key in active:
            if other_interval.overlaps(interval):
                pairs.append((other_key, key))
        active.append((interval, key))
    return pairs
