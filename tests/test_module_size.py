"""Every module of planner stays under 400 lines, so that each one can be read as a whole."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANNER = ROOT / "planner"
LIMIT = 400


def oversized(folder: Path, limit: int = LIMIT) -> list[str]:
    """The modules under ``folder`` longer than ``limit`` lines, each as 'path (n lines)'."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        with path.open(encoding="utf-8") as text:
            lines = sum(1 for _ in text)
        if lines > limit:
            found.append(f"{path.relative_to(folder.parent).as_posix()} ({lines} lines)")
    return found


def test_no_module_of_planner_is_over_400_lines():
    assert oversized(PLANNER) == [], "split these modules along a seam: " + ", ".join(oversized(PLANNER))


def test_a_long_module_is_named(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "short.py").write_text("x = 1\n" * LIMIT, encoding="utf-8")
    (package / "long.py").write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    assert oversized(package) == [f"pkg/long.py ({LIMIT + 1} lines)"]
