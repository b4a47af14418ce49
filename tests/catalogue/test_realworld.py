"""Every real-world workbook is read, or stops with one clear line and exit code 2.

Each file runs in its own process with a memory cap and a time limit: two corrupt .xls
files there make a common engine abort the interpreter or allocate without bound.
"""

from __future__ import annotations

import csv
import resource
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "realworld-workbooks"
MANIFEST = CORPUS / "MANIFEST.tsv"
MEMORY_CAP = 3 * 1024**3  # the whole process tree may not grow past this
TIME_LIMIT = 60  # seconds; a hang is a failure, not a measurement

# Formats older than Excel 97 are refused by name (issue 2), though the manifest calls
# the BIFF4 file readable by some engines.
REFUSED = {"xls_biff4__as3xls_BIFF4.xls": "Excel 4.0"}
# What the single line must say for the broken files.
SAYS = {
    "broken__password.xlsx": "encrypted",
    "broken__null_file.xlsx": "empty",
    "broken__too_small.xls": "text file named .xls",
    "broken__EmptyZipFile.xlsx": "no workbook",
    "broken__Test_git_issue_382_oom.xls": "damaged",
    "broken__Test_Issue_12556_corrupt.xls": "damaged",
}


def _rows() -> list[dict[str, str]]:
    if not MANIFEST.exists():
        return []
    with MANIFEST.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _run(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okosys_plan", "validate", "--lang", "en", str(path)],
        capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=_cap, check=False,
    )


@pytest.mark.skipif(not MANIFEST.exists(), reason="shared/realworld-workbooks not present")
@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["file"])
def test_real_world_file_is_read_or_refused_clearly(row: dict[str, str]) -> None:
    done = _run(CORPUS / row["file"])
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    refused = row["expected"].startswith("clear error") or row["file"] in REFUSED
    if refused:
        assert done.returncode == 2, output
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert row["file"] in lines[0]
        assert (SAYS.get(row["file"]) or REFUSED[row["file"]]) in lines[0]
    else:
        # Readable; not a needs catalogue is invalid data (1), never unusable (2).
        assert done.returncode in (0, 1), output
        assert done.stderr == ""


@pytest.mark.skipif(not MANIFEST.exists(), reason="shared/realworld-workbooks not present")
def test_manifest_lists_every_file_in_the_folder() -> None:
    listed = {row["file"] for row in _rows()}
    present = {p.name for p in CORPUS.iterdir() if p.name not in ("MANIFEST.tsv", "README.md")}
    assert listed == present
