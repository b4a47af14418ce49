"""``diff``: what changed between two versions of a catalogue."""

from __future__ import annotations

from pathlib import Path

import click

from okosys_plan.cli.app import cli, common, finish, force_option, json_option, lang_option


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every change to an Excel file (.xlsx).")
@click.option("--events", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.jsonl",
              help="Write one CloudEvents 1.0 event per change as JSON Lines.")
@json_option
@force_option
@lang_option
def diff(old: Path, new: Path, output: Path | None, events: Path | None, as_json: bool,
         force: bool, lang: str) -> None:
    """What changed between two versions of the catalogue."""
    from okosys_plan.cli.actions.diff import DiffRequest, diff_files

    request = DiffRequest(output, events, common(force))
    finish(diff_files(old, new, request), as_json)
