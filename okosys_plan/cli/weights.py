"""``weights ahp``: criterion weights from members' pairwise comparisons."""

from __future__ import annotations

from pathlib import Path

import click

from okosys_plan.cli.app import cli, common, finish, force_option, json_option, lang_option


@cli.group()
def weights() -> None:
    """Vekter for prioriteringskriteriene."""


@weights.command("ahp")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv kriteriene med vektene som et Kriterier-ark (.xlsx) eller en "
              "kriteriefil (.toml) for --criteria.")
@json_option
@force_option
@lang_option
def weights_ahp(files: tuple[Path, ...], output: Path | None, as_json: bool, force: bool,
                lang: str) -> None:
    """Vekter fra parvise sammenligninger (AHP, Saatys skala 1–9) i arket Parvis eller en
    TOML-fil; flere filer (medlemmenes matriser) slås sammen med geometrisk snitt."""
    from okosys_plan.cli.actions.weights import weights_ahp as compute

    outcome = compute(files, output, common=common(force))
    finish(outcome, as_json)
