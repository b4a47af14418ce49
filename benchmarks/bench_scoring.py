"""Scoring and sensitivity benchmark for okosys-plan (issue 3, section 6).

    python benchmarks/bench_scoring.py [--needs 1000000] [--draws 10000] [--sens-needs 1000]
                                       [--repeat 3] [--e2e-needs N] [--pandas-draws N]
                                       [--check-draws 500] [--seed 1] [--profile]
                                       [--skip-scoring] [--skip-sensitivity]

Generated data, fixed seed: integer scores 1–5 on the eight Skate criteria (Risiko is the
cost criterion), 3 % of cells missing, 0.1 % of needs with no score at all, 2 % Lovkrav,
IDs ``B-<number>`` in shuffled order (so the ID tie-break is a real permutation and the
natural order, B-2 before B-10, differs from the text order).

1. Scoring ``--needs`` needs, in this process, side by side in each repeat (the order of
   the two alternates across repeats):

   (a) ours, vectorised: the raw score matrix → utilities and mask (the same array code
       as ``scoring.utility_matrix``, without reading Need objects) →
       ``scoring.weighted_scores`` → groups (Lovkrav, no score) and the ID order
       (``np.argsort`` of the ID numbers) → ``scoring.rank_order``;
   (b) baseline, a plain per-row Python loop over lists (prepared before the clock
       starts) computing ``100 × Σ wᵢ·uᵢ / Σ wᵢ`` over the scored criteria, cost criteria
       inverted, then ``sorted`` with the same key as ``rank_order`` (Lovkrav first,
       scored before unscored, score rounded to six decimals highest first, ID number).

   Both get the ID as its number, so neither pays for parsing ID strings. Before any
   ratio is printed the two must agree: every score within 1e-9 (and NaN in the same
   places) and exactly the same order.

   (c) end to end, reported separately: ``scoring.score_needs`` on ``--e2e-needs`` Need
       objects (default: all of them). This pays for reading 8 scores out of each
       Need's dict, natural-sorting the ID strings, dependencies, classes and one
       ScoredNeed per need; building the Need objects is timed on its own. Its scores and
       order are checked against (a).

2. Sensitivity with ``--draws`` weight draws × ``--sens-needs`` needs, each task in its own
   fresh subprocess, alternating order across repeats:

   (s) ``okosys_plan.prioritise.sensitivity.sensitivity(ranking, draws, seed)``, the first call in
       the process (what the CLI does) and a second, warm call;
   (p) baseline, a per-draw pandas loop over the same draws (same seed, same blocks of
       ``draw_weights``): rescore with ``DataFrame.dot``, rank with
       ``DataFrame.sort_values`` on (Lovkrav, no score, rounded score, ID position), count
       ranks in a histogram, then the same median / 5–95 % / top-K statistics. With
       ``--pandas-draws`` below ``--draws`` it runs on the first draws only and its time is
       extrapolated linearly (labelled as such).

   Memory, measured two ways and both reported: the peak RSS of the child process during
   the call (Linux ``VmHWM``, reset through ``/proc/self/clear_refs`` just before the
   call; this is the whole process — interpreter, numpy, pandas, the data — at its peak),
   and in a separate child the ``tracemalloc`` peak of the call alone (numpy reports its
   buffers to tracemalloc, so this counts the arrays the call allocates).

   A stage breakdown of (s) (same library functions called in the same order, checked
   to give the same result) is printed in every run; ``--profile`` adds cProfile.
   Cross-check: on ``--check-draws`` draws both ways must give the same median rank
   (and 5 %, 95 % and P(top K)) for every need; at full size too when (p) ran in full.

Medians over ``--repeat`` runs are printed with the ratios; everything is also written to
``benchmarks/out/bench_scoring.json`` (git-ignored). This is a measurement, not a test: it
always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "bench_scoring.json"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
from memory import reset_peak as _reset_peak  # noqa: E402
from memory import ru_maxrss_mb as _ru_maxrss_mb  # noqa: E402
from memory import status_mb as _status_mb  # noqa: E402

from okosys_plan.catalogue.domain import DEFAULT_CRITERIA  # noqa: E402
from okosys_plan.catalogue.model import Criterion, Direction, Need, Origin  # noqa: E402
from okosys_plan.prioritise.scoring import (  # noqa: E402
    grades_to_utilities,
    normalised,
    rank_order,
    score_needs,
    weighted_scores,
)

TARGET_SCORING_RATIO = 100.0
TARGET_SENS_SECONDS = 1.0
TARGET_SENS_MB = 1024.0
MISSING = 0.03
UNSCORED = 0.001
LOVKRAV = 0.02


# --------------------------------------------------------------------------- data

def generate(n: int, seed: int) -> dict[str, Any]:
    """Raw scores (n × m, NaN where missing), Lovkrav flags and ID numbers (shuffled)."""
    rng = np.random.default_rng(seed)
    m = len(DEFAULT_CRITERIA)
    raw = rng.integers(1, 6, size=(n, m)).astype(np.float64)
    raw[rng.random((n, m)) < MISSING] = np.nan
    raw[rng.random(n) < UNSCORED] = np.nan
    legal = rng.random(n) < LOVKRAV
    id_num = rng.permutation(n).astype(np.int64) + 1
    return {"raw": raw, "legal": legal, "id_num": id_num}


def criteria() -> tuple[Criterion, ...]:
    return normalised(DEFAULT_CRITERIA)


def build_needs(data: dict[str, Any], used: Sequence[Criterion]) -> list[Need]:
    """One Need per generated row, scores as the loader stores them (None when missing)."""
    names = [c.name for c in used]
    raw = data["raw"].tolist()
    legal = data["legal"].tolist()
    ids = data["id_num"].tolist()
    needs = []
    for i, (row, lov, num) in enumerate(zip(raw, legal, ids, strict=True)):
        scores = {name: None if s != s else int(s) for name, s in zip(names, row, strict=True)}
        needs.append(Need(f"B-{num}", f"Behov {num}", Origin("generert.xlsx", "Behov", i + 2),
                          scores=scores, legal_requirement=lov))
    return needs


# --------------------------------------------------------------------------- part 1

def ours_utilities(raw: Any, used: Sequence[Criterion]) -> tuple[Any, Any]:
    """scoring.grades_to_utilities (what utility_matrix runs), on a copy of the raw matrix."""
    return grades_to_utilities(raw.copy(), used)


def weights_of(used: Sequence[Criterion]) -> Any:
    return np.array([c.weight for c in used], dtype=np.float64)


def ours_scores(raw: Any, used: Sequence[Criterion]) -> Any:
    """Utilities, then scoring.weighted_scores."""
    utility, mask = ours_utilities(raw, used)
    return weighted_scores(utility, mask, weights_of(used))


def ours_keys(scores: Any, legal: Any, id_num: Any) -> tuple[Any, Any]:
    """Groups (Lovkrav first, then scored before unscored) and the ID order.

    IDs are unique, so the default (unstable, SIMD) argsort gives the one right order.
    """
    groups = np.where(legal, 0, 2).astype(np.int64) + np.isnan(scores)
    return groups, np.argsort(id_num).astype(np.int64)


def ours_rank(scores: Any, legal: Any, id_num: Any) -> Any:
    """ours_keys, then scoring.rank_order."""
    groups, id_order = ours_keys(scores, legal, id_num)
    return rank_order(groups, scores, id_order)


def loop_scores(rows: list[list[float | None]], used: Sequence[Criterion]) -> list[float | None]:
    """The formula, one need at a time, in plain Python."""
    lows = [float(c.scale_min) for c in used]
    spans = [float(c.scale_max - c.scale_min) for c in used]
    costs = [c.direction is Direction.COST for c in used]
    weights = [c.weight for c in used]
    params = list(zip(lows, spans, costs, weights, strict=True))
    scores: list[float | None] = []
    for row in rows:
        num = 0.0
        den = 0.0
        for s, (low, span, cost, w) in zip(row, params, strict=True):
            if s is None:
                continue
            u = (s - low) / span
            if cost:
                u = 1.0 - u
            num += w * u
            den += w
        scores.append(100.0 * num / den if den > 0 else None)
    return scores


def loop_weighted(utility: list[list[float]], mask: list[list[float]],
                  used: Sequence[Criterion]) -> list[float | None]:
    """The weighted sum alone, per row, from precomputed utilities and mask."""
    weights = [c.weight for c in used]
    scores: list[float | None] = []
    for urow, mrow in zip(utility, mask, strict=True):
        num = 0.0
        den = 0.0
        for u, scored, w in zip(urow, mrow, weights, strict=True):
            if scored:
                num += w * u
                den += w
        scores.append(100.0 * num / den if den > 0 else None)
    return scores


def loop_rank(scores: list[float | None], legal: list[bool], ids: list[int]) -> list[int]:
    """sorted() with rank_order's key: Lovkrav, scored, score to 6 decimals (desc), ID."""
    def key(i: int) -> tuple[bool, bool, int, int]:
        s = scores[i]
        if s is None:
            return (not legal[i], True, 0, ids[i])
        return (not legal[i], False, round((100.0 - s) * 1e6), ids[i])

    return sorted(range(len(scores)), key=key)


def bench_scoring(n: int, e2e_n: int, repeat: int, seed: int) -> dict[str, Any]:
    used = criteria()
    weights = weights_of(used)
    print(f"generating {n} needs × {len(used)} criteria (seed {seed}) ...", flush=True)
    data = generate(n, seed)
    raw, legal, id_num = data["raw"], data["legal"], data["id_num"]
    rows: list[list[float | None]] = [[None if s != s else s for s in row]
                                      for row in raw.tolist()]
    legal_list = legal.tolist()
    ids_list = id_num.tolist()
    pre_utility, pre_mask = ours_utilities(raw, used)
    utility_rows, mask_rows = pre_utility.tolist(), pre_mask.tolist()
    clock = time.perf_counter

    def run_ours() -> tuple[list[float], Any, Any]:
        t0 = clock()
        utility, mask = ours_utilities(raw, used)
        t1 = clock()
        scores = weighted_scores(utility, mask, weights)
        t2 = clock()
        groups, id_order = ours_keys(scores, legal, id_num)
        t3 = clock()
        order = rank_order(groups, scores, id_order)
        t4 = clock()
        return [t1 - t0, t2 - t1, t3 - t2, t4 - t3], scores, order

    warm, _, _ = run_ours()  # untimed warm-up (first-touch page faults), reported
    print(f"  warm-up ours: utilities {warm[0]:.3f} s, weighted_scores {warm[1]:.3f} s, "
          f"groups + ID order {warm[2]:.3f} s, rank_order {warm[3]:.3f} s (not counted)",
          flush=True)
    keys = ("ours_utilities", "ours_weighted", "ours_score", "ours_keys", "ours_rank_order",
            "ours_rank", "ours_total", "loop_score", "loop_rank", "loop_total", "loop_weighted")
    times: dict[str, list[float]] = {k: [] for k in keys}
    checked: dict[str, Any] = {}
    for r in range(repeat):
        tasks = ["ours", "loop"] if r % 2 == 0 else ["loop", "ours"]
        for task in tasks:
            gc.collect()
            if task == "ours":
                (tu, tw, tk, to), scores, order = run_ours()
                ours = (scores, order)
                tr = tk + to
                got = {"utilities": tu, "weighted": tw, "score": tu + tw, "keys": tk,
                       "rank_order": to, "rank": tr, "total": tu + tw + tr}
                print(f"  repeat {r + 1}/{repeat} ours  utilities {tu:6.3f} s  weighted_scores "
                      f"{tw:6.3f} s  groups + ID order {tk:6.3f} s  rank_order {to:6.3f} s  "
                      f"total {tu + tw + tr:6.3f} s", flush=True)
            else:
                t0 = clock()
                lscores = loop_scores(rows, used)
                t1 = clock()
                lorder = loop_rank(lscores, legal_list, ids_list)
                t2 = clock()
                wscores = loop_weighted(utility_rows, mask_rows, used)
                t3 = clock()
                loop = (lscores, lorder, wscores)
                got = {"score": t1 - t0, "rank": t2 - t1, "total": t2 - t0,
                       "weighted": t3 - t2}
                print(f"  repeat {r + 1}/{repeat} loop  score {t1 - t0:6.3f} s  sort "
                      f"{t2 - t1:6.3f} s  total {t2 - t0:6.3f} s  (weighted sum from "
                      f"utilities {t3 - t2:6.3f} s)", flush=True)
            for key, value in got.items():
                times[f"{task}_{key}"].append(value)
        if r == 0:
            checked = compare_scoring(ours[0], ours[1], loop[0], loop[1])
            checked["weighted_from_utilities"] = compare_scoring(ours[0], ours[1], loop[2],
                                                                 ours[1].tolist())
            checked["ok"] = checked["ok"] and checked["weighted_from_utilities"]["ok"]
            print(f"  check: max |score difference| {checked['max_abs_diff']:.3g} (from "
                  f"utilities: {checked['weighted_from_utilities']['max_abs_diff']:.3g}), "
                  f"NaN places equal {checked['nan_equal']}, order equal "
                  f"{checked['order_equal']} -> {'OK' if checked['ok'] else 'MISMATCH'}",
                  flush=True)
        del loop
    del rows, utility_rows, mask_rows
    gc.collect()

    result: dict[str, Any] = {
        "needs": n, "criteria": len(used), "seed": seed, "check": checked,
        "unscored_needs": int(np.isnan(ours[0]).sum()), "lovkrav_needs": int(legal.sum()),
        "warm_up_ours": {"utilities": warm[0], "weighted": warm[1], "keys": warm[2],
                         "rank_order": warm[3]},
        "runs": times, "median": {k: _median(v) for k, v in times.items()},
    }
    med = result["median"]
    result["ratio"] = {
        "total": med["loop_total"] / med["ours_total"],
        "score": med["loop_score"] / med["ours_score"],
        "weighted": med["loop_weighted"] / med["ours_weighted"],
        "rank": med["loop_rank"] / med["ours_rank"],
    }
    if e2e_n > 0:
        result["e2e"] = bench_e2e(data, e2e_n, used, repeat, ours[0][:e2e_n] if e2e_n == n
                                  else None)
    return result


def bench_e2e(data: dict[str, Any], n: int, used: Sequence[Criterion], repeat: int,
              expected_scores: Any) -> dict[str, Any]:
    sub = {k: v[:n] for k, v in data.items()}
    print(f"building {n} Need objects ...", flush=True)
    t0 = time.perf_counter()
    needs = build_needs(sub, used)
    build = time.perf_counter() - t0
    print(f"  built in {build:.2f} s; timing score_needs x{repeat} ...", flush=True)
    gc.collect()
    runs = []
    check: dict[str, Any] = {}
    for r in range(repeat):
        t0 = time.perf_counter()
        ranking = score_needs(needs, used)
        runs.append(time.perf_counter() - t0)
        print(f"  repeat {r + 1}/{repeat} score_needs {runs[-1]:8.3f} s", flush=True)
        if r == 0:
            position = {id(n): i for i, n in enumerate(needs)}
            lib_order = np.array([position[id(s.need)] for s in ranking.needs], dtype=np.int64)
            lib_scores = np.full(n, np.nan)
            for i, s in zip(lib_order.tolist(), ranking.needs, strict=True):
                if s.score is not None:
                    lib_scores[i] = s.score
            scores = (expected_scores if expected_scores is not None
                      else ours_scores(sub["raw"], used))
            order = ours_rank(scores, sub["legal"], sub["id_num"])
            check = compare_scoring(scores, order, lib_scores.tolist(), lib_order.tolist())
            print(f"  check against (a): max |score difference| {check['max_abs_diff']:.3g}, "
                  f"order equal {check['order_equal']} -> "
                  f"{'OK' if check['ok'] else 'MISMATCH'}", flush=True)
        del ranking
        gc.collect()
    del needs
    gc.collect()
    return {"needs": n, "build_needs": build, "runs": runs, "median": _median(runs),
            "check": check}


def compare_scoring(scores: Any, order: Any, other_scores: Sequence[float | None],
                    other_order: Sequence[int]) -> dict[str, Any]:
    other = np.array([np.nan if s is None else s for s in other_scores], dtype=np.float64)
    nan_equal = bool(np.array_equal(np.isnan(scores), np.isnan(other)))
    both = ~np.isnan(scores) & ~np.isnan(other)
    diff = float(np.max(np.abs(scores[both] - other[both]))) if both.any() else 0.0
    order_equal = bool(np.array_equal(np.asarray(order), np.asarray(other_order)))
    return {"max_abs_diff": diff, "nan_equal": nan_equal, "order_equal": order_equal,
            "ok": nan_equal and diff <= 1e-9 and order_equal}


# --------------------------------------------------------------------------- part 2

def sens_ranking(n: int, seed: int) -> Any:
    used = criteria()
    return score_needs(build_needs(generate(n, seed), used), used)


def weight_blocks(ranking: Any, draws: int, seed: int) -> tuple[list[Any], float]:
    """The draws sensitivity() makes: same seed, same concentration, same blocks."""
    from okosys_plan.prioritise.sensitivity import block_size, default_concentration, draw_weights

    weights = np.array([c.weight for c in ranking.criteria], dtype=np.float64)
    c = default_concentration(weights.tolist())
    rng = np.random.default_rng(seed)
    size = block_size(len(ranking.needs))
    blocks = [draw_weights(weights, min(size, draws - start), c, rng)
              for start in range(0, draws, size)]
    return blocks, c


def pandas_sensitivity(ranking: Any, blocks: list[Any], draws: int, k: int
                       ) -> tuple[Any, dict[str, Any]]:
    """The baseline: one pandas rescore + sort_values per draw, ranks into a histogram."""
    import pandas as pd

    from okosys_plan.prioritise.scoring import natural_key

    needs = [s.need for s in ranking.needs]
    used = ranking.criteria
    names = [c.name for c in used]
    n = len(needs)
    raw = pd.DataFrame([[nd.scores.get(c) for c in names] for nd in needs], columns=names,
                       dtype="float64")
    low = pd.Series({c.name: float(c.scale_min) for c in used})
    span = pd.Series({c.name: float(c.scale_max - c.scale_min) for c in used})
    utility = (raw - low) / span
    for c in used:
        if c.direction is Direction.COST:
            utility[c.name] = 1.0 - utility[c.name]
    mask = raw.notna().astype("float64")
    utility = utility.fillna(0.0)
    by_id = sorted(range(n), key=lambda i: natural_key(needs[i].id))
    id_pos = np.empty(n, dtype=np.int64)
    id_pos[by_id] = np.arange(n)
    frame = pd.DataFrame({"not_legal": [not nd.legal_requirement for nd in needs],
                          "id_pos": id_pos})
    rows = np.arange(n)
    histogram = np.zeros((n, n), dtype=np.int64)
    done = 0
    for block in blocks:
        for w in block:
            if done == draws:
                break
            weights = pd.Series(w, index=names)
            score = 100.0 * utility.dot(weights) / mask.dot(weights)
            frame["unscored"] = score.isna()
            frame["key"] = ((100.0 - score.fillna(-1.0)) * 1e6).round()
            ranked = frame.sort_values(["not_legal", "unscored", "key", "id_pos"],
                                       kind="mergesort")
            ranks = np.empty(n, dtype=np.int64)
            ranks[ranked.index.to_numpy()] = rows
            histogram[rows, ranks] += 1
            done += 1
    return histogram, stats_from_histogram(histogram, done, k)


def stats_from_histogram(histogram: Any, draws: int, k: int) -> dict[str, Any]:
    cumulative = np.cumsum(histogram, axis=1)

    def q(p: float) -> list[int]:
        return [int(np.searchsorted(row, p * draws, side="left")) + 1 for row in cumulative]

    return {"median": q(0.5), "p05": q(0.05), "p95": q(0.95),
            "p_top_k": [float(row[k - 1]) / draws for row in cumulative]}


def stats_of(result: Any) -> dict[str, Any]:
    values = list(result.stability.values())
    return {"median": [s.median_rank for s in values], "p05": [s.rank_p05 for s in values],
            "p95": [s.rank_p95 for s in values], "p_top_k": [s.p_top_k for s in values]}


def compare_stats(ours: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    n = len(ours["median"])
    same = {key: sum(a == b for a, b in zip(ours[key], base[key], strict=True))
            for key in ("median", "p05", "p95")}
    p_diff = max((abs(a - b) for a, b in zip(ours["p_top_k"], base["p_top_k"], strict=True)),
                 default=0.0)
    return {"needs": n, "same_median": same["median"], "same_p05": same["p05"],
            "same_p95": same["p95"], "max_p_top_k_diff": p_diff,
            "ok": all(v == n for v in same.values()) and p_diff == 0.0}


def child(task: str, n: int, draws: int, seed: int, extra: int) -> int:
    """One task in this fresh process; prints one JSON line."""
    from okosys_plan.prioritise.sensitivity import default_top_k, sensitivity

    ranking = sens_ranking(n, seed)
    k = default_top_k(ranking)
    out: dict[str, Any] = {"task": task, "needs": n, "draws": draws, "top_k": k}
    if task == "pandas":
        import pandas  # noqa: F401  (imported before the clock, like numpy for ours)

        blocks, _ = weight_blocks(ranking, extra, seed)
        gc.collect()
        out["reset_peak"] = _reset_peak()
        before = _status_mb("VmRSS")
        t0 = time.perf_counter()
        _, stats = pandas_sensitivity(ranking, blocks, extra, k)
        out["elapsed"] = time.perf_counter() - t0
        out.update(draws_run=extra, rss_before_mb=before, peak_mb=_status_mb("VmHWM"),
                   stats=stats)
    elif task == "sens":
        gc.collect()
        out["reset_peak"] = _reset_peak()
        before = _status_mb("VmRSS")
        t0 = time.perf_counter()
        result = sensitivity(ranking, draws, seed)
        out["elapsed"] = time.perf_counter() - t0
        out["peak_mb"] = _status_mb("VmHWM")
        out["rss_before_mb"] = before
        t0 = time.perf_counter()
        again = sensitivity(ranking, draws, seed)
        out["elapsed_warm"] = time.perf_counter() - t0
        out["same_twice"] = again == result
        out["stages"], out["stages_match"] = stages(ranking, draws, seed, result)
        out["stats"] = stats_of(result)
        out["ru_maxrss_mb"] = _ru_maxrss_mb()
    elif task == "sens-mem":
        import tracemalloc

        gc.collect()
        tracemalloc.start()
        sensitivity(ranking, draws, seed)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out["tracemalloc_peak_mb"] = peak / 2**20
    elif task == "profile":
        import cProfile
        import pstats

        sensitivity(ranking, draws, seed)  # warm
        profiler = cProfile.Profile()
        profiler.enable()
        sensitivity(ranking, draws, seed)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("tottime").print_stats(20)
    print(json.dumps(out))
    return 0


def stages(ranking: Any, draws: int, seed: int, expected: Any) -> tuple[dict[str, float], bool]:
    """sensitivity() taken apart, stage by stage (same functions, same order)."""
    from okosys_plan.prioritise.sensitivity import (
        Sensitivity,
        _problem,
        _stability,
        block_size,
        default_concentration,
        default_top_k,
        draw_weights,
        one_at_a_time,
    )

    clock = time.perf_counter
    spent = dict.fromkeys(("problem", "draw_weights", "weighted_scores", "rank_order",
                           "bincount", "stability", "one_at_a_time"), 0.0)
    t_all = clock()
    weights = np.array([c.weight for c in ranking.criteria], dtype=np.float64)
    c = default_concentration(weights.tolist())
    k = default_top_k(ranking)
    t = clock()
    problem = _problem(ranking)
    spent["problem"] += clock() - t
    n = len(ranking.needs)
    histogram = np.zeros(n * n, dtype=np.int64)
    rng = np.random.default_rng(seed)
    positions = np.arange(n, dtype=np.int64)
    size = block_size(n)
    for start in range(0, draws, size):
        t = clock()
        block = draw_weights(weights, min(size, draws - start), c, rng)
        t1 = clock()
        scores = weighted_scores(problem.utility, problem.mask, block)
        t2 = clock()
        orders = problem.id_order[rank_order(problem.groups, scores, problem.positions)]
        t3 = clock()
        histogram += np.bincount((orders * n + positions).ravel(), minlength=n * n)
        t4 = clock()
        spent["draw_weights"] += t1 - t
        spent["weighted_scores"] += t2 - t1
        spent["rank_order"] += t3 - t2
        spent["bincount"] += t4 - t3
    t = clock()
    stability = _stability(histogram.reshape(n, n), draws, k)
    spent["stability"] += clock() - t
    t = clock()
    changes = one_at_a_time(ranking, k, problem)
    spent["one_at_a_time"] += clock() - t
    spent["total"] = clock() - t_all
    ids = [s.id for s in ranking.needs]
    mine = Sensitivity(draws, seed, c, k, dict(zip(ids, stability, strict=True)), changes)
    spent.update(rank_order_parts(problem, weights, c, seed, min(size, draws)))
    return spent, mine == expected


def rank_order_parts(problem: Any, weights: Any, c: float, seed: int,
                     size: int) -> dict[str, float]:
    """rank_order's steps on one block, timed one by one (per block, not in the total)."""
    from okosys_plan.prioritise.scoring import _RESOLUTION, _SPAN
    from okosys_plan.prioritise.sensitivity import draw_weights

    block = draw_weights(weights, size, c, np.random.default_rng(seed))
    scores = weighted_scores(problem.utility, problem.mask, block)
    groups, id_order = problem.groups, problem.positions  # the arrays are in ID order already
    n = id_order.size
    clock = time.perf_counter
    t0 = clock()
    gathered = scores[..., id_order]
    t1 = clock()
    lowered = np.rint((100.0 - np.nan_to_num(gathered, nan=-1.0)) * _RESOLUTION)
    quantised = lowered.astype(np.int64)
    t2 = clock()
    group = np.broadcast_to(groups[id_order], quantised.shape)
    bits = max(1, (n - 1).bit_length())
    packed = ((group * _SPAN + quantised) << bits) | np.arange(n, dtype=np.int64)
    t3 = clock()
    order = np.sort(packed, axis=-1) & ((1 << bits) - 1)
    t4 = clock()
    id_order[order]
    t5 = clock()
    return {"block_size": float(size), "block_gather": t1 - t0, "block_quantise": t2 - t1,
            "block_pack": t3 - t2, "block_sort": t4 - t3, "block_take": t5 - t4}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def run_child(task: str, n: int, draws: int, seed: int, extra: int = 0
              ) -> dict[str, Any] | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", task, str(n), str(draws),
           str(seed), str(extra)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT)
    if task == "profile":
        print(proc.stderr[-6000:])
        return None
    if proc.returncode != 0:
        print(f"  ({task}) failed with exit {proc.returncode}:\n{proc.stderr[-2000:]}")
        return None
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def bench_sensitivity(n: int, draws: int, pandas_draws: int, check_draws: int, repeat: int,
                      seed: int, profile: bool) -> dict[str, Any]:
    from okosys_plan.prioritise.sensitivity import default_top_k, sensitivity

    print(f"cross-check on {check_draws} draws × {n} needs ...", flush=True)
    ranking = sens_ranking(n, seed)
    k = default_top_k(ranking)
    ours_small = stats_of(sensitivity(ranking, check_draws, seed))
    blocks, _ = weight_blocks(ranking, check_draws, seed)
    _, base_small = pandas_sensitivity(ranking, blocks, check_draws, k)
    check_small = compare_stats(ours_small, base_small)
    print(f"  same median rank for {check_small['same_median']}/{n} needs (5 %: "
          f"{check_small['same_p05']}, 95 %: {check_small['same_p95']}), max P(top {k}) "
          f"difference {check_small['max_p_top_k_diff']:.3g} -> "
          f"{'OK' if check_small['ok'] else 'MISMATCH'}", flush=True)

    print(f"timing sensitivity, {draws} draws × {n} needs, {repeat} repeat(s), fresh "
          f"process each; pandas baseline on {pandas_draws} draws ...", flush=True)
    runs: dict[str, list[dict[str, Any]]] = {"sens": [], "pandas": []}
    for r in range(repeat):
        tasks = ["sens", "pandas"] if r % 2 == 0 else ["pandas", "sens"]
        for task in tasks:
            res = run_child(task, n, draws, seed, pandas_draws)
            if res is None:
                continue
            runs[task].append(res)
            if task == "sens":
                print(f"  repeat {r + 1}/{repeat} sens    first call {res['elapsed']:7.3f} s  "
                      f"warm {res['elapsed_warm']:7.3f} s  peak RSS {res['peak_mb']:6.0f} MB"
                      f"  (stages match: {res['stages_match']})", flush=True)
            else:
                print(f"  repeat {r + 1}/{repeat} pandas  {res['elapsed']:7.3f} s for "
                      f"{res['draws_run']} draws  peak RSS {res['peak_mb']:6.0f} MB", flush=True)
    mem = run_child("sens-mem", n, draws, seed)
    if profile:
        print("cProfile of a warm sensitivity() call, top 20 by own time:")
        run_child("profile", n, draws, seed)

    sens = runs["sens"]
    pand = runs["pandas"]
    scale = draws / pandas_draws
    result: dict[str, Any] = {
        "needs": n, "draws": draws, "top_k": k, "seed": seed,
        "check_small": {"draws": check_draws, **check_small},
        "sens": {
            "first_call": [x["elapsed"] for x in sens],
            "warm_call": [x["elapsed_warm"] for x in sens],
            "peak_rss_mb": [x["peak_mb"] for x in sens],
            "rss_before_mb": [x["rss_before_mb"] for x in sens],
            "peak_reset": all(x["reset_peak"] for x in sens),
            "same_twice": all(x["same_twice"] for x in sens),
            "stages_match": all(x["stages_match"] for x in sens),
            "stages": {key: _median([x["stages"][key] for x in sens])
                       for key in (sens[0]["stages"] if sens else {})},
            "tracemalloc_peak_mb": mem["tracemalloc_peak_mb"] if mem else float("nan"),
        },
        "pandas": {
            "draws_run": pandas_draws, "extrapolated": pandas_draws < draws,
            "elapsed": [x["elapsed"] for x in pand],
            "elapsed_full": [x["elapsed"] * scale for x in pand],
            "peak_rss_mb": [x["peak_mb"] for x in pand],
        },
    }
    if sens and pand and pandas_draws == draws:
        full = compare_stats(sens[0]["stats"], pand[0]["stats"])
        result["check_full"] = {"draws": draws, **full}
        print(f"  full-size check: same median rank for {full['same_median']}/{n} needs -> "
              f"{'OK' if full['ok'] else 'MISMATCH'}", flush=True)
    s, p = result["sens"], result["pandas"]
    for key in ("first_call", "warm_call", "peak_rss_mb"):
        s[f"median_{key}"] = _median(s[key])
    p["median_elapsed_full"] = _median(p["elapsed_full"])
    p["median_peak_rss_mb"] = _median(p["peak_rss_mb"])
    result["ratio"] = p["median_elapsed_full"] / s["median_first_call"]
    result["ratio_warm"] = p["median_elapsed_full"] / s["median_warm_call"]
    return result


# --------------------------------------------------------------------------- report

def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _met(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def machine() -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    packages = {}
    for pkg in ("numpy", "pandas"):
        try:
            packages[pkg] = version(pkg)
        except PackageNotFoundError:
            packages[pkg] = None
    try:
        load = os.getloadavg()
    except OSError:
        load = (float("nan"),) * 3
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False)
        return done.stdout.strip() if done.returncode == 0 else "?"

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "package_changed": bool(git("status", "--porcelain", "--", "okosys_plan")),
        "system": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(), "packages": packages,
        "load_average": [round(x, 2) for x in load],
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def report_scoring(res: dict[str, Any]) -> None:
    med, ratio = res["median"], res["ratio"]
    print()
    print(f"Scoring {res['needs']} needs × {res['criteria']} criteria "
          f"({res['lovkrav_needs']} Lovkrav, {res['unscored_needs']} without any score), "
          f"medians of {len(res['runs']['ours_total'])}:")
    hdr = f"{'step':<54}{'ours s':>9}{'loop s':>9}{'loop/ours':>11}"
    print(hdr)
    print("-" * len(hdr))
    for key, label in (("total", "score + rank (the comparison asked for)"),
                       ("score", "  score from raw 1–5 (utilities + weighted_scores)"),
                       ("rank", "  rank (groups, ID order, rank_order / sorted)"),
                       ("weighted", "weighted sum only, both from precomputed utilities")):
        print(f"{label:<54}{med['ours_' + key]:>9.4f}{med['loop_' + key]:>9.3f}"
              f"{ratio[key]:>10.1f}x")
    print(f"  (ours: utilities from raw {med['ours_utilities']:.4f} s, weighted_scores "
          f"{med['ours_weighted']:.4f} s, groups + ID order {med['ours_keys']:.4f} s, "
          f"rank_order {med['ours_rank_order']:.4f} s; warm-up run, not counted: "
          f"{sum(res['warm_up_ours'].values()):.3f} s)")
    check = res["check"]
    ok = check.get("ok", False)
    print(f"same scores (max diff {check.get('max_abs_diff', float('nan')):.2g} ≤ 1e-9) and "
          f"same order: {'yes' if ok else 'NO - ratios not valid'}")
    if ok:
        print(f"target ≥ {TARGET_SCORING_RATIO:.0f}x on score + rank: "
              f"{_met(ratio['total'] >= TARGET_SCORING_RATIO)} ({ratio['total']:.1f}x); "
              f"score alone {ratio['score']:.1f}x; weighted sum alone {ratio['weighted']:.0f}x "
              f"({_met(ratio['weighted'] >= TARGET_SCORING_RATIO)} on that narrow reading)")
    e2e = res.get("e2e")
    if e2e:
        print(f"end to end: score_needs on {e2e['needs']} Need objects {e2e['median']:.2f} s "
              f"(median; building the Need objects took {e2e['build_needs']:.2f} s more, "
              f"not included), {e2e['median'] / med['loop_total']:.1f}x the loop's time; "
              f"agrees with (a): {'yes' if e2e['check'].get('ok') else 'NO'}")


def report_sensitivity(res: dict[str, Any]) -> None:
    s, p = res["sens"], res["pandas"]
    print()
    print(f"Sensitivity, {res['draws']} draws × {res['needs']} needs (top K = "
          f"{res['top_k']}), medians of {len(s['first_call'])}:")
    hdr = f"{'task':<52}{'wall s':>9}{'peak RSS MB':>13}{'vs ours':>9}"
    print(hdr)
    print("-" * len(hdr))
    first = s["median_first_call"]
    print(f"{'(s) sensitivity(), first call in a fresh process':<52}{first:>9.3f}"
          f"{s['median_peak_rss_mb']:>13.0f}{1.0:>8.1f}x   (runs: "
          f"{', '.join(f'{x:.3f}' for x in s['first_call'])})")
    print(f"{'(s) sensitivity(), second (warm) call':<52}{s['median_warm_call']:>9.3f}"
          f"{'':>13}{s['median_warm_call'] / first:>8.2f}x")
    label = "(p) per-draw pandas loop"
    if p["extrapolated"]:
        label += f" ({p['draws_run']} draws, extrapolated)"
    print(f"{label:<52}{p['median_elapsed_full']:>9.3f}{p['median_peak_rss_mb']:>13.0f}"
          f"{p['median_elapsed_full'] / first:>8.1f}x")
    print(f"tracemalloc peak of one sensitivity() call: {s['tracemalloc_peak_mb']:.0f} MB; "
          f"RSS before the call {_median(s['rss_before_mb']):.0f} MB "
          f"(peak RSS is of the whole child process, reset just before the call: "
          f"{'yes' if s['peak_reset'] else 'NO, lifetime peak'})")
    print(f"target < {TARGET_SENS_SECONDS:.0f} s: {_met(first < TARGET_SENS_SECONDS)} "
          f"({first:.3f} s first call, {s['median_warm_call']:.3f} s warm); "
          f"target < {TARGET_SENS_MB:.0f} MB: {_met(s['median_peak_rss_mb'] < TARGET_SENS_MB)}"
          f"; pandas/ours = {res['ratio']:.1f}x")
    small = res["check_small"]
    print(f"cross-check on {small['draws']} draws: medians equal for {small['same_median']}/"
          f"{small['needs']}, all statistics equal: {'yes' if small['ok'] else 'NO'}"
          + (f"; at full size: {'yes' if res['check_full']['ok'] else 'NO'}"
             if "check_full" in res else ""))
    st = s["stages"]
    if st:
        print("stages of sensitivity() (warm, medians):")
        for key in ("problem", "draw_weights", "weighted_scores", "rank_order", "bincount",
                    "stability", "one_at_a_time", "total"):
            print(f"  {key:<18}{st[key]:>8.3f} s  {100 * st[key] / st['total']:5.1f} %")
        print(f"  rank_order on one block of {st['block_size']:.0f} draws: gather "
              f"{st['block_gather']:.3f} s, quantise {st['block_quantise']:.3f} s, pack "
              f"{st['block_pack']:.3f} s, sort {st['block_sort']:.3f} s, take "
              f"{st['block_take']:.3f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--needs", type=int, default=1_000_000)
    ap.add_argument("--e2e-needs", type=int, default=None,
                    help="needs for the score_needs end-to-end timing (default --needs, "
                         "0 to skip)")
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--sens-needs", type=int, default=1_000)
    ap.add_argument("--pandas-draws", type=int, default=None,
                    help="draws for the pandas baseline (default --draws; fewer are "
                         "extrapolated)")
    ap.add_argument("--check-draws", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--profile", action="store_true", help="cProfile a sensitivity() call")
    ap.add_argument("--skip-scoring", action="store_true")
    ap.add_argument("--skip-sensitivity", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        task, *numbers = args.child
        return child(task, *(int(x) for x in numbers))

    info = machine()
    results: dict[str, Any] = {"machine": info, "args": {
        k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
        if k != "child"}}
    print(f"{info['date']}  {info['system']}, nproc {info['nproc']}, Python {info['python']}, "
          f"numpy {info['packages']['numpy']}, pandas {info['packages']['pandas']}, "
          f"load average {info['load_average']}; commit {info['commit']}"
          + (" (okosys_plan has uncommitted changes)" if info["package_changed"] else ""))
    try:
        if not args.skip_scoring:
            e2e = args.needs if args.e2e_needs is None else min(args.e2e_needs, args.needs)
            results["scoring"] = bench_scoring(args.needs, e2e, args.repeat, args.seed)
        if not args.skip_sensitivity:
            pandas_draws = min(args.pandas_draws or args.draws, args.draws)
            results["sensitivity"] = bench_sensitivity(
                args.sens_needs, args.draws, pandas_draws, min(args.check_draws, args.draws),
                args.repeat, args.seed, args.profile)
        if "scoring" in results:
            report_scoring(results["scoring"])
        if "sensitivity" in results:
            report_sensitivity(results["sensitivity"])
        info["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        print(f"\nload average after the run: {info['load_average_after']}")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
        print(f"\nwrote {shown}")
    except Exception as exc:  # a measurement never fails the caller
        import traceback

        traceback.print_exc()
        print(f"benchmark error: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
