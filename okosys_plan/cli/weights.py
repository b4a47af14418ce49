"""``weights ahp``: criterion weights from members' pairwise comparisons."""

from __future__ import annotations

from pathlib import Path

import click

from okosys_plan.cli.app import cli, common, finish, force_option, json_option, lang_option


@cli.group()
def weights() -> None:
    """Weights of the priority criteria."""


@weights.command("ahp")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the criteria with the weights as a Kriterier sheet (.xlsx) or a criteria"
                   " file (.toml) for --criteria.")
@json_option
@force_option
@lang_option
def weights_ahp(files: tuple[Path, ...], output: Path | None, as_json: bool, force: bool,
                lang: str) -> None:
    """Weights from pairwise comparisons (AHP, Saaty's scale 1–9) in the Parvis sheet or a TOML
    file; several files (the members' matrices) are combined by the geometric mean."""
    from okosys_plan.cli.actions.weights import weights_ahp as compute

    outcome = compute(files, output, common=common(force))
    finish(outcome, as_json)
