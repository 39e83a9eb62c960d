"""No import circle among planner's modules, counting the imports inside functions too.

An import hidden in a function still ties two modules together: the circle is
only postponed to the first call. Imports under ``if TYPE_CHECKING:`` are
annotations and never run, so they do not count.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANNER = ROOT / "planner"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PLANNER.rglob("*.py") if "__pycache__" not in p.parts}


def _runtime_imports(tree: ast.AST):
    """Import statements that run, leaving out ``if TYPE_CHECKING:`` blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in _runtime_imports(ast.Module([child], [])))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _runtime_imports(node)


def _known(name: str) -> str | None:
    """The planner module an imported name lives in (the module itself, or the package that holds the name)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(name: str) -> set[str]:
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names]
        found |= {m for m in map(_known, targets) if m and m != name}
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import one another round (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_finder_sees_a_circle_hidden_in_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]
    # Store and the bulk writes share the tables' relations and no longer import each other.
    assert "planner.storage.bulk" in imports_of("planner.storage.store")
    assert "planner.storage.store" not in imports_of("planner.storage.bulk")


def test_function_level_imports_are_counted():
    assert "planner.ui.meetings.editor" in imports_of("planner.ui.shell.main_window")  # imported in open_meeting


def test_no_module_of_planner_imports_itself_round_a_circle():
    graph = {name: imports_of(name) for name in MODULES}
    assert circles(graph) == []
