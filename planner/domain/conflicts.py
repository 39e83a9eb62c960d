"""Conflict detection: who or what is double-booked, and what does not fit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from planner.domain.intervals import Interval, overlapping_pairs
from planner.domain.model import AgendaItem, Attendee, Meeting, MeetingStatus, Person, Reply, Venue, Visit
from planner.domain.validation import Severity
from planner.domain.zones import instant


class ConflictKind(StrEnum):
    PERSON = "person double-booked"
    TRAVEL = "not enough travel time"
    VENUE = "venue double-booked"
    OUTSIDE_VISIT = "outside the visit"
    AGENDA_OVERRUN = "agenda overruns"


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    severity: Severity
    message: str
    meeting_ids: tuple[int, ...]
    person_id: int | None = None
    venue_id: int | None = None


def _interval(meeting: Meeting) -> Interval:
    return Interval(meeting.starts_at(), meeting.ends_at())


def outside_visit(meeting: Meeting, visit: Visit) -> bool:
    """Whether the meeting starts before the visit's first day or ends after its last (by instant)."""
    return (instant(meeting.starts_at()) < instant(visit.starts_at())
            or instant(meeting.ends_at()) > instant(visit.ends_at()))


@dataclass(frozen=True)
class _Names:
    """How a conflict names the people and venues it mentions, also those missing from the maps."""

    people: Mapping[int, Person]
    venues: Mapping[int, Venue]

    def person(self, person_id: int) -> str:
        person = self.people.get(person_id)
        return person.display_name if person else f"Person {person_id}"

    def venue(self, venue_id: int) -> str:
        venue = self.venues.get(venue_id)
        return venue.name if venue else f"Venue {venue_id}"


# A finding in progress: each next() does one small piece (a meeting, a venue, a person);
# the last one returns the conflicts (StopIteration.value).
Steps = Generator[None, None, list[Conflict]]


def find_conflicts(
    visit: Visit,
    meetings: Iterable[Meeting],
    attendees: Iterable[Attendee] = (),
    agenda: Mapping[int, list[AgendaItem]] | None = None,
    people: Mapping[int, Person] | None = None,
    venues: Mapping[int, Venue] | None = None,
    travel_minutes: Mapping[tuple[int, int], int] | None = None,
) -> list[Conflict]:
    """Every conflict in the visit, errors first, then by the earliest meeting involved.

    Cancelled meetings and declined attendees take part in nothing.
    """
    return finish(conflict_steps(visit, meetings, attendees, agenda, people, venues, travel_minutes))


def finish(steps: Steps) -> list[Conflict]:
    """Take every step at once; what the last one returns."""
    try:
        while True:
            next(steps)
    except StopIteration as done:
        return done.value


def conflict_steps(
    visit: Visit,
    meetings: Iterable[Meeting],
    attendees: Iterable[Attendee] = (),
    agenda: Mapping[int, list[AgendaItem]] | None = None,
    people: Mapping[int, Person] | None = None,
    venues: Mapping[int, Venue] | None = None,
    travel_minutes: Mapping[tuple[int, int], int] | None = None,
) -> Steps:
    """find_conflicts a piece at a time, so that a window can find a large visit's between its repaints.

    ``meetings`` and ``attendees`` are walked once, one item a step: they may be read lazily, a page at a time.
    """
    live: dict[int, Meeting] = {}
    for meeting in meetings:
        if meeting.status is not MeetingStatus.CANCELLED:
            live[meeting.id] = meeting
        yield
    names = _Names(people or {}, venues or {})
    spans = _Spans(live)
    found = yield from _venues_booked_twice(live, spans, names)
    found += yield from _people_booked_twice(live, spans, attendees, names, travel_minutes or {})
    found += yield from _outside_the_visit(live, visit)
    found += yield from _agendas_overrunning(live, agenda or {})
    keys = []
    for conflict in found:
        first = min(instant(live[m].starts_at()) for m in conflict.meeting_ids)
        keys.append((conflict.severity is not Severity.ERROR, first, conflict.kind, conflict.meeting_ids))
        yield
    return [found[n] for n in sorted(range(len(found)), key=keys.__getitem__)]


class _Spans(dict):
    """Each live meeting's interval, worked out the first time it is asked for."""

    def __init__(self, live: dict[int, Meeting]):
        super().__init__()
        self.live = live

    def __missing__(self, meeting_id: int) -> Interval:
        span = self[meeting_id] = _interval(self.live[meeting_id])
        return span


def _venues_booked_twice(live: dict[int, Meeting], spans: _Spans, names: _Names) -> Generator[None, None, list]:
    """A venue hosting two meetings at once is an error: rooms cannot be shared."""
    by_venue: dict[int, list[tuple[Interval, int]]] = defaultdict(list)
    for meeting in live.values():
        if meeting.venue_id is not None:
            by_venue[meeting.venue_id].append((spans[meeting.id], meeting.id))
        yield
    found = []
    for venue_id, booked in by_venue.items():
        found += [Conflict(ConflictKind.VENUE, Severity.ERROR,
                           f"{names.venue(venue_id)} is booked for '{live[a].title}' and '{live[b].title}' at the "
                           "same time.", (a, b), venue_id=venue_id)
                  for a, b in overlapping_pairs(booked)]
        yield
    return found


def _people_booked_twice(live: dict[int, Meeting], spans: _Spans, attendees: Iterable[Attendee], names: _Names,
                         travel_minutes: Mapping[tuple[int, int], int]) -> Generator[None, None, list]:
    """Each person due in two places at once, or without the time to get from one venue to the next."""
    by_person: dict[int, list[int]] = defaultdict(list)
    for attendee in attendees:
        if attendee.meeting_id in live and attendee.reply is not Reply.DECLINED:
            by_person[attendee.person_id].append(attendee.meeting_id)
        yield
    found = []
    for person_id, meeting_ids in by_person.items():
        yield
        if len(meeting_ids) < 2:
            continue
        booked = [(spans[mid], mid) for mid in set(meeting_ids)]
        clashing = set()
        for a, b in overlapping_pairs(booked):
            clashing.add(frozenset((a, b)))
            found.append(Conflict(
                ConflictKind.PERSON, Severity.WARNING,
                f"{names.person(person_id)} is due at '{live[a].title}' and '{live[b].title}' at the same time.",
                (a, b), person_id=person_id,
            ))
        if travel_minutes:
            found += _travel_too_short(person_id, booked, clashing, live, names, travel_minutes)
    return found


def _travel_too_short(person_id: int, booked: list[tuple[Interval, int]], clashing: set, live: dict[int, Meeting],
                      names: _Names, travel_minutes: Mapping[tuple[int, int], int]) -> list[Conflict]:
    """Between one person's meetings that follow each other at different venues: is there time to drive?"""
    found = []
    ordered = sorted(booked, key=lambda pair: pair[0].start)
    for (first, a), (second, b) in zip(ordered, ordered[1:]):
        if frozenset((a, b)) in clashing:
            continue
        va, vb = live[a].venue_id, live[b].venue_id
        if va is None or vb is None or va == vb:
            continue
        needed = travel_minutes.get((va, vb), travel_minutes.get((vb, va)))
        if needed is not None and first.gap_to(second) < timedelta(minutes=needed):
            gap = int(first.gap_to(second).total_seconds() // 60)
            found.append(Conflict(
                ConflictKind.TRAVEL, Severity.WARNING,
                f"{names.person(person_id)} has {gap} min to get from {names.venue(va)} to "
                f"{names.venue(vb)} between '{live[a].title}' and '{live[b].title}'; the drive takes {needed} min.",
                (a, b), person_id=person_id,
            ))
    return found


def _outside_the_visit(live: dict[int, Meeting], visit: Visit) -> Generator[None, None, list]:
    found = []
    for meeting in live.values():
        if outside_visit(meeting, visit):
            found.append(Conflict(ConflictKind.OUTSIDE_VISIT, Severity.WARNING,
                                  f"'{meeting.title}' falls outside the visit ({visit.first_day:%d %b} to "
                                  f"{visit.last_day:%d %b %Y}).", (meeting.id,)))
        yield
    return found


def _agendas_overrunning(live: dict[int, Meeting], agenda: Mapping[int, list[AgendaItem]]
                         ) -> Generator[None, None, list]:
    found = []
    for meeting_id, items in agenda.items():
        yield
        meeting = live.get(meeting_id)
        if meeting is None:
            continue
        total = sum(max(i.duration_minutes, 0) for i in items)
        length = meeting.duration_minutes()
        if total > length:
            found.append(Conflict(
                ConflictKind.AGENDA_OVERRUN, Severity.WARNING,
                f"The agenda of '{meeting.title}' runs {total} min in a {length} min meeting.",
                (meeting_id,),
            ))
    return found
