"""The ``okosys-plan`` console script: every command group registered, signals set.

The commands live one group to a module (``catalogue``, ``prioritise``, ``roadmap``,
``run``, ``weights``, ``diff``, ``funding``, ``compare``, ``deck``, ``kart``, ``webapp``);
each registers itself on ``app.cli`` when imported. Exit codes: 0 fine (warnings
allowed), 1 invalid data, 2 unusable input or bad usage (``cli.outcome``), 130 and 143
after Ctrl-C and SIGTERM (``cli.stop``).
"""

from __future__ import annotations

import os
import signal
import sys

# Imported for their commands: each module adds its own to ``cli``.
from okosys_plan.cli import (  # noqa: F401
    catalogue,
    click_texts,
    compare,
    deck,
    diff,
    funding,
    kart,
    prioritise,
    roadmap,
    run,
    webapp,
    weights,
)
from okosys_plan.cli.app import cli
from okosys_plan.cli.stop import on_signal

__all__ = ["cli", "main"]


def main() -> None:
    """Entry point of the ``okosys-plan`` console script."""
    # numpy is imported later, by the commands that need it. One BLAS thread: the matrix
    # products here are small and many, and two threads fighting for two busy cores made
    # the sensitivity run 1.5–5× slower (docs/performance.md). A user's setting wins.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    click_texts.install(sys.argv[1:])
    cli(prog_name="okosys-plan")
