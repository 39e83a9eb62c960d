"""The roster's fast paths give exactly what the reference paths beside them give, on the corpus and on generated input."""

import csv
import io
import random

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
