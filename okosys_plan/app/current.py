"""The catalogue the pages work on (the one checked last on Katalog, else the bundled one)
and its analysis; what the app keeps for long is set aside from the garbage collector."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from flask import current_app

from okosys_plan.app.server import page_lang, state_of

#: Analyses and plans kept for reuse (each is a few MB for a large catalogue).
KEPT = 48
T = TypeVar("T")


def current_catalogue() -> Any:
    """The catalogue checked last and valid, else the bundled one's check; None if unusable."""
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.catalogue.check import check_file

    state = state_of(current_app)
    usable = [c for c in state.checked.values() if c.catalogue is not None and c.report
              is not None and c.report.valid]
    if usable:
        return usable[-1]
    found = state.checked.get("bundled")
    if found is None:
        found = state.checked["bundled"] = kept(check_file(bundled_catalogue()))
    return found if found.catalogue is not None else None


def current_analysis() -> Any:
    """The analysis of the current catalogue (None when there is none to analyse), made
    once per catalogue, language and day: a page and its images share it."""
    from okosys_plan.run.pipeline import RunConfig, run_pipeline

    checked = current_catalogue()
    if checked is None:
        return None
    path, lang, today = checked.path, page_lang(), date.today()
    return remembered(("analysis", str(path), lang, today),
                      lambda: kept(run_pipeline(path, RunConfig(draws=0, lang=lang), today)))


def remembered(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """What ``make`` makes, made once per ``key`` while the app holds at most ``KEPT``
    such things (the least recently used is forgotten first)."""
    kept = state_of(current_app).analyses
    if key in kept:
        kept.move_to_end(key)
        return kept[key]
    kept[key] = found = make()
    while len(kept) > KEPT:
        kept.popitem(last=False)
    return found


def kept(value: T) -> T:
    """``value``, which the app keeps for long: set aside, with every object alive now,
    from the garbage collector's full rounds (``gc.freeze``).

    A checked catalogue or its analysis is a few hundred thousand objects; every full round
    walked them all again, 0.1–0.3 s in the middle of drawing a 1 000-need Veikart. Garbage
    cycles are collected first, so only live objects are set aside; they are still freed
    when nothing refers to them (only a cycle among them would stay until the app stops).
    Called once per checked catalogue and analysis, not per page.
    """
    gc.collect()
    gc.freeze()
    return value
