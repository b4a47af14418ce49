"""Roadmap (Veikart) benchmark for okosys-plan (issue 4, section 4).

    python benchmarks/bench_roadmap.py [--bars 30,300,3000] [--items 3000] [--repeat 3]
                                       [--seed 1] [--caps 6000,7000,8000,9000]
                                       [--max-parallel 20] [--profile]
                                       [--skip-render] [--skip-schedule]

1. Rendering ``--bars`` generated measures to PNG and to SVG, each task in its own fresh
   subprocess, alternating the order across repeats:

   (ours)  ``charts.roadmap_layout.layout_roadmap`` on the items (lanes, title and
           markers from ``roadmap/veikart.toml``), then ``charts.roadmap_save.roadmap_bytes
           (layout, ["png"])`` or ``["svg"]``; the layout and the drawing/saving are timed
           separately (and within the latter, building the figure and saving it);
   (naive) the same bars with no layout step: a ``matplotlib.figure.Figure`` of the same
           size, one ``ax.barh`` call per bar (one bar per row, in the lane's colour), the
           ID and title as a plain ``ax.text`` per bar, ``savefig`` at the same dpi. For
           SVG it keeps text as text (``svg.fonttype = "none"``) as ours does, so both
           files are of the same kind.

   Every child first renders a 5-bar chart the same way, untimed, so neither side pays
   for loading fonts and backends inside the clock. The ratio per size and format is
   ours (layout + drawing/saving) over naive; drawing/saving alone over naive is shown
   too.

   Items: periods inside 2022–2025 (60–720 days), the lanes of the settings in turn,
   every measure status, 20 % planned (the hatched cue), a quarter with one or two
   dependencies on earlier items that end before they start, a tenth with a milestone,
   titles of 3–8 words. Seeded, the same in every process.

2. Scheduling ``--items`` items with ``schedule.plan_roadmap`` under four yearly caps
   (``--caps``), each run in a fresh subprocess: once with the settings as they are (no
   owner limit), once with ``max_parallel_per_owner = --max-parallel``. A tenth of the
   items are dated (fixed, no dependencies); the rest have a level 0–3 and depend on one
   to three earlier items of a lower level (so the graph is acyclic and chains are at
   most four long), durations of one to four quarters, an owner (14 agencies), a rank,
   an investment of 1–20 MNOK and 0–1 MNOK a year of operations. The first call in the
   process is timed (what the CLI does) and a second, warm call. Before anything is
   reported the plan is checked independently: every placed item starts after each of
   its dependencies ends (and an item whose dependency is not placed is not placed),
   dates lie in the horizon, the yearly cost recomputed from the items stays within
   every cap and matches the plan's budget rows, no owner runs more than the limit in
   any quarter, and the two calls give the same plan.

Memory: each step's peak RSS in its child process (Linux ``VmHWM``, reset through
``/proc/self/clear_refs`` just before the step; the whole process at its peak:
interpreter, matplotlib, the items), with the RSS just before the step, so the step's
own growth is the difference. Without the reset it falls back to ``ru_maxrss`` (the
lifetime peak) and says so.

Medians over ``--repeat`` are printed with the ratios; everything is also written to
``benchmarks/out/bench_roadmap.json`` (git-ignored). ``--profile`` adds cProfile of ours
at 300 bars to PNG and of one scheduling run. This is a measurement, not a test: it
always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "bench_roadmap.json"
SETTINGS = ROOT / "roadmap" / "veikart.toml"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import peak_mb as _peak_mb  # noqa: E402
from memory import reset_peak as _reset_peak  # noqa: E402
from memory import status_mb as _status_mb  # noqa: E402

TARGET_RENDER_RATIO = 1.5  # 300 bars to PNG, ours / naive
TARGET_RENDER_BARS = 300
TARGET_SCHEDULE_SECONDS = 2.0
AS_OF = dt.date(2024, 6, 30)
WARM_BARS = 5
NAIVE_LABEL_PT = 6.0
WORDS = ("felles", "løsning", "for", "deling", "av", "data", "innlogging", "tjenester",
         "kommunene", "nasjonale", "grunndata", "fullmakter", "digital", "dialog", "hendelser",
         "arkitektur", "standarder", "veiledning", "API", "Folkeregisteret", "samtykke",
         "virksomheter", "innbyggere", "eID", "Altinn", "Maskinporten", "pilot", "utredning")
MILESTONES = ("Pilot i drift", "Beslutning", "Anskaffelse", "Første versjon", "Utredning ferdig")


# --------------------------------------------------------------------------- data

def _settings(max_parallel: int | None = None) -> Any:
    from dataclasses import replace

    from okosys_plan.roadmap.settings import load_settings

    settings = load_settings(SETTINGS)
    return settings if max_parallel is None else replace(settings,
                                                         max_parallel_per_owner=max_parallel)


def _owners() -> list[str]:
    from okosys_plan.catalogue.domain import SKATE_AGENCIES

    return [code for code, _, _ in SKATE_AGENCIES]


def render_items(n: int, seed: int, settings: Any) -> list[Any]:
    """``n`` dated measures inside 2022–2025 for the chart (see the module docstring)."""
    from okosys_plan.catalogue.domain import MEASURE_STATUSES
    from okosys_plan.catalogue.model import Origin
    from okosys_plan.prioritise.scoring import PriorityClass
    from okosys_plan.roadmap.items import ItemKind, MilestonePoint, RoadmapItem

    rng = random.Random(seed)
    first, last = dt.date(2022, 1, 1), dt.date(2025, 12, 31)
    owners = _owners()
    classes = list(PriorityClass)
    items: list[Any] = []
    for i in range(n):
        start = first + dt.timedelta(days=rng.randrange(0, (last - first).days - 59))
        end = min(start + dt.timedelta(days=rng.randint(60, 720)), last)
        depends: tuple[str, ...] = ()
        if rng.random() < 0.25:
            earlier = [x.id for x in items[-200:] if x.end < start]
            depends = tuple(rng.sample(earlier, min(len(earlier), rng.randint(1, 2))))
        milestones: tuple[Any, ...] = ()
        if rng.random() < 0.1:
            when = start + dt.timedelta(days=rng.randint(0, (end - start).days))
            milestones = (MilestonePoint(rng.choice(MILESTONES), when),)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))).capitalize()
        items.append(RoadmapItem(
            id=f"T-{i + 1:04d}", title=title, kind=ItemKind.MEASURE,
            origin=Origin("generert.xlsx", "Tiltak", i + 2),
            lane=settings.lanes[i % len(settings.lanes)], owner=rng.choice(owners),
            status=MEASURE_STATUSES[i % len(MEASURE_STATUSES)], depends_on=depends,
            milestones=milestones, priority=classes[i % 3], rank=i + 1, start=start, end=end,
            fixed=rng.random() >= 0.2))
    return items


def schedule_items(n: int, seed: int, settings: Any) -> list[Any]:
    """``n`` items for the scheduler, a tenth dated (see the module docstring)."""
    from okosys_plan.catalogue.model import Origin
    from okosys_plan.prioritise.scoring import PriorityClass
    from okosys_plan.roadmap.items import ItemKind, RoadmapItem

    rng = random.Random(seed)
    owners = _owners()
    classes = list(PriorityClass)
    items: list[Any] = []
    levels: list[int] = []  # -1 for a fixed item (nothing depends on it being placed)
    for i in range(n):
        common = {
            "id": f"T-{i + 1:04d}", "title": f"Tiltak {i + 1}", "kind": ItemKind.MEASURE,
            "origin": Origin("generert.xlsx", "Tiltak", i + 2),
            "lane": settings.lanes[i % len(settings.lanes)], "owner": rng.choice(owners),
            "needs": (f"B-{i + 1}",), "investment": round(rng.uniform(1.0, 20.0), 3),
            "annual_operations": round(rng.uniform(0.0, 1.0), 3)}
        if i % 10 == 9:
            quarter = rng.randrange(0, 12)
            start = dt.date(2022 + quarter // 4, 3 * (quarter % 4) + 1, 1)
            end = start + dt.timedelta(days=rng.choice((91, 182, 365))) - dt.timedelta(days=1)
            items.append(RoadmapItem(**common, start=start, end=end, fixed=True,
                                     status="Pågår"))
            levels.append(-1)
            continue
        level = rng.choices((0, 1, 2, 3), weights=(50, 30, 15, 5))[0] if i >= 50 else 0
        pool = [j for j in range(max(0, i - 300), i) if 0 <= levels[j] < level]
        depends = tuple(items[j].id for j in sorted(rng.sample(pool, min(len(pool),
                                                                         rng.randint(1, 3)))))
        levels.append(level)
        items.append(RoadmapItem(**common, depends_on=depends if level else (),
                                 priority=classes[rng.randrange(3)],
                                 rank=rng.randint(1, 5 * n),
                                 duration_years=rng.choice((0.25, 0.5, 0.5, 0.75, 1.0, 1.0)),
                                 status="Planlagt"))
    return items


# --------------------------------------------------------------------------- memory

class Step:
    """Times one step (wall and CPU) and its peak RSS, reset just before it."""

    def __init__(self) -> None:
        gc.collect()
        self.reset = _reset_peak()
        self.before = _status_mb("VmRSS")
        self.c0, self.t0 = time.process_time(), time.perf_counter()

    def done(self) -> dict[str, float | bool]:
        wall, cpu = time.perf_counter() - self.t0, time.process_time() - self.c0
        return {"wall": wall, "cpu": cpu, "peak_mb": _peak_mb(self.reset),
                "before_mb": self.before, "peak_reset": self.reset}


# --------------------------------------------------------------------------- rendering

def _x(day: dt.date) -> float:
    """Years as a float, like the layout's axis: 1 January 2023 is 2023.0."""
    days = 366 if day.year % 4 == 0 else 365
    return day.year + (day - dt.date(day.year, 1, 1)).days / days


def naive_chart(items: Sequence[Any], size: tuple[float, float], fmt: str, dpi: int,
                colours: dict[str, str]) -> tuple[bytes, float, float]:
    """One ``barh`` and one ``text`` per bar, saved; (bytes, build s, save s)."""
    import io

    import matplotlib
    from matplotlib.figure import Figure

    t0 = time.perf_counter()
    figure = Figure(figsize=size)
    ax = figure.add_subplot()
    for row, item in enumerate(items):
        x0, x1 = _x(item.start), _x(item.end + dt.timedelta(days=1))
        ax.barh(row, x1 - x0, left=x0, height=0.8, color=colours.get(item.lane, "#0072B2"))
        ax.text(x0, row, f"{item.id} {item.title}", fontsize=NAIVE_LABEL_PT, va="center")
    ax.set_xlim(2022, 2026)
    ax.set_ylim(len(items), -1)
    t1 = time.perf_counter()
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format=fmt, dpi=dpi)
    return buffer.getvalue(), t1 - t0, time.perf_counter() - t1


def _timed_calls(module: Any, names: Sequence[str]) -> dict[str, float]:
    """Wrap ``module.<name>`` so each call adds its time to the returned dict."""
    spent = dict.fromkeys(names, 0.0)
    for name in names:
        original = getattr(module, name)

        def wrapper(*args: Any, _original: Callable[..., Any] = original, _name: str = name,
                    **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_name] += time.perf_counter() - t0

        setattr(module, name, wrapper)
    return spent


def child_render(side: str, n: int, fmt: str, seed: int, height: float) -> dict[str, Any]:
    from okosys_plan.charts.roadmap import save as roadmap_save
    from okosys_plan.charts.roadmap.layout import PAGE_WIDTH, layout_roadmap
    from okosys_plan.charts.save import PNG_DPI

    settings = _settings()
    items = render_items(n, seed, settings)
    out: dict[str, Any] = {"task": f"{side}-{fmt}", "bars": n, "format": fmt}
    if side == "ours":
        warm = layout_roadmap(items[:WARM_BARS], settings, as_of=AS_OF)
        roadmap_save.roadmap_bytes(warm, [fmt])
        del warm
        parts = _timed_calls(roadmap_save, ("figure_for", "figure_bytes"))
        step = Step()
        layout = layout_roadmap(items, settings, as_of=AS_OF, source_name="generert.xlsx",
                                max_bars=None)
        out["layout"] = step.done()
        step = Step()
        data = roadmap_save.roadmap_bytes(layout, [fmt])[0]
        out["render"] = step.done()
        out["render"].update(build=parts["figure_for"], save=parts["figure_bytes"])
        out["bars_drawn"] = len(layout.bars)
        out["size"] = list(layout.size)
        out["text_size"] = layout.text_size
    else:
        size = (PAGE_WIDTH, height)
        colours = dict(settings.palette)
        naive_chart(items[:WARM_BARS], size, fmt, PNG_DPI, colours)
        step = Step()
        data, build, save = naive_chart(items, size, fmt, PNG_DPI, colours)
        out["render"] = step.done()
        out["render"].update(build=build, save=save)
        out["bars_drawn"] = n
        out["size"] = list(size)
    out["bytes"] = len(data)
    if fmt == "png" and data[:8] == b"\x89PNG\r\n\x1a\n":
        out["pixels"] = [int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")]
    return out


# --------------------------------------------------------------------------- scheduling

def child_schedule(variant: str, n: int, seed: int, caps: dict[int, float],
                   max_parallel: int) -> dict[str, Any]:
    from collections import Counter

    from okosys_plan.roadmap.schedule import plan_roadmap

    limit = max_parallel if variant == "owners" else None
    settings = _settings(limit)
    items = schedule_items(n, seed, settings)
    step = Step()
    plan = plan_roadmap(items, [], settings, caps)
    out: dict[str, Any] = {"task": f"schedule-{variant}", "items": n, "limit": limit,
                           "first": step.done()}
    step = Step()
    again = plan_roadmap(items, [], settings, caps)
    out["warm"] = step.done()
    out["same_twice"] = again == plan
    out["placed"] = sum(p.placed for p in plan.items)
    out["fixed"] = sum(p.fixed for p in plan.items)
    out["reasons"] = dict(Counter(p.reason or "placed" for p in plan.items))
    out["budget"] = [{"year": b.year, "cap": b.cap, "fixed": round(b.fixed, 3),
                      "planned": round(b.planned, 3)} for b in plan.budget]
    out["check"] = check_plan(items, plan, settings, caps, limit)
    return out


def _yearly_cost(item: Any, years: range) -> dict[int, float]:
    """Investment spread by days per calendar year; operations from the end year on."""
    cost = dict.fromkeys(years, 0.0)
    total = (item.end - item.start).days + 1
    for year in range(item.start.year, item.end.year + 1):
        first = max(item.start, dt.date(year, 1, 1))
        last = min(item.end, dt.date(year, 12, 31))
        if year in cost:
            cost[year] += (item.investment or 0.0) * ((last - first).days + 1) / total
    for year in range(item.end.year, years.stop):
        if year in cost:
            cost[year] += item.annual_operations or 0.0
    return cost


def check_plan(items: Sequence[Any], plan: Any, settings: Any, caps: dict[int, float],
               limit: int | None) -> dict[str, Any]:
    """Independent checks of the plan (not through the scheduler's own helpers)."""
    problems: list[str] = []
    by_id = {p.item.id: p for p in plan.items}
    if [p.item.id for p in plan.items] != [i.id for i in items]:
        problems.append("the plan does not list every item once, in input order")
    first, last = settings.first_day, settings.last_day
    years = settings.years
    spent = dict.fromkeys(years, 0.0)
    fixed_spent = dict.fromkeys(years, 0.0)
    load: dict[tuple[str, int], int] = {}
    dependency_edges = 0
    for planned in plan.items:
        item = planned.item
        if not planned.placed:
            if planned.reason is None:
                problems.append(f"{item.id}: not placed and no reason")
            continue
        if item.start is None or item.end is None or item.end < item.start:
            problems.append(f"{item.id}: placed without a valid period")
            continue
        if not item.fixed:
            if not first <= item.start <= item.end <= last:
                problems.append(f"{item.id}: planned outside the horizon")
            if item.start.day != 1 or item.start.month not in (1, 4, 7, 10):
                problems.append(f"{item.id}: does not start on a quarter's first day")
        for ref in item.depends_on:
            dependency_edges += 1
            target = by_id.get(ref)
            if target is None or not target.placed:
                problems.append(f"{item.id}: placed but its dependency {ref} is not")
            elif not target.item.end < item.start:
                problems.append(f"{item.id} starts {item.start}, before {ref} ends "
                                f"{target.item.end}")
        cost = _yearly_cost(item, years)
        for year, amount in cost.items():
            spent[year] += amount
            if item.fixed:
                fixed_spent[year] += amount
        if item.owner:
            q0 = item.start.year * 4 + (item.start.month - 1) // 3
            q1 = item.end.year * 4 + (item.end.month - 1) // 3
            for quarter in range(q0, q1 + 1):
                load[(item.owner, quarter)] = load.get((item.owner, quarter), 0) + 1
    for year in years:
        cap = caps.get(year)
        if cap is not None and spent[year] > cap + 1e-6 and fixed_spent[year] <= cap + 1e-6:
            problems.append(f"{year}: {spent[year]:.3f} MNOK placed, over the cap {cap}")
    for row in plan.budget:
        if abs(row.fixed + row.planned - spent[row.year]) > 1e-6:
            problems.append(f"{row.year}: budget row {row.fixed + row.planned:.6f} MNOK, "
                            f"items add up to {spent[row.year]:.6f}")
    busiest = max(load.values(), default=0)
    if limit is not None and busiest > limit:
        over = sum(1 for v in load.values() if v > limit)
        problems.append(f"{over} owner-quarters run more than {limit} items (at most "
                        f"{busiest})")
    return {"ok": not problems, "problems": problems[:20], "problem_count": len(problems),
            "dependency_edges_checked": dependency_edges, "busiest_owner_quarter": busiest,
            "spent": {y: round(v, 3) for y, v in spent.items()}}


# --------------------------------------------------------------------------- profile

def child_profile(n: int, seed: int, caps: dict[int, float], max_parallel: int) -> int:
    import cProfile
    import pstats

    from okosys_plan.charts.roadmap.layout import layout_roadmap
    from okosys_plan.charts.roadmap.save import roadmap_bytes
    from okosys_plan.roadmap.schedule import plan_roadmap

    settings = _settings()
    items = render_items(n, seed, settings)
    roadmap_bytes(layout_roadmap(items[:WARM_BARS], settings, as_of=AS_OF), ["png"])
    profiler = cProfile.Profile()
    profiler.enable()
    layout = layout_roadmap(items, settings, as_of=AS_OF, source_name="generert.xlsx",
                                max_bars=None)
    roadmap_bytes(layout, ["png"])
    profiler.disable()
    print(f"--- cProfile: ours, {n} bars to PNG (layout_roadmap + roadmap_bytes) ---")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(30)
    print("Top 20 by own time:")
    stats.sort_stats("tottime").print_stats(20)
    limited = _settings(max_parallel)
    plan_items = schedule_items(3000, seed, limited)
    profiler = cProfile.Profile()
    profiler.enable()
    plan_roadmap(plan_items, [], limited, caps)
    profiler.disable()
    print(f"--- cProfile: plan_roadmap, 3000 items, max_parallel_per_owner {max_parallel} ---")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(15)
    return 0


# --------------------------------------------------------------------------- parent

def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def run_child(*args: str) -> dict[str, Any] | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT)
    wall = time.perf_counter() - t0
    if args[0] == "profile":
        print(proc.stdout or proc.stderr[-4000:])
        return None
    if proc.returncode != 0:
        print(f"  ({' '.join(args)}) failed with exit {proc.returncode}:\n{proc.stderr[-2000:]}")
        return None
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall"] = wall
    return result


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _caps_text(caps: dict[int, float]) -> str:
    return ",".join(f"{v:g}" for v in caps.values())


def layout_heights(sizes: Sequence[int], seed: int) -> dict[int, float]:
    """The height of our layout per size, so the naive chart gets the same figure size."""
    from okosys_plan.charts.roadmap.layout import layout_roadmap

    settings = _settings()
    return {n: layout_roadmap(render_items(n, seed, settings), settings, as_of=AS_OF,
                              source_name="generert.xlsx").size[1] for n in sizes}


def bench_render(sizes: Sequence[int], repeat: int, seed: int) -> dict[str, Any]:
    heights = layout_heights(sizes, seed)
    runs: dict[str, list[dict[str, Any]]] = {}
    tasks = [(side, fmt) for fmt in ("png", "svg") for side in ("ours", "naive")]
    for r in range(repeat):
        for n in sizes:
            order = tasks if r % 2 == 0 else tasks[::-1]
            for side, fmt in order:
                res = run_child("render", side, str(n), fmt, str(seed), repr(heights[n]))
                if res is None:
                    continue
                runs.setdefault(f"{n}-{side}-{fmt}", []).append(res)
                rend = res["render"]
                lay = res.get("layout", {"wall": 0.0, "peak_mb": float("nan")})
                print(f"  repeat {r + 1}/{repeat} {n:>5} bars {fmt} {side:<5} layout "
                      f"{lay['wall']:7.3f} s  draw+save {rend['wall']:7.3f} s (build "
                      f"{rend['build']:6.3f}, save {rend['save']:6.3f})  peak RSS "
                      f"{rend['peak_mb']:5.0f} MB  {res['bytes'] / 1e6:6.2f} MB file",
                      flush=True)
    summary: dict[str, Any] = {"heights": {str(n): h for n, h in heights.items()},
                               "runs": runs, "table": []}
    for n in sizes:
        for fmt in ("png", "svg"):
            ours = runs.get(f"{n}-ours-{fmt}", [])
            naive = runs.get(f"{n}-naive-{fmt}", [])
            row: dict[str, Any] = {"bars": n, "format": fmt, "repeats": min(len(ours),
                                                                              len(naive))}
            row["layout"] = _median([x["layout"]["wall"] for x in ours])
            row["render"] = _median([x["render"]["wall"] for x in ours])
            row["build"] = _median([x["render"]["build"] for x in ours])
            row["save"] = _median([x["render"]["save"] for x in ours])
            row["ours"] = _median([x["layout"]["wall"] + x["render"]["wall"] for x in ours])
            row["ours_cpu"] = _median([x["layout"]["cpu"] + x["render"]["cpu"] for x in ours])
            row["naive"] = _median([x["render"]["wall"] for x in naive])
            row["naive_cpu"] = _median([x["render"]["cpu"] for x in naive])
            row["naive_build"] = _median([x["render"]["build"] for x in naive])
            row["naive_save"] = _median([x["render"]["save"] for x in naive])
            row["ratio"] = row["ours"] / row["naive"]
            row["ratio_cpu"] = row["ours_cpu"] / row["naive_cpu"]
            row["ratio_render"] = row["render"] / row["naive"]
            row["peak_layout_mb"] = max((x["layout"]["peak_mb"] for x in ours),
                                        default=float("nan"))
            row["before_layout_mb"] = _median([x["layout"]["before_mb"] for x in ours])
            row["peak_render_mb"] = max((x["render"]["peak_mb"] for x in ours),
                                        default=float("nan"))
            row["before_render_mb"] = _median([x["render"]["before_mb"] for x in ours])
            row["peak_naive_mb"] = max((x["render"]["peak_mb"] for x in naive),
                                       default=float("nan"))
            row["before_naive_mb"] = _median([x["render"]["before_mb"] for x in naive])
            row["peak_reset"] = all(x[k]["peak_reset"] for x in ours for k in ("layout",
                                                                               "render"))
            row["bars_drawn"] = sorted({x["bars_drawn"] for x in ours})
            row["bytes"] = _median([x["bytes"] for x in ours])
            row["naive_bytes"] = _median([x["bytes"] for x in naive])
            row["size"] = ours[0]["size"] if ours else None
            row["pixels"] = ours[0].get("pixels") if ours else None
            row["ours_runs"] = [round(x["layout"]["wall"] + x["render"]["wall"], 3)
                                for x in ours]
            row["naive_runs"] = [round(x["render"]["wall"], 3) for x in naive]
            summary["table"].append(row)
    return summary


def bench_schedule(n: int, repeat: int, seed: int, caps: dict[int, float],
                   max_parallel: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {"caps": [], "owners": []}
    for r in range(repeat):
        order = ["caps", "owners"] if r % 2 == 0 else ["owners", "caps"]
        for variant in order:
            res = run_child("schedule", variant, str(n), str(seed), _caps_text(caps),
                            str(max_parallel))
            if res is None:
                continue
            runs[variant].append(res)
            check = res["check"]
            print(f"  repeat {r + 1}/{repeat} {variant:<6} first call {res['first']['wall']:6.3f} s"
                  f"  warm {res['warm']['wall']:6.3f} s  peak RSS {res['first']['peak_mb']:5.0f} "
                  f"MB  placed {res['placed']}/{n}  check "
                  f"{'OK' if check['ok'] else 'FAILED: ' + '; '.join(check['problems'][:3])}",
                  flush=True)
    summary: dict[str, Any] = {"items": n, "caps_mnok": caps, "max_parallel": max_parallel,
                               "runs": runs}
    for variant, got in runs.items():
        if not got:
            continue
        summary[variant] = {
            "first": _median([x["first"]["wall"] for x in got]),
            "first_cpu": _median([x["first"]["cpu"] for x in got]),
            "warm": _median([x["warm"]["wall"] for x in got]),
            "first_runs": [round(x["first"]["wall"], 4) for x in got],
            "peak_mb": max(x["first"]["peak_mb"] for x in got),
            "before_mb": _median([x["first"]["before_mb"] for x in got]),
            "peak_reset": all(x["first"]["peak_reset"] for x in got),
            "placed": got[0]["placed"], "fixed": got[0]["fixed"],
            "reasons": got[0]["reasons"], "budget": got[0]["budget"],
            "check_ok": all(x["check"]["ok"] for x in got),
            "same_twice": all(x["same_twice"] for x in got),
            "check": got[0]["check"],
        }
    return summary


def machine() -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    packages: dict[str, str | None] = {}
    for pkg in ("matplotlib", "numpy"):
        try:
            packages[pkg] = version(pkg)
        except PackageNotFoundError:
            packages[pkg] = None

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
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def _met(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def report_render(res: dict[str, Any]) -> None:
    print()
    print("Rendering (medians; ours = layout + roadmap_bytes, naive = barh/text + savefig):")
    hdr = (f"{'bars':>5} {'fmt':<4}{'layout s':>9}{'draw+save s':>12}{'ours s':>9}"
           f"{'naive s':>9}{'ours/naive':>11}{'draw/naive':>11}{'cpu ratio':>10}"
           f"{'peak MB lay/draw/naive':>24}")
    print(hdr)
    print("-" * len(hdr))
    for row in res["table"]:
        peaks = (f"{row['peak_layout_mb']:.0f}/{row['peak_render_mb']:.0f}/"
                 f"{row['peak_naive_mb']:.0f}")
        print(f"{row['bars']:>5} {row['format']:<4}{row['layout']:>9.3f}{row['render']:>12.3f}"
              f"{row['ours']:>9.3f}{row['naive']:>9.3f}{row['ratio']:>10.2f}x"
              f"{row['ratio_render']:>10.2f}x{row['ratio_cpu']:>9.2f}x{peaks:>24}")
    print("  (peak MB: the child process's peak RSS during the step, reset just before it; "
          "RSS before the step, median: "
          + ", ".join(f"{r['bars']} {r['format']} {r['before_layout_mb']:.0f}/"
                      f"{r['before_render_mb']:.0f}/{r['before_naive_mb']:.0f}"
                      for r in res["table"]) + ")")
    for row in res["table"]:
        if row["bars"] == TARGET_RENDER_BARS and row["format"] == "png":
            print(f"target: {TARGET_RENDER_BARS} bars to PNG within {TARGET_RENDER_RATIO}x "
                  f"the naive chart: {_met(row['ratio'] <= TARGET_RENDER_RATIO)} "
                  f"({row['ratio']:.2f}x with the layout, {row['ratio_render']:.2f}x "
                  f"drawing/saving alone; runs ours {row['ours_runs']}, naive "
                  f"{row['naive_runs']})")


def report_schedule(res: dict[str, Any]) -> None:
    print()
    print(f"Scheduling {res['items']} items, caps {res['caps_mnok']} MNOK (medians):")
    for variant, label in (("caps", "no owner limit"),
                           ("owners", f"max_parallel_per_owner {res['max_parallel']}")):
        s = res.get(variant)
        if not s:
            continue
        ok = s["check_ok"] and s["same_twice"]
        print(f"  {label:<28} first call {s['first']:.3f} s (runs {s['first_runs']}), warm "
              f"{s['warm']:.3f} s, peak RSS {s['peak_mb']:.0f} MB (before {s['before_mb']:.0f}"
              f" MB); placed {s['placed']} of {res['items']} ({s['fixed']} fixed); "
              f"reasons {s['reasons']}; checks {'OK' if ok else 'FAILED'}")
        print(f"    target < {TARGET_SCHEDULE_SECONDS:.0f} s: "
              f"{_met(ok and s['first'] < TARGET_SCHEDULE_SECONDS)}"
              + ("" if ok else " (the plan failed its checks, so the time does not count)"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bars", default="30,300,3000",
                    help="comma-separated bar counts to render (default 30,300,3000)")
    ap.add_argument("--items", type=int, default=3000, help="items to schedule")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--caps", default="6000,7000,8000,9000",
                    help="yearly caps in MNOK for 2022,2023,2024,2025")
    ap.add_argument("--max-parallel", type=int, default=20,
                    help="max_parallel_per_owner for the second scheduling run")
    ap.add_argument("--profile", action="store_true",
                    help="cProfile ours at 300 bars to PNG and one scheduling run")
    ap.add_argument("--skip-render", action="store_true")
    ap.add_argument("--skip-schedule", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    caps = dict(zip(range(2022, 2026), (float(x) for x in args.caps.split(",")), strict=True))
    if args.child:
        task, *rest = args.child
        if task == "render":
            side, n, fmt, seed, height = rest
            out = child_render(side, int(n), fmt, int(seed), float(height))
        elif task == "schedule":
            variant, n, seed, cap_text, limit = rest
            out = child_schedule(variant, int(n), int(seed),
                                 dict(zip(range(2022, 2026),
                                          (float(x) for x in cap_text.split(",")),
                                          strict=True)), int(limit))
        else:
            return child_profile(int(rest[0]), int(rest[1]), caps, args.max_parallel)
        print(json.dumps(out))
        return 0

    info = machine()
    results: dict[str, Any] = {"machine": info, "args": {
        k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
        if k != "child"}}
    print(f"{info['date']}  {info['system']}, nproc {info['nproc']}, Python {info['python']}, "
          f"matplotlib {info['packages']['matplotlib']}, load average {info['load_average']};"
          f" commit {info['commit']}"
          + (" (okosys_plan has uncommitted changes)" if info["package_changed"] else ""))
    try:
        if not args.skip_render:
            sizes = [int(x) for x in args.bars.split(",") if x.strip()]
            print(f"rendering {sizes} bars to PNG and SVG, {args.repeat} repeat(s), a fresh "
                  "process per task ...", flush=True)
            results["render"] = bench_render(sizes, args.repeat, args.seed)
        if not args.skip_schedule:
            print(f"scheduling {args.items} items, {args.repeat} repeat(s), a fresh process "
                  "per run ...", flush=True)
            results["schedule"] = bench_schedule(args.items, args.repeat, args.seed, caps,
                                                 args.max_parallel)
        if "render" in results:
            report_render(results["render"])
        if "schedule" in results:
            report_schedule(results["schedule"])
        info["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        print(f"\nload average after the run: {info['load_average_after']}")
        if args.profile:
            print()
            run_child("profile", str(TARGET_RENDER_BARS), str(args.seed), "--caps", args.caps,
                      "--max-parallel", str(args.max_parallel))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1, default=str) + "\n",
                            encoding="utf-8")
        shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
        print(f"\nwrote {shown}")
    except Exception as exc:  # a measurement never fails the caller
        import traceback

        traceback.print_exc()
        print(f"benchmark error: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
