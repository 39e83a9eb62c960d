"""The delegation list: who is who on each side, for the liaison officer's folder."""

from __future__ import annotations

from datetime import datetime

from planner.domain import model as m
from planner.domain.documents import DelegationListData
from planner.domain.precedence import by_precedence_of
from planner.reports.common import (
    SIDE_HEADINGS,
    SIDE_ORDER,
    PageFurniture,
    Report,
    document,
    esc,
    file_stem,
    grid,
    native_block,
    prepared_by,
    printed_now,
    revision_line,
)

COLUMNS = [("No.", 5), ("Name", 24), ("Native script", 18), ("Designation", None)]


def delegation_list(data: DelegationListData, *, printed_at: datetime | None = None) -> Report:
    """Both sides' delegations from what planner.storage.queries.documents.delegation_list_data read."""
    visit, people, sectors, delegations = data.visit, data.people, data.sectors, data.delegations
    body = [f"<h1>{esc(visit.title)}</h1>", f"<p><b>Delegation list</b> · {esc(revision_line(visit))}</p>"]
    count = 0
    for side in SIDE_ORDER:
        mine = [d for d in delegations if m.Side(d.side) == side]
        if not mine:
            continue
        for delegation in mine:
            members = [x for x in data.members.get(delegation.id, []) if x.person_id in people]
            members = by_precedence_of(members, lambda x: people[x.person_id])
            count += len(members)
            caption = f"{esc(delegation.name)} ({esc(SIDE_HEADINGS[side].lower())})"
            if delegation.kind == m.DelegationKind.BUSINESS:
                columns, rows = COLUMNS + [("Company", 25)], _by_sector(members, people, sectors)
            else:
                columns = COLUMNS + [("Organisation", 25)]
                rows = [_row(n, x, people[x.person_id], people[x.person_id].organisation)
                        for n, x in enumerate(members, start=1)]
            if not rows:
                rows = ['<tr><td></td><td colspan="4">No members yet.</td></tr>']
            body.append(grid(columns, rows, caption=caption) + "<p></p>")
    if not delegations:
        body.append("<p>No delegations yet.</p>")
    furniture = PageFurniture(title=visit.title, document="Delegation list", revision=visit.revision,
                              printed_at=printed_now(visit, printed_at), prepared_by=prepared_by(visit))
    return Report(document(f"Delegation list: {visit.title}", "".join(body)), furniture,
                  file_stem=f"delegations-{file_stem(visit.title)}", facts={"members": count})


def _row(n: int, member: m.DelegationMember, person: m.Person, last_column: str) -> str:
    designation = esc(person.designation)
    if member.role not in (m.MemberRole.MEMBER,):
        designation += f' <span class="muted">({esc(str(member.role))})</span>'
    return (f"<tr><td>{n}</td><td>{esc(person.display_name)}</td><td>{native_block(person.native_name)}</td>"
            f"<td>{designation}</td><td>{esc(last_column)}</td></tr>")


def _by_sector(members, people, sectors) -> list[str]:
    """A business delegation, sector by sector (priority sectors first), with each company."""
    rows = []
    names = {s.id: s.name for s in sectors}
    n = 0
    for sector_id in [s.id for s in sectors] + [None]:
        group = [x for x in members if (x.sector_id if x.sector_id in names else None) == sector_id]
        if not group:
            continue
        label = names.get(sector_id, "Other members")
        rows.append(f'<tr><td colspan="5" class="sector"><b>{esc(label)}</b></td></tr>')
        for x in group:
            n += 1
            rows.append(_row(n, x, people[x.person_id], x.company or people[x.person_id].organisation))
    return rows
