"""Commands on catalogue files: ``validate``, ``template``, ``merge``."""

from __future__ import annotations

from pathlib import Path

import click

from okosys_plan.cli.app import cli, common, finish, force_option, json_option, lang_option
from okosys_plan.text.say import say


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@json_option
@click.option("--annotate", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a copy of the workbook with the problem cells marked.")
@force_option
@lang_option
def validate(files: tuple[Path, ...], as_json: bool, annotate: Path | None, force: bool,
             lang: str) -> None:
    """Check one or more needs catalogues and show every problem."""
    from okosys_plan.cli.actions.catalogue import validate_files

    if annotate is not None and len(files) != 1:
        raise click.UsageError(say(lang, "--annotate takes exactly one FILE"))
    outcome = validate_files(files, annotate=annotate, common=common(force))
    finish(outcome, as_json)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where the template is written (default: behovskatalog-mal.xlsx, with "
                   "--assessor vurdering-NAME.xlsx).")
@click.option("--assessor", metavar="NAME",
              help="Write an assessment workbook for this AU member instead: the needs to "
                   "score, a drop-down per criterion with its rubric, a comment column.")
@click.option("--agency", metavar="CODE", help="The member's agency (with --assessor).")
@click.option("--needs", "need_ids", metavar="IDS",
              help="Only these needs, for example B01,B05 (with --assessor).")
@click.option("--theme", help="Only the needs of this theme (with --assessor).")
@click.option("--catalogue", "catalogue_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The catalogue whose needs are assessed (with --assessor; default: the "
                   "bundled one).")
@click.option("--criteria", "criteria_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Criteria (and their rubric) from a TOML file instead of the catalogue's "
                   "(with --assessor).")
@json_option
@force_option
@lang_option
def template(output: Path | None, assessor: str | None, agency: str | None,
             need_ids: str | None, theme: str | None, catalogue_file: Path | None,
             criteria_file: Path | None, as_json: bool, force: bool, lang: str) -> None:
    """Write an empty needs catalogue, ready to fill in (with --assessor: an AU member's
    assessment workbook)."""
    if assessor is None:
        given = [name for name, value in (("--agency", agency), ("--needs", need_ids),
                                          ("--theme", theme), ("--catalogue", catalogue_file),
                                          ("--criteria", criteria_file)) if value is not None]
        if given:
            raise click.UsageError(say(lang, "{option} needs --assessor", option=given[0]))
        from okosys_plan.catalogue.template import write_template
        from okosys_plan.cli.outcome import Outcome

        target = output or Path("behovskatalog-mal.xlsx")
        write_template(target, force=force, lang=lang)
        finish(Outcome(str(target), {"valid": True, "output": str(target)}), as_json)
        return
    from okosys_plan.assess.select import parse_ids
    from okosys_plan.cli.actions.assessment import AssessmentRequest, assessment_template

    request = AssessmentRequest(assessor, output, agency, parse_ids(need_ids), theme,
                                catalogue_file, criteria_file, common(force))
    finish(assessment_template(request), as_json)


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The merged catalogue (.xlsx).")
@click.option("--renumber", is_flag=True, help="Give IDs that repeat across files new numbers.")
@json_option
@force_option
@lang_option
def merge(files: tuple[Path, ...], output: Path, renumber: bool, as_json: bool, force: bool,
          lang: str) -> None:
    """Merge submitted catalogues into one."""
    from okosys_plan.cli.actions.catalogue import merge_files

    outcome = merge_files(files, output, renumber=renumber, common=common(force))
    finish(outcome, as_json)
