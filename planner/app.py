"""Composition root: parse the command line, then run a command or open the window."""

from __future__ import annotations

import argparse
import sys


def window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The window's own options (--db, --demo), or None when argv names a command, asks for help or is malformed.

    Opening the window is the common case; it should not pay for building the parser of every command
    (and importing their modules) before the first paint, nor for any parser: argparse's first parser
    loads gettext's translations and the locale module. Only the plain spellings are read here
    (``--demo``, ``--db PATH``, ``--db=PATH``); anything else (an abbreviation, ``--``, a path that
    starts with a dash) goes to the full parser, which reads the window's options the same way.
    """
    db, demo, rest = None, False, list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--demo":
            demo = True
        elif arg.startswith("--db="):
            db = arg.removeprefix("--db=")
        elif arg == "--db" and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        else:
            return None
    return argparse.Namespace(db=db, demo=demo, command=None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = window_arguments(argv)
    if args is None:
        from planner import cli

        try:
            args = cli.parse(argv)
        except cli.CliError as exc:
            print(f"{cli.PROG}: {exc}", file=sys.stderr)
            return cli.EXIT_USAGE
        if args.command:
            return cli.run(args)
    # The window's Qt-free layers load before Qt: once PySide6 is in, it reads the source of every
    # module imported after it (to see whether it uses PySide6), and start-up paid that for sqlite-utils,
    # the domain and the storage too, in time and in memory (their text stayed cached).
    import planner.storage.queries.meetings  # noqa: F401
    import planner.storage.store  # noqa: F401
    from planner.locations import window_database
    from planner.storage.file_checks import check_in_background

    # The file is read for damage on a second core while Qt loads and the window is built (SQLite lets go of
    # Python's lock as it reads); the window waits for the answer before it shows the file or writes to it.
    checking = check_in_background(window_database(args.db, args.demo))
    # Only the window needs Qt; commands never pay for importing it.
    from planner.ui.shell.launch import run_window

    return run_window(args, checking)
