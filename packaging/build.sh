#!/usr/bin/env bash
# Build and try the desktop bundle; see build.py (which also runs on Windows: python packaging\build.py).
set -euo pipefail
cd "$(dirname "$0")/.."
"${PYTHON:-python3}" packaging/build.py "$@"
