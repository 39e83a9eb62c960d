"""Composition root: parse the command line, then run a command or open the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from planner import cli

    try:
        args = cli.parse(argv)
    except cli.CliError as exc:
        print(f"{cli.PROG}: {exc}", file=sys.stderr)
        return cli.EXIT_USAGE
    if args.command:
        return cli.run(args)
    # Only the window needs Qt; commands never pay for importing it.
    from planner.ui.launch import run_window

    return run_window(args)
