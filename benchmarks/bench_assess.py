"""Several assessors benchmark for okosys-plan (issue 15, section 4).

    python benchmarks/bench_assess.py [--needs 1000] [--assessors 15] [--draws 1000]
                                      [--repeat 3] [--seed 1] [--no-read] [--profile]

Goal: ``assess`` with 15 assessors × 1 000 needs × 8 criteria (aggregation, the ranking
and 1 000 stability draws of weights and assessor panels, the discussion list and the
outliers) in under 2 × the time of today's single-assessor run, ``prioritise`` with
1 000 weight draws on the same catalogue.

Generated data, fixed seed: a ``Catalogue`` of ``--needs`` needs on the eight default
criteria (built in memory, IDs ``B-<number>`` in shuffled order, 2 % Lovkrav), whose
"true" grades are whole 1–5 with 3 % missing; ``--assessors`` assessments whose grades
scatter around the true grade (−2…+2 steps, mostly 0 or ±1, clipped to the scale; one
assessor leans a step up on every criterion), each missing 3 % of its grades, with a
comment on one need in twenty.

Tasks, each in its own fresh subprocess (imports and the data made before the clock
starts), the order alternating across repeats (abc, cba, …):

  (a) ``assess(catalogue, assessments, PriorityOptions(draws, seed))``, median rule;
  (b) ``prioritise(catalogue, PriorityOptions(draws, seed))``, the baseline;
  (c) ``read_assessments`` of ``--assessors`` workbooks (written once, with the
      assessment template filled in advance, into ``benchmarks/out/assess/``), a
      separate measurement; ``--no-read`` skips it.

Each child reports wall time (``perf_counter``), CPU time (``process_time``) and its own
peak RSS (``ru_maxrss``: the whole process, interpreter and imports included). Before
any ratio is printed, one ``Assessment`` whose grades equal the catalogue's scores must
give ``prioritise``'s ranking and ``Sensitivity`` exactly. A breakdown of (a) into its
pieces (aggregate, ranking and stability run, discussion list, outliers) comes from one
in-process run; ``--profile`` adds a cProfile of (a). This is a measurement, not a test:
it always exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "assess"
sys.path.insert(0, str(ROOT))
import numpy as np  # noqa: E402

from okosys_plan.assess.model import Assessment, Assessments, Assessor  # noqa: E402
from okosys_plan.catalogue.domain import DEFAULT_CRITERIA  # noqa: E402
from okosys_plan.catalogue.model import Catalogue, Need, Origin  # noqa: E402
from okosys_plan.prioritise.api import PriorityOptions  # noqa: E402

GOAL = 2.0
MISSING = 0.03
LOVKRAV = 0.02
COMMENTS = 0.05
#: How far an assessor's grade lies from the true one, in steps, and how often.
NOISE = (-2, -1, 0, 1, 2)
NOISE_P = (0.05, 0.2, 0.5, 0.2, 0.05)
#: The last assessor grades this many steps above the true grade.
LEAN = 1


# --------------------------------------------------------------------------- data

def make_catalogue(n: int, seed: int) -> Catalogue:
    """``n`` needs on the default criteria, whole grades 1–5, 3 % missing (seeded)."""
    rng = np.random.default_rng(seed)
    names = [c.name for c in DEFAULT_CRITERIA]
    true = rng.integers(1, 6, size=(n, len(names)))
    missing = rng.random((n, len(names))) < MISSING
    legal = (rng.random(n) < LOVKRAV).tolist()
    numbers = (rng.permutation(n) + 1).tolist()
    needs = []
    for i, (row, gone, num) in enumerate(zip(true.tolist(), missing.tolist(), numbers,
                                             strict=True)):
        scores = {name: None if g else float(s)
                  for name, s, g in zip(names, row, gone, strict=True)}
        needs.append(Need(f"B-{num}", f"Behov {num}", Origin("generert.xlsx", "Behov", i + 2),
                          theme="Felles", scores=scores, legal_requirement=legal[i]))
    return Catalogue("generert.xlsx", tuple(needs), tuple(DEFAULT_CRITERIA),
                     sheets_present=frozenset({"Behov"}))


def true_grades(catalogue: Catalogue) -> Any:
    """needs × criteria, the catalogue's grade (or a seeded one where it has none)."""
    names = [c.name for c in catalogue.criteria]
    rng = np.random.default_rng(len(catalogue.needs))
    return np.array([[s if (s := n.scores.get(c)) is not None else int(rng.integers(1, 6))
                      for c in names] for n in catalogue.needs], dtype=np.int64)


def make_assessments(catalogue: Catalogue, assessors: int, seed: int) -> Assessments:
    """``assessors`` members grading around each need's true grade (seeded)."""
    rng = np.random.default_rng(seed + 1)
    names = [c.name for c in catalogue.criteria]
    ids = [n.id for n in catalogue.needs]
    true = true_grades(catalogue)
    found = []
    for a in range(assessors):
        noise = rng.choice(NOISE, size=true.shape, p=NOISE_P) + (LEAN if a == assessors - 1 else 0)
        given = np.clip(true + noise, 1, 5).tolist()
        gone = (rng.random(true.shape) < MISSING).tolist()
        grades = {(need, name): int(g) for need, row, miss in zip(ids, given, gone, strict=True)
                  for name, g, m in zip(names, row, miss, strict=True) if not m}
        said = rng.random(len(ids)) < COMMENTS
        comments = {need: f"Merknad fra medlem {a + 1} om {need}"
                    for need, s in zip(ids, said.tolist(), strict=True) if s}
        who = Assessor(f"Medlem {a + 1:02d}", f"Etat {a + 1}", f"medlem-{a + 1:02d}.xlsx")
        found.append(Assessment(who, grades, comments))
    return Assessments(tuple(found))


def as_given(catalogue: Catalogue) -> Assessments:
    """One assessor whose grades are the catalogue's scores."""
    grades = {(n.id, c): int(g) for n in catalogue.needs for c, g in n.scores.items()
              if g is not None}
    return Assessments((Assessment(Assessor("Eneste", None, "eneste.xlsx"), grades),))


def single_assessor_agrees(catalogue: Catalogue, options: PriorityOptions) -> bool:
    """One assessor grading as the catalogue: the same ranking and Sensitivity as prioritise."""
    from okosys_plan.assess.api import assess
    from okosys_plan.prioritise.api import prioritise

    before = prioritise(catalogue, options)
    after = assess(catalogue, as_given(catalogue), options).prioritised
    same = [(s.id, s.score, s.rank, s.priority) for s in after.ranking.needs] == \
        [(s.id, s.score, s.rank, s.priority) for s in before.ranking.needs]
    return same and after.sensitivity == before.sensitivity


def write_workbooks(catalogue: Catalogue, assessments: Assessments, folder: Path) -> list[Path]:
    """One filled assessment workbook per assessor (the template, filled in advance)."""
    from okosys_plan.assess.template import write_assessment_template

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for a in assessments.assessments:
        path = folder / a.assessor.file
        write_assessment_template(path, catalogue, a.assessor.name, a.assessor.agency,
                                  force=True, filled=a)
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- children

def child(task: str, needs: int, assessors: int, draws: int, seed: int) -> int:
    """Run one task once, print a JSON line: wall, CPU, peak RSS."""
    import resource

    from okosys_plan.assess.api import assess
    from okosys_plan.assess.read import read_assessments
    from okosys_plan.prioritise.api import prioritise

    catalogue = make_catalogue(needs, seed)
    options = PriorityOptions(draws=draws, seed=seed)
    if task == "profile":
        import cProfile
        import pstats

        assessments = make_assessments(catalogue, assessors, seed)
        profile = cProfile.Profile()
        profile.runcall(assess, catalogue, assessments, options)
        pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(30)
        return 0
    work: Any
    if task == "assess":
        assessments = make_assessments(catalogue, assessors, seed)
        def work() -> Any:
            return assess(catalogue, assessments, options)
    elif task == "single":
        def work() -> Any:
            return prioritise(catalogue, options)
    else:
        paths = sorted(OUT.glob("medlem-*.xlsx"))[:assessors]
        ids = [n.id for n in catalogue.needs]
        def work() -> Any:
            return read_assessments(paths, ids, catalogue.scored_criteria)
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    extra = {}
    if task == "read":
        extra = {"files": len(result.assessments), "problems": len(result.problems)}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "cpu": cpu, "rss": rss, **extra}))
    return 0


def run_child(task: str, args: argparse.Namespace) -> dict[str, Any] | None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", task, str(args.needs),
           str(args.assessors), str(args.draws), str(args.seed)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if task == "profile":
        print(done.stdout[:12000])
        return None
    if done.returncode != 0:
        print(f"  ({task}) failed with exit {done.returncode}:\n{done.stderr[-2000:]}")
        return None
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


# --------------------------------------------------------------------------- breakdown

def breakdown(needs: int, assessors: int, draws: int, seed: int) -> dict[str, float]:
    """The pieces of ``assess``, timed in this process, as ``assess.api.assess`` runs them."""
    from okosys_plan.assess.aggregate import aggregate, grade_array
    from okosys_plan.assess.api import _graded
    from okosys_plan.assess.discuss import discussion, outliers
    from okosys_plan.assess.model import AggregateRule
    from okosys_plan.assess.resample import resampler
    from okosys_plan.prioritise.scoring import score_needs
    from okosys_plan.prioritise.sensitivity import sensitivity

    catalogue = make_catalogue(needs, seed)
    assessments = make_assessments(catalogue, assessors, seed)
    rule = AggregateRule.MEDIAN
    clock = time.perf_counter
    took: dict[str, float] = {}
    t = clock()
    ids = [n.id for n in catalogue.needs]
    agreement = aggregate(assessments, ids, catalogue.criteria, rule)
    took["aggregate (cells, spread, agreement)"] = clock() - t
    t = clock()
    graded = replace(catalogue, needs=tuple(_graded(n, agreement.cells[n.id])
                                            for n in catalogue.needs))
    grades = grade_array(assessments, ids, catalogue.criteria)
    ranking = score_needs(graded.needs, graded.scored_criteria)
    took["grade array + ranking (score_needs)"] = clock() - t
    t = clock()
    at = {need: i for i, need in enumerate(ids)}
    ordered = grades[:, [at[s.id] for s in ranking.needs]]
    panels = resampler(ordered, graded.scored_criteria, rule)
    took["resampler set-up"] = clock() - t
    t = clock()
    stability = sensitivity(ranking, draws, seed, panels=panels)
    took[f"stability run ({draws} draws of weights and panels)"] = clock() - t
    t = clock()
    discussion(agreement, ranking, ordered, stability.top_k)
    took["discussion list"] = clock() - t
    t = clock()
    outliers(agreement, grades, graded.scored_criteria)
    took["outliers"] = clock() - t
    t = clock()
    sensitivity(ranking, draws, seed)
    took[f"(for comparison: the same ranking, {draws} weight draws only)"] = clock() - t
    return took


# --------------------------------------------------------------------------- main

def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> str:
    from importlib.metadata import version

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    return (f"{platform.system()} {platform.machine()}, nproc {len(os.sched_getaffinity(0))}, "
            f"Python {platform.python_version()}, numpy {version('numpy')}, "
            f"load average {[round(x, 2) for x in os.getloadavg()]}, commit {commit}")


LABELS = {"assess": "(a) assess, {assessors} assessors",
          "single": "(b) prioritise, one set of scores",
          "read": "(c) read_assessments, {assessors} workbooks"}


def measure(args: argparse.Namespace) -> None:
    print(machine(), flush=True)
    catalogue = make_catalogue(args.needs, args.seed)
    options = PriorityOptions(draws=args.draws, seed=args.seed)
    agrees = single_assessor_agrees(catalogue, options)
    print(f"single-assessor check (one Assessment = the catalogue's scores gives "
          f"prioritise's ranking and Sensitivity): {'OK' if agrees else 'MISMATCH'}", flush=True)
    tasks = ["assess", "single"]
    if args.read:
        assessments = make_assessments(catalogue, args.assessors, args.seed)
        t = time.perf_counter()
        write_workbooks(catalogue, assessments, OUT)
        print(f"wrote {args.assessors} workbooks in {time.perf_counter() - t:.1f} s "
              f"({OUT.relative_to(ROOT)})", flush=True)
        tasks.append("read")
    runs: dict[str, list[dict[str, Any]]] = {task: [] for task in tasks}
    for r in range(args.repeat):
        for task in tasks if r % 2 == 0 else tasks[::-1]:
            got = run_child(task, args)
            if got is not None:
                runs[task].append(got)
                print(f"  repeat {r + 1}/{args.repeat} {task:<7} wall {got['wall']:7.3f} s  "
                      f"CPU {got['cpu']:7.3f} s  peak RSS {got['rss']:5.0f} MB"
                      + (f"  ({got['files']} files, {got['problems']} problems)"
                         if task == "read" else ""), flush=True)
    medians = {task: {key: _median([x[key] for x in found]) for key in ("wall", "cpu")}
               | {"rss": max((x["rss"] for x in found), default=float("nan"))}
               for task, found in runs.items()}
    base = medians["single"]
    print(f"\n{args.assessors} assessors × {args.needs} needs × {len(catalogue.criteria)} "
          f"criteria, {args.draws} draws, medians of {args.repeat}:")
    print("| task | median wall s | median CPU s | peak RSS MB | vs (b), wall | vs (b), CPU |")
    print("|---|---:|---:|---:|---:|---:|")
    for task in tasks:
        m = medians[task]
        ratio = (f"{m['wall'] / base['wall']:.2f}× | {m['cpu'] / base['cpu']:.2f}×"
                 if agrees else "— | —")
        print(f"| {LABELS[task].format(assessors=args.assessors)} | {m['wall']:.3f} | "
              f"{m['cpu']:.3f} | {m['rss']:.0f} | {ratio} |")
    if agrees:
        ratio = medians["assess"]["wall"] / base["wall"]
        print(f"goal (a)/(b) < {GOAL:g}×: {'MET' if ratio < GOAL else 'MISSED'} "
              f"({ratio:.2f}× wall, {medians['assess']['cpu'] / base['cpu']:.2f}× CPU)")
    else:
        print("no ratio: the single-assessor case does not agree with prioritise")
    print("\nbreakdown of (a), one in-process run:")
    took = breakdown(args.needs, args.assessors, args.draws, args.seed)
    total = sum(v for k, v in took.items() if not k.startswith("(for"))
    for key, value in took.items():
        share = "" if key.startswith("(for") else f"  {100 * value / total:5.1f} %"
        print(f"  {key:<58}{value:8.3f} s{share}")
    print(f"  {'total':<58}{total:8.3f} s")
    if args.profile:
        print("\ncProfile of (a), by cumulative time:")
        run_child("profile", args)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--needs", type=int, default=1000)
    ap.add_argument("--assessors", type=int, default=15)
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-read", dest="read", action="store_false",
                    help="skip the read_assessments timing (and writing the workbooks)")
    ap.add_argument("--profile", action="store_true", help="cProfile one assess() call")
    ap.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        task, *numbers = args.child
        return child(task, *(int(x) for x in numbers))
    try:
        measure(args)
    except Exception as exc:  # a measurement never fails the caller
        import traceback

        traceback.print_exc()
        print(f"benchmark error: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
