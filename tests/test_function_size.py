"""No function in planner/ runs over 60 lines, except the few listed here with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

import planner

LIMIT = 60
ALLOWED = {
    # Schema data: the first migration creates every table of the visit model in one step, and an
    # applied migration is never edited.
    ("storage/migrations.py", "m001_visit_model"),
}


def long_functions(root: Path) -> list[tuple[str, str, int]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > LIMIT:
                    found.append((path.relative_to(root).as_posix(), node.name, length))
    return found


def test_no_function_over_the_limit():
    root = Path(planner.__file__).parent
    too_long = [(module, name, length) for module, name, length in long_functions(root)
                if (module, name) not in ALLOWED]
    assert not too_long, f"functions over {LIMIT} lines (split them, or list them here with a reason): {too_long}"


def test_the_check_finds_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n", encoding="utf-8")
    (tmp_path / "short.py").write_text("def short():\n    return 1\n", encoding="utf-8")
    assert long_functions(tmp_path) == [("long.py", "long", LIMIT + 1)]
