"""Launcher: python main.py does what the visit-planner command does."""

import sys

from planner.app import main

if __name__ == "__main__":
    sys.exit(main())
