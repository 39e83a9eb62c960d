"""The conflicts reader as a child process: run as a module, or as the desktop bundle's own program."""

import os
import pickle
import subprocess
import sys
from pathlib import Path

from planner.demo import build_demo
from planner.storage.database import open_database
from planner.storage.store import Store
from planner.ui.conflicts import reading

ROOT = Path(__file__).resolve().parents[2]


def demo_file(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "visit.sqlite"
    store = Store(open_database(path))
    visit_id = build_demo(store)
    store.db.close()
    return path, visit_id


def test_the_program_answers_the_hidden_reader_argument(tmp_path):
    path, visit_id = demo_file(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "main.py", "--conflicts-reader", str(path), str(visit_id)], cwd=ROOT,
                          capture_output=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    found = pickle.loads(done.stdout)
    assert found and [c.message for c in found] == [c.message for c in Store(open_database(path)).conflicts(visit_id)]
    assert "PySide6" not in done.stderr.decode()


def test_the_hidden_argument_with_bad_arguments_is_status_2(tmp_path):
    done = subprocess.run([sys.executable, "main.py", "--conflicts-reader", "only-a-file"], cwd=ROOT,
                          capture_output=True, timeout=120)
    assert done.returncode == 2 and done.stdout == b""


def test_a_frozen_program_runs_itself_or_its_console_twin(tmp_path, monkeypatch):
    program = tmp_path / ("visit-planner" + (".exe" if os.name == "nt" else ""))
    program.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert reading.reader_command(Path("v.sqlite"), 3) == [str(program), "--conflicts-reader", "v.sqlite", "3"]
    twin = program.with_name("visit-planner-cli" + program.suffix)
    twin.write_bytes(b"")
    assert reading.reader_command(Path("v.sqlite"), 3)[0] == str(twin)


def test_python_runs_the_module():
    assert reading.reader_command(Path("v.sqlite"), 3) == [sys.executable, "-m", "planner.ui.conflicts.reading",
                                                          "v.sqlite", "3"]
