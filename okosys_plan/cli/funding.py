"""``funding``: costs, funding, gaps and each agency's bill under each key."""

from __future__ import annotations

from pathlib import Path

import click

from okosys_plan import limits
from okosys_plan.cli.app import (
    YEAR,
    Number,
    cli,
    common,
    finish,
    force_option,
    json_option,
    lang_option,
)
from okosys_plan.funding.options import KEYS, OPERATIONS_KEY, SHARE


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--key", metavar="KEY", help="The cost-sharing key shown first: flat, usage, tiers, "
                                           "benefit, budget, per_capita, membership, manual or "
                                           "hybrid.")
@click.option("--compare", metavar="KEY,KEY,...", help=KEYS.help)
@click.option("--share", type=click.Choice(["cost", "gap"]), default=SHARE.default,
              show_default=True, help=SHARE.help)
@click.option("--year", type=YEAR, metavar="YEAR",
              help="Only this year (default: the roadmap's years).")
@click.option("--volume-growth", type=Number(limits.MIN_GROWTH, limits.MAX_GROWTH,
              low_open=True, percent=True), metavar="PCT",
              help="The bills once more with the volumes grown by PCT % a year.")
@click.option("--free-below", type=Number(0, limits.MAX_FREE_BELOW), metavar="N",
              help="usage: below N transactions an agency pays nothing (ID-porten: 200000).")
@click.option("--price", type=Number(0, limits.MAX_PRICE), metavar="KR",
              help="usage: price per transaction in kroner (ID-porten 2022/23: 0.37); what the "
                   "price does not cover is not shared.")
@click.option("--operations-key", default=OPERATIONS_KEY.default, show_default=True, metavar="KEY",
              help=OPERATIONS_KEY.help)
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Roadmap settings (the years; default roadmap/veikart.toml).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the analysis to an Excel file (.xlsx).")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Draw the gap per year (and the bills in FILE-fordeling) as .png, .svg or .pdf.")
@json_option
@force_option
@lang_option
def funding(file: Path, key: str | None, compare: str | None, share: str, year: int | None,
            volume_growth: float | None, free_below: float | None, price: float | None,
            operations_key: str, settings_file: Path | None, output: Path | None,
            chart: Path | None, as_json: bool, force: bool, lang: str) -> None:
    """Funding: cost, funding and gap per solution and year, co-funding, and each agency's bill
    under each cost-sharing key."""
    from okosys_plan.cli.actions.funding import FundingRequest, funding_file
    from okosys_plan.cli.actions.prioritise import ScoreRequest
    from okosys_plan.funding.keys import KeyOptions

    options = KeyOptions(free_below=free_below or 0.0, price=price,
                         operations_key=operations_key)
    keys = tuple(k for k in (compare or "").split(",") if k.strip())
    score = ScoreRequest(common=common(force))
    request = FundingRequest(key, keys, share, year, volume_growth, settings_file, output,
                             chart, options, score)
    finish(funding_file(file, request), as_json)
