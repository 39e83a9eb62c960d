"""Storage fixtures: an empty visit in the in-memory store."""

from datetime import date

import pytest

from planner.domain import model as m


@pytest.fixture
def visit(store):
    visit = m.Visit("Visit", m.VisitKind.OFFICIAL, "TJ", "PK", date(2026, 12, 14), date(2026, 12, 16),
                    "Asia/Dushanbe", "Asia/Karachi")
    visit = store.insert(visit)
    return visit
