from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.intervals import Interval, free_slots, overlapping_pairs, union

BASE = datetime(2026, 12, 14, tzinfo=UTC)


@st.composite
def intervals(draw):
    start = draw(st.integers(0, 24 * 60))
    length = draw(st.integers(0, 6 * 60))
    return Interval(BASE + timedelta(minutes=start), BASE + timedelta(minutes=start + length))


def minutes_covered(items):
    covered = set()
    for i in items:
        start = int((i.start - BASE).total_seconds() // 60)
        end = int((i.end - BASE).total_seconds() // 60)
        covered.update(range(start, end))
    return covered


def test_touching_intervals_do_not_overlap():
    a = Interval(BASE, BASE + timedelta(hours=1))
    b = Interval(BASE + timedelta(hours=1), BASE + timedelta(hours=2))
    assert not a.overlaps(b)
    assert a.overlaps(Interval(BASE + timedelta(minutes=59), BASE + timedelta(hours=2)))


def test_an_interval_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Interval(BASE, BASE - timedelta(minutes=1))


def test_overlap_compares_instants_across_zones():
    from zoneinfo import ZoneInfo

    dushanbe = datetime(2026, 12, 14, 10, tzinfo=ZoneInfo("Asia/Dushanbe"))  # 05:00 UTC
    berlin = datetime(2026, 12, 14, 6, 30, tzinfo=ZoneInfo("Europe/Berlin"))  # 05:30 UTC
    assert Interval(dushanbe, dushanbe + timedelta(hours=1)).overlaps(Interval(berlin, berlin + timedelta(hours=1)))


@given(intervals(), intervals())
def test_overlap_is_symmetric_and_matches_shared_minutes(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    assert a.overlaps(b) == bool(minutes_covered([a]) & minutes_covered([b]))


@given(st.lists(intervals(), max_size=12))
def test_union_is_disjoint_sorted_and_covers_the_same_time(items):
    merged = union(items)
    assert minutes_covered(merged) == minutes_covered(items)
    for first, second in zip(merged, merged[1:]):
        assert first.end < second.start


@given(intervals(), st.lists(intervals(), max_size=10))
def test_free_slots_are_exactly_the_uncovered_part_of_the_window(window, busy):
    slots = free_slots(window, busy)
    assert minutes_covered(slots) == minutes_covered([window]) - minutes_covered(busy)
    for slot in slots:
        assert window.start <= slot.start and slot.end <= window.end
        assert not any(slot.overlaps(b) for b in busy)


@given(st.lists(intervals(), max_size=15))
def test_sweep_finds_every_overlapping_pair(items):
    keyed = list(enumerate(items))
    found = {frozenset(p) for p in overlapping_pairs([(i, k) for k, i in keyed])}
    expected = {frozenset((k1, k2)) for k1, a in keyed for k2, b in keyed if k1 < k2 and a.overlaps(b)}
    assert found == expected


def test_free_slots_respect_a_minimum_length():
    window = Interval(BASE, BASE + timedelta(hours=4))
    busy = [Interval(BASE + timedelta(minutes=10), BASE + timedelta(hours=2))]
    assert free_slots(window, busy, minimum=timedelta(minutes=30)) == [
        Interval(BASE + timedelta(hours=2), BASE + timedelta(hours=4))
    ]
