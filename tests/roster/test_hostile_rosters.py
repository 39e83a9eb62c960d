"""Rosters as they arrive damaged or odd: long rows, broken workbooks, guessed encodings, control characters."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from planner.roster import reading
from planner.roster.columns import guess_mapping
from planner.roster.reading import RosterError, read_table

RUSSIAN_HEADERS = "ФИО;Должность;Компания;Отрасль;Эл. почта"


def test_a_row_longer_than_the_header_is_read(tmp_path):
    path = tmp_path / "trailing.csv"
    path.write_text("Name,Designation,E-mail\nAli Khan,Minister,ali@example.com,\nBob,Deputy,\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Name", "Designation", "E-mail"]
    assert table.rows[0][1] == ["Ali Khan", "Minister", "ali@example.com"]
    assert table.rows[1][1] == ["Bob", "Deputy", ""]


def test_a_row_longer_than_the_header_keeps_its_extra_text(tmp_path):
    path = tmp_path / "longer.csv"
    path.write_text("Name,Designation\nAli Khan,Minister,left over\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Name", "Designation", ""]
    assert table.rows[0][1] == ["Ali Khan", "Minister", "left over"]


@pytest.mark.parametrize("rows", [
    ["Ivanov Ivan;Minister;Romashka LLC;Textile;ivanov@example.com"],
    ["Ivanov Ivan;Minister;Romashka;Textile;i@example.com", "Ali Khan;CEO;Khan Textiles;Textile;ali@khan.example",
     "Иванов Иван;Министр;ООО Ромашка;Текстиль;ivanov@example.com"],
    ["Ахмедов А.;Зам. министра;Минэкономразвития;Энергетика;a@b.example"],
])
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_russian_headers_in_a_windows_or_koi8_file_are_decoded_so_they_map(tmp_path, rows, encoding):
    path = tmp_path / "ru.csv"
    path.write_bytes(("\r\n".join([RUSSIAN_HEADERS, *rows]) + "\r\n").encode(encoding))
    table = read_table(path)
    assert table.headers == RUSSIAN_HEADERS.split(";")
    assert table.rows[0][1][0] == rows[0].split(";")[0]
    assert {"Windows-1251": "cp1251", "KOI8-R": "koi8_r"}[table.source.split(", ")[1]] == encoding


@pytest.mark.parametrize("headers", [["Ф.И.О."], ["Ф.И.О.", "Должность"], ["№", "Ф.И.О.", "Ф.И.О. на родном языке"]])
def test_fio_with_dots_is_the_name(headers):
    mapping = guess_mapping(headers)
    assert mapping[headers.index("Ф.И.О.")] == "name"
    assert "native_name" not in mapping or headers[[i for i, f in mapping.items() if f == "native_name"][0]] != "Ф.И.О."


@pytest.mark.parametrize("header", ["Ф.И.О. полностью", "Ф.И.О. (рус.)", "Ф.И.О. латиницей", "ФИО участника"])
def test_fio_with_a_qualifier_is_the_name(header):
    assert guess_mapping(["№", header, "Должность"]) == {1: "name", 2: "designation"}


def test_fio_in_the_native_language_is_the_native_name_beside_the_name():
    assert guess_mapping(["Ф.И.О. (англ.)", "Ф.И.О. на родном языке"]) == {0: "name", 1: "native_name"}


def test_fio_with_dots_in_a_windows_1251_file_with_latin_rows(tmp_path):
    path = tmp_path / "fio.csv"
    path.write_bytes("Ф.И.О.;Должность\r\nIvanov Ivan;Minister\r\n".encode("cp1251"))
    table = read_table(path)
    assert table.headers == ["Ф.И.О.", "Должность"]
    assert guess_mapping(table.headers) == {0: "name", 1: "designation"}


@pytest.mark.parametrize("text, encoding", [
    ("Name;Designation;Company\r\nJürgen Müller;Directeur général;Café Noir\r\n", "cp1252"),
    ("Name;Designation\r\nعلي خان;وزير\r\n", "cp1256"),
    ("Name;Designation\r\nAli Khan;Minister\r\n", "utf-16-le"),
])
def test_the_encodings_spreadsheets_write(tmp_path, text, encoding):
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert [table.headers, table.rows[0][1]] == [row.split(";") for row in text.split("\r\n")[:2]]


def test_control_characters_never_leave_the_reader(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Name,Notes\nAli\x00 Khan\x07,first line\tsecond\x1b\n")
    table = read_table(path)
    assert table.rows[0][1] == ["Ali Khan", "first line\tsecond"]


def _workbook() -> bytes:
    book = Workbook()
    book.active.append(["Name", "Designation"])
    book.active.append(["Ali Khan", "Minister"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rezip(change) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(_workbook())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def _flip_compressed_byte(at: int) -> bytes:
    data = bytearray(_workbook())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + (at if at >= 0 else info.compress_size + at)] ^= 0xFF
    return bytes(data)


BROKEN_WORKBOOKS = {
    "bad XML": lambda: _rezip(lambda name, data: data[: len(data) // 2] if name == SHEET else data),
    "bad column in a cell reference": lambda: _rezip(
        lambda name, data: data.replace(b'r="A2"', b'r="ZZZZZZ2"') if name == SHEET else data),
    "bad row in a cell reference": lambda: _rezip(
        lambda name, data: data.replace(b'r="A2"', b'r="2A"') if name == SHEET else data),
    "bad deflate": lambda: _flip_compressed_byte(5),
    "bad CRC": lambda: _flip_compressed_byte(-2),
    "cut in half": lambda: _workbook()[: len(_workbook()) // 2],
}


@pytest.mark.parametrize("case", BROKEN_WORKBOOKS)
def test_a_broken_workbook_is_refused_in_one_line(tmp_path, case):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(BROKEN_WORKBOOKS[case]())
    with pytest.raises(RosterError) as refused:
        read_table(path)
    assert "broken.xlsx" in str(refused.value) and "\n" not in str(refused.value)


def test_a_cell_a_billion_rows_down_is_read_without_filling_the_gap(tmp_path):
    path = tmp_path / "far.xlsx"
    path.write_bytes(_rezip(lambda name, data: data.replace(b'r="A2"', b'r="A999999999"') if name == SHEET else data))
    table = read_table(path)
    assert table.rows[0][1][0] == "Ali Khan"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.csv"
    path.write_text("Name\n" + "Ali Khan\n" * 200, encoding="utf-8")
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    monkeypatch.setattr(reading.Path, "read_bytes", lambda self: pytest.fail("read whole"))
    with pytest.raises(RosterError, match="larger than"):
        read_table(path)
