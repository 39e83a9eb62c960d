"""The command line: one parser, headless commands, and the exit-status contract.

Exit status 0 on success, 2 for bad usage or bad input (one line on stderr),
1 for anything unexpected. Command modules register their sub-commands under
the verbs below and import heavy libraries only inside their handlers.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from planner import __version__

EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE = 0, 1, 2
PROG = "visit-planner"

# Modules that add sub-commands; each has register(verbs, common).
COMMAND_MODULES = ["planner.cli.data", "planner.cli.people", "planner.cli.ics", "planner.cli.documents",
                   "planner.cli.visits", "planner.cli.invitations", "planner.cli.b2b"]
# Verbs that group nouns: "export people", "import ics", "print agenda".
GROUPED_VERBS = {
    "new": "create a visit",
    "list": "print the visits, meetings, people, sectors, delegations, venues or replies in a database",
    "export": "write people or calendar files from a visit",
    "import": "read people or calendar files into a visit",
    "print": "print a document of the visit to PDF",
    "send": "send invites, updates and cancellations by e-mail",
}


class CliError(Exception):
    """Bad usage or bad input: exit status 2 with this one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line, not the usage block
        raise CliError(f"{message} (see '{self.prog} --help')")


def common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="the database file (default: $VISIT_PLANNER_DB, else the user's data folder)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = _Parser(prog=PROG, description="Plan official visits: meetings, people, agendas and documents.")
    parser.add_argument("--db", metavar="PATH", default=None,
                        help="the database file (default: $VISIT_PLANNER_DB, else the user's data folder)")
    parser.add_argument("--demo", action="store_true", help="open the window on the built-in demo visit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    verbs = {}
    for verb, text in GROUPED_VERBS.items():
        group = commands.add_parser(verb, help=text, description=text.capitalize() + ".")
        verbs[verb] = group.add_subparsers(dest="noun", metavar="WHAT", required=True, parser_class=_Parser)
    verbs[""] = commands
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(verbs, common)
    for verb in GROUPED_VERBS:
        if not verbs[verb].choices:
            commands._name_parser_map.pop(verb, None)
            commands._choices_actions[:] = [a for a in commands._choices_actions if a.dest != verb]
    return parser


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def run(args: argparse.Namespace) -> int:
    """Run a parsed command and turn every outcome into the exit-status contract."""
    from planner.domain.text import one_line
    from planner.domain.validation import ValidationError
    from planner.storage.database import DatabaseRefused

    try:
        result = args.handler(args)
        return EXIT_OK if result is None else int(result)
    except (CliError, DatabaseRefused, ValidationError) as exc:
        print(f"{PROG}: {one_line(exc, 500)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_UNEXPECTED
    except Exception as exc:  # the contract: anything unexpected is status 1, still one line
        if os.environ.get("VISIT_PLANNER_DEBUG"):
            raise
        print(f"{PROG}: unexpected error: {type(exc).__name__}: {one_line(exc, 500)}", file=sys.stderr)
        return EXIT_UNEXPECTED

