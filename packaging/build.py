"""Build the desktop bundle (one folder, PyInstaller) and try it: version, a printed PDF, the bundled fonts.

    python packaging/build.py            # build into packaging/dist/visit-planner and try it
    python packaging/build.py --no-try   # build only

Works the same on Windows, macOS and Linux; needs `pip install pyinstaller` beside the app's own
dependencies. The bundle needs no Python on the machine that runs it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIST, WORK = HERE / "dist", HERE / "build"


def build() -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(WORK), str(HERE / "visit-planner.spec")], check=True)
    return DIST / "visit-planner"


def program(folder: Path, name: str) -> Path:
    return folder / (name + (".exe" if os.name == "nt" else ""))


def try_bundle(folder: Path) -> None:
    """Run the bundle as a user would, with no Python on the path: it must print, with its fonts."""
    cli = program(folder, "visit-planner-cli")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as scratch:
        db, pdf = Path(scratch) / "visit.sqlite", Path(scratch) / "programme.pdf"

        def run(*args: str) -> subprocess.CompletedProcess:
            done = subprocess.run([str(cli), *args], capture_output=True, env=env, cwd=scratch, timeout=300)
            if done.returncode != 0:
                sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
            return done

        print(run("--version").stdout.decode().strip())
        run("demo", "--db", str(db))
        run("print", "programme", "--db", str(db), "--pdf", str(pdf))
        print(f"printed {pdf.stat().st_size} bytes of programme")
        fonts = sorted(p.name for p in (folder / "_internal" / "planner" / "resources" / "fonts").glob("*.ttf"))
        if not fonts:
            sys.exit("the bundled fonts are missing from the bundle")
        print("fonts:", ", ".join(fonts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-try", action="store_true", help="build only")
    args = parser.parse_args()
    folder = build()
    print(f"built {folder}")
    if not args.no_try:
        try_bundle(folder)


if __name__ == "__main__":
    main()
