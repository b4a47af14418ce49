"""``compare``: the base run and its scenarios side by side (docs/scenarier.md)."""

from __future__ import annotations

from pathlib import Path

import click

from okosys_plan.cli.app import cli, common, finish, force_option, json_option, lang_option
from okosys_plan.cli.run import _run_config, config_option


@cli.command()
@click.argument("catalogue", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--scenario", "names", multiple=True, metavar="NAME",
              help="A scenario to compare (repeat for several; default: every one declared).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the comparison to an Excel file (.xlsx), e.g. sammenligning.xlsx.")
@click.option("--top", "top_k", type=click.IntRange(1, 10_000), default=10, show_default=True,
              help="How many needs count as the top when entering and leaving it is shown.")
@config_option
@json_option
@force_option
@lang_option
@click.pass_context
def compare(ctx: click.Context, catalogue: Path, names: tuple[str, ...], output: Path | None,
            top_k: int, config_file: Path | None, as_json: bool, force: bool,
            lang: str) -> None:
    """Compare the base run with scenarios: ranks, plan, budget, gap and bills."""
    from dataclasses import replace

    from okosys_plan.cli.actions.compare import CompareRequest, compare_file

    config = _run_config(ctx, config_file, lang)
    found = ctx.meta.get("okosys.config_file")
    request = CompareRequest(names, output, top_k, replace(common(force), lang=config.lang))
    finish(compare_file(catalogue, config, request, inputs=(found,) if found else ()),
           as_json)
