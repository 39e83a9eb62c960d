"""The B2B documents from plain data: the hall plan grid and a company's own schedule."""

from dataclasses import replace

import pytest

from planner import reports
from planner.storage.queries.b2b import b2b_data


def test_the_hall_plan_has_a_row_per_table_and_a_column_per_slot(demo):
    store, visit_id = demo
    data = b2b_data(store, visit_id)
    report = reports.hall_plan(data)
    assert report.landscape and report.paper == ""  # three slots fit A4 across
    assert report.html.count("class=\"caption\"") == 6 and "14:30–14:50" in report.html
    assert "Indus Loom Mills<br/>× Dushanbe Textile Combine" in report.html
    # ruled between the slots as well as the rows; the tables' own column has no rule before it
    assert '<tr><td><b>1</b></td><td class="slot">' in report.html and '<th width="6%">Table</th>' in report.html
    assert '<th class="slot" width="31%">14:30–14:50</th>' in report.html
    assert report.facts["talks"] == len(data.talks)
    long_hall = replace(data.halls[data.sessions[0].id], slot_minutes=5)
    wide = replace(data, halls={**data.halls, data.sessions[0].id: long_hall})
    assert reports.hall_plan(wide).paper == "A3"


def test_a_company_schedule_names_counterparts_in_both_scripts_and_the_interpreter(demo):
    store, visit_id = demo
    report = reports.company_schedule(b2b_data(store, visit_id), "Punjab Agro Foods")
    assert "B2B schedule: Punjab Agro Foods" in report.html
    assert "Vakhsh Agro" in report.html and "Вахш Агро" in report.html
    assert "Mr. Firuz Nematov, Chairman" in report.html and "English–Russian" in report.html
    with pytest.raises(reports.NotFound, match="no company called"):
        reports.company_schedule(b2b_data(store, visit_id), "Nobody Ltd")


def test_a_company_calendar_holds_its_talks_for_both_sides_representatives(demo):
    from icalendar import Calendar

    from planner.b2b.calendar import company_calendar

    store, visit_id = demo
    data = b2b_data(store, visit_id)
    vakhsh = next(c for c in data.companies.values() if c.name == "Vakhsh Agro")
    calendar = Calendar.from_ical(company_calendar(data, vakhsh.id, {v.id: v for v in store.venues(visit_id)}))
    events = [e for e in calendar.walk("VEVENT")]
    assert len(events) == 3 and calendar["METHOD"] == "PUBLISH"
    assert all(str(e["SUMMARY"]).startswith("B2B: Vakhsh Agro – ") for e in events)
    assert str(events[0]["DTSTART"].dt.tzinfo) == "Asia/Dushanbe"
    assert len({str(e["UID"]) for e in events}) == 3
    again = Calendar.from_ical(company_calendar(data, vakhsh.id, {}))
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == {str(e["UID"]) for e in events}
