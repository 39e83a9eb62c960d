"""'visit-planner print ...' through a subprocess: files written, exit statuses, one-line errors."""

import unicodedata

import pytest
from pypdf import PdfReader

from tests.cli.test_cli import run


def first_page(path) -> str:
    """Page one's words, with the font's ligatures (the ffi of 'Official') unfolded."""
    return " ".join(unicodedata.normalize("NFKC", PdfReader(path).pages[0].extract_text()).split())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-print") / "demo.sqlite"
    assert run("demo", "--db", str(path)).returncode == 0
    return path


def test_every_document_prints_to_a_pdf(demo_db, tmp_path):
    cases = {
        "agenda": ["--meeting", "5"],
        "programme": ["--visit", "1", "--cancelled", "mark", "--changes-since", "0"],
        "delegation": [],
        "itinerary": ["--person", "1", "--paper", "Letter"],
    }
    for noun, options in cases.items():
        target = tmp_path / f"{noun}.pdf"
        result = run("print", noun, "--db", str(demo_db), *options, "--pdf", str(target))
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Wrote the ") and str(target) in result.stdout
        reader = PdfReader(target)
        assert len(reader.pages) >= 1
        assert "Official visit of the Prime Minister of Pakistan to Tajikistan" in first_page(target)
    assert "Delegation-level talks" in first_page(tmp_path / "agenda.pdf")
    assert "Changes since revision 0" in first_page(tmp_path / "programme.pdf")
    letter = PdfReader(tmp_path / "itinerary.pdf").pages[0].mediabox
    assert round(float(letter.width)) == 612


@pytest.mark.parametrize("args,needle", [
    (["print", "agenda", "--meeting", "99"], "there is no meeting 99"),
    (["print", "agenda"], "needs --meeting ID"),
    (["print", "programme", "--meeting", "5"], "use --visit ID, not --meeting"),
    (["print", "itinerary", "--visit", "1"], "use --person ID, not --visit"),
    (["print", "itinerary", "--person", "999"], "there is no person 999"),
    (["print", "delegation", "--visit", "7"], "no visit 7"),
    (["print", "programme", "--changes-since", "4"], "Revision 4 has not been issued"),
    (["print", "programme", "--changes-since", "x"], "not a revision number"),
    (["print", "programme", "--cancelled", "hide"], "invalid choice"),
    (["print", "delegation", "--paper", "A3"], "invalid choice"),
    (["print", "poster"], "invalid choice"),
])
def test_bad_usage_is_status_2_with_one_line_and_no_file(demo_db, tmp_path, args, needle):
    target = tmp_path / "out.pdf"
    result = run(*args, "--db", str(demo_db), "--pdf", str(target))
    assert result.returncode == 2, result.stderr
    assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_pdf_is_required_and_its_folder_must_exist(demo_db, tmp_path):
    missing = run("print", "delegation", "--db", str(demo_db))
    assert missing.returncode == 2 and "--pdf" in missing.stderr
    nowhere = run("print", "delegation", "--db", str(demo_db), "--pdf", str(tmp_path / "no" / "d.pdf"))
    assert nowhere.returncode == 2 and "does not exist" in nowhere.stderr
    assert len(nowhere.stderr.strip().splitlines()) == 1


def test_printing_needs_no_display(demo_db, tmp_path):
    target = tmp_path / "d.pdf"
    result = run("print", "delegation", "--db", str(demo_db), "--pdf", str(target),
                 env={"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""})
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")


def test_titles_print_in_the_second_language_when_asked(tmp_path):
    import sqlite3

    db = tmp_path / "demo.sqlite"
    assert run("demo", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE people SET designation = 'Министр промышленности', "
                           "second_designation = 'Minister of Industry (second)' WHERE id = 1")
    connection.close()
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    assert run("print", "itinerary", "--db", str(db), "--person", "1", "--pdf", str(first)).returncode == 0
    result = run("print", "itinerary", "--db", str(db), "--person", "1", "--titles", "second", "--pdf", str(second))
    assert result.returncode == 0, result.stderr
    assert "Minister of Industry (second)" in first_page(second)
    assert "Minister of Industry (second)" not in first_page(first)
    bad = run("print", "itinerary", "--db", str(db), "--person", "1", "--titles", "third", "--pdf", str(second))
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
