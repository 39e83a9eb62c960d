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
    assert report.html.count("<h2>") == 6 and "14:30–14:50" in report.html
    assert "Indus Loom Mills<br/>× Dushanbe Textile Combine" in report.html
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
