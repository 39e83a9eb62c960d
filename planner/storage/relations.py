"""How the tables hang together: what a delete takes with it, what it leaves empty, whose visit a row is.

Store and the bulk writes both follow these rules; neither imports the other for them.
"""

from __future__ import annotations

# A delete takes these rows with it (table, column pointing at the deleted row).
CHILDREN: dict[str, list[tuple[str, str]]] = {
    "visits": [("meetings", "visit_id"), ("delegations", "visit_id"), ("venues", "visit_id"),
               ("companies", "visit_id"), ("people", "visit_id"), ("sectors", "visit_id"),
               ("revisions", "visit_id")],
    "meetings": [("attendees", "meeting_id"), ("agenda_items", "meeting_id"), ("invitations_sent", "meeting_id"),
                 ("replies_received", "meeting_id"), ("counter_proposals", "meeting_id"), ("b2b_talks", "meeting_id"),
                 ("b2b_halls", "meeting_id")],
    "people": [("attendees", "person_id"), ("delegation_members", "person_id"), ("invitations_sent", "person_id"),
               ("replies_received", "person_id"), ("counter_proposals", "person_id"),
               ("company_representatives", "person_id")],
    "sectors": [("company_sectors", "sector_id")],
    "companies": [("company_sectors", "company_id"), ("company_representatives", "company_id"),
                  ("b2b_requests", "from_company_id"), ("b2b_requests", "to_company_id")],
    "b2b_requests": [("b2b_talks", "request_id")],
    "delegations": [("delegation_members", "delegation_id")],
    "venues": [("travel_times", "from_venue_id"), ("travel_times", "to_venue_id")],
}
# ...and leaves these references empty.
CLEARS: dict[str, list[tuple[str, str]]] = {
    "people": [("agenda_items", "presenter_id"), ("meetings", "organiser_id")],
    "venues": [("meetings", "venue_id")],
    "sectors": [("delegation_members", "sector_id"), ("agenda_items", "sector_id"), ("meetings", "sector_id")],
}
# Rows without a visit_id column belong to the visit of the row this column points at.
PARENTS: dict[str, tuple[str, str]] = {
    "attendees": ("meetings", "meeting_id"), "agenda_items": ("meetings", "meeting_id"),
    "delegation_members": ("delegations", "delegation_id"), "travel_times": ("venues", "from_venue_id"),
    "invitations_sent": ("meetings", "meeting_id"), "replies_received": ("meetings", "meeting_id"),
    "counter_proposals": ("meetings", "meeting_id"),
    "company_sectors": ("companies", "company_id"), "company_representatives": ("companies", "company_id"),
    "b2b_halls": ("meetings", "meeting_id"), "b2b_talks": ("meetings", "meeting_id"),
}
