"""Mutated calendars and rosters through the command line: exit 0 or 2 with one line, quickly, nothing written on refusal.

A fixed seed makes every run try the same few hundred files; a failure names the case to reproduce it.
"""

import contextlib
import faulthandler
import io
import random
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from planner.app import main as visit_planner
from tests.ical.conftest import CORPUS

SEED = 20261214
SECONDS_PER_CASE = 10
SECONDS_IN_ALL = 300  # a case that hangs ends the run with a traceback instead of blocking it
HOSTILE_ICS = [b"RRULE:FREQ=MINUTELY", b"RRULE:FREQ=SECONDLY;COUNT=999999999", b"DTSTART:16010101T000000",
               b"ATTENDEE;CN=\x00:mailto:a@b.example", b"SUMMARY:\x07\x1b", b"DURATION:P99999999W", b"TZID:\"",
               b"BEGIN:VTIMEZONE", b"END:VEVENT", b"X-WR-TIMEZONE:Mars/Olympus"]
HOSTILE_CELLS = [b"", b",", b";;;", b"\x00", b"\"", b"=HYPERLINK(\"x\")", "Ф.И.О.".encode("cp1251"),
                 b"\xff\xfe", b"a" * 5000, b"\r", b"\t\t"]


def mutate(data: bytes, rng: random.Random, hostile: list[bytes]) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(6)
        where = rng.randrange(len(lines))
        if kind == 0:
            line = bytearray(lines[where])
            for _ in range(rng.randint(1, 4)):
                if line:
                    line[rng.randrange(len(line))] = rng.randrange(256)
            lines[where] = bytes(line)
        elif kind == 1 and len(lines) > 1:
            del lines[where]
        elif kind == 2:
            lines.insert(rng.randrange(len(lines) + 1), lines[where])
        elif kind == 3:
            lines.insert(where, rng.choice(hostile))
        elif kind == 4:
            lines[where] = lines[where] + rng.choice(hostile)
        else:
            lines = lines[: max(1, where)]
    return b"\n".join(lines)


def roster_samples() -> list[tuple[str, bytes]]:
    from openpyxl import Workbook

    rows = [["ФИО", "Должность", "Компания", "Отрасль", "Эл. почта"],
            ["Иванов Иван", "Министр", "ООО Ромашка", "Текстиль", "ivanov@example.com"],
            ["Ali Khan", "Chief Executive", "Khan Textiles", "Textile", "ali@khan.example"],
            ["Jürgen Müller", "Director", "Café Noir", "Food", ""]]
    text = "\r\n".join(";".join(row) for row in rows) + "\r\n"
    samples = [("utf8.csv", text.encode("utf-8")), ("1251.csv", text.replace("ü", "u").replace("é", "e").encode("cp1251")),
               ("comma.csv", text.replace(";", ",").encode("utf-8-sig")), ("utf16.csv", text.encode("utf-16"))]
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    samples.append(("roster.xlsx", out.getvalue()))
    return samples


def cases() -> list[tuple[str, str, bytes]]:
    rng = random.Random(SEED)
    calendars = sorted((CORPUS / "clients").glob("*.ics")) + sorted((CORPUS / "broken").glob("*.ics"))
    found = []
    for n in range(200):
        source = rng.choice(calendars)
        found.append(("ics", f"{n}-{source.stem}.ics", mutate(source.read_bytes(), rng, HOSTILE_ICS)))
    samples = roster_samples()
    for n in range(150):
        name, data = rng.choice(samples)
        if name.endswith(".xlsx"):
            data = bytearray(data)
            for _ in range(rng.randint(1, 6)):  # damage the zip: its headers, deflate streams, checksums
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data) if rng.random() < 0.8 else bytes(data[: rng.randrange(len(data))])
        else:
            data = mutate(data, rng, HOSTILE_CELLS)
        found.append(("people", f"{n}-{name}", data))
    return found


def state(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("change_log", "people", "meetings", "attendees", "delegation_members"))
    finally:
        conn.close()


@pytest.mark.skipif(not (CORPUS / "clients").is_dir(), reason="the iCalendar corpus is not checked out")
def test_mutated_files_are_imported_or_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("VISIT_PLANNER_DEBUG", raising=False)
    db = tmp_path / "visit.sqlite"
    assert visit_planner(["demo", "--db", str(db)]) == 0
    resource = pytest.importorskip("resource") if sys.platform != "win32" else None
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if resource else 0
    outcomes = {0: 0, 2: 0}
    faulthandler.dump_traceback_later(SECONDS_IN_ALL, exit=True)
    try:
        run_cases(tmp_path, db, outcomes)
    finally:
        faulthandler.cancel_dump_traceback_later()
    if resource:  # kilobytes on Linux, bytes on macOS: either way far below what a runaway expansion takes
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
        assert grown < (1024**3 if sys.platform == "darwin" else 1024**2), f"peak memory grew by {grown}"
    assert outcomes[0] > 20 and outcomes[2] > 20, outcomes  # the mutations reach both outcomes


def run_cases(tmp_path: Path, db: Path, outcomes: dict[int, int]) -> None:
    for kind, name, data in cases():
        path = tmp_path / name
        path.write_bytes(data)
        before = state(db)
        out, err = io.StringIO(), io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = visit_planner(["import", kind, "--db", str(db), "--visit", "1", str(path)])
        took = time.perf_counter() - started
        lines = [line for line in err.getvalue().splitlines() if line.strip()]
        assert status in (0, 2), f"{name}: status {status}: {err.getvalue()}"
        assert took < SECONDS_PER_CASE, f"{name} took {took:.1f} s"
        if status == 2:
            assert len(lines) == 1, f"{name}: {err.getvalue()!r}"
            assert state(db) == before, f"{name} was refused but something was written"
        outcomes[status] += 1
        path.unlink()
