"""Generated B2B instances of any size, for the tests and the benchmark (seeded, so the same every run)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from planner.b2b.model import Company, Interpreters, MeetingRequest, Priority
from planner.b2b.problem import Busy, Problem, Session
from planner.domain.model import Side

ZONE = ZoneInfo("Asia/Dushanbe")
PRIORITIES = [Priority.MUST] * 2 + [Priority.SHOULD] * 3 + [Priority.COULD] * 5


def sessions(count: int, slots: int, tables: int, *, slot_minutes: int = 20, max_per_company: int | None = None,
             interpreters: tuple[Interpreters, ...] = ()) -> list[Session]:
    """``count`` sessions on successive afternoons, 14:00 onwards, at the same venue (id 1)."""
    found = []
    for n in range(count):
        start = datetime(2026, 12, 15 + n, 14, 0, tzinfo=ZONE)
        times = tuple((start + timedelta(minutes=slot_minutes * t), start + timedelta(minutes=slot_minutes * (t + 1)))
                      for t in range(slots))
        found.append(Session(1000 + n, f"B2B session {n + 1}", times, tuple(str(t + 1) for t in range(tables)),
                             max_per_company, interpreters, None, 1))
    return found


def instance(companies: int, requests: int, *, session_count: int = 2, slots: int = 10, tables: int = 40,
             busy_share: float = 0.2, mutual_share: float = 0.15, seed: int = 1,
             max_per_company: int | None = None, shared_representatives: int = 0,
             interpreters: tuple[Interpreters, ...] = (), popularity: float = 0.6) -> Problem:
    """Half the companies on each side; requests between sides; some representatives busy in other meetings."""
    rng = random.Random(seed)
    the_sessions = sessions(session_count, slots, tables, max_per_company=max_per_company,
                            interpreters=interpreters)
    found: dict[int, Company] = {}
    people: dict[int, str] = {}
    languages: dict[int, tuple[str, ...]] = {}
    busy: dict[int, list[Busy]] = {}
    person = 0
    for n in range(1, companies + 1):
        side = Side.GUEST if n % 2 else Side.HOST
        reps = []
        for _ in range(rng.choice((1, 1, 2))):
            person += 1
            people[person] = f"Person {person}"
            languages[person] = ("Urdu", "English") if side == Side.GUEST else ("Tajik", "Russian", "English")
            reps.append(person)
            if rng.random() < busy_share:
                session = rng.choice(the_sessions)
                first = rng.randrange(len(session.slots))
                last = min(len(session.slots) - 1, first + rng.randrange(1, 4))
                busy[person] = [Busy(session.slots[first][0], session.slots[last][1], f"Site visit {person}", 2)]
        found[n] = Company(1, f"Company {n}", side=side, sector_ids=(rng.randrange(6),), person_ids=tuple(reps))
    for _ in range(shared_representatives):
        a, b = rng.sample(range(1, companies + 1), 2)
        shared = found[a].person_ids[0]
        found[b] = Company(1, found[b].name, side=found[b].side, sector_ids=found[b].sector_ids,
                           person_ids=found[b].person_ids + (shared,), id=None)
    found = {k: Company(c.visit_id, c.name, side=c.side, sector_ids=c.sector_ids, person_ids=c.person_ids, id=k)
             for k, c in found.items()}
    guests = [c for c in found if found[c].side == Side.GUEST]
    hosts = [c for c in found if found[c].side == Side.HOST]
    asked: set[tuple[int, int]] = set()
    made: list[MeetingRequest] = []
    # Some companies are wanted by many (the big buyers, the state combines): popularity falls off with rank.
    guest_weights = [1 / (n + 1) ** popularity for n in range(len(guests))]
    host_weights = [1 / (n + 1) ** popularity for n in range(len(hosts))]
    while len(made) < requests:
        a, b = rng.choices(guests, guest_weights)[0], rng.choices(hosts, host_weights)[0]
        if rng.random() < 0.5:
            a, b = b, a
        if (a, b) in asked:
            continue
        asked.add((a, b))
        made.append(MeetingRequest(1, a, b, rng.choice(PRIORITIES), id=len(made) + 1))
        if rng.random() < mutual_share and (b, a) not in asked and len(made) < requests:
            asked.add((b, a))
            made.append(MeetingRequest(1, b, a, rng.choice(PRIORITIES), id=len(made) + 1))
    return Problem(found, made, the_sessions, people, languages, busy, {(1, 2): 15})
