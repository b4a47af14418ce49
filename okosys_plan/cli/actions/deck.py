"""``deck`` as a call returning an ``Outcome``: the Skate deck of one catalogue.

Everything that can refuse the call is checked before the work: the output's suffix, an
existing output without ``--force``, an output that is an input, the template. A catalogue
with errors writes nothing (exit 1); the deck is written atomically (``report.deck.build``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from okosys_plan.cli.outcome import Outcome, stopped
from okosys_plan.run.options import DECK
from okosys_plan.run.pipeline import RunConfig
from okosys_plan.text.say import say


@dataclass(frozen=True)
class DeckRequest:
    """Where ``deck`` writes, as of when, on which template."""

    output: Path = Path(DECK.default)
    as_of: date = date(2022, 1, 1)
    template: Path | None = None  # --template; None: the settings' [deck] template, if any
    force: bool = False
    config_file: Path | None = None  # an input too: never written over


def deck_job(path: Path, config: RunConfig, request: DeckRequest) -> Outcome:
    """Write the deck of the catalogue at ``path``; the outcome names the file and slides."""
    from okosys_plan.cli.actions.assess import refused
    from okosys_plan.export.files import check_outputs, check_suffix
    from okosys_plan.report.deck.build import DECK as SUFFIXES
    from okosys_plan.report.deck.build import check_template, deck_document, write_deck
    from okosys_plan.report.outputs import run_inputs
    from okosys_plan.run.pipeline import run_pipeline

    if request.template is not None:
        config = replace(config, deck_template=request.template)
    template = config.deck_template
    check_suffix(request.output, SUFFIXES)
    inputs = run_inputs(path, config, request.config_file)  # the template among them
    check_outputs([request.output], force=request.force, inputs=inputs)
    check_template(template)
    results = run_pipeline(path, config, request.as_of)
    lang = config.lang
    halted = _stopped(results, lang)
    if halted is None and results.assessments is not None:
        halted = refused(results.assessments, lang)
    if halted is not None:
        return halted
    written = write_deck(request.output, results, config, template=template, force=True,
                         inputs=inputs)
    document = deck_document(written, written.read_bytes())
    document.update(valid=True, audit=results.audit.document(),
                    warnings=_warnings(results, lang))
    return Outcome(_text(document, lang), document)


def _stopped(results: Any, lang: str) -> Outcome | None:
    """Exit 2 for an unreadable file, 1 (nothing written) for a catalogue with errors."""
    from okosys_plan.errors import UsageError
    from okosys_plan.text.errors import error_text

    halted = stopped(results.checked, lang)
    if halted is None or halted.exit_code != 1:
        return halted
    report = results.checked.report
    count = len(report.errors)
    error = UsageError("catalogue-no-deck", f"The catalogue has {count} errors; no deck was "
                       "written", count=count)
    return replace(halted, stderr=[f"okosys-plan: {error_text(error, lang)}"])


def _warnings(results: Any, lang: str) -> list[dict[str, Any]]:
    """The catalogue's warnings, for the JSON document."""
    from okosys_plan.catalogue.present import problem_dict

    report = results.checked.report
    return [] if report is None else [problem_dict(p, lang) for p in report.warnings]


def _text(document: dict[str, Any], lang: str) -> str:
    """The file written and its slides, one title a line."""
    slides = document["slides"]
    lines = [say(lang, "Deck written: {path}; slides: {count}", path=document["output"],
                 count=len(slides))]
    lines += [f"  {number:>2}. {title}" for number, title in enumerate(slides, 1)]
    return "\n".join(lines)
