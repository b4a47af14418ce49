"""The whole pipeline's cost as the catalogue grows, and every earlier baseline (issue 7, §2).

    benchmarks/run_all [--sizes 100,1000,10000,100000] [--skip-100k] [--repeat 1]
                       [--out benchmarks/out/] [--seed 1] [--timeout 1800] [--no-cli]
                       [--baselines quick|full|none] [--profile SIZE]

1. Catalogues. For each size ``make_catalogue.make_full`` writes
   ``<out>/full_<n>.xlsx`` (if missing): the bundled catalogue's eleven sheets tiled to
   ``n`` needs, about 0.6 measures per need, ~2.1 cost lines, ~2.5 funding lines and
   ~3.5 usage rows per need, 20–90 agencies (seeded; saved with the library's
   deterministic writer), so the real reader reads it.

2. Steps. Each size runs in its own fresh child process (``--repeat`` times; medians).
   The child imports the package first (untimed), then runs the real
   ``pipeline.run_pipeline`` and times its steps from its progress callback
   (validate = load + validate + the input's SHA-256; prioritise = scoring + the
   1 000-draw sensitivity; plan; funding), then the real ``job.write_outputs`` with
   the writer functions it calls wrapped by a timer (priority workbook, priority charts
   PNG + SVG, plan workbook = ``plan_tables`` + ``write_sheets``, roadmap charts
   PNG/SVG/PDF + text alternative, funding workbook + charts, the deck, HTML report; the
   rest — audit record and file hashes — is "other"). Sub-timers (not steps): the roadmap
   layout inside the roadmap and report steps, the report's charts.

   Memory: per step, the child's peak RSS while the step ran (Linux ``VmHWM``, reset
   through ``/proc/self/clear_refs`` just before the step, after a ``gc.collect()``
   outside the clock), so it is the whole process at its peak — interpreter,
   libraries, the catalogue and the earlier results — with the RSS just before the
   step beside it (the step's own growth is the difference). Where the reset is not
   allowed it falls back to the lifetime peak and says so.

   Also per size (unless ``--no-cli``), the real command ``python -m okosys_plan run
   FILE -o DIR --as-of 2024-06-30`` in a subprocess: wall time and the peak RSS from
   ``os.wait4`` — this is the end-to-end figure the targets are judged on.

3. The table, the growth factor per step between consecutive sizes and, beside it, what
   n·log n would allow (``(n₂ log n₂) / (n₁ log n₁)``); a step that grows faster is
   flagged. Targets: the 10 000-need run end to end under 30 s and under 2 GB.

4. Baselines of the earlier issues, side by side in the same run, by calling the
   existing benchmark scripts' functions: ``bench_reader`` (our reader against bare
   ``pandas.read_excel`` with openpyxl, and calamine), ``bench_scoring`` (the per-row
   scoring loop and the per-draw pandas sensitivity against ours), ``bench_roadmap``
   (the naive ``barh`` chart against ours, and scheduling 3 000 items). ``quick``
   (default) uses modest sizes; ``full`` the sizes in docs/performance.md.

Everything is also written to ``<out>/run_all.json``. A child that passes
``--timeout`` seconds is stopped and its finished steps are kept. ``--profile N``
runs one more child at N needs under cProfile and prints the top entries of each slow
step. This is a measurement, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import math
import os
import platform
import selectors
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The tree whose ``okosys_plan`` the children import: this checkout, or another one
#: (``--code DIR`` / ``OKOSYS_BENCH_CODE``, e.g. a worktree of main as a baseline).
CODE = Path(os.environ.get("OKOSYS_BENCH_CODE") or ROOT).resolve()
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(CODE))
from memory import peak_mb as _peak_mb  # noqa: E402
from memory import reset_peak as _reset_peak  # noqa: E402
from memory import status_mb as _status_mb  # noqa: E402

AS_OF = dt.date(2024, 6, 30)
SIZES = (100, 1_000, 10_000, 100_000)
TARGET_N = 10_000
TARGET_SECONDS = 30.0
TARGET_MB = 2048.0

#: Steps in the order of the run; label for the table.
STEPS = {
    "validate": "load + validate",
    "prioritise": "prioritise (+ 1 000-draw sensitivity)",
    "plan": "plan",
    "funding": "funding analysis",
    "priority_workbook": "write: priority workbook",
    "priority_charts": "write: priority charts (PNG+SVG)",
    "plan_workbook": "write: plan workbook",
    "roadmap": "write: roadmap PNG/SVG/PDF + text",
    "funding_outputs": "write: funding workbook + charts",
    "deck": "write: deck (.pptx)",
    "report": "write: HTML report",
    "other": "write: audit, hashes, rest",
}
PIPELINE_STEPS = ("validate", "prioritise", "plan", "funding")


# --------------------------------------------------------------------------- memory

class Clock:
    """Times named steps one after another (wall, CPU, peak RSS reset per step)."""

    def __init__(self, emit: Callable[[dict[str, Any]], None]) -> None:
        self.emit = emit
        self.current: str | None = None
        self.overhead = 0.0
        self.subs: dict[str, float] = {}
        self.failed: str | None = None

    def start(self, name: str) -> None:
        t0 = time.perf_counter()
        gc.collect()
        self.reset = _reset_peak()
        self.before = _status_mb("VmRSS")
        self.current = name
        self.overhead += time.perf_counter() - t0
        self.c0, self.t0 = time.process_time(), time.perf_counter()

    def stop(self) -> None:
        if self.current is None:
            return
        wall, cpu = time.perf_counter() - self.t0, time.process_time() - self.c0
        self.emit({"step": self.current, "wall": wall, "cpu": cpu,
                   "peak_mb": _peak_mb(self.reset), "before_mb": self.before,
                   "peak_reset": self.reset, "subs": self.subs})
        self.current, self.subs = None, {}


def _wrap(module: Any, name: str, clock: Clock, step: str | None) -> None:
    """Replace ``module.<name>`` by a timer: a step of its own, or a sub-timer (None)."""
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if step is None or clock.current is not None:  # nested: time it, no new step
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                clock.subs[name] = clock.subs.get(name, 0.0) + time.perf_counter() - t0
        clock.start(step)
        try:
            return original(*args, **kwargs)
        except Exception:
            clock.subs["failed"] = 1.0
            clock.failed = step
            raise
        finally:
            clock.stop()

    setattr(module, name, wrapper)


# --------------------------------------------------------------------------- child

def child(n: int, path: str, folder: str, profile: bool = False) -> int:
    """Run the job on one catalogue in this (fresh) process; one JSON line per step."""
    import okosys_plan.charts.priority.save as charts_save
    import okosys_plan.export.sheets as export_sheets
    import okosys_plan.prioritise.workbook as export_priority
    import okosys_plan.report.outputs as job
    import okosys_plan.roadmap.present as roadmap_present
    from okosys_plan.run.pipeline import RunConfig, run_pipeline

    out = Path(folder)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)

    def emit(record: dict[str, Any]) -> None:
        print(json.dumps(record), flush=True)

    clock = Clock(emit)
    holder: list[Any] = []  # the current step's cProfile.Profile, with --profile
    last_step = [""]

    def profile_next(step: str) -> None:
        if not profile:
            return
        import cProfile

        if holder:
            holder[0].disable()
            _dump_profile(holder.pop(), last_step[0])
        if step:
            holder.append(cProfile.Profile())
            holder[0].enable()
        last_step[0] = step

    def progress(step: str) -> None:
        clock.stop()
        profile_next(step)
        clock.start(step)

    config = RunConfig()
    t0 = time.perf_counter()
    results = run_pipeline(Path(path), config, AS_OF, progress=progress)
    clock.stop()
    profile_next("")
    pipeline_wall = time.perf_counter() - t0
    report = results.checked.report
    emit({"facts": {
        "needs": len(results.checked.catalogue.needs) if results.checked.catalogue else 0,
        "measures": (len(results.checked.catalogue.measures)
                     if results.checked.catalogue else 0),
        "errors": len(report.errors) if report is not None else None,
        "warnings": len(report.warnings) if report is not None else None,
        "plan_items": len(results.plan.items) if results.plan else 0,
        "placed": sum(p.placed for p in results.plan.items) if results.plan else 0,
    }})
    if results.prioritised is None:
        emit({"error": "the catalogue did not validate; nothing written"})
        return 0

    _wrap(export_priority, "write_priority_workbook", clock, "priority_workbook")
    _wrap(charts_save, "write_priority_chart_formats", clock, "priority_charts")
    _wrap(roadmap_present, "plan_tables", clock, "plan_workbook.tables")
    _wrap(export_sheets, "write_sheets", clock, "plan_workbook")
    _wrap(job, "_write_roadmap", clock, "roadmap")
    _wrap(job, "_write_funding", clock, "funding_outputs")
    if hasattr(job, "_write_deck"):  # the deck (issue 17); older code has none
        _wrap(job, "_write_deck", clock, "deck")
    _wrap(job, "report_bytes", clock, "report")
    _wrap(job, "roadmap_layout", clock, None)
    _wrap(job, "report_charts", clock, None)
    overhead0 = clock.overhead
    profile_next("write_outputs (all writers)")
    t1 = time.perf_counter()
    try:
        written = job.write_outputs(results, config, out)
    except Exception as exc:  # report it, then time the writers write_outputs never reached
        failed = clock.current or clock.failed
        if clock.current is not None:
            clock.subs["failed"] = 1.0
            clock.stop()
        profile_next("")
        emit({"error": f"write_outputs stopped in {failed}: {type(exc).__name__}: "
                       f"{str(exc)[:300]}", "failed_step": failed})
        del exc  # free the traceback's frames before the report is timed
        if failed != "report":
            report = job.report_bytes(results, config)  # the wrapper times it
            (out / job.RUN_FILES["report"]).write_bytes(report)
        return 0
    write_wall = time.perf_counter() - t1
    profile_next("")
    emit({"write_total": write_wall, "write_overhead": clock.overhead - overhead0,
          "pipeline_total": pipeline_wall, "files": sorted(p.name for p in written),
          "bytes": sum(p.stat().st_size for p in written)})
    return 0


def _dump_profile(profiler: Any, step: str, top: int = 25) -> None:
    import io
    import pstats

    if not step:
        return
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("cumulative").print_stats(top)
    buffer.write("by own time:\n")
    stats.sort_stats("tottime").print_stats(15)
    text = buffer.getvalue().replace(str(ROOT) + "/", "")
    print(f"===== cProfile: {step} =====\n{text}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- parent

def _env() -> dict[str, str]:
    env = dict(os.environ)
    code = os.environ.get("OKOSYS_BENCH_CODE") or str(CODE)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (code, env.get("PYTHONPATH")) if p)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


#: CPU seconds (user + system) of the last child ``_stream_child`` waited for.
LAST_CPU = [float("nan")]


def _stream_child(cmd: list[str], timeout: float, on_line: Callable[[str], None],
                  stderr_path: Path | None = None) -> tuple[float, float, bool, int]:
    """Run ``cmd``; feed stdout lines as they come; (wall, peak MB, timed out, exit)."""
    err = stderr_path.open("w", encoding="utf-8") if stderr_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    env = _env()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, env=env,
                            cwd=env["PYTHONPATH"].split(os.pathsep)[0])
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    timed_out = False
    while True:
        left = timeout - (time.perf_counter() - t0)
        if left <= 0:
            timed_out = True
            proc.kill()
            break
        if sel.select(timeout=min(left, 5.0)):
            line = proc.stdout.readline()
            if not line:
                break
            on_line(line)
    for line in proc.stdout:  # whatever is left after a kill or EOF
        on_line(line)
    _, status, usage = os.wait4(proc.pid, 0)
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if stderr_path:
        err.close()  # type: ignore[union-attr]
    return wall, usage.ru_maxrss / 1024, timed_out, proc.returncode


def catalogue(n: int, out: Path, seed: int) -> tuple[Path, float | None]:
    from make_catalogue import make_full

    path = out / (f"full_{n}.xlsx" if seed == 1 else f"full_{n}_s{seed}.xlsx")
    if path.exists():
        return path, None
    t0 = time.perf_counter()
    make_full(path, n, seed)
    return path, time.perf_counter() - t0


def run_steps(n: int, path: Path, out: Path, timeout: float, tag: str = "") -> dict[str, Any]:
    """One fresh child on ``path``: its step records, totals and process figures."""
    steps: dict[str, dict[str, Any]] = {}
    extra: dict[str, Any] = {}

    def on_line(line: str) -> None:
        try:
            record = json.loads(line)
        except ValueError:
            return
        if "step" in record:
            step = record["step"]
            if step in steps:  # called twice (the priority charts: PNG, then SVG)
                first = steps[step]
                record = {**record, "wall": first["wall"] + record["wall"],
                          "cpu": first["cpu"] + record["cpu"],
                          "peak_mb": max(first["peak_mb"], record["peak_mb"]),
                          "before_mb": first["before_mb"], "calls": first.get("calls", 1) + 1}
            steps[step] = record
            print(f"    {record['step']:<22}{record['wall']:9.2f} s  peak "
                  f"{record['peak_mb']:6.0f} MB (before {record['before_mb']:.0f})",
                  flush=True)
        else:
            extra.update(record)

    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n), str(path),
           str(out / f"run_{tag or n}")]
    wall, peak, timed_out, code = _stream_child(cmd, timeout, on_line,
                                                out / f"run_{tag or n}.stderr")
    if "plan_workbook.tables" in steps:  # plan_tables is built just before write_sheets
        tables = steps.pop("plan_workbook.tables")
        if "plan_workbook" in steps:
            book = steps["plan_workbook"]
            book["wall"] += tables["wall"]
            book["cpu"] += tables["cpu"]
            book["peak_mb"] = max(book["peak_mb"], tables["peak_mb"])
            book["before_mb"] = tables["before_mb"]
    if "write_total" in extra:
        timed = sum(steps[s]["wall"] for s in STEPS if s in steps and s not in
                    PIPELINE_STEPS and s != "other")
        steps["other"] = {"step": "other", "cpu": float("nan"),
                          "wall": extra["write_total"] - extra["write_overhead"] - timed,
                          "peak_mb": float("nan"), "before_mb": float("nan"),
                          "peak_reset": True, "subs": {}}
    # the per-step reset lowers the kernel's lifetime peak too: take the steps' highest
    peak = max([peak, *(s["peak_mb"] for s in steps.values() if s["peak_mb"] == s["peak_mb"])])
    return {"steps": steps, "process_wall": wall, "process_peak_mb": peak,
            "timed_out": timed_out, "exit": code, **extra}


def run_cli(n: int, path: Path, out: Path, timeout: float, tag: str = "") -> dict[str, Any]:
    """``python -m okosys_plan run`` end to end: wall time and peak RSS (os.wait4)."""
    folder = out / f"cli_{tag or n}"
    shutil.rmtree(folder, ignore_errors=True)
    cmd = [sys.executable, "-m", "okosys_plan", "run", str(path), "-o", str(folder),
           "--as-of", AS_OF.isoformat()]
    wall, peak, timed_out, code = _stream_child(cmd, timeout, lambda _line: None)
    files = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    return {"wall": wall, "cpu": LAST_CPU[0], "peak_mb": peak, "timed_out": timed_out,
            "exit": code,
            "files": files}


def _median(values: Sequence[float]) -> float:
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    summary: dict[str, Any] = {"steps": {}}
    for step in STEPS:
        got = [r["steps"][step] for r in runs if step in r["steps"]]
        if not got:
            continue
        subs: dict[str, float] = {}
        for key in {k for g in got for k in g.get("subs", {})}:
            subs[key] = _median([g["subs"].get(key, float("nan")) for g in got])
        summary["steps"][step] = {
            "wall": _median([g["wall"] for g in got]),
            "cpu": _median([g["cpu"] for g in got]),
            "peak_mb": max((g["peak_mb"] for g in got if g["peak_mb"] == g["peak_mb"]),
                           default=float("nan")),
            "before_mb": _median([g["before_mb"] for g in got]),
            "peak_reset": all(g["peak_reset"] for g in got),
            "runs": [round(g["wall"], 3) for g in got], "subs": subs}
    summary["timed_out"] = any(r["timed_out"] for r in runs)
    summary["process_wall"] = _median([r["process_wall"] for r in runs])
    summary["process_peak_mb"] = max(r["process_peak_mb"] for r in runs)
    for key in ("write_total", "pipeline_total", "bytes"):
        summary[key] = _median([r[key] for r in runs if key in r])
    summary["facts"] = next((r["facts"] for r in runs if "facts" in r), {})
    summary["error"] = next((r["error"] for r in runs if "error" in r), None)
    summary["files"] = next((r["files"] for r in runs if "files" in r), [])
    return summary


def nlogn_factor(n1: int, n2: int) -> float:
    return (n2 * math.log(n2)) / (n1 * math.log(n1))


def machine() -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    packages: dict[str, str | None] = {}
    for pkg in ("numpy", "matplotlib", "openpyxl", "python-calamine", "pandas"):
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


def _fmt_t(x: float) -> str:
    if x != x:
        return "–"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}"


def report_scale(sizes: list[int], res: dict[int, dict[str, Any]],
                 cli: dict[int, dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    w = 12
    lines.append("Wall time per step, s (median of repeats; peak RSS MB of the child during "
                 "the step, reset just before it):")
    head = f"{'step':<38}" + "".join(f"{n:>{w}}" for n in sizes)
    lines += [head, "-" * len(head)]
    for step, label in STEPS.items():
        row = f"{label:<38}"
        for n in sizes:
            s = res.get(n, {}).get("steps", {}).get(step)
            mark = "†" if s and s.get("subs", {}).get("failed") else ""
            row += f"{(_fmt_t(s['wall']) + mark) if s else '–':>{w}}"
        lines.append(row)
        if step != "other":
            row = f"{'   peak MB':<38}"
            for n in sizes:
                s = res.get(n, {}).get("steps", {}).get(step)
                peak = s["peak_mb"] if s else float("nan")
                row += f"{format(peak, '.0f') if peak == peak else '–':>{w}}"
            lines.append(row)
    row = f"{'sum of steps':<38}"
    for n in sizes:
        steps = res.get(n, {}).get("steps", {})
        row += f"{_fmt_t(sum(s['wall'] for s in steps.values())) if steps else '–':>{w}}"
    lines.append(row)
    row = f"{'child process (imports included)':<38}"
    for n in sizes:
        r = res.get(n)
        row += f"{(_fmt_t(r['process_wall']) + ('*' if r['timed_out'] else '')) if r else '–':>{w}}"
    lines.append(row)
    row = f"{'   its peak RSS MB':<38}"
    for n in sizes:
        r = res.get(n)
        row += f"{format(r['process_peak_mb'], '.0f') if r else '–':>{w}}"
    lines.append(row)
    if cli:
        row = f"{'okosys-plan run, end to end, s':<38}"
        for n in sizes:
            c = cli.get(n)
            row += f"{(_fmt_t(c['wall']) + ('*' if c['timed_out'] else '')) if c else '–':>{w}}"
        lines.append(row)
        row = f"{'   its peak RSS MB':<38}"
        for n in sizes:
            c = cli.get(n)
            row += f"{format(c['peak_mb'], '.0f') if c else '–':>{w}}"
        lines.append(row)
    failed = [f"{n}: {r['error']}" for n, r in res.items() if r.get("error")]
    if failed:
        lines.append("  († the step raised; its time is until the exception — "
                     + " | ".join(failed) + ")")
    if any(r.get("timed_out") for r in res.values()) or any(c.get("timed_out")
                                                            for c in cli.values()):
        lines.append("  (* stopped at --timeout; the steps shown finished before it)")
    lines.append("")
    pairs = list(itertools.pairwise(sizes))
    if pairs:
        lines.append("Growth factor per step between sizes (wall time), with what n·log n "
                     "allows; ! = faster than n·log n:")
        head = f"{'step':<38}" + "".join(f"{f'{a}→{b}':>{w + 4}}" for a, b in pairs)
        lines += [head, "-" * len(head)]
        lines.append(f"{'n·log n':<38}" + "".join(f"{nlogn_factor(a, b):>{w + 3}.1f}×"
                                                  for a, b in pairs))
        for step, label in STEPS.items():
            row = f"{label:<38}"
            for a, b in pairs:
                sa = res.get(a, {}).get("steps", {}).get(step)
                sb = res.get(b, {}).get("steps", {}).get(step)
                if sa and sb and sa["wall"] > 0:
                    g = sb["wall"] / sa["wall"]
                    flag = "!" if g > nlogn_factor(a, b) else " "
                    row += f"{g:>{w + 2}.1f}×{flag}"
                else:
                    row += f"{'–':>{w + 4}}"
            lines.append(row)
    return lines


def report_targets(res: dict[int, dict[str, Any]], cli: dict[int, dict[str, Any]],
                   sizes: list[int]) -> list[str]:
    lines = []
    c, r = cli.get(TARGET_N), res.get(TARGET_N)
    if c:
        wall, peak = c["wall"], c["peak_mb"]
        lines.append(f"target: {TARGET_N} needs end to end < {TARGET_SECONDS:.0f} s: "
                     f"{'MET' if wall < TARGET_SECONDS else 'MISSED'} ({wall:.1f} s, "
                     f"okosys-plan run); < {TARGET_MB / 1024:.0f} GB: "
                     f"{'MET' if peak < TARGET_MB else 'MISSED'} ({peak:.0f} MB)")
    elif r:  # the step child imports untimed, collects and resets its peak between steps
        lines.append(f"target: {TARGET_N} needs end to end: not judged without the real "
                     f"command (--no-cli); the step child, measuring as it goes, took "
                     f"{r['process_wall']:.1f} s at {r['process_peak_mb']:.0f} MB")
    fast = []
    for a, b in itertools.pairwise(sizes):
        for step in STEPS:
            sa = res.get(a, {}).get("steps", {}).get(step)
            sb = res.get(b, {}).get("steps", {}).get(step)
            if sa and sb and sa["wall"] > 0.05 and sb["wall"] / sa["wall"] > nlogn_factor(a, b):
                fast.append(f"{STEPS[step]} {a}→{b}: {sb['wall'] / sa['wall']:.1f}× "
                            f"(n·log n {nlogn_factor(a, b):.1f}×)")
    lines.append("target: no step faster than n·log n: " + ("MET" if not fast else
                 "MISSED — " + "; ".join(fast)))
    lines.append("  (steps under 0.05 s at the smaller size are not judged: fixed costs)")
    return lines


# --------------------------------------------------------------------------- baselines

def run_baselines(kind: str, out: Path, repeat: int, seed: int) -> dict[str, Any]:
    """The earlier issues' baselines through their own scripts' functions."""
    import bench_reader
    import bench_roadmap
    import bench_scoring

    quick = kind == "quick"
    res: dict[str, Any] = {"kind": kind}
    rows = 20_000 if quick else 100_000
    path = out / ("catalogue_100k.xlsx" if rows == 100_000 else f"catalogue_{rows}.xlsx")
    if not path.exists():
        from make_catalogue import make

        make(path, rows)
    path.read_bytes()
    print(f"\n[baseline, issue 2] reader: {rows} rows, {repeat} repeat(s) of (a) ours, (b) "
          "pandas+openpyxl, (c) pandas+calamine ...", flush=True)
    reader = bench_reader.bench_reader(path, repeat)
    startup = bench_reader.bench_startup(10)
    bench_reader.report(path, rows, reader, startup)
    res["reader"] = {"rows": rows, "summary": reader, "startup": startup}

    needs = 200_000 if quick else 1_000_000
    print(f"\n[baseline, issue 3] scoring {needs} needs (ours vs per-row loop), sensitivity "
          f"10 000 draws × 1 000 needs (ours vs per-draw pandas) ...", flush=True)
    scoring = bench_scoring.bench_scoring(needs, 0 if quick else needs, repeat, seed)
    sens = bench_scoring.bench_sensitivity(1_000, 10_000, 2_000 if quick else 10_000, 500,
                                           repeat, seed, False)
    bench_scoring.report_scoring(scoring)
    bench_scoring.report_sensitivity(sens)
    res["scoring"], res["sensitivity"] = scoring, sens

    bars = [30, 300] if quick else [30, 300, 3000]
    print(f"\n[baseline, issue 4] roadmap: {bars} bars ours vs naive barh; scheduling 3 000 "
          "items ...", flush=True)
    render = bench_roadmap.bench_render(bars, repeat, seed)
    caps = dict(zip(range(2022, 2026), (6000.0, 7000.0, 8000.0, 9000.0), strict=True))
    schedule = bench_roadmap.bench_schedule(3000, repeat, seed, caps, 20)
    bench_roadmap.report_render(render)
    bench_roadmap.report_schedule(schedule)
    res["render"], res["schedule"] = render, schedule
    return res


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(str(n) for n in SIZES),
                    help="comma-separated need counts (default 100,1000,10000,100000)")
    ap.add_argument("--skip-100k", action="store_true", help="leave out 100 000 needs")
    ap.add_argument("--repeat", type=int, default=1, help="fresh children per size")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=1800.0,
                    help="seconds per child before it is stopped (default 1800)")
    ap.add_argument("--no-cli", action="store_true",
                    help="skip the end-to-end 'okosys-plan run' per size")
    ap.add_argument("--baselines", choices=("quick", "full", "none"), default="quick")
    ap.add_argument("--profile", type=int, metavar="N", default=None,
                    help="also run N needs once under cProfile (printed per step)")
    ap.add_argument("--shapes", default=None, metavar="LIST",
                    help="catalogue shapes instead of the tiled sizes: 'all' or some of "
                         "base,long_text,unplaced,outside,milestones,chain,one_lane,"
                         "many_agencies,no_measures (see benchmarks/shapes.py)")
    ap.add_argument("--shape-sizes", default="2000,10000",
                    help="need counts for --shapes (default 2000,10000)")
    ap.add_argument("--baseline-code", default=None, metavar="DIR",
                    help="with --shapes: also run another checkout's package (e.g. a "
                         "worktree of main) on each file, interleaved, for ratios")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--profile-child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(int(args.child[0]), args.child[1], args.child[2])
    if args.profile_child:
        return child(int(args.profile_child[0]), args.profile_child[1],
                     args.profile_child[2], profile=True)

    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    if args.skip_100k:
        sizes = [n for n in sizes if n < 100_000]
    info = machine()
    print(f"{info['date']}  {info['system']}, nproc {info['nproc']}, Python "
          f"{info['python']}, load average {info['load_average']}; commit {info['commit']}"
          + (" (okosys_plan has uncommitted changes)" if info["package_changed"] else ""),
          flush=True)
    results: dict[str, Any] = {"machine": info, "args": {
        k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
        if k not in ("child", "profile_child")}, "sizes": {}, "cli": {}}
    t_all = time.perf_counter()
    if args.shapes:
        return _main_shapes(args, out, info, results, t_all)
    try:
        res: dict[int, dict[str, Any]] = {}
        cli: dict[int, dict[str, Any]] = {}
        for n in sizes:
            path, made = catalogue(n, out, args.seed)
            from make_catalogue import full_counts

            counts = full_counts(n, args.seed)
            print(f"\n{n} needs: {path.name} ({path.stat().st_size / 1e6:.1f} MB"
                  + (f", generated in {made:.1f} s" if made is not None else "") + "); "
                  + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
            path.read_bytes()  # warm the page cache
            t_size = time.perf_counter()
            runs = []
            for r in range(args.repeat):
                print(f"  steps, repeat {r + 1}/{args.repeat} (fresh process):", flush=True)
                runs.append(run_steps(n, path, out, args.timeout))
            res[n] = summarise(runs)
            res[n]["counts"] = counts
            res[n]["runs"] = runs
            if not args.no_cli:
                print("  okosys-plan run, end to end ...", flush=True)
                cli[n] = run_cli(n, path, out, args.timeout)
                c = cli[n]
                print(f"    {c['wall']:.2f} s, peak RSS {c['peak_mb']:.0f} MB, exit "
                      f"{c['exit']}, {len(c['files'])} files"
                      + (" (stopped at --timeout)" if c["timed_out"] else ""), flush=True)
            res[n]["size_wall"] = time.perf_counter() - t_size
            print(f"  {n} needs took {res[n]['size_wall']:.0f} s in all", flush=True)
        results["sizes"], results["cli"] = res, cli
        print()
        lines = report_scale(sizes, res, cli)
        lines.append("")
        lines += report_targets(res, cli, sizes)
        print("\n".join(lines))
        if args.profile:
            path, _ = catalogue(args.profile, out, args.seed)
            prof = out / f"profile_{args.profile}.txt"
            print(f"\ncProfile of every step at {args.profile} needs -> {prof} ...",
                  flush=True)
            _stream_child([sys.executable, str(Path(__file__).resolve()), "--profile-child",
                           str(args.profile), str(path), str(out / f"prof_{args.profile}")],
                          args.timeout * 3, lambda _line: None, prof)
        if args.baselines != "none":
            results["baselines"] = run_baselines(args.baselines, out, max(args.repeat, 1),
                                                 args.seed)
    except Exception as exc:  # a measurement never fails the caller
        import traceback

        traceback.print_exc()
        print(f"benchmark error: {type(exc).__name__}: {exc}")
    return _finish(out, info, results, t_all)


def _main_shapes(args: argparse.Namespace, out: Path, info: dict[str, Any],
                 results: dict[str, Any], t_all: float) -> int:
    """``--shapes``: each shape at each of ``--shape-sizes`` (benchmarks/run_shapes.py)."""
    import run_shapes

    shapes = run_shapes.check_shapes(args.shapes)
    sizes = [int(x) for x in args.shape_sizes.split(",") if x.strip()]
    try:
        results["shapes"] = run_shapes.run(shapes, sizes, out, args.repeat, args.seed,
                                           args.timeout, not args.no_cli,
                                           args.baseline_code)
        print("\n".join(run_shapes.report(results["shapes"], sizes)))
    except Exception as exc:  # a measurement never fails the caller
        import traceback

        traceback.print_exc()
        print(f"benchmark error: {type(exc).__name__}: {exc}")
    return _finish(out, info, results, t_all, "run_shapes.json")


def _no_nan(value: Any) -> Any:
    """``value`` with every NaN or infinity (nested in dicts and lists) made None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _no_nan(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_no_nan(item) for item in value]
    return value


def _finish(out: Path, info: dict[str, Any], results: dict[str, Any], t_all: float,
            name: str = "run_all.json") -> int:
    """Load average after, total time, and the JSON file."""
    info["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    info["total_seconds"] = time.perf_counter() - t_all
    print(f"\nload average after the run: {info['load_average_after']}; the whole run took "
          f"{info['total_seconds']:.0f} s")
    target = out / name
    # NaN (a figure not measured) is written as null: NaN is not JSON.
    target.write_text(json.dumps(_no_nan(results), indent=1, default=str, allow_nan=False)
                      + "\n", encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
