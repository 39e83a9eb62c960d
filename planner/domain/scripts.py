"""Writing direction of names: Urdu and Arabic script run right to left, Latin and Cyrillic left to right."""

from __future__ import annotations

import unicodedata


def is_rtl(text: str) -> bool:
    """True when the first letter with a direction is right-to-left (Urdu, Arabic, Persian, Hebrew)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
