"""Exporting rosters: precedence order, sectors, text that never runs as a formula, and a faithful round trip."""

import csv
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from planner.roster.apply import apply_import
from planner.roster.cells import keep_quotes, neutralise, unneutralise
from planner.roster.columns import guess_mapping
from planner.roster.export import export_people
from planner.roster.preview import build_preview
from planner.roster.reading import RosterError, read_table

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+992 37 221 00 00", "-2+3", "@SUM(A1)",
            "\tindented", "'=already quoted", "''=twice", "'plain quote"]


def snapshot(store, visit_id):
    people = [(p.id, p.name, p.honorific, p.native_name, p.designation, p.organisation, p.country, str(p.side),
               p.email, p.phone, p.precedence, tuple(p.languages), p.dietary, p.notes)
              for p in store.people(visit_id)]
    members = [(x.id, x.delegation_id, x.person_id, str(x.role), x.sector_id, x.company)
               for x in store.members(visit_id=visit_id)]
    return people, members, [(s.id, s.name) for s in store.sectors(visit_id)], len(store.delegations(visit_id))


def reimport(store, visit_id, path, delegation=""):
    table = read_table(path)
    preview = build_preview(store, visit_id, table, guess_mapping(table.headers), delegation=delegation)
    apply_import(store, preview)
    return preview


@pytest.fixture
def tricky(demo):
    """The demo visit with formula-looking text in names, notes, phones and companies."""
    store, visit_id = demo
    business = next(d for d in store.delegations(visit_id) if d.name == "Pakistan business delegation")
    members = store.members(delegation_id=business.id)
    for n, text in enumerate(FORMULAS):
        person = store.person(members[n].person_id)
        person = replace(person, notes=text, phone=FORMULAS[-1 - n],
                         designation=f"Line one\nline two, \"quoted\"; {n}")
        store.update(person)
    members[0] = replace(members[0], company="=cmd|' /C calc'!A0")
    store.update(members[0])
    return store, visit_id, business


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("whole", ["people", "delegation"])
def test_export_then_import_changes_nothing(tricky, tmp_path, suffix, whole):
    store, visit_id, business = tricky
    before = snapshot(store, visit_id)
    log = store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    path = tmp_path / f"roster{suffix}"
    delegation_id = business.id if whole == "delegation" else None
    count = export_people(store, visit_id, path, delegation_id=delegation_id)
    assert count == (18 if delegation_id else len(before[0]))
    preview = reimport(store, visit_id, path, business.name if delegation_id else "")
    assert not preview.problems and not preview.new and not preview.changed and not preview.unknown_sectors
    assert snapshot(store, visit_id) == before
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == log


def test_csv_cells_never_start_a_formula(tricky, tmp_path):
    store, visit_id, business = tricky
    path = tmp_path / "roster.csv"
    export_people(store, visit_id, path, delegation_id=business.id)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to see UTF-8
    with open(path, encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert cells, "the file has cells"
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in cells and "'+992 37 221 00 00" in cells
    assert "''=already quoted" in cells and "'plain quote" in cells


def test_xlsx_cells_are_text_with_a_quote_prefix(tricky, tmp_path):
    store, visit_id, business = tricky
    path = tmp_path / "roster.xlsx"
    export_people(store, visit_id, path, delegation_id=business.id)
    sheet = load_workbook(path).active
    assert sheet.title == business.name
    formula_like = [c for row in sheet.iter_rows(min_row=2) for c in row
                    if isinstance(c.value, str) and c.value[:1] in "=+-@\t"]
    assert len(formula_like) >= 6
    assert all(c.data_type == "s" and c.quotePrefix for c in formula_like)
    assert "=cmd|' /C calc'!A0" in [c.value for c in formula_like]


def test_the_business_delegation_is_listed_by_sector_then_precedence(demo, tmp_path):
    store, visit_id = demo
    business = next(d for d in store.delegations(visit_id) if d.name == "Pakistan business delegation")
    path = tmp_path / "business.csv"
    export_people(store, visit_id, path, delegation_id=business.id)
    table = read_table(path)
    rows, sector = table.rows, table.headers.index("Sector")
    sectors = [cells[sector] for _, cells in rows]
    order = [s.name for s in store.sectors(visit_id) if s.name in sectors]
    assert sectors == sorted(sectors, key=order.index)
    assert sectors[:3] == ["Food processing"] * 3
    textile = [(int(cells[0]), cells[3]) for _, cells in rows if cells[sector] == "Textile"]
    assert textile == sorted(textile) and len(textile) == 3


def test_all_people_are_exported_in_precedence_order(demo, tmp_path):
    store, visit_id = demo
    path = tmp_path / "people.xlsx"
    export_people(store, visit_id, path)
    names = [cells[3] for _, cells in read_table(path).rows]
    assert names == [p.name for p in store.people(visit_id)]
    assert names[:2] == ["Emomali Rahmon", "Imran Khan"]


def test_one_sector_only(demo, tmp_path):
    store, visit_id = demo
    mining = next(s for s in store.sectors(visit_id) if s.name == "Mining")
    path = tmp_path / "mining.csv"
    assert export_people(store, visit_id, path, sector_id=mining.id) == 4  # three Pakistani companies, one Tajik


def test_an_unknown_suffix_writes_nothing(demo, tmp_path):
    store, visit_id = demo
    with pytest.raises(RosterError, match=r"must end in \.csv or \.xlsx"):
        export_people(store, visit_id, tmp_path / "people.pdf")
    assert list(tmp_path.iterdir()) == []


@given(st.text(max_size=30))
def test_neutralise_reads_back_to_the_same_text(text):
    written = neutralise(text)
    assert unneutralise(written) == text
    assert written[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert unneutralise(keep_quotes(text)) == text


def test_every_field_of_a_person_is_exported():
    from planner.roster.columns import PERSON_FIELDS
    from planner.roster.export import EXPORT_FIELDS

    assert sorted(EXPORT_FIELDS) == sorted(PERSON_FIELDS)
