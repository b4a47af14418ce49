"""The package as a tool: bundled files found wherever it runs, exports lazy."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from okosys_plan import bundled

ROOT = Path(__file__).resolve().parents[1]
#: Every bundled file by its finder, with its place at the repository's top.
FINDERS = [(bundled.bundled_catalogue, bundled.CATALOGUE),
           (bundled.bundled_settings, bundled.SETTINGS)]
#: Modules neither ``import okosys_plan`` nor ``--help`` may import.
HEAVY = ("pandas", "numpy", "matplotlib", "openpyxl", "python_calamine", "okosys_plan.model",
         "okosys_plan.loader", "okosys_plan.validate", "okosys_plan.messages")


@pytest.mark.parametrize(("find", "relative"), FINDERS)
def test_from_the_repository_top_the_short_relative_path(
        find: Any, relative: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert find() == relative  # shown in messages exactly as before


@pytest.mark.parametrize(("find", "relative"), FINDERS)
def test_elsewhere_in_a_checkout_the_file_beside_the_package(
        find: Any, relative: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find() == ROOT.resolve() / relative
    assert find().read_bytes() == (ROOT / relative).read_bytes()


def _fake_package(monkeypatch: pytest.MonkeyPatch, files: Any) -> None:
    monkeypatch.setattr(bundled.resources, "files", lambda _name: files)


@pytest.mark.parametrize(("find", "relative"), FINDERS)
def test_installed_the_package_data(find: Any, relative: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "okosys_plan"
    (package / "data").mkdir(parents=True)
    (package / "data" / relative.name).write_bytes(b"installed copy")
    (tmp_path / "site-packages" / relative).parent.mkdir()
    (tmp_path / "site-packages" / relative).write_bytes(b"someone else's folder")
    _fake_package(monkeypatch, package)
    monkeypatch.chdir(tmp_path)
    assert find() == package / "data" / relative.name  # before a stray folder beside it


@pytest.mark.parametrize(("find", "relative"), FINDERS)
def test_from_a_zip_a_temporary_copy(find: Any, relative: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "okosys.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(f"okosys_plan/data/{relative.name}", b"zipped copy")
    _fake_package(monkeypatch, zipfile.Path(archive, "okosys_plan/"))
    monkeypatch.chdir(tmp_path)
    found = find()
    assert found.name == relative.name and found.read_bytes() == b"zipped copy"


@pytest.mark.parametrize(("find", "relative"), FINDERS)
def test_nowhere_the_relative_path_for_the_reader_to_refuse(
        find: Any, relative: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "okosys_plan").mkdir()
    _fake_package(monkeypatch, tmp_path / "okosys_plan")
    monkeypatch.chdir(tmp_path)
    assert find() == relative


def _fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return done.stdout


def test_every_export_after_every_submodule_is_imported() -> None:
    code = ("import importlib, pkgutil, types, okosys_plan\n"
            "for m in pkgutil.walk_packages(okosys_plan.__path__, 'okosys_plan.'):\n"
            "    if not m.name.endswith('__main__'):\n"
            "        importlib.import_module(m.name)\n"
            "from okosys_plan import *\n"
            "import okosys_plan as p\n"
            "bad = [n for n in p.__all__ if n != '__version__' and ("
            "isinstance(globals()[n], types.ModuleType) or getattr(p, n) is not "
            "getattr(importlib.import_module(p._EXPORTS[n]), n))]\n"
            "print('BAD', bad)\n")
    assert "BAD []" in _fresh(code)


def test_import_and_help_import_nothing_heavy() -> None:
    code = ("import sys\n"
            "import okosys_plan\n"
            "own = sorted(m for m in sys.modules if m.startswith('okosys_plan'))\n"
            "import okosys_plan.cli.main\n"
            f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
            "print('OWN', own, 'HEAVY', heavy)\n")
    assert "OWN ['okosys_plan'] HEAVY []" in _fresh(code)
