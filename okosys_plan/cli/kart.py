"""The command that draws the service-chain maps: ``kart``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from okosys_plan.cli.app import (
    cli,
    common,
    finish,
    force_option,
    json_option,
    lang_option,
    parse_as_of,
)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--chain", metavar="NAME",
              help="Draw only the chain of this name (case and spacing do not count).")
@click.option("-o", "--output", "outputs", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The map as .png, .svg or .pdf (may be repeated); a text version (.md and "
                   ".csv) is written beside it. With several chains each name gets the "
                   "chain's, kart-dodsfall-og-arv.png. Default kart.png.")
@click.option("--as-of", callback=parse_as_of, metavar="DATE",
              help="The date the maps say they show (default today).")
@json_option
@force_option
@lang_option
def kart(file: Path, chain: str | None, outputs: tuple[Path, ...], as_of: date,
         as_json: bool, force: bool, lang: str) -> None:
    """Draw the service-chain maps (Kart for tjenestekjeder): where each chain breaks and
    how far the fixes have come."""
    from okosys_plan.cli.actions.kart import MapRequest, map_file
    from okosys_plan.cli.actions.prioritise import ScoreRequest

    request = MapRequest(as_of, chain, outputs, as_json, ScoreRequest(common=common(force)))
    finish(map_file(file, request), as_json)
