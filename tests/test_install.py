"""A plain install carries everything it needs: build the wheel, install it in a fresh environment, print a PDF."""

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"}


def run(*args, **kwargs):
    done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=300, **kwargs)
    assert done.returncode == 0, f"{args}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy: setuptools leaves build/ and an .egg-info in the tree it builds, and a stale
    # build/lib in a checkout would slip removed modules into later wheels.
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "planner", source / "planner", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources" / "fonts", source / "resources" / "fonts")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(source))
    (found,) = out.glob("visit_planner-*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_holds_the_fonts_and_no_missing_files(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert {f"planner/resources/fonts/{name}" for name in BUNDLED | {"OFL.txt"}} <= set(names)
    assert "planner/printing.py" in names and not any("screenshots" in n for n in names)


@pytest.mark.slow
def test_an_installed_wheel_prints_with_its_own_fonts(wheel, tmp_path):
    from pypdf import PdfReader

    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(run(str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip())
    # The dependencies come from this environment (no download, no editable copy of planner: a path in a
    # .pth file is added as it is, its own .pth files are not read); the package itself from the wheel.
    (purelib / "dependencies.pth").write_text(
        "\n".join(p for p in {*site.getsitepackages(), sysconfig.get_path("purelib")} if Path(p).is_dir()) + "\n")
    run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    where = run(str(python), "-c", "import planner.printing as p; print(p.FONTS_DIR)", cwd=tmp_path, env=env)
    fonts_dir = Path(where.stdout.strip())
    assert fonts_dir.is_relative_to(env_dir) and {p.name for p in fonts_dir.glob("*.ttf")} == BUNDLED
    db, pdf = tmp_path / "visit.sqlite", tmp_path / "delegations.pdf"
    run(str(python), "-m", "planner", "demo", "--db", str(db), cwd=tmp_path, env=env)
    run(str(python), "-m", "planner", "print", "delegation", "--db", str(db), "--pdf", str(pdf), cwd=tmp_path, env=env)
    fonts = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1].lstrip("/"))
    assert any(f.startswith("NotoSans") for f in fonts) and any(f.startswith("NotoNaskhArabic") for f in fonts), fonts
