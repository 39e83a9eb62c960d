"""Reading rosters: every common encoding and delimiter, .xlsx sheets, and files that are no spreadsheet."""

import codecs

import pytest
from openpyxl import Workbook

from planner.roster.reading import RosterError, read_table

ROWS = [["ФИО", "Должность", "Компания", "Отрасль", "E-mail"],
        ["Иванов Иван Иванович", "Генеральный директор", "ООО «Ромашка»", "Текстиль", "ivanov@romashka.ru.example"],
        ["Müller, Jürgen", "Director; Exports", "Café \"Noir\"", "Food processing", ""],
        ["Ахмедов Алишер", "Инженер", "Памир Фарм", "Фармацевтика", "alisher@pamir.tj.example"]]

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-excel": lambda text: text.encode("utf-16"),  # little-endian with BOM, as Excel's "Unicode Text"
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "windows-1251": lambda text: text.replace("ü", "u").replace("é", "e").encode("cp1251"),
}


def csv_text(delimiter: str) -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(ROWS)
    return out.getvalue()


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_in_every_encoding_and_delimiter(tmp_path, encoding, delimiter):
    path = tmp_path / "roster.csv"
    path.write_bytes(ENCODINGS[encoding](csv_text(delimiter)))
    table = read_table(path)
    assert table.headers == ROWS[0]
    assert [n for n, _ in table.rows] == [2, 3, 4]
    assert table.rows[0][1] == ROWS[1]
    assert table.rows[2][1][0] == "Ахмедов Алишер"
    second = table.rows[1][1]
    assert second[1:3] == ["Director; Exports", ROWS[2][2].replace("é", "e") if encoding == "windows-1251"
                           else ROWS[2][2]]


def test_short_windows_1251_file_is_read_as_cyrillic(tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes("ФИО;Должность\nПетров Пётр;Министр\n".encode("cp1251"))
    table = read_table(path)
    assert table.headers == ["ФИО", "Должность"] and table.rows[0][1] == ["Петров Пётр", "Министр"]
    assert "Windows-1251" in table.source


def test_blank_lines_are_skipped_but_row_numbers_stay_true(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("\n\nName,E-mail\nA,a@x.example\n,\nB,b@x.example\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Name", "E-mail"]
    assert [(n, cells[0]) for n, cells in table.rows] == [(4, "A"), (6, "B")]


def test_xlsx_first_sheet_and_chosen_sheet(tmp_path):
    book = Workbook()
    first = book.active
    first.title = "Officials"
    first.append(["Name", "Designation", "Precedence"])
    first.append(["Sherali Kabir", "Minister", 3])
    second = book.create_sheet("Business")
    second.append(["Company", "Name", "Sector"])
    second.append(["Pamir Pharm", "Gulnora Safarova", "Pharmaceuticals"])
    second.append(["Sogd Medtech", "Anvar Kholov", None])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.sheets == ["Officials", "Business"] and table.sheet == "Officials"
    assert table.rows == [(2, ["Sherali Kabir", "Minister", "3"])]
    business = read_table(path, "Business")
    assert business.headers == ["Company", "Name", "Sector"]
    assert business.rows[1] == (3, ["Sogd Medtech", "Anvar Kholov", ""])
    with pytest.raises(RosterError, match="no sheet 'Guests'.*Officials, Business"):
        read_table(path, "Guests")


@pytest.mark.parametrize("content,needle", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old Excel .xls"),
    (b"PK\x03\x04" + b"not really a zip" * 10, "not an Excel .xlsx workbook"),
    (bytes(range(256)) * 8, "binary data"),
    (b"", "empty"),
])
def test_a_file_that_is_no_spreadsheet_is_refused_with_a_reason(tmp_path, content, needle):
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(RosterError, match=needle):
        read_table(path)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    import zipfile

    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.txt", "sunny")
    with pytest.raises(RosterError, match="not an Excel .xlsx workbook"):
        read_table(path)


def test_missing_file(tmp_path):
    with pytest.raises(RosterError, match="there is no file"):
        read_table(tmp_path / "nowhere.csv")


def test_a_title_above_the_header_is_skipped(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Список делегации деловых кругов, декабрь 2026"])
    sheet.append([])
    sheet.append(["№", "ФИО", "Должность"])
    sheet.append([1, "Иванов Иван", "Директор"])
    path = tmp_path / "titled.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.headers == ["№", "ФИО", "Должность"]
    assert table.rows == [(4, ["1", "Иванов Иван", "Директор"])]
