"""Text that is safe to store and show: no control characters, and messages on one line."""

from __future__ import annotations

import re

# C0 and C1 control characters and DEL. Tab, line feed and carriage return are
# matched separately: they are content where a field allows line breaks.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\n\r]")
_SPACES = re.compile(r"\s+")


def strip_controls(text: str, *, keep_breaks: bool = True) -> str:
    """``text`` without control characters; tab and line breaks stay unless ``keep_breaks`` is false."""
    text = _CONTROLS.sub("", text)
    return text if keep_breaks else _BREAKS.sub(" ", text)


def first_control(text: str, *, breaks_allowed: bool) -> str | None:
    """The first control character in ``text`` that may not be stored, or None."""
    found = _CONTROLS.search(text) or (None if breaks_allowed else _BREAKS.search(text))
    return found.group() if found else None


def one_line(text: str, limit: int = 300) -> str:
    """A message as one line: white space (line breaks included) folded, control characters gone, cut at ``limit``."""
    text = _SPACES.sub(" ", strip_controls(str(text))).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
