"""Shared fixtures: a headless Qt platform and in-memory stores with migrations applied."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

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
