"""Pause Python's cycle collector while a large, acyclic structure is built.

Reading a catalogue allocates hundreds of thousands of rows, values and records, none of
them in a reference cycle; every full collection on the way walks all of them again
(about a third of the reading time at 10 000 needs). Pausing the collector changes no
result: a cycle made meanwhile is collected once the collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector for the block; it runs again after it if it ran before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def settled() -> Iterator[Callable[[], None]]:
    """A long job whose results, once made, live to its end: yields ``settle``.

    ``settle()`` moves every object alive at that moment out of the collector's sight
    (``gc.freeze``), so the full collections later in the job do not walk the catalogue
    and the results made so far again and again (about a tenth of a 2 000-need run).
    Objects are still freed by reference counting; on exit everything is unfrozen, so a
    cycle made meanwhile is collected as usual. Meant for one job at a time in a process.
    """
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()
