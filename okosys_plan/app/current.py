"""The catalogue the pages work on (the one checked last on Katalog, else the bundled one)
and its analysis; the garbage collector paused while a large chart is drawn."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from flask import current_app

from okosys_plan.app.server import page_lang, state_of

#: Analyses and plans kept for reuse (each is a few MB for a large catalogue).
KEPT = 48


def current_catalogue() -> Any:
    """The catalogue checked last and valid, else the bundled one's check; None if unusable."""
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.catalogue.check import check_file

    state = state_of(current_app)
    with state.lock:
        checks = list(state.checked.values())
    usable = [c for c in checks if c.catalogue is not None and c.report is not None
              and c.report.valid]
    if usable:
        return usable[-1]
    found = state.checked.get("bundled")
    if found is None:
        found = state.checked["bundled"] = check_file(bundled_catalogue())
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
                      lambda: run_pipeline(path, RunConfig(draws=0, lang=lang), today))


def remembered(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """What ``make`` makes, made once per ``key`` while the app holds at most ``KEPT``
    such things (the least recently used is forgotten first)."""
    state = state_of(current_app)
    kept = state.analyses
    with state.lock:
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
    found = make()  # outside the lock: other pages go on meanwhile
    with state.lock:
        kept[key] = found
        while len(kept) > KEPT:
            kept.popitem(last=False)
    return found


_pausing = threading.Lock()
#: How many requests are drawing now, and whether the collector ran before the first.
_paused: dict[str, Any] = {"count": 0, "was_enabled": False}


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector paused for the block (and for any other request's at once).

    Drawing a 1 000-need Veikart makes some hundred thousand matplotlib objects while the
    app holds its catalogues, analyses and plans; every full round of the collector walked
    them all again (about 0.3 s of 1.2 s). The drawing's own cycles are collected in the
    rounds after the block. (``gc.freeze`` of what the app keeps was tried: it made every
    other page slower, as the collector then runs its full rounds far more often.)
    """
    with _pausing:
        if _paused["count"] == 0:
            _paused["was_enabled"] = gc.isenabled()
            gc.disable()
        _paused["count"] += 1
    try:
        yield
    finally:
        with _pausing:
            _paused["count"] -= 1
            if _paused["count"] == 0 and _paused["was_enabled"]:
                gc.enable()
