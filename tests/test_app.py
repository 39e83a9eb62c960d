"""The composition root sends window options to the window and everything else to the command line."""

import pytest

from planner import app


@pytest.mark.parametrize("argv,db,demo", [([], None, False), (["--demo"], None, True),
                                          (["--db", "x.sqlite"], "x.sqlite", False),
                                          (["--db=x.sqlite", "--demo"], "x.sqlite", True)])
def test_window_options_open_the_window(argv, db, demo):
    args = app.window_arguments(argv)
    assert (args.db, args.demo, args.command) == (db, demo, None)


@pytest.mark.parametrize("argv", [["list", "visits"], ["--help"], ["-h"], ["--version"], ["--db"],
                                  ["demo", "--db", "x.sqlite"], ["--db", "x.sqlite", "list", "people"]])
def test_commands_help_and_mistakes_go_to_the_full_parser(argv):
    assert app.window_arguments(argv) is None


def test_a_mistake_is_reported_by_the_full_parser(capsys):
    assert app.main(["--db"]) == 2
    assert "--db" in capsys.readouterr().err


def test_window_path_does_not_build_the_command_parser(monkeypatch):
    opened = []
    monkeypatch.setattr("planner.cli.parse", lambda argv: pytest.fail("the command parser was built"))
    import planner.ui.shell.launch

    monkeypatch.setattr(planner.ui.shell.launch, "run_window", lambda args, checking=None: opened.append(args) or 0)
    assert app.main(["--demo"]) == 0 and opened[0].demo


WINDOW_WORDS = ["--demo", "--db", "x.sqlite", "--db=y.sqlite", "--db=", "", "-x", "--de", "--d", "--", "list",
                "visits", "--db=-z", "-5", "--help"]


def full_parse(argv):
    from planner import cli

    try:
        return cli.parse(argv)
    except (cli.CliError, SystemExit):
        return None


@pytest.mark.parametrize("argv", [[], ["--demo"], ["--db", ""], ["--db", "a", "--db", "b"], ["--demo", "--demo"]]
                         + [[a, b] for a in WINDOW_WORDS for b in WINDOW_WORDS]
                         + [[a, b, c] for a in WINDOW_WORDS[:5] for b in WINDOW_WORDS[:5] for c in WINDOW_WORDS[:5]])
def test_the_window_options_read_without_a_parser_are_what_the_full_parser_reads(argv, capsys):
    fast = app.window_arguments(argv)
    if fast is None:
        return  # the full parser decides, as for any command
    full = full_parse(argv)
    assert full is not None, capsys.readouterr().err
    assert (fast.db, fast.demo, fast.command) == (full.db, full.demo, full.command)
