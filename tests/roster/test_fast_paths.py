"""The roster's fast paths give exactly what the reference paths beside them give, on the corpus and on generated input."""

import csv
import io
import random
from datetime import UTC, datetime

import pytest

from planner.roster import reading

# Pieces of cells as people type them, and as hostile or damaged files hold them.
PIECES = ["Иванов", "Иван", "O'Brien", "'=1+2", "''+7", "'-", "@SUM(A1)", "=HYPERLINK()", " ", "\u00a0", "\t",
          "\n", "\r\n", "\x00", "\x07", "\x1b", "\x85", "\x7f", "a;b", 'say "hi"', "|", ",", "Müller", "ali@x.example",
          "ФИО", "E-mail", "Должность", "", "'", "-5", "+992 37 000001", "\u200f", "\ufeff"]


def generated_csv(rng: random.Random, delimiter: str, controls: bool) -> bytes:
    pieces = PIECES if controls else [p for p in PIECES if reading.first_control(p, breaks_allowed=True) is None]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=rng.choice(["\r\n", "\n"]))
    width = rng.randint(1, 7)
    writer.writerow(["ФИО", "Должность", "E-mail", "Компания", "Notes", "Side", "Sector"][:width])
    for _ in range(rng.randint(0, 40)):
        writer.writerow(["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
                         for _ in range(max(1, width + rng.randint(-2, 2)))])
    return out.getvalue().encode(rng.choice(["utf-8", "utf-8-sig", "utf-16"]))


def reference(monkeypatch, data: bytes):
    with monkeypatch.context() as patch:
        patch.setattr(reading, "_cleaner", lambda text: reading._cells)
        return outcome(data)


def outcome(data: bytes):
    try:
        table = reading.read_csv_bytes(data, "roster.csv")
    except reading.RosterError as exc:
        return str(exc)
    return table.headers, table.rows, table.source


@pytest.mark.parametrize("seed", range(40))
def test_reading_a_csv_gives_what_reading_cell_by_cell_gives(monkeypatch, seed):
    rng = random.Random(seed)
    for delimiter in ",;\t|":
        data = generated_csv(rng, delimiter, controls=seed % 2 == 0)
        assert outcome(data) == reference(monkeypatch, data)


def test_the_fast_cleaners_are_used_only_where_they_apply():
    assert reading._cleaner("a;b\r\nc;d") is reading._padding_only
    assert reading._cleaner("a;'=b\nc;d") is reading._padding_and_quotes
    assert reading._cleaner("a;\x07b") is reading._cells
    assert reading._cleaner("a;\x85b") is reading._cells


# -- the preview: QuickRows beside _row, the import: one statement per table beside Store.add_many ---------

HEADERS = ["ФИО", "Honorific", "E-mail", "Организация", "Компания", "Отрасль", "Side", "Precedence", "Country",
           "Languages", "Role", "Notes", "Native name", "Телефон"]
VALUES = {
    "ФИО": ["Иванов Иван", " Петров  Пётр ", "Müller\tJürgen", "", "  ", "Ali\nKhan", "Ахмедов\x07", "A", "O'Brien"],
    "Honorific": ["", "H.E. Mr.", "Dr.\n", "\u00a0"],
    "E-mail": ["", "a@b.example", "A@B.example", "not an address", " x@y.example ", "x@y.example\x00"],
    "Организация": ["", "Минфин", "Indus Loom", "\x1bBank", "Line\nbreak"],
    "Компания": ["", "ООО Ромашка", "Памир Фарм", "Co\x00"],
    "Отрасль": ["", "Textile", "textile", "Aviation", "Новая отрасль"],
    "Side": ["", "host", "Guest", "гости", "visitor"],
    "Precedence": ["", "3", "5.0", "-2", "first"],
    "Country": ["", "tj", "PK", "Tajikistan", "ÄB"],
    "Languages": ["", "Tajik, Russian", " ; ", "Urdu;English"],
    "Role": ["", "head", "глава", "boss", "Interpreter"],
    "Notes": ["", "two\nlines", "tab\there", "bell\x07"],
    "Native name": ["", "Иван", "\u200fعلی"],
    "Телефон": ["", "+992 37 000001"],
}


def generated_table(rng: random.Random, known: list) -> reading.Table:
    """A roster with every kind of cell, some of the visit's own people, duplicates and short rows."""
    headers = rng.sample(HEADERS, rng.randint(1, len(HEADERS)))
    if "ФИО" not in headers:
        headers.insert(0, "ФИО")
    rows = []
    for number in range(2, rng.randint(3, 60)):
        cells = [rng.choice(VALUES[h]) for h in headers]
        if known and rng.random() < 0.2:  # someone the visit already holds, by e-mail or by name
            person = rng.choice(known)
            cells[headers.index("ФИО")] = person.name
            if "E-mail" in headers and person.email and rng.random() < 0.5:
                cells[headers.index("E-mail")] = person.email.upper()
            if "Организация" in headers:
                cells[headers.index("Организация")] = person.organisation
        if rows and rng.random() < 0.1:
            cells = list(rng.choice(rows)[1])  # the same person twice
        rows.append((number, cells))
    return reading.Table(headers, rows, "generated")


def previews(monkeypatch, store, visit_id, table, delegation):
    from planner.roster.columns import guess_mapping
    from planner.roster.preview import QuickRows, build_preview

    mapping = guess_mapping(table.headers)
    quick = build_preview(store, visit_id, table, mapping, delegation=delegation)
    with monkeypatch.context() as patch:
        patch.setattr(QuickRows, "row", lambda self, cells, count: None)
        patch.setattr(QuickRows, "unchanged", lambda self, number, values: None)
        reference = build_preview(store, visit_id, table, mapping, delegation=delegation)
    return quick, reference


def shown(preview):
    return (list(preview.new), preview.changed, preview.unchanged, [str(p) for p in preview.problems],
            preview.unknown_sectors, preview.sector_choices, preview.notes, preview.summary())


@pytest.mark.parametrize("seed", range(30))
def test_quick_rows_give_the_preview_row_by_row_gives(monkeypatch, demo, seed):
    store, visit_id = demo
    rng = random.Random(seed)
    table = generated_table(rng, store.people(visit_id))
    quick, reference = previews(monkeypatch, store, visit_id, table, rng.choice(["", "Business", "Деловая"]))
    assert shown(quick) == shown(reference)


@pytest.mark.parametrize("seed", range(10))
def test_reimporting_gives_the_preview_row_by_row_gives(monkeypatch, demo, seed):
    from planner.roster.apply import apply_import

    store, visit_id = demo
    rng = random.Random(seed)
    table = generated_table(rng, store.people(visit_id))
    delegation = rng.choice(["", "Business"])
    apply_import(store, previews(monkeypatch, store, visit_id, table, delegation)[0])
    quick, reference = previews(monkeypatch, store, visit_id, table, delegation)
    assert shown(quick) == shown(reference)
    assert not quick.new or quick.problems  # the same file again: everyone it names is there now


def stored(store, visit_id):
    people = [tuple(r) for r in store.db.execute("SELECT * FROM people WHERE visit_id = ? ORDER BY id", [visit_id])]
    members = [tuple(r) for r in store.db.execute("SELECT * FROM delegation_members ORDER BY id")]
    return people, members


def logged(store, visit_id, after):
    return [(r.table, r.record_id, r.action, r.old, r.new) for r in store.changes_since(visit_id, 0) if r.id > after]


def log_position(store):
    return store.db.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]


def reference_import(store, preview):
    """What the import wrote before its fast path: Store.add_many for the people and for their memberships."""
    from planner.domain import model as m

    business = any(row.sector or row.company for row in preview.new)
    with store.atomic():
        delegation = store.insert(m.Delegation(preview.visit_id, preview.delegation_name, m.DelegationKind.BUSINESS
                                               if business else m.DelegationKind.OFFICIAL, preview.side))
        sectors = dict(preview.sectors)
        for name in preview.unknown_sectors:
            sectors[name.casefold()] = store.insert(m.Sector(preview.visit_id, name)).id
        people = store.add_many([row.person for row in preview.new]).added
        store.add_many([m.DelegationMember(delegation.id, person.id, row.role or m.MemberRole.MEMBER,
                                           sectors.get(row.sector.casefold()) if row.sector else None, row.company)
                        for row, person in zip(preview.new, people)])


@pytest.mark.parametrize("seed", range(12))
def test_the_import_stores_and_logs_what_store_add_many_does(monkeypatch, seed):
    from planner.demo import build_demo
    from planner.roster.apply import apply_import
    from planner.storage.database import open_memory
    from planner.storage.store import Store

    rng = random.Random(seed)
    ours, theirs = Store(open_memory()), Store(open_memory())
    visit_id = build_demo(ours)
    assert build_demo(theirs) == visit_id
    for store in (ours, theirs):
        store.clock = lambda: datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    table = generated_table(rng, [])
    quick, _ = previews(monkeypatch, ours, visit_id, table, "Business")
    if not quick.new:
        return
    start = log_position(ours)
    apply_import(ours, quick)
    reference_import(theirs, previews(monkeypatch, theirs, visit_id, table, "Business")[1])
    assert stored(ours, visit_id) == stored(theirs, visit_id)
    assert logged(ours, visit_id, start) == logged(theirs, visit_id, start)


def test_undo_and_redo_log_what_store_delete_many_and_restore_many_log(monkeypatch, tmp_path):
    from planner.demo import build_demo
    from planner.roster.apply import apply_import, redo_import, undo_import
    from planner.storage.database import open_memory
    from planner.storage.store import Store

    ours, theirs = Store(open_memory()), Store(open_memory())
    visit_id = build_demo(ours)
    assert build_demo(theirs) == visit_id
    rng = random.Random(7)
    headers = ["ФИО", "E-mail", "Компания", "Отрасль", "Notes", "Role"]
    table = reading.Table(headers, [(n, [f"Участник {n}", f"p{n}@c.example", rng.choice(VALUES["Компания"][:3]),
                                         rng.choice(VALUES["Отрасль"]), rng.choice(VALUES["Notes"][:3]),
                                         rng.choice(VALUES["Role"][:3])]) for n in range(2, 40)])
    results = []
    for store in (ours, theirs):
        store.clock = lambda: datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        results.append(apply_import(store, previews(monkeypatch, store, visit_id, table, "Business")[0]))
    assert results[0].count("people") > 5
    start, theirs_start = log_position(ours), log_position(theirs)
    removed = undo_import(ours, results[0])
    theirs_removed = theirs.delete_many("delegation_members", [i for t, i in results[1].created
                                                               if t == "delegation_members"][::-1])
    for name in ("people", "sectors", "delegations"):
        theirs.delete_many(name, [i for t, i in results[1].created if t == name][::-1], theirs_removed)
    assert stored(ours, visit_id) == stored(theirs, visit_id)
    assert logged(ours, visit_id, start) == logged(theirs, visit_id, theirs_start)
    assert ours.db.execute("SELECT count(*) FROM change_log WHERE id > ?", [start]).fetchone()[0] <= 4
    start, theirs_start = log_position(ours), log_position(theirs)
    redo_import(ours, results[0], removed)
    theirs.restore_many(theirs_removed)
    assert stored(ours, visit_id) == stored(theirs, visit_id)
    assert logged(ours, visit_id, start) == logged(theirs, visit_id, theirs_start)
