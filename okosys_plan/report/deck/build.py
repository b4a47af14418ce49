"""The Skate deck of a run: every slide from the run's results, as native PowerPoint shapes.

``deck_file_bytes`` makes the whole deck (title, summary, Veikart 2.0, priorities,
funding, goals and key figures, and, when present, scenarios, the discussion list and
slippage against the adopted baseline); ``write_deck`` writes it atomically after checking
the target. Slides are made in reading order, each by one function taking the deck, the
results and the settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okosys_plan.errors import UsageError
from okosys_plan.export.files import check_outputs, check_suffix, write_bytes_atomic
from okosys_plan.report.deck.package import deck_bytes, new_presentation

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from okosys_plan.run.pipeline import Results, RunConfig

DECK = (".pptx",)
SlideMaker = Callable[["Presentation", "Results", "RunConfig"], None]


def slide_makers() -> list[SlideMaker]:
    """The functions that add the deck's slides, in the deck's order."""
    from okosys_plan.report.deck import (
        front_slides,
        funding_slides,
        goal_slides,
        priority_slides,
        review_slides,
        roadmap_slides,
        scenario_slides,
    )

    return [front_slides.add_title_slides, front_slides.add_summary_slides,
            roadmap_slides.add_roadmap_slides,
            priority_slides.add_priority_slides, funding_slides.add_funding_slides,
            goal_slides.add_goal_slides, scenario_slides.add_scenario_slides,
            review_slides.add_discussion_slides, review_slides.add_status_slides]


def deck_file_bytes(results: Results, config: RunConfig, template: Path | None = None,
                    makers: Sequence[SlideMaker] | None = None) -> bytes:
    """The deck of a run as .pptx bytes (the same for the same results and settings)."""
    if results.plan is None or results.prioritised is None:
        raise UsageError.bad_option("the deck needs a valid catalogue")
    deck = new_presentation(template)
    for make in slide_makers() if makers is None else makers:
        make(deck, results, config)
    return deck_bytes(deck, title=_title(results), lang=config.lang)


def _title(results: Results) -> str:
    """The deck's document title: the roadmap's full title."""
    return results.settings.full_title() if results.settings is not None else "okosys-plan"


def write_deck(path: Path, results: Results, config: RunConfig, *,
               template: Path | None = None, force: bool = False,
               inputs: Sequence[Path] = ()) -> Path:
    """Write the deck to ``path`` (.pptx), never over an input, nor over a file unforced."""
    check_suffix(path, DECK)
    check_outputs([path], force=force, inputs=[*inputs, *((template,) if template else ())])
    write_bytes_atomic(path, deck_file_bytes(results, config, template))
    return path


def deck_document(path: Path, data: bytes) -> dict[str, Any]:
    """What ``--json`` says of a written deck: the file and its slides' titles."""
    import io

    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    titles = [slide.shapes.title.text if slide.shapes.title is not None else ""
              for slide in deck.slides]
    return {"output": str(path), "slides": titles}


def check_template(template: Path | None) -> None:
    """Refuse a template that is not a usable PowerPoint file (``BadTemplate``), before work."""
    if template is not None:
        new_presentation(template)
