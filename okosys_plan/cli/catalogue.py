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
              default=Path("behovskatalog-mal.xlsx"), show_default=True,
              help="Where the template is written.")
@force_option
@lang_option
def template(output: Path, force: bool, lang: str) -> None:
    """Write an empty needs catalogue, ready to fill in."""
    from okosys_plan.catalogue.template import write_template

    write_template(output, force=force, lang=lang)
    click.echo(output)


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
