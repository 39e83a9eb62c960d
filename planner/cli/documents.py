"""The print commands: a meeting's agenda, the programme, the delegation list or an itinerary, as a PDF."""

from __future__ import annotations

import argparse

from planner.cli import CliError
from planner.cli.common import open_store, pick_visit, positive_int

# noun -> (what it is printed for, what it is called, help)
DOCUMENTS = {
    "agenda": ("meeting", "agenda", "print a meeting's agenda"),
    "programme": ("visit", "programme", "print the visit programme, day by day"),
    "delegation": ("visit", "delegation list", "print the delegation list of both sides"),
    "itinerary": ("person", "itinerary", "print one person's itinerary"),
}
WHERE_TO_LOOK = {"meeting": "list meetings", "visit": "list visits", "person": "list people"}
PAPERS = ("A4", "Letter")


def revision_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a revision number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a revision number")
    return value


def register(verbs: dict, common: argparse.ArgumentParser) -> None:
    for noun, (subject, _name, text) in DOCUMENTS.items():
        sub = verbs["print"].add_parser(noun, parents=[common], help=text,
                                        description=f"{text[0].upper()}{text[1:]} to a PDF file.")
        for option in ("meeting", "visit", "person"):
            if option == subject:
                needed = "needed when the database holds several visits" if option == "visit" else "required"
                sub.add_argument(f"--{option}", type=positive_int, metavar="ID",
                                 help=f"the {option} ({needed}; see 'visit-planner {WHERE_TO_LOOK[option]}')")
            else:  # accepted only to say clearly that it is the wrong one
                sub.add_argument(f"--{option}", type=positive_int, metavar="ID", help=argparse.SUPPRESS)
        sub.add_argument("--pdf", metavar="FILE", required=True, help="the PDF file to write (replaced if it exists)")
        sub.add_argument("--paper", choices=PAPERS, default="A4", help="paper size (default: A4)")
        sub.add_argument("--titles", choices=("first", "second"), default="first",
                         help="print designations and organisations in their first or second language "
                              "(default: first; a title not given in the second language stays in the first)")
        if noun in ("programme", "itinerary"):
            default = "omit" if noun == "programme" else "mark"
            sub.add_argument("--cancelled", choices=("omit", "mark"), default=default,
                             help=f"leave cancelled meetings out or show them struck through (default: {default})")
        if noun == "programme":
            sub.add_argument("--changes-since", type=revision_number, metavar="N", default=None,
                             help="add the list of changes made since revision N was issued (0: all)")
        sub.set_defaults(handler=run_print, document=noun)


def _check_subject(args) -> None:
    subject, name, _ = DOCUMENTS[args.document]
    for option in ("meeting", "visit", "person"):
        if option != subject and getattr(args, option, None) is not None:
            raise CliError(f"the {name} is printed for a {subject}: use --{subject} ID, not --{option}")
    if subject in ("meeting", "person") and getattr(args, subject) is None:
        raise CliError(f"print {args.document} needs --{subject} ID (see 'visit-planner {WHERE_TO_LOOK[subject]}')")


def run_print(args) -> None:
    _check_subject(args)
    from planner import reports
    from planner.storage.queries import documents

    store = open_store(args, writes=False)
    subject, name, _ = DOCUMENTS[args.document]
    second = args.titles == "second"
    try:
        if args.document == "agenda":
            report = reports.agenda(documents.agenda_data(store, args.meeting, second_language=second))
        elif args.document == "itinerary":
            report = reports.itinerary(documents.itinerary_data(store, args.person, second_language=second), cancelled=args.cancelled)
        elif args.document == "programme":
            visit = pick_visit(store, args.visit)
            data = documents.programme_data(store, visit.id, changes_since=args.changes_since,
                                           second_language=second)
            report = reports.programme(data, cancelled=args.cancelled)
        else:
            report = reports.delegation_list(documents.delegation_list_data(store, pick_visit(store, args.visit).id,
                                                                         second_language=second))
    except documents.NotFound as exc:
        raise CliError(f"{exc} (see 'visit-planner {WHERE_TO_LOOK[subject]}')") from None

    from planner import printing  # Qt only now, when there is something to print

    try:
        pages = printing.write_pdf(report, args.pdf, args.paper)
    except printing.PrintError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote the {name} to {args.pdf} ({pages} page{'s' if pages != 1 else ''}, {args.paper})")
