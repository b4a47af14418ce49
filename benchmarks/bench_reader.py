"""Reader and start-up benchmark for okosys-plan (issue 2, section 6).

    python benchmarks/bench_reader.py [--rows 100000] [--repeat 3] [--startup-runs 10]
                                      [--profile] [--path FILE]

Generates the catalogue if it is missing (benchmarks/make_catalogue.py), then, in the
same run and each in its own fresh subprocess, times

  (a) okosys_plan.load_catalogue(path) + validate(...)
  (b) pandas.read_excel(path, sheet_name="Behov", engine="openpyxl")   (the baseline)
  (c) pandas.read_excel(path, sheet_name="Behov", engine="calamine")   (for reference)

alternating the order across repeats. Each child times only the call (imports are done
before the clock starts) and reports its own wall time, CPU time and peak RSS
(ru_maxrss, which includes the interpreter and its imports). The whole-process wall
time, start-up included, is reported too.

It also times ``python -m okosys_plan --help`` against ``python -c "import click"``
(interleaved) and checks, with ``-X importtime``, that ``--help`` imports neither pandas
nor matplotlib. ``--profile`` runs (a) once more under cProfile and prints the top 25
entries by cumulative time
(and the top 15 by own time).

This is a measurement, not a test: it always exits 0.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_RATIO = 0.3
TARGET_RSS_MB = 1024
TARGET_STARTUP = 2.0
HEAVY = ("pandas", "matplotlib", "numpy", "openpyxl", "python_calamine")

TASKS = {
    "a": "load_catalogue + validate",
    "b": "pandas.read_excel openpyxl",
    "c": "pandas.read_excel calamine",
}


# --------------------------------------------------------------------------- children

def _rss_mb() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024  # Linux: kB


def _current_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def child(task: str, path: str) -> int:
    """Run one task in this (fresh) process and print one JSON line."""
    run: Callable[[], tuple[int, int]]
    if task in ("a", "profile"):
        from okosys_plan import load_catalogue
        from okosys_plan.catalogue.validate import validate

        def run_ours() -> tuple[int, int]:
            catalogue = load_catalogue(path)
            report = validate(catalogue)
            return len(catalogue.needs), len(report.problems)

        run = run_ours
    else:
        import pandas as pd

        engine: Literal["openpyxl", "calamine"] = "openpyxl" if task == "b" else "calamine"

        def run_pandas() -> tuple[int, int]:
            frame = pd.read_excel(path, sheet_name="Behov", engine=engine)
            return len(frame), len(frame.columns)

        run = run_pandas

    if task == "profile":
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        run()
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(25)
        print("Top 15 by own (total) time:")
        stats.sort_stats("tottime").print_stats(15)
        return 0

    base = _current_rss_mb()
    c0, t0 = time.process_time(), time.perf_counter()
    shape = run()
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(json.dumps({
        "task": task, "elapsed": elapsed, "cpu": cpu, "rss_mb": _rss_mb(),
        "base_rss_mb": base, "shape": list(shape),
    }))
    return 0


# --------------------------------------------------------------------------- parent

def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def run_child(task: str, path: Path) -> dict[str, Any] | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", task, str(path)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        print(f"  ({task}) failed with exit {proc.returncode}:\n{proc.stderr[-2000:]}")
        return None
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall"] = wall
    return result


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _fmt(x: float, spec: str = ".2f") -> str:
    return "n/a" if x != x else format(x, spec)  # NaN -> n/a


def bench_reader(path: Path, repeat: int) -> dict[str, dict[str, float]]:
    results: dict[str, list[dict[str, Any]]] = {t: [] for t in TASKS}
    order = list(TASKS)
    for r in range(repeat):
        this = order if r % 2 == 0 else order[::-1]
        for task in this:
            res = run_child(task, path)
            if res is not None:
                results[task].append(res)
                print(f"  repeat {r + 1}/{repeat} ({task}) {res['elapsed']:7.2f} s  "
                      f"cpu {res['cpu']:7.2f} s  peak {res['rss_mb']:7.0f} MB  "
                      f"shape {res['shape']}", flush=True)
    summary = {}
    for task, runs in results.items():
        summary[task] = {
            "elapsed": _median([x["elapsed"] for x in runs]),
            "cpu": _median([x["cpu"] for x in runs]),
            "process_wall": _median([x["process_wall"] for x in runs]),
            "rss_mb": max((x["rss_mb"] for x in runs), default=float("nan")),
            "base_rss_mb": _median([x["base_rss_mb"] for x in runs]),
            "n": len(runs),
        }
    return summary


def _timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT)
    return time.perf_counter() - t0, proc


def bench_startup(runs: int) -> dict[str, Any]:
    ours_cmd = [sys.executable, "-m", "okosys_plan", "--help"]
    click_cmd = [sys.executable, "-c", "import click"]
    _, probe = _timed(ours_cmd)
    out: dict[str, Any] = {"available": probe.returncode == 0}
    if not out["available"]:
        out["error"] = (probe.stderr.strip().splitlines() or [f"exit {probe.returncode}"])[-1]
    ours: list[float] = []
    clicks: list[float] = []
    for i in range(runs):
        pair = [("ours", ours_cmd), ("click", click_cmd)]
        if i % 2:
            pair.reverse()
        for name, cmd in pair:
            if name == "ours" and not out["available"]:
                continue
            t, _ = _timed(cmd)
            (ours if name == "ours" else clicks).append(t)
    out["ours"] = _median(ours)
    out["click"] = _median(clicks)
    out["ratio"] = out["ours"] / out["click"] if ours and clicks else float("nan")
    if out["available"]:
        _, proc = _timed([sys.executable, "-X", "importtime", "-m", "okosys_plan", "--help"])
        loaded = set()
        for line in proc.stderr.splitlines():
            if line.startswith("import time:") and "|" in line:
                name = line.rsplit("|", 1)[1].strip()
                loaded.add(name.split(".")[0])
        out["heavy"] = sorted(m for m in HEAVY if m in loaded)
        out["n_modules"] = len(loaded)
    return out


def machine() -> str:
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs (nproc "
            f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}), "
            f"Python {platform.python_version()}")


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for pkg in ("pandas", "openpyxl", "python-calamine", "click"):
        try:
            parts.append(f"{pkg} {version(pkg)}")
        except PackageNotFoundError:
            parts.append(f"{pkg} -")
    return ", ".join(parts)


def report(path: Path, rows: int, reader: dict[str, dict[str, float]],
           startup: dict[str, Any]) -> None:
    a, b, c = reader["a"], reader["b"], reader["c"]
    ratio_ab = a["elapsed"] / b["elapsed"]
    ratio_cb = c["elapsed"] / b["elapsed"]
    print()
    print(f"Machine: {machine()}")
    print(f"Packages: {versions()}")
    print(f"File: {path} ({rows} rows requested, {path.stat().st_size / 1e6:.1f} MB)")
    print()
    hdr = (f"{'task':<34}{'median s':>10}{'cpu s':>9}{'proc wall s':>13}"
           f"{'peak RSS MB':>13}{'vs (b)':>8}")
    print(hdr)
    print("-" * len(hdr))
    for key, res in reader.items():
        rel = res["elapsed"] / b["elapsed"]
        print(f"({key}) {TASKS[key]:<30}{_fmt(res['elapsed']):>10}{_fmt(res['cpu']):>9}"
              f"{_fmt(res['process_wall']):>13}{_fmt(res['rss_mb'], '.0f'):>13}"
              f"{_fmt(rel):>7}x")
    print()
    def met(ok: bool) -> str:
        return "MET" if ok else "MISSED"

    print(f"(a)/(b) = {_fmt(ratio_ab, '.3f')}  target <= {TARGET_RATIO}: "
          f"{met(ratio_ab <= TARGET_RATIO)}"
          + ("" if ratio_ab <= TARGET_RATIO else
             f" (by {ratio_ab / TARGET_RATIO:.1f}x; would need {a['elapsed']:.1f} s -> "
             f"{TARGET_RATIO * b['elapsed']:.1f} s)"))
    print(f"(c)/(b) = {_fmt(ratio_cb, '.3f')}  (reference: calamine through pandas)")
    print(f"(a) cpu/(b) cpu = {_fmt(a['cpu'] / b['cpu'], '.3f')}")
    print(f"(a) peak RSS = {_fmt(a['rss_mb'], '.0f')} MB  target < {TARGET_RSS_MB} MB: "
          f"{met(a['rss_mb'] < TARGET_RSS_MB)}")
    print()
    if startup["available"]:
        print(f"start-up: python -m okosys_plan --help {startup['ours'] * 1000:.0f} ms, "
              f"python -c 'import click' {startup['click'] * 1000:.0f} ms (medians)")
        print(f"start-up ratio = {startup['ratio']:.2f}  target <= {TARGET_STARTUP}: "
              f"{met(startup['ratio'] <= TARGET_STARTUP)}")
        heavy = startup.get("heavy", [])
        bad = [m for m in heavy if m in ("pandas", "matplotlib")]
        print(f"--help imports {startup.get('n_modules', '?')} top-level modules; heavy ones: "
              f"{', '.join(heavy) or 'none'}; pandas/matplotlib imported: "
              f"{'YES (' + ', '.join(bad) + ')' if bad else 'no'}")
    else:
        print(f"start-up: python -m okosys_plan --help: n/a ({startup.get('error')}); "
              f"python -c 'import click' {startup['click'] * 1000:.0f} ms")
        print("start-up ratio = n/a")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--startup-runs", type=int, default=10)
    ap.add_argument("--path", type=Path, default=None,
                    help="catalogue to read (default benchmarks/out/catalogue_<rows>.xlsx)")
    ap.add_argument("--profile", action="store_true", help="also profile (a) with cProfile")
    ap.add_argument("--skip-reader", action="store_true", help="only the start-up check")
    ap.add_argument("--child", nargs=2, metavar=("TASK", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(*args.child)

    try:
        startup = bench_startup(args.startup_runs)
        if args.skip_reader:
            print(f"Machine: {machine()}")
            report_startup_only(startup)
            return 0
        rows = args.rows
        name = "catalogue_100k.xlsx" if rows == 100_000 else f"catalogue_{rows}.xlsx"
        path = args.path or HERE / "out" / name
        if not path.exists():
            print(f"generating {path} ...", flush=True)
            sys.path.insert(0, str(HERE))
            from make_catalogue import make

            t0 = time.perf_counter()
            make(path, rows)
            print(f"  done in {time.perf_counter() - t0:.1f} s", flush=True)
        path.read_bytes()  # warm the page cache so the first task is not penalised
        print(f"timing {args.repeat} repeat(s) of (a), (b), (c), alternating order ...",
              flush=True)
        reader = bench_reader(path, args.repeat)
        report(path, rows, reader, startup)
        if args.profile:
            print("\ncProfile of (a) load_catalogue + validate, top 25 by cumulative time:")
            proc = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--child", "profile", str(path)],
                capture_output=True, text=True, env=_env(), cwd=ROOT)
            print(proc.stdout or proc.stderr[-2000:])
    except Exception as exc:  # a measurement never fails the caller
        print(f"benchmark error: {type(exc).__name__}: {exc}")
    return 0


def report_startup_only(startup: dict[str, Any]) -> None:
    if startup["available"]:
        print(f"start-up ratio = {startup['ratio']:.2f} ({startup['ours'] * 1000:.0f} ms vs "
              f"{startup['click'] * 1000:.0f} ms); heavy imports: "
              f"{', '.join(startup.get('heavy', [])) or 'none'}")
    else:
        print(f"start-up: n/a ({startup.get('error')})")


if __name__ == "__main__":
    sys.exit(main())
