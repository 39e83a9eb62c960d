"""RFC 5546's restriction table (section 3.2), as libical's icalrestriction checks it, for the VEVENT methods.

For each method: how many times each property of a VEVENT may appear ("1" exactly once, "0-1" at most
once, "1+" at least once, "0" never, "0+" any number), and what the calendar itself must hold. Properties
not named are "0+" (X- properties) or follow ANY_OTHER. A message also carries one UID only (3.2 and 3.1.1).
"""

from __future__ import annotations

import icalendar

ONCE, OPTIONAL, SOME, NEVER, ANY = "1", "0-1", "1+", "0", "0+"
COMMON_OPTIONAL = {name: OPTIONAL for name in ("CLASS", "CREATED", "DESCRIPTION", "DTEND", "DURATION", "GEO",
                                                 "LAST-MODIFIED", "LOCATION", "PRIORITY", "RECURRENCE-ID", "RRULE",
                                                 "STATUS", "TRANSP", "URL", "SEQUENCE", "SUMMARY", "DTSTART")}
COMMON_MANY = {name: ANY for name in ("ATTACH", "CATEGORIES", "COMMENT", "CONTACT", "EXDATE", "RDATE",
                                       "RELATED-TO", "RESOURCES", "CONFERENCE", "REQUEST-STATUS", "ATTENDEE")}
TABLE = {
    "REQUEST": {**COMMON_OPTIONAL, **COMMON_MANY, "ATTENDEE": SOME, "DTSTAMP": ONCE, "DTSTART": ONCE,
                "ORGANIZER": ONCE, "SUMMARY": ONCE, "UID": ONCE, "REQUEST-STATUS": NEVER},
    "CANCEL": {**COMMON_OPTIONAL, **COMMON_MANY, "DTSTAMP": ONCE, "ORGANIZER": ONCE, "SEQUENCE": ONCE, "UID": ONCE,
               "REQUEST-STATUS": NEVER},
    "REPLY": {**COMMON_OPTIONAL, **COMMON_MANY, "ATTENDEE": ONCE, "DTSTAMP": ONCE, "ORGANIZER": ONCE, "UID": ONCE},
    "COUNTER": {**COMMON_OPTIONAL, **COMMON_MANY, "DTSTAMP": ONCE, "DTSTART": ONCE, "ORGANIZER": ONCE,
                "SUMMARY": ONCE, "UID": ONCE, "REQUEST-STATUS": ANY},
    # libical's table (after RFC 2446) forbids ATTENDEE and SEQUENCE here; RFC 5546 wants SEQUENCE when it is
    # not zero, so our DECLINECOUNTER writes it only then.
    "DECLINECOUNTER": {"ATTENDEE": NEVER, "COMMENT": OPTIONAL, "DTSTAMP": ONCE, "ORGANIZER": ONCE, "UID": ONCE,
                       "SEQUENCE": OPTIONAL, "RECURRENCE-ID": OPTIONAL, "REQUEST-STATUS": ANY,
                       **{name: NEVER for name in (
                           "ATTACH", "CATEGORIES", "CLASS", "CONTACT", "CREATED", "DESCRIPTION", "DTEND", "DTSTART",
                           "DURATION", "EXDATE", "GEO", "LAST-MODIFIED", "LOCATION", "PRIORITY", "RDATE",
                           "RELATED-TO", "RESOURCES", "RRULE", "STATUS", "SUMMARY", "TRANSP", "URL")}},
}
STATUSES = {"REQUEST": {"TENTATIVE", "CONFIRMED"}, "CANCEL": {"CANCELLED"}}


def _fits(rule: str, count: int) -> bool:
    return {ONCE: count == 1, OPTIONAL: count <= 1, SOME: count >= 1, NEVER: count == 0, ANY: True}[rule]


def violations(text: str | bytes) -> list[str]:
    """What in this iTIP message breaks RFC 5546's table for its method ([] when nothing)."""
    calendar = icalendar.Calendar.from_ical(text)
    method = str(calendar.get("METHOD", "")).upper()
    found = []
    if method not in TABLE:
        return [f"METHOD {method or '(none)'} is not one this check knows"]
    for name in ("PRODID", "VERSION"):
        if name not in calendar:
            found.append(f"the calendar has no {name}")
    events = calendar.walk("VEVENT")
    if not events:
        found.append("no VEVENT")
    uids = {str(e.get("UID")) for e in events}
    if len(uids) > 1:
        found.append(f"{len(uids)} UIDs in one message; iTIP allows one (RFC 5546 3.2)")
    for event in events:
        counts: dict[str, int] = {}
        for name, _value in event.property_items(recursive=False):
            if name not in ("BEGIN", "END"):
                counts[name] = counts.get(name, 0) + 1
        for name, rule in TABLE[method].items():
            if not _fits(rule, counts.get(name, 0)):
                found.append(f"{method}: {name} appears {counts.get(name, 0)} time(s), the table says {rule}")
        if "DTEND" in counts and "DURATION" in counts:
            found.append(f"{method}: both DTEND and DURATION")
        status = str(event.get("STATUS", "")).upper()
        if status and method in STATUSES and status not in STATUSES[method]:
            found.append(f"{method}: STATUS {status} is not allowed")
    return found
