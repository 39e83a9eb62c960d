"""Store.conflicts reads a person only when a conflict names them, and names them right."""

from datetime import datetime, timedelta

from planner.domain import model as m


def test_a_double_booked_person_is_named_and_no_one_else_is_read(store, visit, monkeypatch):
    start = datetime(2026, 12, 15, 10, 0, tzinfo=visit.tz)
    busy = store.insert(m.Person(visit.id, "Sherali Kabir", honorific="H.E. Mr."))
    others = [store.insert(m.Person(visit.id, f"Guest {n}")) for n in range(5)]
    for title in ("Talks", "Lunch"):
        meeting = store.insert(m.Meeting(visit.id, title, start, start + timedelta(hours=1), visit.zone))
        store.add_many([m.Attendee(meeting.id, busy.id), *(m.Attendee(meeting.id, o.id) for o in others[:1])])
    read = []
    real = store.person
    monkeypatch.setattr(store, "person", lambda person_id: read.append(person_id) or real(person_id))
    messages = [c.message for c in store.conflicts(visit.id) if c.person_id is not None]
    assert any(text.startswith("H.E. Mr. Sherali Kabir is due at") for text in messages)
    assert set(read) == {busy.id, others[0].id}  # the two people double-booked, not the other four
