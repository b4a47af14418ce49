"""Commands that plan and draw: ``plan`` and ``roadmap``."""

from __future__ import annotations

from datetime import date
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
    parse_as_of,
    whole_range,
)
from okosys_plan.cli.prioritise import scoring_options
from okosys_plan.cli.stop import lang_of
from okosys_plan.roadmap.options import (
    BASELINE,
    BUDGET,
    COLOUR_BY,
    FIRST,
    GROUP_BY,
    GROUP_CHOICES,
    LAST,
    SETTINGS_FILE,
)
from okosys_plan.text.say import say

_BUDGET = Number(0, limits.MAX_BUDGET)


def _budgets(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
             ) -> dict[int, float]:
    """--budget YEAR=MNOK, each a year in range and a finite amount 0–10⁹ MNOK."""
    budgets: dict[int, float] = {}
    for value in values:
        year, equals, amount = value.partition("=")
        if not equals or not year.strip().isdigit():
            raise click.BadParameter(say(lang_of(ctx), "'{value}': write YEAR=MNOK, for "
                                         "example 2024=150", value=value))
        try:
            budgets[YEAR.convert(year.strip(), param, ctx)] = _BUDGET.convert(amount, param, ctx)
        except click.BadParameter as error:
            raise click.BadParameter(say(lang_of(ctx), "'{value}': {message}", value=value,
                                         message=error.message)) from None
    return budgets


_CLASSES = {"høy": "Høy", "hoy": "Høy", "high": "Høy", "middels": "Middels",
            "medium": "Middels", "lav": "Lav", "low": "Lav"}


def _lowest_class(ctx: click.Context, _param: click.Parameter, value: str | None
                  ) -> str | None:
    if value is None or value == "alle":
        return value
    found = _CLASSES.get(value.casefold())
    if found is None:
        raise click.BadParameter(say(lang_of(ctx), "'{value}': use High, Medium or Low",
                                     value=value))
    return found


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--budget", "budgets", multiple=True, callback=_budgets, metavar="YEAR=MNOK",
              help=BUDGET.help)
@click.option("--from", "first", type=YEAR, metavar="YEAR",
              help=FIRST.help)
@click.option("--to", "last", type=YEAR, metavar="YEAR",
              help=LAST.help)
@click.option("--needs", "needs", is_flag=False, flag_value="alle", default=None,
              callback=_lowest_class, metavar="[CLASS]",
              help="Plan needs without measures too (only High, or High and Medium, with CLASS).")
@click.option("--max-parallel", type=whole_range(1, limits.MAX_PARALLEL), metavar="N",
              help="At most N measures at a time per owning agency.")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
              help=SETTINGS_FILE.help)
@scoring_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the plan to an Excel file (.xlsx).")
@click.option("--save-baseline", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE", help="Save the plan as the adopted baseline (.json).")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help=BASELINE.help)
@json_option
@force_option
@lang_option
def plan(file: Path, budgets: dict[int, float], first: int | None, last: int | None,
         needs: str | None, max_parallel: int | None, settings_file: Path | None, method: str,
         criteria_file: Path | None, high: float | None, medium: float | None,
         output: Path | None, save_baseline: Path | None, baseline: Path | None,
         as_json: bool, force: bool, lang: str) -> None:
    """Place measures without dates on the roadmap within dependencies and budgets."""
    from okosys_plan.cli.actions.prioritise import ScoreRequest
    from okosys_plan.cli.actions.roadmap import PlanRequest, plan_file
    from okosys_plan.prioritise.api import PriorityOptions
    from okosys_plan.prioritise.scoring import Method, PriorityClass

    score = ScoreRequest(criteria_file, high, medium, common=common(force))
    lowest = None if needs in (None, "alle") else PriorityClass(needs)
    request = PlanRequest(settings_file, first, last, budgets, needs is not None, lowest,
                          max_parallel, output, score, save_baseline, baseline)
    finish(plan_file(file, PriorityOptions(Method(method)), request), as_json)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outputs", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The roadmap as .png, .svg or .pdf (may be repeated); a text version (.md and "
                   ".csv) is written beside it. Default veikart-YEAR-YEAR.png.")
@click.option("--group-by", type=click.Choice(GROUP_CHOICES),
              default=GROUP_BY.default, show_default=True, help=GROUP_BY.help)
@click.option("--colour-by", type=click.Choice(["status", "prioritet"]), default=COLOUR_BY.default,
              show_default=True, help=COLOUR_BY.help)
@click.option("--as-of", callback=parse_as_of, metavar="DATE",
              help="The date of the 'as of' line (default today).")
@click.option("--planned", is_flag=True,
              help="Draw the measures the plan places too (as planned).")
@click.option("--from", "first", type=YEAR, metavar="YEAR",
              help="First year on the time axis.")
@click.option("--to", "last", type=YEAR, metavar="YEAR",
              help="Last year on the time axis.")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
              help=SETTINGS_FILE.help)
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help=BASELINE.help)
@json_option
@force_option
@lang_option
def roadmap(file: Path, outputs: tuple[Path, ...], group_by: str, colour_by: str, as_of: date,
            planned: bool, first: int | None, last: int | None, settings_file: Path | None,
            baseline: Path | None, as_json: bool, force: bool, lang: str) -> None:
    """Draw Veikart 2.0 as a Gantt chart with swimlanes."""
    from okosys_plan.cli.actions.prioritise import ScoreRequest
    from okosys_plan.cli.actions.roadmap import RoadmapRequest, roadmap_file
    from okosys_plan.prioritise.api import PriorityOptions

    score = ScoreRequest(common=common(force))
    request = RoadmapRequest(as_of, outputs, group_by, colour_by, planned, settings_file, first,
                             last, as_json, score, baseline)
    finish(roadmap_file(file, PriorityOptions(), request), as_json)
