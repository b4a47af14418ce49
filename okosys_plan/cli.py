"""The command line: parse, call the library, print. Exit codes are mapped here only.

0 fine (warnings allowed), 1 invalid data, 2 unusable input or bad usage.
"""

from __future__ import annotations

import errno
import json
import math
import os
import signal
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import click

from okosys_plan import limits
from okosys_plan.cli_stop import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    Terminated,
    json_error,
    lang_of,
    os_error_line,
    silence_stdout,
    stop,
)
from okosys_plan.errors import OkosysError

if TYPE_CHECKING:
    from okosys_plan.commands import Outcome

F = TypeVar("F", bound=Callable[..., Any])

class Number(click.FloatRange):
    """Every numeric option's type: a finite number within a range, written either way.

    ``0,37`` or ``0.37``, ``200 000``, and with ``percent`` a trailing ``%``; NaN and the
    infinities are refused like any value out of range (click's usage error, exit 2).
    With ``whole`` the value must be a whole number and is given as an int.
    """

    def __init__(self, low: float | None = None, high: float | None = None, *,
                 whole: bool = False, low_open: bool = False, percent: bool = False) -> None:
        super().__init__(low, high, min_open=low_open)
        self.whole = whole
        self.percent = percent
        self.name = "integer range" if whole else "float range"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        """The number, checked: finite, whole if asked, within the range."""
        text = str(value)
        plain = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(plain.removesuffix("%") if self.percent else plain)
        except ValueError:
            self.fail(f"«{value}» er ikke et tall (not a number)", param, ctx)
        if not math.isfinite(number):
            self.fail(f"«{value}» er ikke et endelig tall (not a finite number)", param, ctx)
        if self.whole and not number.is_integer():
            self.fail(f"«{value}» er ikke et heltall (not a whole number)", param, ctx)
        if not self._within(number):
            self.fail(f"«{value}» er utenfor {self._describe_range()} (out of range)", param, ctx)
        return int(number) if self.whole else number

    def _within(self, number: float) -> bool:
        low, high = self.min, self.max
        return ((low is None or (number > low if self.min_open else number >= low))
                and (high is None or (number < high if self.max_open else number <= high)))

    def _describe_range(self) -> str:
        """The range as help shows it: ``0<=x<=100``, ``x>0``, ``0<=x<=1e+12``."""
        low = "" if self.min is None else f"{_shown(self.min)}{'<' if self.min_open else '<='}"
        high = "" if self.max is None else f"{'<' if self.max_open else '<='}{_shown(self.max)}"
        return f"{low}x{high}"


def _shown(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() and abs(bound) < 1e10 else f"{bound:g}"


def _whole(low: int, high: int) -> Number:
    return Number(low, high, whole=True)


YEAR = _whole(limits.FIRST_YEAR, limits.LAST_YEAR)


class _Group(click.Group):
    """Maps the library's errors to one clear line and an exit code; never a traceback.

    This is the one place where an ``OSError`` (a folder that cannot be written, a full
    disk, a name too long) becomes a line naming the path and the reason, exit 2, and
    where Ctrl-C and SIGTERM end the command with one line (exit 130 and 143).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as error:  # click's usage line on stderr, as always
            if ctx.meta.get("okosys.json"):
                json_error(error.format_message())
            raise
        except OkosysError as error:
            from okosys_plan.messages import error_text  # late: it imports the model

            stop(ctx, error_text(error, lang_of(ctx)), error.exit_code)
        except KeyboardInterrupt as signalled:
            stop(ctx, "interrupted" if lang_of(ctx) == "en" else "avbrutt",
                 EXIT_TERMINATED if isinstance(signalled, Terminated) else EXIT_INTERRUPTED)
        except OSError as error:
            if error.errno == errno.EPIPE:  # the reader of stdout is gone: say nothing more
                silence_stdout()
                ctx.meta.pop("okosys.json", None)
            stop(ctx, os_error_line(error, lang_of(ctx)), 2)


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta["okosys.lang"] = value
    return value


def lang_option(func: F) -> F:
    """The shared ``--lang`` option (Norwegian by default)."""
    return click.option(
        "--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True,
        envvar="OKOSYS_LANG", callback=_set_lang, is_eager=True,
        help="Språk for meldinger / language of messages (nb, en).")(func)


def _set_json(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta["okosys.json"] = value
    return value


def json_option(func: F) -> F:
    """The shared ``--json`` option: stdout carries only the JSON document (on an error
    too: ``{"valid": false, "error": ...}``)."""
    return click.option("--json", "as_json", is_flag=True, callback=_set_json, is_eager=True,
                        help="Skriv resultatet som JSON på stdout.")(func)


def force_option(func: F) -> F:
    """The shared ``--force`` option."""
    return click.option("--force", is_flag=True,
                        help="Skriv over en eksisterende utfil.")(func)


def _finish(outcome: Outcome, as_json: bool) -> None:
    """Print an outcome (only JSON on stdout with ``--json``) and exit with its code."""
    if as_json:
        # allow_nan=False: NaN and Infinity are not JSON; a document holding one is a bug
        click.echo(json.dumps(outcome.document, ensure_ascii=False, indent=2, allow_nan=False))
    elif outcome.text:
        click.echo(outcome.text)
    for line in outcome.stderr:
        click.echo(line, err=True)
    sys.exit(outcome.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="okosys-plan", prog_name="okosys-plan")
@click.option("--max-unpacked", type=_whole(1, limits.MAX_UNPACKED_MIB), default=1024,
              show_default=True, metavar="MIB", help="Største utpakkede størrelse for en "
              "arbeidsbok (MiB), vern mot zip-bomber.")
@click.pass_context
def cli(ctx: click.Context, max_unpacked: int) -> None:
    """okosys-plan: behovskatalog, prioritering, Veikart 2.0 og finansiering for felles
    økosystem, fra regnearkene dere allerede har."""
    ctx.meta["okosys.max_unpacked"] = max_unpacked * 1024 * 1024


def _max_unpacked() -> int:
    return int(click.get_current_context().meta.get("okosys.max_unpacked", 1024**3))


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@json_option
@click.option("--annotate", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv en kopi av arbeidsboken med problemcellene markert.")
@force_option
@lang_option
def validate(files: tuple[Path, ...], as_json: bool, annotate: Path | None, force: bool,
             lang: str) -> None:
    """Sjekk én eller flere behovskataloger og vis alle problemer."""
    from okosys_plan.commands import validate_files

    if annotate is not None and len(files) != 1:
        raise click.UsageError("--annotate tar nøyaktig én FIL / takes exactly one FILE")
    outcome = validate_files(files, lang=lang, annotate=annotate, force=force,
                             max_unpacked=_max_unpacked())
    _finish(outcome, as_json)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("behovskatalog-mal.xlsx"), show_default=True,
              help="Hvor malen skrives.")
@force_option
@lang_option
def template(output: Path, force: bool, lang: str) -> None:
    """Skriv en tom behovskatalog, klar til utfylling."""
    from okosys_plan.template import write_template

    write_template(output, force=force, lang=lang)
    click.echo(output)


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Den samlede katalogen (.xlsx).")
@click.option("--renumber", is_flag=True, help="Gi like ID-er på tvers av filer nye numre.")
@json_option
@force_option
@lang_option
def merge(files: tuple[Path, ...], output: Path, renumber: bool, as_json: bool, force: bool,
          lang: str) -> None:
    """Slå sammen innsendte kataloger til én."""
    from okosys_plan.commands import merge_files

    outcome = merge_files(files, output, renumber=renumber, force=force, lang=lang,
                          max_unpacked=_max_unpacked())
    _finish(outcome, as_json)


def scoring_options(func: F) -> F:
    """The options shared by ``score`` and ``explain``: method, criteria, thresholds."""
    options = [
        click.option("--method", type=click.Choice(["weighted", "nnv"]), default="weighted",
                     show_default=True, help="weighted: vektet poengsum; nnv: netto nåverdi "
                     "per investert krone, poengsum ved likhet."),
        click.option("--criteria", "criteria_file", type=click.Path(dir_okay=False,
                     path_type=Path), help="Kriterier fra en TOML-fil i stedet for arket "
                     "Kriterier (se docs/prioritering.md)."),
        click.option("--high", type=Number(0, limits.SCORE_MAX), help="Terskel for Høy "
                     "(standard 70)."),
        click.option("--medium", type=Number(0, limits.SCORE_MAX), help="Terskel for Middels "
                     "(standard 40)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@scoring_options
@click.option("--sensitivity", "draws", type=_whole(0, limits.MAX_DRAWS), default=0,
              metavar="N", help="Kjør følsomhetsanalyse med N vekttrekninger (med svært "
              "mange behov færre; se docs/prioritering.md).")
@click.option("--seed", type=_whole(0, limits.MAX_SEED), default=0, show_default=True,
              help="Frø for vekttrekningene (samme frø, samme tall).")
@click.option("--concentration", type=Number(limits.MIN_CONCENTRATION,
                                              limits.MAX_CONCENTRATION),
              help="Dirichlet-konsentrasjonen (standard: en typisk vekt flytter seg ±20 %).")
@click.option("--top-k", type=_whole(1, limits.MAX_SHOWN), help="K i «sannsynlighet for "
              "topp K» (standard: antall behov med prioritet Høy; høyst antall behov).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv prioriteringslisten til en Excel-fil (.xlsx).")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Tegn poengsummene som diagram (.png, .svg eller .pdf).")
@click.option("--top", type=_whole(1, limits.MAX_SHOWN), default=20, show_default=True,
              help="Hvor mange behov tabellen og diagrammet viser.")
@json_option
@force_option
@lang_option
def score(file: Path, method: str, criteria_file: Path | None, high: float | None,
          medium: float | None, draws: int, seed: int, concentration: float | None,
          top_k: int | None, output: Path | None, chart: Path | None, top: int, as_json: bool,
          force: bool, lang: str) -> None:
    """Prioriter behovene: poengsum, rang, prioritet og følsomhet."""
    from okosys_plan.prioritise import PriorityOptions
    from okosys_plan.priority_commands import ScoreRequest, score_file
    from okosys_plan.scoring import Method

    options = PriorityOptions(Method(method), draws=draws, seed=seed,
                              concentration=concentration, top_k=top_k)
    request = ScoreRequest(criteria_file, high, medium, output, chart, top, force, lang,
                           _max_unpacked())
    _finish(score_file(file, options, request), as_json)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("need_id", metavar="ID")
@click.argument("other_id", metavar="[OTHER_ID]", required=False)
@scoring_options
@json_option
@lang_option
def explain(file: Path, need_id: str, other_id: str | None, method: str,
            criteria_file: Path | None, high: float | None, medium: float | None,
            as_json: bool, lang: str) -> None:
    """Forklar ett behovs poengsum, eller hva som skiller to behov."""
    from okosys_plan.prioritise import PriorityOptions
    from okosys_plan.priority_commands import ScoreRequest, explain_file
    from okosys_plan.scoring import Method

    ids = (need_id,) if other_id is None else (need_id, other_id)
    request = ScoreRequest(criteria_file, high, medium, lang=lang, max_unpacked=_max_unpacked())
    _finish(explain_file(file, ids, PriorityOptions(Method(method)), request), as_json)


_BUDGET = Number(0, limits.MAX_BUDGET)


def _budgets(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
             ) -> dict[int, float]:
    """--budget YEAR=MNOK, each a year in range and a finite amount 0–10⁹ MNOK."""
    budgets: dict[int, float] = {}
    for value in values:
        year, equals, amount = value.partition("=")
        if not equals or not year.strip().isdigit():
            raise click.BadParameter(f"«{value}»: skriv ÅR=MNOK, for eksempel 2024=150 "
                                     "(write YEAR=MNOK)")
        try:
            budgets[YEAR.convert(year.strip(), param, ctx)] = _BUDGET.convert(amount, param, ctx)
        except click.BadParameter as error:
            raise click.BadParameter(f"«{value}»: {error.message}") from None
    return budgets


_CLASSES = {"høy": "Høy", "hoy": "Høy", "high": "Høy", "middels": "Middels",
            "medium": "Middels", "lav": "Lav", "low": "Lav"}


def _lowest_class(_ctx: click.Context, _param: click.Parameter, value: str | None
                  ) -> str | None:
    if value is None or value == "alle":
        return value
    found = _CLASSES.get(value.casefold())
    if found is None:
        raise click.BadParameter(f"«{value}»: bruk Høy, Middels eller Lav (High, Medium, Low)")
    return found


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--budget", "budgets", multiple=True, callback=_budgets, metavar="YEAR=MNOK",
              help="Budsjettramme for et år (kan gjentas; 0–1e9 MNOK); overstyrer arket "
              "Budsjett.")
@click.option("--from", "first", type=YEAR, metavar="YEAR",
              help="Første år i planen (standard fra veikartinnstillingene).")
@click.option("--to", "last", type=YEAR, metavar="YEAR",
              help="Siste år i planen.")
@click.option("--needs", "needs", is_flag=False, flag_value="alle", default=None,
              callback=_lowest_class, metavar="[CLASS]",
              help="Planlegg også behov uten tiltak (bare Høy, eller Høy og Middels, med "
              "CLASS).")
@click.option("--max-parallel", type=_whole(1, limits.MAX_PARALLEL), metavar="N",
              help="Høyst N tiltak samtidig per ansvarlig virksomhet.")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Veikartinnstillinger (standard roadmap/veikart.toml).")
@scoring_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv planen til en Excel-fil (.xlsx).")
@json_option
@force_option
@lang_option
def plan(file: Path, budgets: dict[int, float], first: int | None, last: int | None,
         needs: str | None, max_parallel: int | None, settings_file: Path | None, method: str,
         criteria_file: Path | None, high: float | None, medium: float | None,
         output: Path | None, as_json: bool, force: bool, lang: str) -> None:
    """Legg tiltak uten datoer inn i veikartet innenfor avhengigheter og budsjett."""
    from okosys_plan.prioritise import PriorityOptions
    from okosys_plan.priority_commands import ScoreRequest
    from okosys_plan.roadmap_commands import PlanRequest, plan_file
    from okosys_plan.scoring import Method, PriorityClass

    score = ScoreRequest(criteria_file, high, medium, force=force, lang=lang,
                         max_unpacked=_max_unpacked())
    lowest = None if needs in (None, "alle") else PriorityClass(needs)
    request = PlanRequest(settings_file, first, last, budgets, needs is not None, lowest,
                          max_parallel, output, score)
    _finish(plan_file(file, PriorityOptions(Method(method)), request), as_json)


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    """--as-of: a date (2024-06-30 or 30.06.2024); today when not given (read here only)."""
    from okosys_plan import coerce

    if value is None:
        return date.today()
    try:
        day = coerce.parse_date(value)
    except coerce.CoerceError:
        day = None
    if day is None:
        raise click.BadParameter(f"«{value}»: skriv en dato, for eksempel 2024-06-30")
    return day


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outputs", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Veikartet som .png, .svg eller .pdf (kan gjentas); en tekstversjon (.md og "
              ".csv) skrives ved siden av. Standard veikart-ÅR-ÅR.png.")
@click.option("--group-by", type=click.Choice(["tema", "ansvarlig", "livshendelse", "status"]),
              default="tema", show_default=True, help="Hva svømmebanene er.")
@click.option("--colour-by", type=click.Choice(["status", "prioritet"]), default="status",
              show_default=True, help="Hva fargen på stolpene viser.")
@click.option("--as-of", callback=_as_of, metavar="DATE",
              help="Datoen «per»-linjen står på (standard i dag).")
@click.option("--planned", is_flag=True,
              help="Tegn også tiltakene planen legger inn (som planlagt).")
@click.option("--from", "first", type=YEAR, metavar="YEAR",
              help="Første år på tidsaksen.")
@click.option("--to", "last", type=YEAR, metavar="YEAR",
              help="Siste år på tidsaksen.")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Veikartinnstillinger (standard roadmap/veikart.toml).")
@json_option
@force_option
@lang_option
def roadmap(file: Path, outputs: tuple[Path, ...], group_by: str, colour_by: str, as_of: date,
            planned: bool, first: int | None, last: int | None, settings_file: Path | None,
            as_json: bool, force: bool, lang: str) -> None:
    """Tegn Veikart 2.0 som Gantt-diagram med svømmebaner."""
    from okosys_plan.prioritise import PriorityOptions
    from okosys_plan.priority_commands import ScoreRequest
    from okosys_plan.roadmap_commands import RoadmapRequest, roadmap_file

    score = ScoreRequest(force=force, lang=lang, max_unpacked=_max_unpacked())
    request = RoadmapRequest(as_of, outputs, group_by, colour_by, planned, settings_file, first,
                             last, as_json, score)
    _finish(roadmap_file(file, PriorityOptions(), request), as_json)


def _run_config(ctx: click.Context, config_file: Path | None, lang: str) -> Any:
    """okosys-plan.toml (here or --config) under the command line's --lang, if given."""
    from dataclasses import replace

    from okosys_plan.config import find_config, load_config

    found = find_config(config_file)
    ctx.meta["okosys.config_file"] = found  # an input: no output may replace it
    config = load_config(found)
    config = replace(config, max_unpacked=_max_unpacked())
    if ctx.get_parameter_source("lang") is not click.core.ParameterSource.DEFAULT:
        config = replace(config, lang=lang)
    ctx.meta["okosys.lang"] = config.lang
    return config


def config_option(func: F) -> F:
    """The shared ``--config`` option (okosys-plan.toml)."""
    return click.option("--config", "config_file", type=click.Path(dir_okay=False,
                        path_type=Path), help="Innstillingsfil (standard okosys-plan.toml i "
                        "mappen du står i, hvis den finnes).")(func)


class _Progress:
    """Step lines and a progress bar for the sensitivity run, on stderr (never stdout)."""

    STEPS: ClassVar[dict[str, tuple[str, str]]] = {
        "validate": ("Validerer katalogen", "Validating the catalogue"),
        "prioritise": ("Prioriterer (med følsomhetsanalyse)",
                       "Prioritising (with a sensitivity run)"),
        "plan": ("Planlegger veikartet", "Planning the roadmap"),
        "funding": ("Analyserer finansieringen", "Analysing the funding"),
        "write": ("Skriver filene", "Writing the files"),
        "roadmap": ("Tegner veikartet", "Drawing the roadmap"),
        "report": ("Lager rapporten", "Making the report")}

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.bar: Any = None

    def step(self, name: str) -> None:
        """Say which step starts (an empty name only ends the bar)."""
        self._close()
        if not name:
            return
        nb, en = self.STEPS.get(name, (name, name))
        click.echo(f"• {en if self.lang == 'en' else nb} …", err=True)

    def block(self, done: int, total: int) -> None:
        """Advance the sensitivity bar."""
        if self.bar is None:
            label = "  vekttrekninger" if self.lang != "en" else "  weight draws"
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
              default=Path("exports"), show_default=True, help="Mappen resultatene skrives til.")
@click.option("--as-of", callback=_as_of, metavar="DATE",
              help="Datoen rapporten og veikartet gjelder per (standard i dag).")
@config_option
@click.option("--keep-going", is_flag=True,
              help="Fortsett etter valideringen selv om katalogen har feil.")
@json_option
@lang_option
@click.pass_context
def run(ctx: click.Context, catalogue: Path | None, output_dir: Path, as_of: date,
        config_file: Path | None, keep_going: bool, as_json: bool, lang: str) -> None:
    """Hele jobben: validering, prioritering, plan, veikart, finansiering og rapport."""
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.job import RunRequest, run_job

    config = _run_config(ctx, config_file, lang)
    progress = _Progress(config.lang)
    outcome = run_job(catalogue or bundled_catalogue(), config,
                      RunRequest(output_dir, as_of, keep_going, ctx.meta["okosys.config_file"]),
                      progress.step, progress.block)
    progress.step("")
    _finish(outcome, as_json)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("rapport.html"), show_default=True, help="Hvor rapporten skrives.")
@click.option("--since", type=click.Path(dir_okay=False, path_type=Path),
              help="Ta med endringene siden en tidligere versjon av katalogen.")
@click.option("--as-of", callback=_as_of, metavar="DATE",
              help="Datoen rapporten gjelder per (standard i dag).")
@config_option
@json_option
@force_option
@lang_option
@click.pass_context
def report(ctx: click.Context, file: Path, output: Path, since: Path | None, as_of: date,
           config_file: Path | None, as_json: bool, force: bool, lang: str) -> None:
    """Skriv én selvstendig HTML-rapport som kan åpnes i hvilken som helst nettleser."""
    from okosys_plan.job import report_job

    config = _run_config(ctx, config_file, lang)
    _finish(report_job(file, output, config, as_of, since=since, force=force,
                       config_file=ctx.meta["okosys.config_file"]), as_json)


@cli.group()
def weights() -> None:
    """Vekter for prioriteringskriteriene."""


@weights.command("ahp")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv kriteriene med vektene som et Kriterier-ark (.xlsx) eller en "
              "kriteriefil (.toml) for --criteria.")
@json_option
@force_option
@lang_option
def weights_ahp(files: tuple[Path, ...], output: Path | None, as_json: bool, force: bool,
                lang: str) -> None:
    """Vekter fra parvise sammenligninger (AHP, Saatys skala 1–9) i arket Parvis eller en
    TOML-fil; flere filer (medlemmenes matriser) slås sammen med geometrisk snitt."""
    from okosys_plan.weights_command import weights_ahp as compute

    outcome = compute(files, output, force=force, lang=lang, max_unpacked=_max_unpacked())
    _finish(outcome, as_json)


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv alle endringene til en Excel-fil (.xlsx).")
@click.option("--events", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.jsonl",
              help="Skriv én CloudEvents 1.0-hendelse per endring som JSON Lines.")
@json_option
@force_option
@lang_option
def diff(old: Path, new: Path, output: Path | None, events: Path | None, as_json: bool,
         force: bool, lang: str) -> None:
    """Hva som er endret mellom to versjoner av katalogen."""
    from okosys_plan.diff_commands import DiffRequest, diff_files

    request = DiffRequest(output, events, force, lang, _max_unpacked())
    _finish(diff_files(old, new, request), as_json)


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
    from okosys_plan.funding.keys import KeyOptions
    from okosys_plan.funding_commands import FundingRequest, funding_file
    from okosys_plan.priority_commands import ScoreRequest

    options = KeyOptions(free_below=free_below or 0.0, price=price,
                         operations_key=operations_key)
    keys = tuple(k for k in (compare or "").split(",") if k.strip())
    score = ScoreRequest(force=force, lang=lang, max_unpacked=_max_unpacked())
    request = FundingRequest(key, keys, share, year, volume_growth, settings_file, output,
                             chart, options, score)
    _finish(funding_file(file, request), as_json)


def main() -> None:
    """Entry point of the ``okosys-plan`` console script."""
    # numpy is imported later, by the commands that need it. One BLAS thread: the matrix
    # products here are small and many, and two threads fighting for two busy cores made
    # the sensitivity run 1.5–5× slower (docs/performance.md). A user's setting wins.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="okosys-plan")


def _terminate(_signum: int, _frame: object) -> None:
    """SIGTERM: stop where the program is, as Ctrl-C does (temporary files removed)."""
    raise Terminated
