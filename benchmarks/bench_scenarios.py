"""Scenario benchmark for okosys-plan (issue 16, section 4).

    python benchmarks/bench_scenarios.py [--needs 10000] [--repeat 3] [--seed 1]

Goal: the base and five scenarios (``run.compare.compare``) in under 3 × the time of one
base run (``compare`` with no scenario: ranking, plan and funding analysis once), by
sharing what does not change between them (the loaded catalogue, unchanged scores,
unchanged plans).

Generated data, fixed seed (``make_catalogue``): ``--needs`` needs on the eight default
criteria (whole grades 1–5, Investering and Årlig drift), one undated measure per ten
needs (owners among six agencies, one in eight depending on an earlier one), budget caps
per year, funding lines (half Bekreftet, a third Søkt), twelve agencies with usage. The
five scenarios: a budget cut of a fifth in 2024; Samfunnsnytte weighing more; the
applied-for funding refused; two parallel measures per owner; another sharing key.

Each task runs in-process after a warm-up run (the catalogue made before the clock
starts); wall time (``perf_counter``), the median of ``--repeat``. This is a measurement,
not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from okosys_plan.catalogue.domain import DEFAULT_CRITERIA  # noqa: E402
from okosys_plan.catalogue.model import (  # noqa: E402
    Agency,
    BudgetLine,
    Catalogue,
    FundingLine,
    Measure,
    Need,
    Origin,
    Usage,
)
from okosys_plan.run.pipeline import RunConfig  # noqa: E402
from okosys_plan.run.scenario import Scenario, build  # noqa: E402

GOAL = 3.0
YEARS = range(2022, 2026)
OWNERS = ("Digdir", "NAV", "SKE", "Brreg", "Kartverket", "UDI")
AGENCIES = (*OWNERS, "Oslo", "Bergen", "Halden", "Bodø", "Vestland", "Lånekassen")


def make_catalogue(n: int, seed: int) -> Catalogue:
    """A valid catalogue of ``n`` needs with measures, budget, funding and usage (seeded)."""
    import random

    rng = random.Random(seed)
    names = [c.name for c in DEFAULT_CRITERIA]
    needs = []
    for i in range(n):
        scores = {c: float(rng.randint(1, 5)) for c in names}
        needs.append(Need(f"B{i + 1}", f"Behov {i + 1}", Origin("generert.xlsx", "Behov", i + 2),
                          owner=rng.choice(OWNERS), theme="Felles", scores=scores,
                          investment=round(rng.uniform(0.5, 6), 1),
                          annual_operations=round(rng.uniform(0, 1), 1)))
    measures = []
    count = max(1, n // 10)
    for m in range(count):
        covered = tuple(f"B{i + 1}" for i in range(m * 10, min(n, m * 10 + 10)))
        depends = (f"T{rng.randint(1, m)}",) if m and rng.random() < 0.125 else ()
        measures.append(Measure(f"T{m + 1}", f"Tiltak {m + 1}",
                                Origin("generert.xlsx", "Tiltak", m + 2),
                                owner=rng.choice(OWNERS), needs=covered or ("B1",),
                                depends_on=depends))
    total = sum((x.investment or 0) + (x.annual_operations or 0) for x in needs)
    budgets = tuple(BudgetLine(y, round(total / len(YEARS) * 0.6, 1),
                               Origin("generert.xlsx", "Budsjett", j + 2))
                    for j, y in enumerate(YEARS))
    funding = []
    for m, measure in enumerate(measures[: max(1, count // 2)]):
        status = "Søkt" if m % 3 == 0 else "Bekreftet"
        source = "Medfinansiering" if m % 3 == 0 else "Egen ramme"
        funding.append(FundingLine(measure.id, YEARS[m % len(YEARS)], source,
                                   round(rng.uniform(1, 8), 1), status,
                                   Origin("generert.xlsx", "Finansiering", m + 2)))
    agencies = tuple(Agency(a, a, Origin("generert.xlsx", "Virksomheter", i + 2),
                            inhabitants=float(rng.randint(10, 700)) * 1000,
                            it_budget=float(rng.randint(10, 900)))
                     for i, a in enumerate(AGENCIES))
    usage = tuple(Usage(measure.id, a, Origin("generert.xlsx", "Bruk", 2 + j),
                        volume=float(rng.randint(1, 1000)))
                  for j, (measure, a) in enumerate((m, rng.choice(AGENCIES))
                                                   for m in measures for _ in range(2)))
    return Catalogue("generert.xlsx", tuple(needs), tuple(DEFAULT_CRITERIA), tuple(measures),
                     funding=tuple(funding), agencies=agencies, usage=usage, budgets=budgets,
                     sheets_present=frozenset({"Behov", "Tiltak", "Budsjett", "Finansiering",
                                               "Virksomheter", "Bruk"}))


def scenarios(catalogue: Catalogue) -> list[Scenario]:
    """The five scenarios of the benchmark."""
    cap = next(b.cap for b in catalogue.budgets if b.year == 2024)
    return [build("kutt-2024", [("budget.2024", round(cap * 0.8, 1))]),
            build("samfunnsnytte", [("weight.Samfunnsnytte", 0.4)]),
            build("avslag", [("applied", "refused")]),
            build("to-samtidig", [("max_parallel_per_owner", 2)]),
            build("likt", [("key", "flat")])]


def _time(task: Any, repeat: int) -> float:
    task()  # warm-up: imports and caches
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        task()
        found.append(time.perf_counter() - start)
    return statistics.median(found)


def measure(needs: int, seed: int, repeat: int) -> dict[str, Any]:
    """Time one base run and the base with the five scenarios; their ratio."""
    from okosys_plan.run.compare import compare

    catalogue = make_catalogue(needs, seed)
    chosen = scenarios(catalogue)
    config = RunConfig()
    base = _time(lambda: compare(catalogue, config, []), repeat)
    both = _time(lambda: compare(catalogue, config, chosen), repeat)
    return {"needs": needs, "measures": len(catalogue.measures), "scenarios": len(chosen),
            "base_s": round(base, 3), "with_scenarios_s": round(both, 3),
            "ratio": round(both / base, 2), "goal": GOAL}


def measure_file(needs: int, seed: int, repeat: int) -> dict[str, Any]:
    """The same from the workbook: ``make_catalogue.make_full`` (the bundled catalogue's
    layout, scaled to ``needs``) read and checked once per task, as ``okosys-plan
    compare`` does; against the base alone, and against ``run_pipeline`` (the base run of
    ``okosys-plan run``, its 1 000 sensitivity draws included)."""
    from datetime import date

    from make_catalogue import make_full

    from okosys_plan.catalogue.load import build_catalogue
    from okosys_plan.catalogue.validate import validate
    from okosys_plan.run.compare import compare
    from okosys_plan.run.pipeline import run_pipeline
    from okosys_plan.workbook.read import read_workbook

    path = HERE / "out" / f"scenarios_{needs}.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        make_full(path, needs, seed)

    def from_file(chosen: bool) -> None:
        raw = read_workbook(path)
        catalogue = build_catalogue(raw)
        assert validate(catalogue).valid
        compare(catalogue, RunConfig(), scenarios(catalogue) if chosen else [], raw=raw)

    base = _time(lambda: from_file(False), repeat)
    both = _time(lambda: from_file(True), repeat)
    pipeline = _time(lambda: run_pipeline(path, RunConfig(), date(2026, 12, 7)), repeat)
    return {"file_base_s": round(base, 3), "file_with_scenarios_s": round(both, 3),
            "file_ratio": round(both / base, 2), "run_pipeline_s": round(pipeline, 3),
            "pipeline_ratio": round(both / pipeline, 2)}


def main(argv: list[str] | None = None) -> None:
    """Parse the options, measure, print a table and a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-file", action="store_true", help="skip the workbook tasks")
    args = parser.parse_args(argv)
    found = measure(args.needs, args.seed, args.repeat)
    print(f"{'task':<44}{'seconds':>10}")
    print(f"{'in memory: base (rank, plan, funding)':<44}{found['base_s']:>10.3f}")
    print(f"{'in memory: base + 5 scenarios':<44}{found['with_scenarios_s']:>10.3f}")
    print(f"  ratio {found['ratio']:.2f}× ({_verdict(found['ratio'])})")
    if not args.no_file:
        found.update(measure_file(args.needs, args.seed, args.repeat))
        print(f"{'from the workbook: base':<44}{found['file_base_s']:>10.3f}")
        print(f"{'from the workbook: base + 5 scenarios':<44}"
              f"{found['file_with_scenarios_s']:>10.3f}")
        print(f"  ratio {found['file_ratio']:.2f}× ({_verdict(found['file_ratio'])})")
        print(f"{'run_pipeline (okosys-plan run, no files)':<44}{found['run_pipeline_s']:>10.3f}")
        print(f"  base + 5 scenarios / run_pipeline {found['pipeline_ratio']:.2f}× "
              f"({_verdict(found['pipeline_ratio'])})")
    print(json.dumps(found))


def _verdict(ratio: float) -> str:
    return f"goal < {GOAL:g}×: {'met' if ratio < GOAL else 'missed'}"


if __name__ == "__main__":
    main()
