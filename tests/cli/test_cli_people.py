"""import people and export people through a subprocess: the contract scripts rely on."""

import json

import pytest
from openpyxl import Workbook

from tests.cli.test_cli import run

RUSSIAN = ("ФИО;Должность;Компания;Отрасль;E-mail\r\n"
           "Иванов Иван Иванович;Генеральный директор;ООО «Ромашка»;Текстиль;ivanov@romashka.ru.example\r\n"
           ";Инженер;ООО «Ромашка»;Текстиль;\r\n"
           "Сидорова Анна;Юрист;Памир Фарм;Pharmaceuticals;anna at pamir\r\n"
           "Ахмедов Алишер;Инженер;Памир Фарм;Pharmaceuticals;alisher@pamir.tj.example\r\n")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "visit.sqlite"
    assert run("demo", "--db", str(path)).returncode == 0
    return path


def people(db):
    return json.loads(run("list", "people", "--db", str(db), "--json").stdout)


def test_import_cyrillic_windows_1251_into_a_delegation(db, tmp_path):
    roster = tmp_path / "ru.csv"
    roster.write_bytes(RUSSIAN.encode("cp1251"))
    before = len(people(db))
    dry = run("import", "people", "--db", str(db), "--visit", "1", str(roster), "--delegation", "Деловые круги",
              "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "New people: 2" in dry.stdout and "row 3: no name" in dry.stdout
    assert "row 4: 'anna at pamir' is not an e-mail address." in dry.stdout
    assert "Текстиль: will be created" in dry.stdout and "nothing was written" in dry.stdout
    assert len(people(db)) == before
    done = run("import", "people", "--db", str(db), "--visit", "1", str(roster), "--delegation", "Деловые круги")
    assert done.returncode == 0, done.stderr
    assert "Imported: 2 people added" in done.stdout
    names = {p["name"] for p in people(db)}
    assert {"Иванов Иван Иванович", "Ахмедов Алишер"} <= names and len(names) == before + 2
    sectors = json.loads(run("list", "sectors", "--db", str(db), "--json").stdout)
    assert {"name": "Текстиль", "members": 1} in [{k: s[k] for k in ("name", "members")} for s in sectors]
    again = run("import", "people", "--db", str(db), "--visit", "1", str(roster), "--delegation", "Деловые круги")
    assert again.returncode == 0 and "Nothing to import" in again.stdout
    assert len(people(db)) == before + 2


def test_export_and_import_round_trip(db, tmp_path):
    for name in ("people.csv", "people.xlsx"):
        out = tmp_path / name
        result = run("export", "people", "--db", str(db), "--visit", "1", "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert "Wrote 39 people" in result.stdout
        back = run("import", "people", "--db", str(db), "--visit", "1", str(out))
        assert back.returncode == 0, back.stderr
        assert "Matched existing people: 39 (0 with changes, 39 unchanged)" in back.stdout


def test_export_a_delegation_by_name_and_a_sector(db, tmp_path):
    out = tmp_path / "mining.xlsx"
    result = run("export", "people", "--db", str(db), "--out", str(out), "--delegation",
                 "Pakistan business delegation", "--sector", "Mining")
    assert result.returncode == 0, result.stderr
    assert "Wrote 3 people" in result.stdout


def test_a_chosen_sheet_columns_and_a_remembered_mapping(db, tmp_path):
    book = Workbook()
    book.active.append(["ignored"])
    sheet = book.create_sheet("Guests")
    sheet.append(["Who", "Firm", "Mail"])
    sheet.append(["Zarina Nazarova", "Somon Air", "zarina@somon.example"])
    roster = tmp_path / "guests.xlsx"
    book.save(roster)
    mapping = tmp_path / "mapping.json"
    result = run("import", "people", "--db", str(db), str(roster), "--sheet", "Guests", "--column", "Who=name",
                 "--column", "Mail=e-mail", "--mapping", str(mapping), "--side", "host")
    assert result.returncode == 0, result.stderr
    assert json.loads(mapping.read_text(encoding="utf-8")) == {"Firm": "company", "Mail": "email", "Who": "name"}
    zarina = next(p for p in people(db) if p["name"] == "Zarina Nazarova")
    assert (zarina["side"], zarina["email"], zarina["organisation"]) == ("host", "zarina@somon.example",
                                                                         "Somon Air")
    again = run("import", "people", "--db", str(db), str(roster), "--sheet", "Guests", "--mapping", str(mapping),
                "--dry-run")
    assert "Who -> Name" in again.stdout and "1 unchanged" in again.stdout


@pytest.mark.parametrize("content,args,needle", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", [], "PNG image, not a spreadsheet"),
    (b"Colour,Size\nred,XL\n", [], "no column is mapped to Name"),
    (b"Name,Size\nred,XL\n", ["--column", "Size=shoe size"], "'shoe size' is not a field"),
    (b"Name\nA\n", ["--map-sector", "Textiles=Knitting"], "no sector 'Knitting'"),
    (b"Name\nA\n", ["--sheet", "People"], "it has no sheets"),
])
def test_bad_input_is_status_2_with_one_line_and_nothing_written(db, tmp_path, content, args, needle):
    roster = tmp_path / "roster.csv"
    roster.write_bytes(content)
    before = people(db)
    result = run("import", "people", "--db", str(db), str(roster), *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert needle in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert people(db) == before


def test_export_refuses_an_unknown_format_and_writes_nothing(db, tmp_path):
    result = run("export", "people", "--db", str(db), "--out", str(tmp_path / "people.ods"))
    assert result.returncode == 2 and "must end in .csv or .xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == [db]
    missing = run("export", "people", "--db", str(db), "--out", str(tmp_path / "x.csv"), "--delegation", "99")
    assert missing.returncode == 2 and "no delegation '99'" in missing.stderr
