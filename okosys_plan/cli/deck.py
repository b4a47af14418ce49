"""``deck``: the Skate deck of a catalogue as an editable PowerPoint file (docs/deck.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from okosys_plan.assess.options import ASSESSMENTS
from okosys_plan.cli.app import cli, finish, force_option, json_option, lang_option, parse_as_of
from okosys_plan.cli.run import _run_config, config_option
from okosys_plan.run.options import DECK, DECK_TEMPLATE


@cli.command()
@click.argument("catalogue", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(DECK.default), show_default=True, help=DECK.help)
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              metavar="MAL.pptx", help=DECK_TEMPLATE.help)
@click.option("--as-of", callback=parse_as_of, metavar="DATE",
              help="The date the report and the roadmap are as of (default today).")
@config_option
@click.option("--assessments", type=click.Path(path_type=Path), multiple=True,
              metavar="PATH", help=ASSESSMENTS.help)
@json_option
@force_option
@lang_option
@click.pass_context
def deck(ctx: click.Context, catalogue: Path, output: Path, template: Path | None,
         as_of: date, config_file: Path | None, assessments: tuple[Path, ...],
         as_json: bool, force: bool, lang: str) -> None:
    """Write the Skate deck: the whole round as an editable PowerPoint (.pptx)."""
    from dataclasses import replace

    from okosys_plan.cli.actions.deck import DeckRequest, deck_job

    config = _run_config(ctx, config_file, lang)
    if assessments:
        config = replace(config, assessments=assessments)
    request = DeckRequest(output, as_of, template, force, ctx.meta["okosys.config_file"])
    finish(deck_job(catalogue, config, request), as_json)
