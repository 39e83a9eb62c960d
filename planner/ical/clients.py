"""What calendar clients add to what they send: subject prefixes, meeting links, rooms, replies' comments.

Outlook writes "Accepted: Talks" (or "Принято: Talks" in Russian) into the
SUMMARY of a reply, "Canceled: Talks" into a cancellation and "New Time
Proposed: Talks" into a counter-proposal; Teams, Zoom, Webex and Google Meet
put the join link in properties of their own or in the location. This module
turns them back into what the meeting is.
"""

from __future__ import annotations

import re

# Prefixes clients put before a meeting's title, in the languages our visits meet (English, Russian, German,
# French): never part of the title itself.
_PREFIXES = [
    "Accepted", "Declined", "Tentative", "Tentatively Accepted", "Canceled", "Cancelled", "Updated",
    "Updated invitation", "Invitation", "New Time Proposed", "Proposed new time", "Counter proposal",
    "Meeting Forward Notification", "FW", "Fwd",
    "Принято", "Отклонено", "Под вопросом", "Предварительно", "Предварительно принято", "Отменено", "Отменена",
    "Обновлено", "Обновленное приглашение", "Приглашение", "Предложено новое время", "Новое время предложено",
    "Zugesagt", "Abgesagt", "Mit Vorbehalt", "Abgesagt", "Aktualisiert", "Neue Zeit vorgeschlagen",
    "Accepté", "Refusé", "Provisoire", "Annulé", "Mis à jour", "Nouvelle heure proposée",
]
_PREFIX = re.compile(r"^\s*(?:" + "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
                     + r")\s*:\s*", re.IGNORECASE)

# Where clients put the join link of an online meeting, in the order we trust them.
LINK_PROPERTIES = ("URL", "CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
                   "X-MICROSOFT-ONLINEMEETINGCONFLINK", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK")
_MEETING_LINK = re.compile(
    r"https://(?:[\w-]+\.)*(?:teams\.microsoft\.com|teams\.live\.com|zoom\.us|zoomgov\.com|webex\.com|"
    r"meet\.google\.com|whereby\.com|meet\.jit\.si|skype\.com)/[^\s<>\"'\\]*", re.IGNORECASE)
ROOM_TYPES = {"ROOM", "RESOURCE"}


def strip_prefixes(title: str) -> tuple[str, bool]:
    """(the title without client prefixes, whether any was there): 'Canceled: Updated: Talks' -> 'Talks'."""
    stripped = title
    while True:
        shorter = _PREFIX.sub("", stripped, count=1)
        if shorter == stripped or not shorter.strip():
            break
        stripped = shorter
    return stripped.strip(), stripped != title


def meeting_link(text: str) -> str:
    """The first Teams, Zoom, Webex or Google Meet join link in ``text``, or ''."""
    found = _MEETING_LINK.search(text or "")
    return found.group(0).rstrip(".,;)>") if found else ""


def is_only_a_link(location: str) -> bool:
    """A LOCATION that is a join link ('https://zoom.us/j/123'), or 'Microsoft Teams Meeting'; no venue."""
    text = location.strip()
    if not text:
        return False
    if text.casefold() in {"microsoft teams meeting", "microsoft teams-besprechung", "собрание в microsoft teams",
                           "zoom", "zoom meeting", "google meet", "webex", "online"}:
        return True
    return bool(re.fullmatch(r"https?://\S+", text))
