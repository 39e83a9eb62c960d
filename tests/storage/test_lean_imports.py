"""The storage layer loads without pandas and numpy, which sqlite-utils would otherwise pull in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import importlib.util, sys
import planner.storage.store
import sqlite_utils.db
loaded = [name for name in ("pandas", "numpy") if name in sys.modules]
print(",".join(loaded) or "none", sqlite_utils.db.pd is None, sqlite_utils.db.np is None,
      importlib.util.find_spec("numpy") is not None)
"""


def test_storage_loads_without_pandas_or_numpy():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded, no_pandas, no_numpy, numpy_installed = result.stdout.split()
    assert loaded == "none"
    assert no_pandas == "True" and no_numpy == "True"
    assert numpy_installed == "True"  # installed all along (OR-Tools needs it): only sqlite-utils was kept from it


def test_numpy_still_imports_for_whoever_needs_it_afterwards():
    code = "import planner.storage.store, numpy; print(numpy.zeros(2).sum())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "0.0"
