"""The code base stays ruff- and mypy-clean, and --help stays light."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff not installed")
def test_ruff_is_clean() -> None:
    done = subprocess.run(["ruff", "check", "okosys_plan", "tests", "benchmarks", "catalogue"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    pytest.importorskip("mypy")
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_help_imports_neither_pandas_nor_matplotlib() -> None:
    code = ("import sys, runpy\n"
            "sys.argv = ['okosys-plan', '--help']\n"
            "try:\n    runpy.run_module('okosys_plan', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "heavy = [m for m in ('pandas', 'matplotlib', 'openpyxl', 'numpy') "
            "if m in sys.modules]\n"
            "print('HEAVY', heavy)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert "HEAVY []" in done.stdout
