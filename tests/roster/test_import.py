"""Importing people: the preview, one all-or-nothing transaction, no duplicates, undo and redo."""

import csv
from dataclasses import replace

import pytest

from planner.domain import model as m
from planner.domain.validation import ValidationError
from planner.roster.apply import apply_import, redo_import, undo_import
from planner.roster.columns import guess_mapping
from planner.roster.preview import build_preview
from planner.roster.reading import RosterError, read_table


def write(path, rows, encoding="utf-8", delimiter=","):
    with open(path, "w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)
    return path


def preview_of(store, visit_id, path, **options):
    table = read_table(path)
    return build_preview(store, visit_id, table, guess_mapping(table.headers), **options)


def count(store, table):
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


BAD = [
    ["ФИО", "Должность", "Компания", "Отрасль", "E-mail"],
    ["Иванов Иван", "Директор", "ООО Ромашка", "Текстиль", "ivanov@romashka.example"],
    ["", "Инженер", "ООО Ромашка", "Текстиль", "noname@romashka.example"],
    ["Петров Пётр", "Инженер", "ООО Ромашка", "Textile", "petrov at romashka"],
    ["Сидорова Анна", "Юрист", "Памир Фарм", "Pharmaceuticals", "anna@pamir.example"],
    ["Иванов Иван", "Директор", "ООО Ромашка", "Текстиль", "IVANOV@romashka.example"],
]


def test_bad_rows_are_reported_by_row_and_the_good_ones_import(demo, tmp_path):
    store, visit_id = demo
    people_before = count(store, "people")
    preview = preview_of(store, visit_id, write(tmp_path / "bad.csv", BAD), delegation="Russian business")
    assert [(p.row, p.reason) for p in preview.problems] == [
        (3, "no name"),
        (4, "'petrov at romashka' is not an e-mail address."),
        (6, "duplicate of row 2 (Иванов Иван)"),
    ]
    assert [r.person.name for r in preview.new] == ["Иванов Иван", "Сидорова Анна"]
    assert preview.new[0].person.organisation == "ООО Ромашка"  # the company stands in for the organisation
    assert preview.unknown_sectors == ["Текстиль"]
    assert count(store, "people") == people_before  # a preview writes nothing
    result = apply_import(store, preview)
    assert count(store, "people") == people_before + 2
    delegation = next(d for d in store.delegations(visit_id) if d.name == "Russian business")
    assert delegation.kind == m.DelegationKind.BUSINESS
    sectors = {s.id: s.name for s in store.sectors(visit_id)}
    members = {store.person(x.person_id).name: (sectors.get(x.sector_id), x.company)
               for x in store.members(delegation_id=delegation.id)}
    assert members == {"Иванов Иван": ("Текстиль", "ООО Ромашка"),
                       "Сидорова Анна": ("Pharmaceuticals", "Памир Фарм")}
    assert result.count("people") == 2 and result.count("sectors") == 1
    assert result.changes.ids("people") == {p.id for p in store.people(visit_id) if p.name in members}


def test_reimporting_the_same_file_adds_nobody(demo, tmp_path):
    store, visit_id = demo
    path = write(tmp_path / "again.csv", BAD, encoding="cp1251", delimiter=";")
    apply_import(store, preview_of(store, visit_id, path, delegation="Russian business"))
    people, members, log = count(store, "people"), count(store, "delegation_members"), count(store, "change_log")
    again = preview_of(store, visit_id, path, delegation="russian BUSINESS")
    assert not again.new and not again.changed and len(again.unchanged) == 2 and not again.has_work
    apply_import(store, again)
    assert (count(store, "people"), count(store, "delegation_members"), count(store, "change_log")) == (
        people, members, log)


def test_matching_by_email_then_by_name_and_organisation_shows_changes(demo, tmp_path):
    store, visit_id = demo
    path = write(tmp_path / "update.csv", [
        ["Name", "Designation", "Organisation", "E-mail", "Phone"],
        ["S. Kabir", "Minister of Industries", "Ministry of Industries and New Technologies",
         "MINISTER@mint.tj.example", ""],
        ["Imran Khan", "Prime Minister of Pakistan", "Government of Pakistan", "", "+92 51 920 0000"],
        ["Imran Khan", "Cricketer", "Lahore Gymkhana", "", ""],
    ])
    preview = preview_of(store, visit_id, path)
    assert [r.person.name for r in preview.new] == ["Imran Khan"]  # another organisation: another person
    changed = {r.existing.name: r.changes for r in preview.changed}
    assert changed == {
        "Sherali Kabir": {"Name": ("Sherali Kabir", "S. Kabir"),
                          "Designation": ("Minister of Industries and New Technologies", "Minister of Industries"),
                          "E-mail": ("minister@mint.tj.example", "MINISTER@mint.tj.example")},
        "Imran Khan": {"Phone": ("", "+92 51 920 0000")},
    }
    kabir_id = preview.changed[0].existing.id
    result = apply_import(store, preview)
    assert store.person(kabir_id).designation == "Minister of Industries"
    assert store.person(kabir_id).native_name == "Шерали Кабир"  # a column the file lacks is left alone
    removed = undo_import(store, result)
    assert store.person(kabir_id).designation == "Minister of Industries and New Technologies"
    assert len(store.people(visit_id, side=m.Side.GUEST)) == len([p for p in store.people(visit_id)
                                                                  if p.side == m.Side.GUEST])
    redo_import(store, result, removed)
    assert store.person(kabir_id).name == "S. Kabir"


def test_existing_people_join_the_delegation_and_unknown_sectors_can_be_mapped(demo, tmp_path):
    store, visit_id = demo
    textile = next(s for s in store.sectors(visit_id) if s.name == "Textile")
    path = write(tmp_path / "join.csv", [
        ["Name", "Company", "Sector", "E-mail", "Role"],
        ["Kamran Aslam", "Indus Loom Mills", "Textiles", "kamran@indus.pk.example", "head"],
        ["Rustam Davlatov", "Dushanbe Textile Combine", "Textiles", "rustam@dushanbe.tj.example", ""],
    ])
    preview = preview_of(store, visit_id, path, delegation="Pakistan business delegation",
                         sector_choices={"Textiles": textile.id})
    assert preview.unknown_sectors == ["Textiles"] and preview.sector_choices == {"Textiles": textile.id}
    assert {r.existing.name: r.changes for r in preview.changed} == {
        "Rustam Davlatov": {"Delegation": ("", "Pakistan business delegation")}}
    assert [r.existing.name for r in preview.unchanged] == ["Kamran Aslam"]
    sectors_before = count(store, "sectors")
    apply_import(store, preview)
    assert count(store, "sectors") == sectors_before
    rustam = store.people(visit_id, delegation_id=preview.delegation.id, sector_id=textile.id)
    assert "Rustam Davlatov" in [p.name for p in rustam]


def test_the_import_is_all_or_nothing(demo, tmp_path):
    store, visit_id = demo
    rows = [["Name", "E-mail"]] + [[f"Guest {n}", f"guest{n}@example.org"] for n in range(5)]
    preview = preview_of(store, visit_id, write(tmp_path / "five.csv", rows), delegation="New delegation")
    before = (count(store, "people"), count(store, "delegations"), count(store, "change_log"))
    # The database refuses the fourth person half way through, as a full disk would.
    store.db.execute("CREATE TEMP TRIGGER refuse BEFORE INSERT ON people WHEN NEW.name = 'Guest 3' "
                     "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(ValidationError, match=r"refused the change \(disk full\)"):
        apply_import(store, preview)
    assert (count(store, "people"), count(store, "delegations"), count(store, "change_log")) == before


def test_undo_removes_everything_the_import_created_and_redo_keeps_the_ids(demo, tmp_path):
    store, visit_id = demo
    before = {t: count(store, t) for t in ("people", "delegations", "delegation_members", "sectors")}
    result = apply_import(store, preview_of(store, visit_id, write(tmp_path / "bad.csv", BAD),
                                            delegation="Russian business"))
    ids = {p.id for p in store.people(visit_id)}
    removed = undo_import(store, result)
    assert {t: count(store, t) for t in before} == before
    redo_import(store, result, removed)
    assert {p.id for p in store.people(visit_id)} == ids
    assert count(store, "delegation_members") == before["delegation_members"] + 2


def test_without_a_name_column_there_is_nothing_to_import(demo, tmp_path):
    store, visit_id = demo
    path = write(tmp_path / "noname.csv", [["Colour", "Size"], ["red", "XL"]])
    with pytest.raises(RosterError, match="no column is mapped to Name"):
        preview_of(store, visit_id, path)


def test_bad_side_precedence_and_role_are_problems(demo, tmp_path):
    store, visit_id = demo
    path = write(tmp_path / "fields.csv", [
        ["Name", "Side", "Precedence", "Role", "Country"],
        ["A", "visitor", "1", "", ""], ["B", "host", "first", "", ""], ["C", "гости", "7", "boss", ""],
        ["D", "Host", "-2", "", ""], ["E", "", "", "", "Tajikistan"], ["F", "хозяева", "5.0", "глава", "tj"],
    ])
    preview = preview_of(store, visit_id, path, delegation="Mixed")
    assert [str(p) for p in preview.problems] == [
        "row 2: the side must be host, guest or other, not 'visitor'",
        "row 3: the precedence must be a whole number, not 'first'",
        "row 4: the role must be one of head, member, liaison officer, interpreter, not 'boss'",
        "row 5: Precedence rank cannot be negative.",
        "row 6: The country must be a two-letter ISO 3166 code, not 'Tajikistan'.",
    ]
    (f,) = preview.new
    assert (f.person.side, f.person.precedence, f.role, f.person.country) == (m.Side.HOST, 5, m.MemberRole.HEAD,
                                                                             "TJ")


def test_undo_also_removes_what_was_attached_to_imported_people_since(demo, tmp_path):
    store, visit_id = demo
    result = apply_import(store, preview_of(store, visit_id, write(tmp_path / "bad.csv", BAD),
                                            delegation="Russian business"))
    ivanov = next(p for p in store.people(visit_id) if p.name == "Иванов Иван")
    meeting = store.meetings(visit_id)[0]
    store.add(m.Attendee(meeting.id, ivanov.id))
    item = store.agenda(meeting.id)[0]
    item = replace(item, presenter_id=ivanov.id)
    store.update(item)
    log_before = count(store, "change_log")
    removed = undo_import(store, result)
    assert store.person(ivanov.id) is None and store.attendees(person_id=ivanov.id) == []
    assert store.get(m.AgendaItem, item.id).presenter_id is None
    logged = [r for r in store.changes_since(visit_id, 0) if r.id > log_before]
    deleted = {(r.table, r.record_id) for r in logged if r.action == "delete"}
    assert set(result.created) <= deleted and ("attendees", store.db.execute(
        "SELECT max(record_id) FROM change_log WHERE table_name = 'attendees'").fetchone()[0]) in deleted
    redo_import(store, result, removed)
    assert [a.meeting_id for a in store.attendees(person_id=ivanov.id)] == [meeting.id]
    assert store.get(m.AgendaItem, item.id).presenter_id == ivanov.id
    assert store.person(ivanov.id).name == "Иванов Иван"


def snapshot(store):
    return {table: sorted(tuple(r) for r in store.db.execute(f"SELECT * FROM {table}"))
            for table in ("people", "delegations", "delegation_members", "sectors", "attendees", "agenda_items")}


def test_undo_and_redo_of_a_50000_row_import(demo, tmp_path):
    store, visit_id = demo
    rows = [["ФИО", "Должность", "Компания", "Отрасль", "E-mail"]] + [
        [f"Участник {n}", "Директор", f"Компания {n // 3}", ["Textile", "Новая отрасль"][n % 2],
         f"p{n}@c{n // 3}.example"] for n in range(50_000)]
    preview = preview_of(store, visit_id, write(tmp_path / "large.csv", rows, delimiter=";"), delegation="Business")
    assert len(preview.new) == 50_000 and not preview.problems
    before = snapshot(store)
    result = apply_import(store, preview)
    after = snapshot(store)
    assert len(after["people"]) == len(before["people"]) + 50_000
    assert len(after["delegation_members"]) == len(before["delegation_members"]) + 50_000
    logged = [r for r in store.changes_since(visit_id, 0) if r.table == "people" and r.action == "insert"]
    assert {r.record_id for r in logged} >= {i for t, i in result.created if t == "people"}
    removed = undo_import(store, result)
    assert snapshot(store) == before
    redo_import(store, result, removed)
    assert snapshot(store) == after
    removed = undo_import(store, result)
    assert snapshot(store) == before


def test_logged_writes_of_an_import_revert_and_replay(demo, tmp_path):
    from planner.storage.replay import log_position, replay, revert, writes_after

    store, visit_id = demo
    before = snapshot(store)
    start = log_position(store)
    apply_import(store, preview_of(store, visit_id, write(tmp_path / "bad.csv", BAD), delegation="Russian business"))
    after = snapshot(store)
    writes = writes_after(store, start)
    assert [w.table for w in writes].count("people") == 2 and {w.action for w in writes} == {"insert"}
    revert(store, writes)
    assert snapshot(store) == before
    replay(store, writes)
    assert snapshot(store) == after
