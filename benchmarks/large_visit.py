"""Build a very large visit for the benchmarks: 50,000 people and 10,000 meetings in one SQLite file.

Run alone to make the file: ``python benchmarks/large_visit.py /tmp/large.sqlite``. Rows go in with
sqlite-utils ``insert_all`` inside one transaction (the change log is left empty: this is set-up, not
user work), so building takes seconds, not the hours that one logged insert per row would.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.domain import model as m  # noqa: E402
from planner.storage.database import open_database  # noqa: E402
from planner.storage.rows import CODECS  # noqa: E402

ZONE = "Asia/Dushanbe"
SECTORS = ["Textile", "Mining", "Leather", "Food processing", "Pharmaceuticals", "Surgical equipment",
           "Construction", "Footwear", "Sports goods", "Automotive", "Mobile phone manufacturing",
           "Light engineering"]
GIVEN = ["Imran", "Ayesha", "Kamran", "Hina", "Faisal", "Sana", "Omer", "Nadia", "Bilal", "Saima", "Rustam",
         "Madina", "Sherzod", "Gulnora", "Firuz", "Anvar", "Farrukh", "Nigina", "Tariq", "Usman"]
FAMILY = ["Khan", "Qureshi", "Iqbal", "Javed", "Farooq", "Hussain", "Tariq", "Akhtar", "Davlatov", "Rasulova",
          "Umarov", "Safarova", "Nematov", "Kholov", "Nazarov", "Karimova", "Mahmood", "Ghani", "Baloch", "Butt"]
NATIVE = {"Khan": "خان", "Qureshi": "قریشی", "Davlatov": "Давлатов", "Rasulova": "Расулова", "Umarov": "Умаров"}
DESIGNATIONS = ["Chief Executive", "Managing Director", "Director", "Chairman", "Director Exports",
                "Deputy Minister", "Adviser", "Counsellor", "Head of Delegation", "Interpreter"]


def build(path: Path, people: int = 50_000, meetings: int = 10_000, days: int = 20, seed: int = 7) -> dict:
    """Write the large visit into a new database at ``path``; returns how many rows of each kind."""
    if path.exists():
        path.unlink()
    rng = random.Random(seed)
    db = open_database(path)
    first = date(2027, 3, 1)
    tz = ZoneInfo(ZONE)
    with db.atomic():  # one transaction for everything
        visit = m.Visit(title="Large benchmark visit", kind=m.VisitKind.STATE, host_country="TJ",
                        guest_country="PK", first_day=first, last_day=first + timedelta(days=days - 1), zone=ZONE,
                        home_zone="Asia/Karachi", id=1)
        db["visits"].insert(CODECS["visits"][0](visit))
        db["sectors"].insert_all(CODECS["sectors"][0](m.Sector(1, name, n < 6, id=n + 1))
                                 for n, name in enumerate(SECTORS))
        delegations = [
            m.Delegation(1, "Host delegation", m.DelegationKind.HOST, m.Side.HOST, id=1),
            m.Delegation(1, "Official delegation", m.DelegationKind.OFFICIAL, m.Side.GUEST, id=2),
            m.Delegation(1, "Guest business delegation", m.DelegationKind.BUSINESS, m.Side.GUEST, id=3),
            m.Delegation(1, "Host business community", m.DelegationKind.BUSINESS, m.Side.HOST, id=4),
        ]
        db["delegations"].insert_all(CODECS["delegations"][0](d) for d in delegations)
        person_rows, member_rows = [], []
        for n in range(1, people + 1):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            side = m.Side.GUEST if n % 2 else m.Side.HOST
            person_rows.append(CODECS["people"][0](m.Person(
                visit_id=1, name=f"{given} {family} {n}", honorific=rng.choice(["Mr.", "Ms.", "Dr."]),
                native_name=NATIVE.get(family, ""), designation=rng.choice(DESIGNATIONS),
                organisation=f"Company {n % 2000}", country="PK" if side == m.Side.GUEST else "TJ", side=side,
                email=f"person{n}@example.org", precedence=rng.randint(1, 5000), id=n)))
            delegation = rng.choice([3, 3, 3, 4, 4, 2, 1]) if side == m.Side.GUEST else rng.choice([1, 4, 4])
            if delegation == 2 and side == m.Side.HOST:
                delegation = 1
            business = delegation in (3, 4)
            member_rows.append(CODECS["delegation_members"][0](m.DelegationMember(
                delegation_id=delegation, person_id=n, role=m.MemberRole.MEMBER,
                sector_id=rng.randint(1, len(SECTORS)) if business else None,
                company=f"Company {n % 2000}" if business else "", id=n)))
        db["people"].insert_all(person_rows, batch_size=5000)
        db["delegation_members"].insert_all(member_rows, batch_size=5000)
        venue_count = max(meetings // (days * 3), 1)
        db["venues"].insert_all(CODECS["venues"][0](m.Venue(1, f"Hall {n}", city="Dushanbe", id=n))
                                for n in range(1, venue_count + 1))
        meeting_rows, attendee_rows = [], []
        slots = ["09:00", "11:00", "14:30", "16:30"]
        for n in range(1, meetings + 1):
            day = first + timedelta(days=(n - 1) % days)
            hours, minutes = (int(x) for x in rng.choice(slots).split(":"))
            start = datetime(day.year, day.month, day.day, hours, minutes, tzinfo=tz)
            meeting = m.Meeting(visit_id=1, title=f"B2B session {n}", start=start,
                                end=start + timedelta(minutes=rng.choice([30, 45, 60, 90])), zone=ZONE,
                                kind=m.MeetingKind.B2B, venue_id=rng.randint(1, venue_count),
                                status=m.MeetingStatus.CANCELLED if n % 50 == 0 else m.MeetingStatus.CONFIRMED,
                                sector_id=rng.randint(1, len(SECTORS)), uid=f"bench-{n}@visit-planner", id=n)
            meeting_rows.append(CODECS["meetings"][0](meeting))
            for person_id in rng.sample(range(1, people + 1), 3):
                attendee_rows.append({"meeting_id": n, "person_id": person_id, "role": "required",
                                      "reply": "accepted"})
        db["meetings"].insert_all(meeting_rows, batch_size=2000)
        db["attendees"].insert_all(attendee_rows, batch_size=5000)
    db.execute("ANALYZE")
    counts = {table: db[table].count for table in ("people", "delegation_members", "meetings", "attendees", "venues")}
    db.conn.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = build(args.path, args.people, args.meetings)
    print(f"built {args.path} in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{n} {table}" for table, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
