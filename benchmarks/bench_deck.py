"""Deck benchmark for okosys-plan (issue 17): the Skate deck beside the matplotlib roadmap.

    python benchmarks/bench_deck.py [--measures 300] [--repeat 5] [--seed 1]

The plan: ``make_catalogue.make_full`` (the bundled catalogue's eleven sheets tiled, 30
measures to every 49 needs) with enough needs for ``--measures`` measures, read and run
once through ``run.pipeline.run_pipeline`` (no sensitivity draws: they are the same for
both sides and not what is measured), as ``okosys-plan run`` does, before any clock.

Two tasks on the same results, side by side in one process, their order alternating
across repeats, after one warm-up run of each (imports, fonts, caches):

(deck)    ``report.deck.build.deck_file_bytes``: every slide ``build.slide_makers()``
          lists (whatever slides there are; the count is reported), saved to .pptx bytes;
(roadmap) ``report.outputs.roadmap_layout`` and ``charts.roadmap.save.roadmap_bytes``
          to PNG, SVG and PDF: the roadmap files ``run`` writes, drawn with matplotlib.

Wall time (``perf_counter``), the median of ``--repeat``; the ratio is deck over
roadmap. This is a measurement, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

AS_OF = date(2024, 6, 30)
MEASURES_PER_COPY, NEEDS_PER_COPY = 30, 49  # the bundled catalogue, tiled by make_full


def plan_results(measures: int, seed: int, folder: Path = HERE / "out") -> tuple[Any, Any]:
    """The run's results and settings for a plan of about ``measures`` measures."""
    from make_catalogue import make_full

    from okosys_plan.run.pipeline import RunConfig, run_pipeline

    copies = max(1, -(-measures // MEASURES_PER_COPY))
    path = folder / f"deck_{copies * NEEDS_PER_COPY}_{seed}.xlsx"
    if not path.exists():
        make_full(path, copies * NEEDS_PER_COPY, seed)
    config = RunConfig(draws=0)
    results = run_pipeline(path, config, AS_OF)
    if results.plan is None:
        raise SystemExit(f"the generated catalogue {path} is not valid")
    return results, config


def deck_task(results: Any, config: Any) -> Callable[[], bytes]:
    """The whole deck as .pptx bytes: every slide maker the build has (none importable: none)."""
    from okosys_plan.report.deck.build import deck_file_bytes, slide_makers

    try:
        makers = slide_makers()
    except ImportError as error:  # a maker's module not there yet: the deck's package alone
        print(f"note: slide makers not importable ({error}); timing the empty deck")
        makers = []
    return lambda: deck_file_bytes(results, config, makers=makers)


def roadmap_task(results: Any, config: Any) -> Callable[[], list[bytes]]:
    """The matplotlib roadmap as PNG, SVG and PDF, laid out as ``run`` lays it out."""
    from okosys_plan.charts.roadmap.save import roadmap_bytes
    from okosys_plan.report.outputs import roadmap_layout

    return lambda: roadmap_bytes(roadmap_layout(results, config), ["png", "svg", "pdf"])


def measure(measures: int, seed: int, repeat: int, folder: Path = HERE / "out"
            ) -> dict[str, Any]:
    """Time the deck and the roadmap on one plan, interleaved; their ratio."""
    import io

    from pptx import Presentation

    results, config = plan_results(measures, seed, folder)
    tasks: dict[str, Callable[[], Any]] = {"deck": deck_task(results, config),
                                           "roadmap": roadmap_task(results, config)}
    made = {name: task() for name, task in tasks.items()}  # the warm-up runs
    times: dict[str, list[float]] = {name: [] for name in tasks}
    for r in range(repeat):
        for name in (("deck", "roadmap") if r % 2 == 0 else ("roadmap", "deck")):
            start = time.perf_counter()
            tasks[name]()
            times[name].append(time.perf_counter() - start)
    deck_s, roadmap_s = (statistics.median(times[n]) for n in ("deck", "roadmap"))
    slides = len(Presentation(io.BytesIO(made["deck"])).slides)
    return {"measures": len(results.checked.catalogue.measures),
            "placed": len(results.plan.placed_items()), "slides": slides,
            "deck_bytes": len(made["deck"]),
            "roadmap_bytes": sum(len(b) for b in made["roadmap"]),
            "deck_s": round(deck_s, 4), "roadmap_s": round(roadmap_s, 4),
            "ratio": round(deck_s / roadmap_s, 2),
            "deck_runs": [round(t, 4) for t in times["deck"]],
            "roadmap_runs": [round(t, 4) for t in times["roadmap"]]}


def main(argv: list[str] | None = None) -> int:
    """Parse the options, measure, print a table and a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        found = measure(args.measures, args.seed, args.repeat)
    except Exception as error:  # a measurement never fails the caller
        print(f"benchmark error: {type(error).__name__}: {error}")
        return 0
    print(f"plan: {found['measures']} measures, {found['placed']} placed; "
          f"deck of {found['slides']} slides")
    print(f"{'task':<46}{'seconds':>10}{'bytes':>12}")
    print(f"{'deck (deck_file_bytes, .pptx)':<46}{found['deck_s']:>10.3f}"
          f"{found['deck_bytes']:>12}")
    print(f"{'roadmap (roadmap_bytes, PNG + SVG + PDF)':<46}{found['roadmap_s']:>10.3f}"
          f"{found['roadmap_bytes']:>12}")
    print(f"  deck / roadmap {found['ratio']:.2f}× (runs: deck {found['deck_runs']}, "
          f"roadmap {found['roadmap_runs']})")
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
