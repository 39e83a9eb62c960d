"""Open the person form from anywhere in the window (a double-click in the directory, a search hit)."""

from __future__ import annotations


def open_person_editor(window, person_id: int) -> None:
    """The main window calls this for ``personActivated``; the people view owns the form and its undo step."""
    view = getattr(window, "people_view", None)
    if view is not None:
        view.edit_person(person_id)
