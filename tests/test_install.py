"""The tool installs like any Python tool: a built wheel, in a fresh venv, in an empty folder.

The sdist is built from a copy of the checkout, the wheel from that sdist (what pip and
pipx do with a release) and from the copy itself (``pip install .``); the wheel goes into
a fresh venv (``--system-site-packages`` for the dependencies, ``--no-deps``), and
``okosys-plan run`` runs from an empty folder. It must find the bundled catalogue and
Veikart settings as package data and write the same files as a run from the checkout.
An editable install reads them where they are, with no copy written into the tree.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-12-01"
#: Bundled file at the repository's top -> its place in the wheel.
BUNDLED = {"catalogue/behovskatalog.xlsx": "okosys_plan/data/behovskatalog.xlsx",
           "roadmap/veikart.toml": "okosys_plan/data/veikart.toml",
           "roadmap/medfinansiering.toml": "okosys_plan/data/medfinansiering.toml"}
#: Not copied for the build: history, outputs, caches and what the wheel leaves out.
SKIP = shutil.ignore_patterns(".git", "exports", "build", "dist", "*.egg-info", "__pycache__",
                              ".*cache", ".hypothesis", ".venv", "tests", "benchmarks", "docs")
#: Modules ``--help`` must not import (the engines, and the package's domain model).
HEAVY = ("pandas", "numpy", "matplotlib", "openpyxl", "python_calamine", "okosys_plan.model",
         "okosys_plan.loader", "okosys_plan.validate")

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="the venv layout here is POSIX"),
    pytest.mark.skipif(
        int(importlib.metadata.version("setuptools").split(".")[0]) < 77,
        reason="building the wheel offline needs setuptools>=77: pip install -e '.[test]'"),
]


# The venvs are made ``--without-pip``: pip and setuptools then come from the system's
# site-packages (setuptools>=77 from the test extra), not the venv's own older copies
# (Python 3.11's ensurepip brings setuptools 65.5, which cannot read an SPDX license).


def _run(*command: str | Path, cwd: Path, build: bool = False
         ) -> subprocess.CompletedProcess[str]:
    """Run a child; only a build keeps PYTHONPATH (the setuptools this test found)."""
    env = {k: v for k, v in os.environ.items() if build or k != "PYTHONPATH"}
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False, timeout=300)


def _ok(done: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The copied tree, its sdist, the wheel built from that and the one from the tree."""
    folder = tmp_path_factory.mktemp("build")
    source = folder / "src"
    shutil.copytree(ROOT, source, ignore=SKIP)
    _ok(_run(sys.executable, "-c", "import sys; from setuptools import build_meta as b; "
             "b.build_sdist(sys.argv[1])", folder / "sdist", cwd=source, build=True))
    sdist = next((folder / "sdist").glob("okosys_plan-*.tar.gz"))
    found = {"source": source, "sdist": sdist}
    for name, what in (("from_sdist", sdist), ("from_tree", source)):
        _ok(_run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                 "--no-build-isolation", "--no-index", what, "-w", folder / name, cwd=folder,
                 build=True))
        found[name] = next((folder / name).glob("okosys_plan-*.whl"))
    return found


@pytest.fixture(scope="module")
def venv(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel built from the sdist installed; its bin folder."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    _ok(_run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", folder,
             cwd=folder.parent))
    _ok(_run(folder / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index",
             "--ignore-installed", built["from_sdist"], cwd=folder.parent))
    return folder / "bin"


def test_the_sdist_and_both_wheels_carry_the_bundled_files(built: dict[str, Path]) -> None:
    with tarfile.open(built["sdist"]) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        for source in BUNDLED:
            member = sdist.extractfile(f"{top}/{source}")
            assert member is not None and member.read() == (ROOT / source).read_bytes()
    for name in ("from_sdist", "from_tree"):
        with zipfile.ZipFile(built[name]) as wheel:
            names = wheel.namelist()
            for source, inside in BUNDLED.items():
                assert wheel.read(inside) == (ROOT / source).read_bytes(), (name, inside)
            # Only the package is installed: no top-level catalogue/ or roadmap/ folder.
            tops = {n.split("/")[0] for n in names}
            assert {t for t in tops if not t.endswith(".dist-info")} == {"okosys_plan"}


@pytest.mark.slow
def test_run_in_an_empty_folder_uses_the_package_data(venv: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    where = _ok(_run(venv / "python", "-c", "import okosys_plan, okosys_plan.bundled as b; "
                     "print(okosys_plan.__file__); print(b.bundled_catalogue()); "
                     "print(b.bundled_settings())", cwd=empty)).stdout.splitlines()
    package = Path(where[0]).parent
    assert package.parent.name == "site-packages" and venv.parent in package.parents
    assert [Path(p) for p in where[1:]] == [package / "data" / "behovskatalog.xlsx",
                                             package / "data" / "veikart.toml"]

    done = _ok(_run(venv / "okosys-plan", "run", "--as-of", AS_OF, cwd=empty))
    # Messages name the catalogue by its file name, as a run from the checkout does.
    assert done.stdout.splitlines()[0].startswith("behovskatalog.xlsx: ")
    assert "site-packages" not in done.stdout + done.stderr
    audit = json.loads((empty / "exports" / "revisjon.json").read_text(encoding="utf-8"))
    catalogue = (ROOT / "catalogue" / "behovskatalog.xlsx").read_bytes()
    assert audit["input"] == "behovskatalog.xlsx"
    assert audit["input_sha256"] == hashlib.sha256(catalogue).hexdigest()
    written = {p.name for p in (empty / "exports").iterdir()}
    assert written == {*audit["files"], "revisjon.json"}
    for name, digest in audit["files"].items():
        assert hashlib.sha256((empty / "exports" / name).read_bytes()).hexdigest() == digest
    # The Veikart settings were found: the roadmap and the plan's budget years are theirs.
    settings = tomllib.loads((ROOT / "roadmap" / "veikart.toml").read_text(encoding="utf-8"))
    first, last = settings["horizon"]["start"], settings["horizon"]["end"]
    assert f"veikart-{first}-{last}.svg" in written
    plan = openpyxl.load_workbook(empty / "exports" / "plan.xlsx")
    assert plan["Plan"].max_row > 1
    years = [row[0] for row in plan["Budsjett"].iter_rows(min_row=2, values_only=True)]
    assert years == list(range(first, last + 1))

    # The same files, byte for byte, as a run from the checkout's top.
    here = tmp_path / "checkout-run"
    _ok(_run(sys.executable, "-m", "okosys_plan", "run", "--as-of", AS_OF, "-o", here,
             cwd=ROOT))
    ours = json.loads((here / "revisjon.json").read_text(encoding="utf-8"))
    assert ours["files"] == audit["files"]


@pytest.mark.slow
def test_an_editable_install_reads_the_files_where_they_are(built: dict[str, Path],
                                                            tmp_path: Path) -> None:
    folder = tmp_path / "venv"
    _ok(_run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", folder,
             cwd=tmp_path))
    _ok(_run(folder / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index",
             "--no-build-isolation", "--ignore-installed", "-e", built["source"], cwd=tmp_path,
             build=True))
    empty = tmp_path / "empty"
    empty.mkdir()
    where = _ok(_run(folder / "bin" / "python", "-c", "import okosys_plan.bundled as b; "
                     "print(b.bundled_catalogue()); print(b.bundled_settings()); "
                     "print(b.bundled_cofunding_rules())",
                     cwd=empty)).stdout.splitlines()
    source = built["source"].resolve()
    assert [Path(p) for p in where] == [source / s for s in BUNDLED]
    assert not (source / "okosys_plan" / "data").exists()  # no second copy in the tree


def test_help_through_the_console_script_imports_nothing_heavy(venv: Path,
                                                               tmp_path: Path) -> None:
    done = _ok(_run(venv / "python", "-X", "importtime", venv / "okosys-plan", "--help",
                    cwd=tmp_path))
    assert "Bruk: okosys-plan" in done.stdout  # click's own texts in bokmål, the default
    loaded = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
              if line.startswith("import time:") and "|" in line}
    assert "okosys_plan.cli" in loaded
    assert not [m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY]
