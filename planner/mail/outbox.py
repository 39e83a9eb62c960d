"""Invites, cancellations and programmes out of a visit: choose the meetings, render them, write the files.

An invite or a cancellation covers one meeting (RFC 5546 3.2), so several
meetings go out as one file per meeting in a folder; a read-only programme
(PUBLISH) is one file. A cancellation is stored before it is rendered, in the
caller's transaction, so that it is kept only if its file or mail went out.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from planner.domain.invitations import ExportError, Programme, Scope
from planner.ical.export import ExportResult, Method, file_stem, render
from planner.storage.invitations import mark_cancelled
from planner.storage.queries import invitations as queries


class NeedsFolder(ExportError):
    """Several invites or cancellations asked to go into one file."""


def load(store, scope: Scope) -> tuple[Programme, list]:
    visit_id, meetings = queries.select(store.db, scope)
    if not meetings:
        raise ExportError(f"{scope.describe()} has no meetings to export")
    return queries.programme(store.db, visit_id), meetings


def export(store, scope: Scope, method: Method | str = Method.REQUEST, now: datetime | None = None) -> ExportResult:
    """Select, cancel first when the method is CANCEL, and render; the whole export for scripts."""
    method = Method(method)
    programme, meetings = load(store, scope)
    if method is not Method.CANCEL:
        return render(meetings, programme, method, now)
    # One transaction: if the file cannot be made, the meetings are not marked cancelled either.
    with store.atomic():
        mark_cancelled(store, meetings)
        _visit_id, meetings = queries.select(store.db, Scope(meeting_ids=tuple(x.id for x in meetings)))
        return render(meetings, queries.programme(store.db, programme.visit.id), method, now)


def is_folder(path: Path) -> bool:
    """A path names a folder when it is one, or when it does not end in .ics."""
    return path.is_dir() or path.suffix.lower() != ".ics"


def check_target(path: Path, method: Method | str, count: int) -> None:
    """NeedsFolder when several invites or cancellations would go into one file."""
    if Method(method) is not Method.PUBLISH and count > 1 and not is_folder(path):
        raise NeedsFolder(f"{count} meetings are {count} invites, one file each: give a folder with --out "
                          "(for example --out invites/), or use --method publish for one read-only file")


def write_files(result: ExportResult, out: Path) -> list[Path]:
    """Write the export: one file for a programme or one meeting, else one file per meeting in ``out``."""
    if result.method is Method.PUBLISH or not is_folder(out):
        check_target(out, result.method, len(result.meetings))
        out.write_bytes((result.text or result.messages[0]).encode("utf-8"))
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for n, (meeting, text) in enumerate(zip(result.meetings, result.messages), start=1):
        path = out / f"{file_stem(n, meeting)}.ics"
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
