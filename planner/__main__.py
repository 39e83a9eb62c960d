"""python -m planner: the same as the visit-planner command."""

import sys

from planner.app import main

sys.exit(main())
