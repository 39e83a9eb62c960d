"""The command line through a subprocess: the contract other tools rely on."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None, cwd=None):
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    full_env.pop("VISIT_PLANNER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True,
                          encoding="utf-8", env=full_env, cwd=cwd or ROOT, timeout=120)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    result = run("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "Wrote the demo visit" in result.stdout
    return path


def test_demo_refuses_to_overwrite_without_force(demo_db):
    result = run("demo", "--db", str(demo_db))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--force" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_force_replaces_the_visit(tmp_path):
    path = tmp_path / "d.sqlite"
    assert run("demo", "--db", str(path)).returncode == 0
    assert run("demo", "--db", str(path), "--force").returncode == 0
    visits = json.loads(run("list", "visits", "--db", str(path), "--json").stdout)
    assert len(visits) == 1


def test_list_json_has_one_object_per_row(demo_db):
    result = run("list", "meetings", "--db", str(demo_db), "--json")
    assert result.returncode == 0, result.stderr
    meetings = json.loads(result.stdout)
    assert len(meetings) == 21
    assert meetings[0]["title"] == "Virtual interactive session of the industries ministers"
    assert meetings[0]["starts_at"] == "2026-12-08T10:00:00+05:00"
    people = json.loads(run("list", "people", "--db", str(demo_db), "--json").stdout)
    assert [p["name"] for p in people[:2]] == ["Emomali Rahmon", "Imran Khan"]
    assert any(p["native_name"] == "Шерали Кабир" for p in people)
    sectors = json.loads(run("list", "sectors", "--db", str(demo_db), "--json").stdout)
    assert {s["name"] for s in sectors if s["priority"]} >= {"Textile", "Surgical equipment"}


def test_list_table_is_readable(demo_db):
    result = run("list", "people", "--db", str(demo_db))
    assert result.returncode == 0
    header, first = result.stdout.splitlines()[:2]
    assert header.split()[:3] == ["ID", "PRECEDENCE", "SIDE"]
    assert "Emomali Rahmon" in first


def test_database_from_the_environment(demo_db):
    result = run("list", "visits", "--json", env={"VISIT_PLANNER_DB": str(demo_db)})
    assert result.returncode == 0 and json.loads(result.stdout)[0]["zone"] == "Asia/Dushanbe"


@pytest.mark.parametrize("args,needle", [
    (["list", "meetings", "--visit", "99"], "no visit 99"),
    (["list", "meetings", "--visit", "abc"], "not a number"),
    (["list", "weather"], "invalid choice"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_usage_is_status_2_with_one_line(demo_db, args, needle):
    result = run(*args, "--db", str(demo_db))
    assert result.returncode == 2
    assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_and_foreign_databases_are_status_2(tmp_path):
    missing = run("list", "visits", "--db", str(tmp_path / "nothing.sqlite"))
    assert missing.returncode == 2 and "no database" in missing.stderr
    assert not (tmp_path / "nothing.sqlite").exists()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00garbage" * 100)
    result = run("list", "visits", "--db", str(junk))
    assert result.returncode == 2 and str(junk) in result.stderr and "not an SQLite file" in result.stderr
    assert junk.read_bytes() == b"\x00garbage" * 100


def test_main_py_and_module_agree():
    via_main = subprocess.run([sys.executable, "main.py", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert via_main.returncode == 0 and via_main.stdout.startswith("visit-planner ")
