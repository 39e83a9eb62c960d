"""A visit whose meetings cross daylight-saving changes in four zones, with fixed UIDs for golden files."""

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.domain import model as m

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
# Real-world .ics files kept beside the tests (see corpus/README.md), so CI always runs them.
CORPUS = Path(__file__).resolve().parent / "corpus"
# Kept as a marker for the tests that read the corpus; it is part of the repository, so it never skips.
needs_corpus = pytest.mark.skipif(not (CORPUS / "clients").is_dir(), reason="tests/ical/corpus is missing")


def at(zone: str, *parts) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone))


@pytest.fixture
def zones_visit(store):
    """(store, ids) of a visit with meetings in Berlin, New York, Dushanbe and Karachi around the DST ends."""
    visit = m.Visit("Autumn consultations", m.VisitKind.WORKING, "TJ", "PK", date(2026, 10, 20),
                    date(2026, 11, 10), "Asia/Dushanbe", "Asia/Karachi")
    visit = store.insert(visit)
    vid = visit.id
    people = {
        "protocol": m.Person(vid, "Usman Ghani", honorific="Mr.", native_name="عثمان غنی",
                             email="protocol@mofa.gov.pk.example", precedence=20),
        "kabir": m.Person(vid, "Sherali Kabir", honorific="H.E. Mr.", native_name="Шерали Кабир",
                          email="minister@mint.tj.example", side=m.Side.HOST, precedence=3),
        "bakhtyar": m.Person(vid, "Makhdum Khusro Bakhtyar", honorific="H.E. Mr.", native_name="مخدوم خسرو بختیار",
                             email="minister.office@moip.gov.pk.example", precedence=3),
        "pm": m.Person(vid, "Imran Khan", honorific="H.E. Mr.", native_name="عمران خان", precedence=1),
        "observer": m.Person(vid, "Doe, Jane", honorific="Ms.", email="jane.doe@observer.example",
                             side=m.Side.OTHER, precedence=50),
    }
    people = {key: store.insert(person) for key, person in people.items()}
    venue = m.Venue(vid, "Hotel Adlon; Salon 2", "Unter den Linden 77", "Berlin")
    venue = store.insert(venue)
    sector = m.Sector(vid, "Mining", priority=True)
    other_sector = m.Sector(vid, "Textile")
    sector = store.insert(sector)
    other_sector = store.insert(other_sector)
    org = people["protocol"].id

    def meeting(key, title, start, end, zone, **extra):
        item = m.Meeting(vid, title, start, end, zone, uid=f"{key}@visit-planner.test", organiser_id=org,
                         status=extra.pop("status", m.MeetingStatus.CONFIRMED), **extra)
        item = store.insert(item)
        return item

    berlin = meeting("berlin", "Talks in Berlin, after the clocks change", at("Europe/Berlin", 2026, 10, 25, 10),
                     at("Europe/Berlin", 2026, 10, 25, 11), "Europe/Berlin", venue_id=venue.id,
                     online_link="https://meet.example.org/berlin?room=1;pin=2", notes="Bring the draft MoU.",
                     sector_id=sector.id)
    for key, role, reply in (("kabir", m.AttendeeRole.CHAIR, m.Reply.ACCEPTED),
                             ("bakhtyar", m.AttendeeRole.REQUIRED, m.Reply.NEEDS_ACTION),
                             ("pm", m.AttendeeRole.OPTIONAL, m.Reply.NEEDS_ACTION),
                             ("observer", m.AttendeeRole.OBSERVER, m.Reply.TENTATIVE)):
        store.add(m.Attendee(berlin.id, people[key].id, role, reply))
    store.add(m.AgendaItem(berlin.id, 1, "Opening remarks", 15, people["kabir"].id))
    store.add(m.AgendaItem(berlin.id, 2, "Rare metals; exploration licences, joint ventures", 45,
                           people["bakhtyar"].id))
    new_york = meeting("newyork", "Call in New York", at("America/New_York", 2026, 11, 1, 10),
                       at("America/New_York", 2026, 11, 1, 10, 30), "America/New_York", status=m.MeetingStatus.PLANNED)
    store.add(m.Attendee(new_york.id, people["bakhtyar"].id))
    store.add(m.AgendaItem(new_york.id, 1, "Textile quotas", 30, sector_id=other_sector.id))
    briefing = meeting("briefing", "Daily briefing in Berlin", at("Europe/Berlin", 2026, 10, 23, 8, 30),
                       at("Europe/Berlin", 2026, 10, 23, 9), "Europe/Berlin", recurrence="FREQ=DAILY;COUNT=5",
                       exdates=(at("Europe/Berlin", 2026, 10, 24, 8, 30),))
    store.add(m.Attendee(briefing.id, people["kabir"].id))
    lunch = meeting("lunch", "Lunch in Karachi", at("Asia/Karachi", 2026, 10, 28, 13), at("Asia/Karachi", 2026, 10, 28, 14),
                    "Asia/Karachi")
    store.add(m.Attendee(lunch.id, people["pm"].id))  # no one with an e-mail address
    arrival = meeting("arrival", "Arrival days in Dushanbe", date(2026, 10, 21), date(2026, 10, 22), "Asia/Dushanbe")
    store.add(m.Attendee(arrival.id, people["bakhtyar"].id))
    weekly = meeting("weekly", "Weekly call with New York", at("America/New_York", 2026, 10, 26, 9),
                     at("America/New_York", 2026, 10, 26, 9, 45), "America/New_York",
                     recurrence="FREQ=WEEKLY;UNTIL=20261110")
    store.add(m.Attendee(weekly.id, people["observer"].id))
    dushanbe = meeting("dushanbe", "Talks in Dushanbe", at("Asia/Dushanbe", 2026, 10, 22, 10),
                       at("Asia/Dushanbe", 2026, 10, 22, 11), "Asia/Dushanbe")
    store.add(m.Attendee(dushanbe.id, people["kabir"].id))
    ids = {"visit": vid, **{k: p.id for k, p in people.items()}, "sector": sector.id, "textile": other_sector.id,
           "berlin": berlin.id, "newyork": new_york.id, "briefing": briefing.id, "lunch": lunch.id,
           "arrival": arrival.id, "weekly": weekly.id, "dushanbe": dushanbe.id, "venue": venue.id}
    return store, ids
