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


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--key", metavar="KEY", help="Fordelingsnøkkelen som vises først: flat, usage, "
              "tiers, benefit, budget, per_capita, membership, manual eller hybrid.")
@click.option("--compare", metavar="KEY,KEY,...", help="Nøklene som sammenlignes side om "
              "side (standard: alle ni når verken --key eller --compare er gitt).")
@click.option("--share", type=click.Choice(["cost", "gap"]), default="cost", show_default=True,
              help="Fordel hele kostnaden, eller bare gapet (kostnad minus bekreftet).")
@click.option("--year", type=YEAR, metavar="YEAR",
              help="Bare dette året (standard: veikartets år).")
@click.option("--volume-growth", type=Number(limits.MIN_GROWTH, limits.MAX_GROWTH,
              low_open=True, percent=True), metavar="PCT",
              help="Regningene en gang til med volumene økt med PCT % per år.")
@click.option("--free-below", type=Number(0, limits.MAX_FREE_BELOW), metavar="N",
              help="usage: under N transaksjoner betaler en virksomhet ingenting "
              "(ID-porten: 200000).")
@click.option("--price", type=Number(0, limits.MAX_PRICE), metavar="KR",
              help="usage: pris per transaksjon i kroner (ID-porten 2022/23: 0,37); det "
              "prisen ikke dekker, fordeles ikke.")
@click.option("--operations-key", default="usage", show_default=True, metavar="KEY",
              help="hybrid: nøkkelen som fordeler driften (investeringen betales sentralt).")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Veikartinnstillinger (årene; standard roadmap/veikart.toml).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv analysen til en Excel-fil (.xlsx).")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Tegn gapet per år (og regningene i FIL-fordeling) som .png, .svg eller .pdf.")
@json_option
@force_option
@lang_option
def funding(file: Path, key: str | None, compare: str | None, share: str, year: int | None,
            volume_growth: float | None, free_below: float | None, price: float | None,
            operations_key: str, settings_file: Path | None, output: Path | None,
            chart: Path | None, as_json: bool, force: bool, lang: str) -> None:
    """Finansiering: kostnad, finansiering og gap per løsning og år, medfinansiering, og
    hver virksomhets regning under hver fordelingsnøkkel."""
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
