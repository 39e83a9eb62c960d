"""Build hook: the bundled fonts stay in resources/ at the top of the repository and go into the wheel.

A wheel (pip install ., pipx install .) carries them as planner/resources/, where
planner/printing.py looks first; an editable install and a source checkout read
resources/ where it is. Everything else about the package is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ["fonts"]  # folders of resources/ the program reads (screenshots are for the README only)


class BuildWithResources(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for folder in SHIPPED:
            source, target = ROOT / "resources" / folder, Path(self.build_lib) / "planner" / "resources" / folder
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
