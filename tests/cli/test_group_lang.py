"""``okosys-plan --lang en …``: the language given before the command holds for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from okosys_plan.cli.main import cli

BUNDLED = Path(__file__).resolve().parents[2] / "catalogue" / "behovskatalog.xlsx"


@pytest.mark.parametrize("args, english", [
    (["--lang", "en", "validate", str(BUNDLED)], True),
    (["validate", "--lang", "en", str(BUNDLED)], True),
    (["--lang", "nb", "validate", str(BUNDLED)], False),
    (["validate", str(BUNDLED)], False),
])
def test_the_language_before_or_after_the_command(args: list[str], english: bool) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert ("49 needs" in result.output) is english
    assert ("49 behov" in result.output) is not english


def test_the_top_level_help_in_english() -> None:
    import subprocess
    import sys

    def helped(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "okosys_plan", *args],
                              capture_output=True, text=True, timeout=60,
                              cwd=BUNDLED.parents[1])

    english = helped("--help", "--lang", "en")
    assert english.returncode == 0 and "Show the version and exit." in english.stdout
    assert "Vis versjonen og avslutt." in helped("--help").stdout
