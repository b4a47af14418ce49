"""The whole job: ``run`` (into a folder) and ``report`` (one HTML file)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import click

from okosys_plan.assess.options import AGGREGATE, ASSESSMENTS
from okosys_plan.cli.app import (
    F,
    cli,
    finish,
    force_option,
    json_option,
    lang_option,
    parse_as_of,
    unpack_limit,
)
from okosys_plan.cli.stop import checkpoint
from okosys_plan.run.options import OUTPUT_DIR, REPORT
from okosys_plan.run.steps import STEPS
from okosys_plan.text.say import say


def _run_config(ctx: click.Context, config_file: Path | None, lang: str) -> Any:
    """okosys-plan.toml (here or --config) under the command line's --lang, if given."""
    from dataclasses import replace

    from okosys_plan.run.config import find_config, load_config

    found = find_config(config_file)
    ctx.meta["okosys.config_file"] = found  # an input: no output may replace it
    config = load_config(found)
    config = replace(config, max_unpacked=unpack_limit())
    if ctx.get_parameter_source("lang") is not click.core.ParameterSource.DEFAULT:
        config = replace(config, lang=lang)
    ctx.meta["okosys.lang"] = config.lang
    return config


def config_option(func: F) -> F:
    """The shared ``--config`` option (okosys-plan.toml)."""
    return click.option("--config", "config_file", type=click.Path(dir_okay=False,
                        path_type=Path), help="Settings file (default okosys-plan.toml in the "
                                              "folder you are in, if there is one).")(func)


class _Progress:
    """Step lines and a progress bar for the sensitivity run, on stderr (never stdout)."""

    STEPS: ClassVar[dict[str, str]] = STEPS  # English: the message ids

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.bar: Any = None

    def step(self, name: str) -> None:
        """Say which step starts (an empty name only ends the bar)."""
        checkpoint()  # a signal swallowed by a callback in the step before stops here
        self._close()
        if not name:
            return
        english = self.STEPS.get(name)
        click.echo(f"• {name if english is None else say(self.lang, english)} …", err=True)

    def block(self, done: int, total: int) -> None:
        """Advance the sensitivity bar."""
        checkpoint()
        if self.bar is None:
            label = say(self.lang, "  weight draws")
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def _close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@cli.command()
@click.argument("catalogue", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path(OUTPUT_DIR.default), show_default=True, help=OUTPUT_DIR.help)
@click.option("--as-of", callback=parse_as_of, metavar="DATE",
              help="The date the report and the roadmap are as of (default today).")
@config_option
@click.option("--keep-going", is_flag=True,
              help="Go on after the validation even if the catalogue has errors.")
@click.option("--assessments", type=click.Path(path_type=Path), multiple=True,
              metavar="PATH", help=ASSESSMENTS.help)
@click.option("--aggregate", type=click.Choice(["median", "mean", "trimmed"]),
              help=AGGREGATE.help)
@json_option
@lang_option
@click.pass_context
def run(ctx: click.Context, catalogue: Path | None, output_dir: Path, as_of: date,
        config_file: Path | None, keep_going: bool, assessments: tuple[Path, ...],
        aggregate: str | None, as_json: bool, lang: str) -> None:
    """The whole job: validation, priorities, plan, roadmap, funding and report."""
    from dataclasses import replace

    from okosys_plan.bundled import bundled_assessments, bundled_catalogue
    from okosys_plan.cli.actions.run import RunRequest, run_job

    config = _run_config(ctx, config_file, lang)
    if assessments:
        config = replace(config, assessments=assessments)
    elif catalogue is None and not config.assessments:  # the bundled job, out of the box
        folder = bundled_assessments()
        config = replace(config, assessments=(folder,) if folder else ())
    if aggregate:
        config = replace(config, aggregate=aggregate)
    progress = _Progress(config.lang)
    outcome = run_job(catalogue or bundled_catalogue(), config,
                      RunRequest(output_dir, as_of, keep_going, ctx.meta["okosys.config_file"]),
                      progress.step, progress.block)
    progress.step("")
    finish(outcome, as_json)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(REPORT.default), show_default=True, help=REPORT.help)
@click.option("--since", type=click.Path(dir_okay=False, path_type=Path),
              help="Include the changes since an earlier version of the catalogue.")
@click.option("--as-of", callback=parse_as_of, metavar="DATE",
              help="The date the report is as of (default today).")
@config_option
@click.option("--assessments", type=click.Path(path_type=Path), multiple=True,
              metavar="PATH", help=ASSESSMENTS.help)
@click.option("--aggregate", type=click.Choice(["median", "mean", "trimmed"]),
              help=AGGREGATE.help)
@json_option
@force_option
@lang_option
@click.pass_context
def report(ctx: click.Context, file: Path, output: Path, since: Path | None, as_of: date,
           config_file: Path | None, assessments: tuple[Path, ...], aggregate: str | None,
           as_json: bool, force: bool, lang: str) -> None:
    """Write one self-contained HTML report that opens in any browser."""
    from dataclasses import replace

    from okosys_plan.cli.actions.run import report_job

    config = _run_config(ctx, config_file, lang)
    if assessments:
        config = replace(config, assessments=assessments)
    if aggregate:
        config = replace(config, aggregate=aggregate)
    finish(report_job(file, output, config, as_of, since=since, force=force,
                       config_file=ctx.meta["okosys.config_file"]), as_json)
