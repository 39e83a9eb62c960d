"""The plain data an invite, cancellation or programme file is made from, and which meetings a file covers."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.domain import model as m


@dataclass
class Programme:
    """Everything an export needs about a visit, read once per table by storage.queries.invitations."""

    visit: m.Visit
    people: dict[int, m.Person]
    venues: dict[int, m.Venue]
    attendees: dict[int, list[m.Attendee]]
    agenda: dict[int, list[m.AgendaItem]]
    usual_organiser_id: int | None = None  # who organises most meetings (the protocol office), for fallbacks
    sectors: dict[int, m.Sector] = field(default_factory=dict)


@dataclass(frozen=True)
class Scope:
    """Exactly one of the fields names what to export."""

    visit_id: int | None = None
    meeting_id: int | None = None
    person_id: int | None = None
    sector_id: int | None = None
    meeting_ids: tuple[int, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        for name in ("visit_id", "meeting_id", "person_id", "sector_id"):
            if getattr(self, name) is not None:
                return f"{name.removesuffix('_id')} {getattr(self, name)}"
        return f"{len(self.meeting_ids)} selected meetings"


class ExportError(ValueError):
    """The export cannot be made (nothing to export, a meeting that cannot be written)."""


@dataclass
class VisitCalendar:
    """What a calendar import compares a file with: the visit as it is stored (read by a query)."""

    visit: m.Visit
    people: list[m.Person]
    venues: list[m.Venue]
    meetings: list[m.Meeting]
    attendees: dict[int, list[m.Attendee]]  # by meeting id
    elsewhere: dict[str, tuple[int, str]] = field(default_factory=dict)  # uid -> (other visit id, its title)
    sectors: list[m.Sector] = field(default_factory=list)
