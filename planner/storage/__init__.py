"""SQLite storage through sqlite-utils: opening, migrating and the repository."""

from __future__ import annotations

import sys


class _NoDataFramesForSqliteUtils:
    """Reports pandas and numpy missing to sqlite-utils while it loads, and only then.

    sqlite-utils imports both when installed (OR-Tools brings them along) just to map their
    value types to column types, which this program never stores: 60 MiB and a third of a
    second at every start of the window and of every command. Anything that imports them
    afterwards (the B2B scheduler) gets them as usual.
    """

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("pandas", "numpy"):
            loading = sys.modules.get("sqlite_utils.db")
            if loading is not None and not hasattr(loading, "Database"):  # its module body is still running
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


if not any(isinstance(finder, _NoDataFramesForSqliteUtils) for finder in sys.meta_path):
    sys.meta_path.insert(0, _NoDataFramesForSqliteUtils())
