"""Finding a large visit's conflicts in a process of its own, so the window never waits for it (no Qt here).

A thread would share the interpreter with the window: for the seconds a
visit of 10,000 meetings takes, every repaint would wait its turn and the
window would stall for half a second at a time. The child process reads the
database through its own read-only connection (SQLite in WAL mode lets it
read while the window writes) and hands the list back, pickled, on its
standard output. Run as ``python -m planner.ui.conflicts.reading FILE VISIT_ID``, or, in the
desktop bundle, which has no Python to run a module with, as the bundle's own program with the
hidden argument ``--conflicts-reader FILE VISIT_ID``; the reading itself is
planner.storage.queries.conflicts.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]  # the folder holding the planner package
READER_ARGUMENT = "--conflicts-reader"  # planner.app.main hands this to main() below


def reader_command(path: Path, visit_id: int) -> list[str]:
    """The child's command line: this module under Python, or the frozen program itself with the hidden argument."""
    if getattr(sys, "frozen", False):
        # The bundle's console twin: a windowed Windows program has no standard output to answer on.
        program = Path(sys.executable)
        twin = program.with_name("visit-planner-cli" + program.suffix)
        return [str(twin if twin.is_file() else program), READER_ARGUMENT, str(path), str(visit_id)]
    return [sys.executable, "-m", __name__, str(path), str(visit_id)]


def find_in_background(path: Path, visit_id: int, done: Callable[[list | None], None]) -> None:
    """Find the conflicts in a child process; ``done`` gets them (None if they could not be read),
    called from a waiting thread, never the window's."""

    def wait() -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
        try:
            # CREATE_NO_WINDOW: on Windows a console would otherwise flash up beside the window.
            child = subprocess.run(reader_command(path, visit_id), env=env,
                                   capture_output=True, timeout=900, check=False,
                                   creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
            found = pickle.loads(child.stdout) if child.returncode == 0 else None
        except (OSError, subprocess.SubprocessError, pickle.UnpicklingError, EOFError):
            found = None
        done(found)

    threading.Thread(target=wait, daemon=True).start()


def main(argv: list[str]) -> int:
    """Write the visit's conflicts, pickled, to standard output: ``FILE VISIT_ID``."""
    from planner.storage.queries.conflicts import ConflictsUnreadable, conflicts_in_file

    try:
        path, visit_id = Path(argv[0]), int(argv[1])
        conflicts = conflicts_in_file(path, visit_id)
    except (IndexError, ValueError):
        print("usage: --conflicts-reader FILE VISIT_ID", file=sys.stderr)
        return 2
    except ConflictsUnreadable as exc:
        print(f"cannot read the conflicts: {exc}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(pickle.dumps(conflicts))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
