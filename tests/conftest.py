"""Shared fixtures: a headless Qt platform and in-memory stores with migrations applied."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests search the same examples on every run unless HYPOTHESIS_RANDOM is set: a run that passed
# passes again on a fresh machine, and a wider random search stays one variable away.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("random")
settings.load_profile("random" if os.environ.get("HYPOTHESIS_RANDOM") else "repeatable")

from planner.demo import build_demo  # noqa: E402
from planner.storage.database import open_memory  # noqa: E402
from planner.storage.store import Store  # noqa: E402


@pytest.fixture
def store():
    return Store(open_memory())


@pytest.fixture
def demo(store):
    """(store, visit id) of the demo visit in memory."""
    return store, build_demo(store)


@pytest.fixture(autouse=True)
def _heap_unsettled():
    """A window that read a large visit leaves the heap out of the cycle collector's full passes
    (planner.ui.meetings.model.settle_heap); the tests that follow get it back."""
    import gc

    yield
    if gc.get_freeze_count():
        gc.unfreeze()
