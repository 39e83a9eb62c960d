"""export ics and import ics through a subprocess: the exact command-line contract."""

import email
import json
import shutil

import icalendar
import pytest

from tests.cli.test_cli import run
from tests.ical.conftest import CORPUS, needs_corpus


@pytest.fixture(scope="module")
def built_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("ics") / "demo.sqlite"
    assert run("demo", "--db", str(path)).returncode == 0
    return path


@pytest.fixture
def demo_db(built_demo, tmp_path):
    """A fresh copy of the demo database for each test (building it takes a while)."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(built_demo, path)
    return path


def meetings(db) -> list[dict]:
    return json.loads(run("list", "meetings", "--db", str(db), "--json").stdout)


def test_export_visit_invites_one_file_per_meeting_and_emails(demo_db, tmp_path):
    out, eml = tmp_path / "invites", tmp_path / "mail"
    result = run("export", "ics", "--db", str(demo_db), "--visit", "1", "--out", str(out), "--eml", str(eml))
    assert result.returncode == 0, result.stderr
    assert "Wrote 21 invite(s)" in result.stdout and "21 file(s), one per meeting" in result.stdout
    assert "named in the description" in result.stderr  # people without e-mail are reported
    files = sorted(out.glob("*.ics"))
    assert len(files) == 21 and files[0].name.startswith("01-")
    uids = set()
    for path in files:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        assert cal["METHOD"] == "REQUEST" and len(cal.walk("VEVENT")) == 1
        uids.add(str(cal.walk("VEVENT")[0]["UID"]))
    assert len(uids) == 21
    mails = sorted(eml.glob("*.eml"))
    assert len(mails) == 21
    message = email.message_from_bytes(mails[0].read_bytes())
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "REQUEST" and part.get_param("charset") == "UTF-8"
    assert icalendar.Calendar.from_ical(part.get_payload(decode=True))["METHOD"] == "REQUEST"


@pytest.mark.parametrize("scope", [["--meeting", "4"], ["--person", "5"], ["--sector", "2"]])
def test_export_scopes_publish(demo_db, tmp_path, scope):
    out = tmp_path / "x.ics"
    result = run("export", "ics", "--db", str(demo_db), *scope, "--method", "publish", "--out", str(out))
    assert result.returncode == 0, result.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert cal["METHOD"] == "PUBLISH" and cal.walk("VEVENT")
    assert all("ATTENDEE" not in e for e in cal.walk("VEVENT"))


def test_cancel_stores_the_status_and_raised_sequence(demo_db, tmp_path):
    out = tmp_path / "cancel.ics"
    result = run("export", "ics", "--db", str(demo_db), "--meeting", "3", "--method", "cancel", "--out", str(out))
    assert result.returncode == 0, result.stderr
    event = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED" and int(event["SEQUENCE"]) == 1
    row = next(x for x in meetings(demo_db) if x["id"] == 3)
    assert (row["status"], row["sequence"]) == ("cancelled", 1)


@pytest.mark.parametrize("method", ["request", "cancel"])
def test_several_invites_into_one_file_is_status_2_and_writes_nothing(demo_db, tmp_path, method):
    before = demo_db.read_bytes()
    out = tmp_path / "mining.ics"
    result = run("export", "ics", "--db", str(demo_db), "--sector", "2", "--method", method, "--out", str(out))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "give a folder" in result.stderr and "--method publish" in result.stderr
    assert not out.exists() and demo_db.read_bytes() == before


def test_readme_sector_example_writes_a_folder(demo_db, tmp_path):
    out = tmp_path / "mining-invites"
    result = run("export", "ics", "--db", str(demo_db), "--sector", "2", "--out", str(out))
    assert result.returncode == 0, result.stderr
    files = sorted(out.glob("*.ics"))
    assert len(files) > 1 and all(len(icalendar.Calendar.from_ical(f.read_bytes()).walk("VEVENT")) == 1
                                  for f in files)
    assert "02-delegation-level-talks.ics" in [f.name for f in files]


@pytest.mark.parametrize("args,needle", [
    (["export", "ics", "--visit", "1"], "--out"),
    (["export", "ics", "--out", "x.ics"], "one of the arguments"),
    (["export", "ics", "--visit", "1", "--meeting", "2", "--out", "x.ics"], "not allowed with"),
    (["export", "ics", "--meeting", "999", "--out", "x.ics"], "no meeting 999"),
    (["export", "ics", "--visit", "1", "--method", "invite", "--out", "x.ics"], "invalid choice"),
    (["export", "ics", "--visit", "1", "--out", "/no/such/folder/x.ics"], "does not exist"),
    (["import", "ics", "--visit", "1", "missing.ics"], "no file"),
    (["import", "ics", "--visit", "9", str(CORPUS / "clients" / "x_location.ics")], "no visit 9"),
])
def test_bad_usage_is_status_2_with_one_line(demo_db, args, needle):
    result = run(*args, "--db", str(demo_db))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and needle in result.stderr and "Traceback" not in result.stderr


@needs_corpus
def test_import_then_import_again_updates(demo_db):
    path = CORPUS / "clients" / "x_location.ics"
    dry = run("import", "ics", "--db", str(demo_db), "--visit", "1", "--dry-run", str(path))
    assert dry.returncode == 0 and "New: " in dry.stdout and "nothing was written" in dry.stdout
    assert len(meetings(demo_db)) == 21
    first = run("import", "ics", "--db", str(demo_db), "--visit", "1", str(path))
    assert first.returncode == 0, first.stderr
    assert "1 new" in first.stdout and len(meetings(demo_db)) == 22
    again = run("import", "ics", "--db", str(demo_db), "--visit", "1", str(path))
    assert again.returncode == 0 and "Nothing to change" in again.stdout and len(meetings(demo_db)) == 22


@needs_corpus
def test_broken_file_is_status_2_and_nothing_written(demo_db):
    before = demo_db.read_bytes()
    result = run("import", "ics", "--db", str(demo_db), "--visit", "1",
                 str(CORPUS / "broken" / "issue_722_missing_timezones.ics"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nothing was imported" in result.stderr
    assert demo_db.read_bytes() == before
