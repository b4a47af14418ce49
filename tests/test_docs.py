"""The documentation says what the code does: format tables and the CLI reference."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from okosys_plan import schema
from okosys_plan.cli import cli
from okosys_plan.messages import codes

ROOT = Path(__file__).resolve().parents[1]


def test_format_doc_lists_every_sheet_column_alias_and_problem_code() -> None:
    text = (ROOT / "docs" / "workbook-format.md").read_text(encoding="utf-8")
    for spec in schema.SHEETS:
        assert f"### {spec.names[0]}" in text
        for column in spec.columns:
            assert f"| {column.label} |" in text, column.label
            for alias in column.names[1:]:
                assert alias in text, alias
    for code in codes():
        assert f"`{code}`" in text, code


def test_readme_names_every_command_and_its_options() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for name, command in cli.commands.items():
        assert f"okosys-plan {name}" in readme, name
        help_text = runner.invoke(cli, [name, "--help"]).output
        for param in command.params:
            opts = [o for o in param.opts if o.startswith("-") and o not in ("--help", "--lang")]
            if opts:
                assert any(f"{o} " in readme or f"{o}]" in readme for o in opts), (name, opts)
                assert all(o in help_text for o in opts)
    assert "--lang en" in readme and "--max-unpacked" in readme
