"""The deck as LibreOffice renders it: one PDF page per slide, each page holding its title.

Skipped, with the reason, where LibreOffice (``soffice``) is missing; the text check also
where poppler's ``pdftotext`` is (``.ci/run`` installs both on a fresh Debian machine).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.report.deck.libreoffice import IMPRESS, REASON, SOFFICE

ROOT = Path(__file__).resolve().parents[3]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"


def _deck(tmp_path: Path, lang: str) -> tuple[Path, list[str]]:
    """The bundled catalogue's deck, written, and its slides' titles."""
    from pptx import Presentation

    from okosys_plan.report.deck.build import deck_file_bytes
    from okosys_plan.run.pipeline import RunConfig, run_pipeline

    config = RunConfig(lang=lang, draws=50)
    results = run_pipeline(BUNDLED, config, date(2024, 3, 1))
    data = deck_file_bytes(results, config)
    path = tmp_path / f"veikart-{lang}.pptx"
    path.write_bytes(data)
    titles = [s.shapes.title.text if s.shapes.title is not None else ""
              for s in Presentation(io.BytesIO(data)).slides]
    return path, titles


def _pdf(deck: Path) -> Path:
    """The deck converted by LibreOffice headless, in a profile of its own."""
    assert SOFFICE is not None
    profile = deck.parent / "lo-profile"
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(deck.parent), str(deck)],
                          capture_output=True, timeout=240, check=False)
    pdf = deck.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.is_file(), done.stderr.decode("utf-8", "replace")
    return pdf


def _pages(pdf: Path) -> int:
    """The PDF's page count (pdfinfo if there, else the page objects counted)."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
        assert found is not None, info
        return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def _page_text(pdf: Path, page: int) -> str:
    done = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf),
                           "-"], capture_output=True, text=True, check=True)
    return done.stdout


def _plain(text: str) -> str:
    """Text with its white space made one space (a title may wrap or be spaced in the PDF)."""
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.slow
@pytest.mark.skipif(not IMPRESS, reason=REASON)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_libreoffice_renders_a_page_per_slide_with_its_title(tmp_path: Path, lang: str) -> None:
    deck, titles = _deck(tmp_path, lang)
    assert titles and all(t.strip() for t in titles)
    pdf = _pdf(deck)
    assert _pages(pdf) == len(titles)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the pages' text is not read")
    for number, title in enumerate(titles, 1):
        assert _plain(title) in _plain(_page_text(pdf, number)), (number, title)
