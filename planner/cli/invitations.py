"""The invitation commands: send invites over SMTP, and list the replies."""

from __future__ import annotations

import argparse

from planner.cli import CliError
from planner.cli.common import open_store, pick_visit, positive_int, print_table


def register(verbs: dict, common: argparse.ArgumentParser) -> None:
    send = verbs["send"].add_parser(
        "invites", parents=[common], help="send invites, updates or cancellations by e-mail (SMTP)",
        description="Send one message per meeting (iMIP) from the organiser to the attendees with an e-mail "
                    "address, through the office's mail server. The password comes from the system keyring or "
                    "the VISIT_PLANNER_SMTP_PASSWORD variable.")
    scope = send.add_mutually_exclusive_group(required=True)
    scope.add_argument("--meeting", type=positive_int, metavar="ID", help="one meeting")
    scope.add_argument("--visit", type=positive_int, metavar="ID", help="every meeting of the visit")
    send.add_argument("--pending", action="store_true",
                      help="send only what changed since it was last sent (updates, new attendees, removals)")
    send.add_argument("--method", choices=["request", "cancel"], default="request",
                      help="request: invites and updates (default); cancel: cancel the meetings and tell everyone")
    send.add_argument("--smtp", metavar="HOST[:PORT]", required=True, help="the mail server")
    security = send.add_mutually_exclusive_group()
    security.add_argument("--starttls", action="store_const", dest="security", const="starttls",
                          help="secure the connection with STARTTLS (port 587); without --starttls or --ssl the "
                               "connection is plain (port 25), for a relay inside the office")
    security.add_argument("--ssl", action="store_const", dest="security", const="ssl",
                          help="connect over SSL/TLS (port 465)")
    send.add_argument("--user", metavar="NAME", default="", help="the user name to log in with")
    send.set_defaults(handler=run_send, security="none")

    replies = verbs["list"].add_parser("replies", parents=[common], help="list who answered each meeting",
                                       description="One row per meeting and attendee: the reply, and which "
                                                   "version of the meeting was last sent to them.")
    replies.add_argument("--visit", type=positive_int, metavar="ID", required=True, help="the visit")
    replies.add_argument("--meeting", type=positive_int, metavar="ID", help="only this meeting")
    replies.add_argument("--json", action="store_true", help="JSON, one object per row")
    replies.set_defaults(handler=run_replies)


def run_replies(args) -> None:
    from planner.storage.queries.invitations import reply_rows

    store = open_store(args)
    pick_visit(store, args.visit)
    if args.meeting is not None:
        meeting = store.meeting(args.meeting)
        if meeting is None or meeting.visit_id != args.visit:
            raise CliError(f"there is no meeting {args.meeting} in visit {args.visit}")
    rows = reply_rows(store.db, args.visit, args.meeting)
    columns = ["meeting_id", "person_id", "email", "reply", "sent_sequence"]
    print_table(rows if args.json else [{**r, "email": r["email"] or "-"} for r in rows],
                columns + (["meeting", "name", "comment", "sent_at", "sequence"] if args.json else ["name"]),
                args.json)


def run_send(args) -> int:
    from planner.domain.invitations import ExportError, Scope
    from planner.mail.sending import prepare, send
    from planner.mail.smtp import Connection, MailServerError, SmtpSettings, password_for

    try:
        settings = SmtpSettings.parse(args.smtp, args.security, args.user)
    except ValueError as exc:
        raise CliError(f"--smtp: {exc}") from None
    store = open_store(args)
    scope = Scope(meeting_id=args.meeting, visit_id=args.visit)
    connection = Connection(settings, password_for(settings))
    try:
        with store.atomic():  # a cancellation is stored only with the messages it prepares
            outgoing, notes = prepare(store, scope, pending_only=args.pending, method=args.method)
            if outgoing:
                connection.open()  # before anything is sent: a wrong server or password sends nothing
    except (ExportError, MailServerError) as exc:
        raise CliError(str(exc)) from None
    for note in notes:
        print(f"note: {note}")
    if not outgoing:
        print("Nothing to send: every attendee has the latest version." if args.pending else "Nothing to send.")
        return 0
    deliveries = send(store, outgoing, connection, progress=lambda n, d: print(d.line(), flush=True))
    sent = sum(len(d.sent_to) for d in deliveries)
    failed = sum(len(d.failed) for d in deliveries)
    print(f"{len([d for d in deliveries if d.sent_to])} of {len(outgoing)} message(s) sent, to {sent} recipient(s)"
          + (f"; {failed} recipient(s) failed and stay pending (send again with --pending)." if failed else "."))
    return 1 if failed else 0
