"""The CI script: it runs the README's test command first, lints, tries a second clock, and never rewrites golden files."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / ".ci" / "run"


def test_ci_runs_the_readme_test_command_first_then_ruff_and_a_second_clock():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = next(line for line in readme.splitlines() if line.endswith("python -m pytest"))
    lines = [line.strip() for line in CI.read_text(encoding="utf-8").splitlines()]
    runs = [n for n, line in enumerate(lines) if re.search(r"\bpytest\b|\bruff\b", line) and not line.startswith("#")]
    assert [lines[n] for n in runs] == [
        test_command, "ruff check planner tests benchmarks", "TZ=America/New_York python -m pytest"]


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("dirname") is None,
                    reason="the CI script is a bash script")
def test_ci_refuses_to_run_when_golden_files_would_be_rewritten(tmp_path):
    venv = ROOT / ".ci" / "venv"
    existed = venv.exists()
    # Only what the script needs to reach its first check: should the check be gone, it installs nothing.
    (tmp_path / "dirname").symlink_to(shutil.which("dirname"))
    result = subprocess.run([shutil.which("bash"), str(CI)], capture_output=True, text=True, timeout=60,
                            env={"PATH": str(tmp_path), "UPDATE_GOLDEN": "1", "PYTHON": "false"})
    assert result.returncode == 1
    assert "UPDATE_GOLDEN" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert venv.exists() == existed  # it stopped before touching anything
