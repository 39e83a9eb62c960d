"""The B2B commands through a subprocess: import, schedule, list and print, with their exit statuses."""

import json

import pytest
from openpyxl import Workbook

from tests.cli.test_cli import run

RUSSIAN = ("Компания;Хочет встретиться с;Приоритет;Примечание\r\n"
           "Indus Loom Mills;Khujand Leather;обязательно;Кожа\r\n"
           "Ромашка;\"Pamir Pharm; Sogd Medtech\";could;\r\n"
           ";Vakhsh Agro;must;\r\n"
           "Indus Loom Mills;Khujand Leather;must;\r\n"
           "Ravi Cotton Exports;Vakhsh Agro;срочно;;extra cell\r\n")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "visit.sqlite"
    assert run("demo", "--db", str(path)).returncode == 0
    return path


def listed(db, noun):
    done = run("list", noun, "--db", str(db), "--visit", "1", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_import_reads_russian_headers_creates_companies_and_lists_problem_rows(db, tmp_path):
    sheet = tmp_path / "requests.csv"
    sheet.write_bytes(RUSSIAN.encode("cp1251"))
    before = listed(db, "companies")
    dry = run("b2b", "import", "--db", str(db), "--visit", "1", str(sheet), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "new company: Ромашка" in dry.stdout and "row 4: no company" in dry.stdout
    assert "row 5: Indus Loom Mills → Khujand Leather is on an earlier row already" in dry.stdout
    assert "row 6: 'срочно' is not a priority" in dry.stdout
    assert listed(db, "companies") == before
    done = run("b2b", "import", "--db", str(db), "--visit", "1", str(sheet))
    assert done.returncode == 0, done.stderr
    assert "Imported 3 meeting request(s) and 1 new company(ies)." in done.stdout
    names = {c["name"]: c for c in listed(db, "companies")}
    assert set(names["Vakhsh Agro"]) == {"id", "name", "native_name", "side", "sectors", "people"}
    assert names["Vakhsh Agro"]["sectors"] == ["Food processing"] and names["Vakhsh Agro"]["people"]
    assert names["Ромашка"]["side"] == "guest" and names["Ромашка"]["people"] == []


def test_import_of_an_xlsx_with_english_headers(db, tmp_path):
    book = Workbook()
    book.active.append(["Company", "Wants to meet", "Priority"])
    book.active.append(["Margalla Pharma", "Sogd Medtech", "Should"])
    path = tmp_path / "requests.xlsx"
    book.save(path)
    done = run("b2b", "import", "--db", str(db), "--visit", "1", str(path))
    assert done.returncode == 0 and "Imported 1 meeting request(s)" in done.stdout


def test_a_file_without_the_columns_is_refused_in_one_line(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,E-mail\nA,a@b.example\n", encoding="utf-8")
    done = run("b2b", "import", "--db", str(db), "--visit", "1", str(path))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Company" in done.stderr


def _site_visit(db):
    """Dr. Sana Javed of Karakoram Rare Metals is away during the mining B2B session."""
    from planner.demo import _at
    from planner.domain import model as m
    from planner.storage.store import Store

    store = Store(db)
    day = store.visit(1).first_day.replace(day=15)
    visit = m.Meeting(1, "Site visit to the Talco aluminium smelter", _at(day, "15:30"), _at(day, "17:00"),
                      "Asia/Dushanbe", m.MeetingKind.BILATERAL)
    visit = store.insert(visit)
    javed = next(p for p in store.people(1) if p.name == "Sana Javed")
    store.add(m.Attendee(visit.id, javed.id))
    store.db.conn.close()


def test_schedule_says_how_good_the_plan_is_and_why_requests_were_left_out(db):
    _site_visit(db)
    done = run("b2b", "schedule", "--db", str(db), "--visit", "1", "--time-limit", "5")
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("placed 19 of 22 requests (must 7/8, should 9/10, could 3/4); ")
    assert first.endswith("proven best") or "of the best bound" in first
    assert ("Karakoram Rare Metals has no free slot: Dr. Sana Javed attends Site visit to the Talco aluminium "
            "smelter 15:30–17:00") in done.stdout
    assert "no B2B session is held for the sectors of Indus Builders and Rogun Construction" in done.stdout
    talks = listed(db, "b2b")
    assert len(talks) == 16  # 19 requests, three of them mutual pairs
    talk = talks[0]
    assert set(talk) >= {"session_id", "start", "end", "table", "company_a", "company_b", "priority", "people"}
    assert talk["start"].endswith("+05:00") and talk["start"][10] == "T"
    assert run("b2b", "schedule", "--db", str(db), "--time-limit", "0").returncode == 2


def test_print_the_hall_plan_and_a_company_schedule(db, tmp_path):
    from pypdf import PdfReader

    plan = tmp_path / "plan.pdf"
    done = run("print", "b2b", "--db", str(db), "--visit", "1", "--pdf", str(plan))
    assert done.returncode == 0, done.stderr
    page = PdfReader(plan).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    assert "Indus Loom Mills" in " ".join(page.extract_text().split())
    mine = tmp_path / "vakhsh.pdf"
    done = run("print", "b2b", "--db", str(db), "--visit", "1", "--company", "vakhsh agro", "--pdf", str(mine))
    assert done.returncode == 0, done.stderr
    text = " ".join(PdfReader(mine).pages[0].extract_text().split())
    assert "B2B schedule: Vakhsh Agro" in text and "Punjab Agro Foods" in text and "English–Russian" in text
    wrong = run("print", "b2b", "--db", str(db), "--visit", "1", "--company", "Nobody", "--pdf", str(mine))
    assert wrong.returncode == 2 and "no company called 'Nobody'" in wrong.stderr


def test_an_empty_visit_has_nothing_to_schedule(tmp_path):
    path = tmp_path / "empty.sqlite"
    from datetime import date

    from planner.domain import model as m
    from planner.storage.store import Store

    store = Store(path)
    store.add(m.Visit("Empty", m.VisitKind.WORKING, "TJ", "PK", date(2026, 1, 1), date(2026, 1, 2),
                      "Asia/Dushanbe", "Asia/Karachi"))
    store.db.conn.close()
    done = run("b2b", "schedule", "--db", str(path), "--time-limit", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("placed 0 of 0 requests (must 0/0, should 0/0, could 0/0); proven best")
    assert listed(path, "companies") == [] and listed(path, "b2b") == []
