"""Where databases live: --db, then VISIT_PLANNER_DB, then the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Visit Planner"
ENV_DB = "VISIT_PLANNER_DB"


def data_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    return data_folder() / "visits.sqlite"


def demo_database() -> Path:
    return data_folder() / "demo-visit.sqlite"


def resolve_database(explicit: str | os.PathLike | None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_DB)
    if from_env:
        return Path(from_env).expanduser()
    return default_database()


def window_database(explicit: str | os.PathLike | None, demo: bool = False) -> Path:
    """The file the window opens for its options --db and --demo."""
    return demo_database() if demo else resolve_database(explicit)
