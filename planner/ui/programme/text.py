"""The programme's arithmetic and display text: days, minutes, lanes, snapping, block labels (no Qt)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from planner.domain.model import Meeting, MeetingStatus, Visit
from planner.domain.zones import day_of, elapsed, later, local, zone

SNAP_MINUTES = 5
# A day is drawn from 08:00 to 20:00 unless a meeting needs more: most
# official programmes fit, and a fixed frame keeps days comparable.
DEFAULT_FIRST_HOUR, DEFAULT_LAST_HOUR = 8, 20


@dataclass(frozen=True)
class BlockText:
    """What a meeting's block says and how it is marked."""

    time: str
    title: str
    venue: str
    struck: bool
    conflict: bool
    tooltip: str


def minute_of_day(moment: datetime, zone_name: str) -> int:
    here = local(moment, zone_name)
    return here.hour * 60 + here.minute


def snap(minutes: float, step: int = SNAP_MINUTES) -> int:
    """Round to the nearest ``step`` minutes (a drag lands on 10:05, never 10:03)."""
    return int(round(minutes / step)) * step


def programme_days(visit: Visit, meetings: Iterable[Meeting]) -> list[date]:
    """The visit's days, plus any day a meeting falls on outside them (so nothing is hidden)."""
    days = set(visit.days())
    days.update(day_of(m, visit.zone) for m in meetings)
    return sorted(days)


def hour_range(meetings: Iterable[Meeting], zone_name: str) -> tuple[int, int]:
    """First and last hour to draw: the default frame, widened to fit every timed meeting."""
    first, last = DEFAULT_FIRST_HOUR, DEFAULT_LAST_HOUR
    for meeting in meetings:
        if meeting.all_day:
            continue
        start = local(meeting.starts_at(), zone_name)
        end = local(meeting.ends_at(), zone_name)
        first = min(first, start.hour)
        if end.date() > start.date():
            last = 24
        else:
            last = max(last, end.hour + (1 if end.minute else 0))
    return first, min(last, 24)


def lanes(intervals: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Side-by-side placement for overlapping blocks: (lane, lanes in its cluster) per interval.

    Intervals are (start, end) minutes of one day; blocks that only touch
    (one ends as the next starts) share a lane.
    """
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], intervals[i][1]))
    result: list[tuple[int, int]] = [(0, 1)] * len(intervals)
    cluster: list[int] = []
    lane_ends: list[int] = []
    cluster_end = None

    def close() -> None:
        for i in cluster:
            result[i] = (result[i][0], len(lane_ends))

    for i in order:
        start, end = intervals[i]
        if cluster_end is not None and start >= cluster_end:
            close()
            cluster, lane_ends, cluster_end = [], [], None
        for lane, lane_end in enumerate(lane_ends):
            if lane_end <= start:
                lane_ends[lane] = end
                break
        else:
            lane = len(lane_ends)
            lane_ends.append(end)
        result[i] = (lane, 0)
        cluster.append(i)
        cluster_end = end if cluster_end is None else max(cluster_end, end)
    close()
    return result


def moved(meeting: Meeting, day: date, start_minute: int, zone_name: str) -> Meeting:
    """A copy of the meeting starting on ``day`` at ``start_minute`` (visit clock), same length.

    The result keeps the meeting's own zone, so its invite still reads in the
    zone it was planned in.
    """
    length = elapsed(meeting.starts_at(), meeting.ends_at())
    # The programme is drawn by the wall clock, so the minute of the day is a wall-clock minute.
    start = datetime.combine(day, time(), zone(zone_name)) + timedelta(minutes=start_minute)
    start = start.astimezone(zone(meeting.zone))
    return dataclasses.replace(meeting, start=start, end=later(start, length), exdates=meeting.exdates)


def time_span(meeting: Meeting, zone_name: str) -> str:
    if meeting.all_day:
        return "all day"
    start, end = local(meeting.starts_at(), zone_name), local(meeting.ends_at(), zone_name)
    # Not strftime: it imports a module at each call, and under the Qt binding's import hook that made
    # the labels of a day of 500 meetings cost 50 ms.
    return f"{start.hour:02d}:{start.minute:02d}–{end.hour:02d}:{end.minute:02d}"


def block_text(meeting: Meeting, zone_name: str, venue: str = "", conflicts: Sequence[str] = ()) -> BlockText:
    """The label of a meeting's block: time, title, venue; struck through when cancelled."""
    struck = meeting.status is MeetingStatus.CANCELLED
    where = venue or ("online" if meeting.online_link else "")
    span = time_span(meeting, zone_name)
    lines = [f"{span}  {meeting.title}"]
    if where:
        lines.append(where)
    lines.append(f"{meeting.kind} · {meeting.status}")
    lines += [f"⚠ {message}" for message in conflicts]
    return BlockText(span, meeting.title, where, struck, bool(conflicts), "\n".join(lines))


def day_heading(day: date, visit: Visit) -> str:
    """'Mon 14 Dec · day 1' inside the visit, 'Tue 08 Dec · before the visit' outside it."""
    text = day.strftime("%a %d %b")
    if day < visit.first_day:
        return f"{text} · before the visit"
    if day > visit.last_day:
        return f"{text} · after the visit"
    return f"{text} · day {(day - visit.first_day).days + 1}"
