"""What every printed document shares: escaping, scripts, clocks, occurrences and page furniture."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrulestr

from planner.domain import model as m
from planner.domain.documents import NotFound as NotFound  # kept importable from here
from planner.domain.precedence import by_precedence
from planner.domain.scripts import is_rtl
from planner.domain.zones import city_of, zone

# The bundled fonts (resources/fonts) by family name; the Arabic-script face
# comes second so that Latin and Cyrillic take Noto Sans and Urdu falls through.
LATIN_FAMILY = "Noto Sans"
ARABIC_FAMILY = "Noto Naskh Arabic"
FONT_STACK = f"'{LATIN_FAMILY}', '{ARABIC_FAMILY}', sans-serif"

SIDE_HEADINGS = {m.Side.HOST: "Host side", m.Side.GUEST: "Guest side", m.Side.OTHER: "Others"}
SIDE_ORDER = (m.Side.HOST, m.Side.GUEST, m.Side.OTHER)
MARKING_RANK = {m.Confidentiality.PUBLIC: 0, m.Confidentiality.RESTRICTED: 1, m.Confidentiality.CONFIDENTIAL: 2}

# Qt's rich text takes the fonts, sizes and colours; printing.py keeps rows whole
# and repeats each <thead> itself. The page-break rules are for a browser
# printing the same HTML.
STYLE = f"""
body {{ font-family: {FONT_STACK}; font-size: 9.5pt; color: #000; }}
h1 {{ font-size: 15pt; font-weight: bold; margin-top: 0; margin-bottom: 4pt; }}
h2 {{ font-size: 12pt; font-weight: bold; margin-top: 12pt; margin-bottom: 4pt; }}
h3 {{ font-size: 10.5pt; font-weight: bold; margin-top: 8pt; margin-bottom: 3pt; }}
p {{ margin-top: 0; margin-bottom: 3pt; }}
table.grid td, table.grid th {{ border-bottom: 1px solid #999; }}
table.grid th {{ border-bottom-color: #555; }}
td.slot, th.slot {{ border-left: 1px solid #bbb; }}
tr {{ page-break-inside: avoid; }}
thead {{ display: table-header-group; }}
th {{ background-color: #e4e4e4; font-weight: bold; text-align: left; }}
td, th {{ vertical-align: top; }}
th.caption {{ background-color: #ffffff; font-size: 11pt; border-bottom-style: none; }}
td.sector {{ background-color: #f3f3f3; }}
.label {{ font-weight: bold; }}
.muted {{ color: #444; font-size: 8.5pt; }}
.native {{ font-family: '{ARABIC_FAMILY}', '{LATIN_FAMILY}'; margin-top: 1pt; margin-bottom: 0; }}
.cancelled {{ color: #8a0000; font-weight: bold; }}
.struck {{ text-decoration: line-through; color: #555; }}
.marking {{ font-weight: bold; color: #8a0000; }}
.notes {{ color: #333; font-style: italic; }}
"""


CANCELLED_CHOICES = ("omit", "mark")


def check_cancelled(cancelled: str) -> None:
    """Cancelled meetings are either left out ("omit") or shown struck through ("mark")."""
    if cancelled not in CANCELLED_CHOICES:
        raise ValueError(f"cancelled meetings are either 'omit' or 'mark', not '{cancelled}'")


def revision_line(visit: m.Visit) -> str:
    """'Revision 2 issued 10 Dec 2026', or that none is issued yet: every document says which it shows."""
    if not visit.revision:
        return "Draft: no revision issued yet"
    issued = f" issued {visit.revision_issued_at:%d %b %Y}" if visit.revision_issued_at else ""
    return f"Revision {visit.revision}{issued}"


@dataclass(frozen=True)
class PageFurniture:
    """What printing draws around every page: header, and footer with 'page n of m'."""

    title: str  # the visit's title, at the top of every page
    document: str  # e.g. "Agenda: Delegation-level talks"
    revision: int
    printed_at: datetime
    marking: str = ""  # "RESTRICTED" / "CONFIDENTIAL" when any printed meeting is
    prepared_by: str = ""  # the visit's organiser, the protocol office

    def footer_left(self) -> str:
        stamp = f"Revision {self.revision}" if self.revision else "Draft (not yet issued)"
        by = f" · Prepared by {self.prepared_by}" if self.prepared_by else ""
        return f"{stamp} · Printed {self.printed_at:%d %b %Y %H:%M} {city_of(str(self.printed_at.tzinfo))}{by}"

    def footer_right(self, page: int, pages: int) -> str:
        return f"Page {page} of {pages}"


def prepared_by(visit: m.Visit) -> str:
    """The protocol office that prepares the visit's documents, when the visit names one."""
    return visit.organiser.name if visit.organiser is not None else ""


@dataclass(frozen=True)
class Report:
    """A document ready to print: its HTML and the furniture of its pages."""

    html: str
    furniture: PageFurniture
    file_stem: str = "document"
    facts: dict = field(default_factory=dict)
    landscape: bool = False  # a wide grid (the B2B hall plan) prints across the page
    paper: str = ""  # the paper it needs when A4 is too small ("A3"); empty: whatever the user chose


# -- text ------------------------------------------------------------------

def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def native_block(text: str) -> str:
    """The name in its own script, as its own paragraph set in that script's direction."""
    if not text:
        return ""
    if is_rtl(text):
        # Qt lays a right-to-left line flush against the cell's right rule; keep it clear.
        return f'<p class="native" dir="rtl" style="margin-right: 12px">{esc(text)}</p>'
    return f'<p class="native" dir="ltr">{esc(text)}</p>'


def person_cell(person: m.Person, *, with_native: bool = True) -> str:
    cell = f"{esc(person.display_name)}"
    if with_native:
        cell += native_block(person.native_name)
    return cell


def attendees_by_side(people: list[m.Person]) -> list[tuple[m.Side, list[m.Person]]]:
    """People grouped host, guest, others; each group in precedence order."""
    groups = []
    for side in SIDE_ORDER:
        members = by_precedence(p for p in people if m.Side(p.side) == side)
        if members:
            groups.append((side, members))
    return groups


# -- time ------------------------------------------------------------------

def clock_range(start: datetime, end: datetime, zone_name: str) -> str:
    here_start, here_end = start.astimezone(zone(zone_name)), end.astimezone(zone(zone_name))
    text = f"{here_start:%H:%M}–{here_end:%H:%M}"
    if here_end.date() != here_start.date():
        text += f" (to {here_end:%a %d %b})"
    return text


def home_clock(start: datetime, end: datetime, visit: m.Visit) -> str:
    """The same slot on the home office's clock, with the day when it differs."""
    home_start = start.astimezone(zone(visit.home_zone))
    text = f"{clock_range(start, end, visit.home_zone)} {city_of(visit.home_zone)}"
    if home_start.date() != start.astimezone(zone(visit.zone)).date():
        text += f" ({home_start:%a})"
    return text


def time_cell(start: datetime, end: datetime, visit: m.Visit, all_day: bool = False) -> str:
    if all_day:
        return "All day"
    cell = f"{esc(clock_range(start, end, visit.zone))} {esc(city_of(visit.zone))}"
    if visit.home_zone != visit.zone:
        cell += f'<br/><span class="muted">{esc(home_clock(start, end, visit))}</span>'
    return cell


def long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def printed_now(visit: m.Visit, printed_at: datetime | None) -> datetime:
    """The print time on the home office's clock (frozen in tests)."""
    moment = printed_at or datetime.now(UTC)
    return moment.astimezone(zone(visit.home_zone))


@dataclass(frozen=True)
class Occurrence:
    meeting: m.Meeting
    start: datetime
    end: datetime

    @property
    def day(self) -> date:
        return self.start.astimezone(zone(self.meeting.zone)).date()


def occurrences(meeting: m.Meeting, visit: m.Visit, limit: int = 366) -> list[Occurrence]:
    """Each time a meeting takes place: once, or every occurrence of its recurrence in the visit."""
    start, end = meeting.starts_at(), meeting.ends_at()
    if not meeting.recurrence:
        return [Occurrence(meeting, start, end)]
    length = end - start
    horizon = max(visit.ends_at(), end) + timedelta(days=1)
    rule = rrulestr(f"RRULE:{meeting.recurrence}", dtstart=start)
    excluded_moments = {x for x in meeting.exdates if isinstance(x, datetime)}
    excluded_days = {x for x in meeting.exdates if not isinstance(x, datetime)}
    found = []
    for moment in rule.xafter(start - timedelta(seconds=1), count=limit, inc=True):
        if moment > horizon:
            break
        if moment in excluded_moments or moment.date() in excluded_days:
            continue
        found.append(Occurrence(meeting, moment, moment + length))
    return found


def visit_occurrences(meetings: list[m.Meeting], visit: m.Visit) -> list[Occurrence]:
    every = [o for meeting in meetings for o in occurrences(meeting, visit)]
    return sorted(every, key=lambda o: (o.start, o.meeting.id or 0))


def marking_of(meetings: list[m.Meeting]) -> str:
    """The highest confidentiality among the printed meetings, as it is stamped on paper."""
    highest = max((m.Confidentiality(x.confidentiality) for x in meetings), key=MARKING_RANK.get,
                  default=m.Confidentiality.PUBLIC)
    return "" if highest == m.Confidentiality.PUBLIC else str(highest).upper()


def grid(columns: list[tuple[str, int | None]], rows: list[str], caption: str = "", ruled: bool = False) -> str:
    """A table ruled between its rows, whose head (caption and column names) repeats on every page it spans.

    The caption lives in the head rather than in a heading above it, so that
    it can never be left alone at the foot of a page. Rules go under each row
    rather than round each cell: Qt paints a collapsed grid by asking every
    cell's neighbours for their borders, which cost more than all the text of
    a long programme. ``ruled`` adds a rule before every column but the first,
    for a plan read across as well as down; its rows mark those cells
    ``class="slot"`` (see ``SLOT_CELL``).
    """
    slot = ' class="slot"' if ruled else ""
    head = "".join((f'<th{slot if n else ""} width="{width}%">' if width else f'<th{slot if n else ""}>')
                   + f"{esc(label)}</th>" for n, (label, width) in enumerate(columns))
    if caption:
        head = f'<tr><th class="caption" colspan="{len(columns)}">{caption}</th></tr><tr>{head}</tr>'
    else:
        head = f"<tr>{head}</tr>"
    return ('<table class="grid" width="100%" cellspacing="0" cellpadding="3">'
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")


SLOT_CELL = '<td class="slot">'  # a cell after the first of a ruled grid's row


def document(title: str, body: str) -> str:
    return (f'<html><head><meta charset="utf-8"/><title>{esc(title)}</title>'
            f"<style>{STYLE}</style></head><body>{body}</body></html>")


def venue_text(meeting: m.Meeting, venues: dict[int, m.Venue]) -> str:
    venue = venues.get(meeting.venue_id) if meeting.venue_id else None
    parts = []
    if venue:
        parts.append(esc(venue.name))
        where = ", ".join(x for x in (venue.address, venue.city) if x)
        if where:
            parts.append(f'<span class="muted">{esc(where)}</span>')
    if meeting.online_link:
        parts.append(f"Online: {esc(meeting.online_link)}")
    return "<br/>".join(parts)


def sentence(text: object) -> str:
    """'B2B' stays 'B2B' and 'bilateral talks' becomes 'Bilateral talks'."""
    text = str(text)
    return text[:1].upper() + text[1:]


def status_mark(meeting: m.Meeting) -> str:
    return ' <span class="cancelled">CANCELLED</span>' if meeting.status == m.MeetingStatus.CANCELLED else ""


def file_stem(text: str) -> str:
    keep = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in keep.split("-") if part)[:60] or "document"
