"""No document depends on the computer's own time zone: the same visit prints the same anywhere."""

import os
import time
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from planner import reports
from planner.domain import model as m
from planner.storage.queries import documents as q

PRINTED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
# Far east and far west of UTC, and one with daylight saving.
MACHINE_ZONES = ["UTC", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"]
pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="the machine's zone is set through TZ and tzset")


@pytest.fixture
def machine_zone(monkeypatch):
    """Set the computer's zone for the rest of the test (put back afterwards)."""
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()
    yield set_zone
    monkeypatch.undo()
    time.tzset()


def every_document(store, visit_id) -> list[str]:
    person = next(p for p in store.people(visit_id) if p.name == "Imran Khan")
    meeting = store.meetings(visit_id)[0]
    return [reports.programme(q.programme_data(store, visit_id, changes_since=1), printed_at=PRINTED).html,
            reports.agenda(q.agenda_data(store, meeting.id), printed_at=PRINTED).html,
            reports.itinerary(q.itinerary_data(store, person.id), printed_at=PRINTED).html,
            reports.delegation_list(q.delegation_list_data(store, visit_id), printed_at=PRINTED).html]


def test_an_all_day_change_is_reported_as_its_day_on_any_computer(demo, machine_zone):
    store, visit_id = demo
    store.clock = lambda: PRINTED
    store.issue_revision(visit_id)
    exhibition = m.Meeting(visit_id, "Exhibition", date(2026, 12, 14), date(2026, 12, 14), "Asia/Dushanbe")
    exhibition = store.insert(exhibition)
    exhibition = replace(exhibition, start=date(2026, 12, 15), end=date(2026, 12, 15))
    store.update(exhibition)
    seen = {}
    for name in MACHINE_ZONES:
        machine_zone(name)
        assert os.environ["TZ"] == name
        seen[name] = every_document(store, visit_id)
        assert "Meeting “Exhibition”: start now Tue 15 Dec, end now Tue 15 Dec" in seen[name][0]
    assert all(documents == seen["UTC"] for documents in seen.values())
