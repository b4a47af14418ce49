"""The documentation says what the code does: format tables and the CLI reference."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
from click.testing import CliRunner

from okosys_plan.catalogue import schema
from okosys_plan.catalogue.messages import codes
from okosys_plan.cli.main import cli

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


def _commands(group: click.Group, path: tuple[str, ...] = ()
              ) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command with its words after ``okosys-plan``, subcommands of groups too."""
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def test_readme_names_every_command_and_its_options() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for words, command in _commands(cli):
        name = " ".join(words)
        assert f"okosys-plan {name}" in readme, name
        help_text = runner.invoke(cli, [*words, "--help"]).output
        for param in command.params:
            opts = [o for o in param.opts if o.startswith("-") and o not in ("--help", "--lang")]
            if opts:
                assert any(f"{o} " in readme or f"{o}]" in readme for o in opts), (name, opts)
                assert all(o in help_text for o in opts)
    assert "--lang en" in readme and "--max-unpacked" in readme
