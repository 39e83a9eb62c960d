"""The window paints first without sqlite-utils (reading an up-to-date file needs only the standard sqlite3 module),
nor the modules of the features' menus and of the Conflicts panel, which come just after."""

import pytest

from planner.demo import build_demo
from planner.storage.database import open_database
from planner.storage.store import Store
from planner.ui.shell.actions import FEATURE_MODULES
from tests.ui.window_helpers import loaded_at_first_paint

# uuid brings platform; argparse's first parser brings gettext's translations and locale.
LATER = ["planner.ui.conflicts.panel", *FEATURE_MODULES, "uuid", "platform", "locale", "importlib.resources"]

# sqlite-utils brings click, pluggy, dateutil's parser and, when installed (OR-Tools needs it), pandas and numpy.
SQLITE_UTILS = ["sqlite_utils", "pandas", "numpy", "click"]


@pytest.fixture(scope="module")
def first_paint(tmp_path_factory) -> list[str]:
    """Which of SQLITE_UTILS and LATER the window's process had imported at its first paint."""
    tmp_path = tmp_path_factory.mktemp("first_paint")
    path = tmp_path / "visit.sqlite"
    store = Store(open_database(path))
    build_demo(store)
    store.db.close()
    return loaded_at_first_paint(tmp_path, ["--db", str(path)], SQLITE_UTILS + LATER)


def test_the_window_paints_a_visit_without_importing_sqlite_utils(first_paint):
    assert [name for name in first_paint if name in SQLITE_UTILS] == []


def test_the_features_menus_and_the_conflicts_panel_are_not_imported_for_the_first_paint(first_paint):
    assert [name for name in first_paint if name in LATER] == []
