"""Commands that rank: ``score`` and ``explain``, with their shared scoring options."""

from __future__ import annotations

from pathlib import Path

import click

from okosys_plan import limits
from okosys_plan.assess.model import AggregateRule
from okosys_plan.assess.options import AGGREGATE, ASSESSMENTS
from okosys_plan.cli.app import (
    F,
    Number,
    cli,
    common,
    finish,
    force_option,
    json_option,
    lang_option,
    whole_range,
)
from okosys_plan.prioritise.options import CRITERIA, HIGH, MEDIUM, METHOD, SCORE_DRAWS, SEED, TOP
from okosys_plan.text.say import say


def scoring_options(func: F) -> F:
    """The options shared by ``score`` and ``explain``: method, criteria, thresholds."""
    options = [
        click.option("--method", type=click.Choice(["weighted", "nnv"]), default=METHOD.default,
                     show_default=True, help=METHOD.help),
        click.option("--criteria", "criteria_file", type=click.Path(dir_okay=False,
                     path_type=Path), help=CRITERIA.help),
        click.option("--high", type=Number(0, limits.SCORE_MAX), help=HIGH.help),
        click.option("--medium", type=Number(0, limits.SCORE_MAX), help=MEDIUM.help),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("more", nargs=-1, type=click.Path(path_type=Path), metavar="[ASSESSMENT]...")
@scoring_options
@click.option("--assessments", type=click.Path(path_type=Path), multiple=True,
              metavar="PATH", help=ASSESSMENTS.help)
@click.option("--aggregate", type=click.Choice([r.value for r in AggregateRule]),
              default=AGGREGATE.default, show_default=True, help=AGGREGATE.help)
@click.option("--sensitivity", "draws", type=whole_range(0, limits.MAX_DRAWS),
              default=SCORE_DRAWS.default, metavar="N", help=SCORE_DRAWS.help)
@click.option("--seed", type=whole_range(0, limits.MAX_SEED), default=SEED.default,
              show_default=True, help=SEED.help)
@click.option("--concentration", type=Number(limits.MIN_CONCENTRATION,
                                              limits.MAX_CONCENTRATION),
              help="The Dirichlet concentration (default: a typical weight moves ±20 %).")
@click.option("--top-k", type=whole_range(1, limits.MAX_SHOWN), help="K in 'probability of top K' "
                                                                     "(default: the number of "
                                                                     "needs with priority High; at"
                                                                     " most the number of needs).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the priority list to an Excel file (.xlsx).")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Draw the scores as a chart (.png, .svg or .pdf).")
@click.option("--top", type=whole_range(1, limits.MAX_SHOWN), default=TOP.default,
              show_default=True, help=TOP.help)
@json_option
@force_option
@lang_option
def score(file: Path, more: tuple[Path, ...], method: str, criteria_file: Path | None,
          high: float | None, medium: float | None, assessments: tuple[Path, ...],
          aggregate: str, draws: int, seed: int, concentration: float | None,
          top_k: int | None, output: Path | None, chart: Path | None, top: int, as_json: bool,
          force: bool, lang: str) -> None:
    """Prioritise the needs: score, rank, priority and sensitivity."""
    from okosys_plan.cli.actions.prioritise import ScoreRequest, score_file
    from okosys_plan.prioritise.api import PriorityOptions
    from okosys_plan.prioritise.scoring import Method

    if more and not assessments:  # FILE ASSESSMENT... only after --assessments
        raise click.UsageError(say(lang, "Got unexpected extra argument ({args})",
                                   args=" ".join(map(str, more))))
    options = PriorityOptions(Method(method), draws=draws, seed=seed,
                              concentration=concentration, top_k=top_k)
    request = ScoreRequest(criteria_file, high, medium, output, chart, top,
                           common(force), (*assessments, *more), aggregate)
    finish(score_file(file, options, request), as_json)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("need_id", metavar="ID")
@click.argument("other_id", metavar="[OTHER_ID]", required=False)
@scoring_options
@click.option("--assessments", type=click.Path(path_type=Path), multiple=True,
              metavar="PATH", help=ASSESSMENTS.help)
@click.option("--aggregate", type=click.Choice([r.value for r in AggregateRule]),
              default=AGGREGATE.default, show_default=True, help=AGGREGATE.help)
@json_option
@lang_option
def explain(file: Path, need_id: str, other_id: str | None, method: str,
            criteria_file: Path | None, high: float | None, medium: float | None,
            assessments: tuple[Path, ...], aggregate: str, as_json: bool, lang: str) -> None:
    """Explain one need's score, or what sets two needs apart."""
    from okosys_plan.cli.actions.prioritise import ScoreRequest, explain_file
    from okosys_plan.prioritise.api import PriorityOptions
    from okosys_plan.prioritise.scoring import Method

    ids = (need_id,) if other_id is None else (need_id, other_id)
    request = ScoreRequest(criteria_file, high, medium, common=common(),
                           assessments=assessments, aggregate=aggregate)
    finish(explain_file(file, ids, PriorityOptions(Method(method)), request), as_json)
