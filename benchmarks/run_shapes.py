"""``run_all --shapes``: every step of the run on each catalogue shape, at two sizes (issue 13).

For each shape of ``shapes.SHAPES`` and each size (default 2 000 and 10 000 needs) it
writes ``<out>/shape_<shape>_<n>.xlsx`` (if missing), runs the step child of
``run_all`` on it (``--repeat`` fresh processes, medians) and the real ``python -m
okosys_plan run`` end to end, then prints one table per size (a row per shape, a column
per step, the end-to-end wall time and peak RSS), the growth of each step from the
smaller size to the larger beside what n·log n allows, and the targets: every shape
end to end under 15 s and 1 GB at 10 000 needs, under 5 s at 2 000.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path
from typing import Any

import run_all
from shapes import SHAPES, counts, make_shape

SIZES = (2_000, 10_000)
#: End-to-end targets per size: seconds, MB (issue 13, §5).
TARGETS = {2_000: (5.0, 1024.0), 10_000: (15.0, 1024.0)}
SHORT = {"validate": "load", "prioritise": "prio", "plan": "plan", "funding": "fund",
         "priority_workbook": "w:prio", "priority_charts": "w:pchart",
         "plan_workbook": "w:plan", "roadmap": "w:road", "funding_outputs": "w:fund",
         "report": "w:html", "other": "rest"}


def catalogue(shape: str, n: int, out: Path, seed: int) -> tuple[Path, float | None]:
    """The shape's workbook, generated if missing; (path, seconds spent generating)."""
    path = out / f"shape_{shape}_{n}{'' if seed == 1 else f'_s{seed}'}.xlsx"
    if path.exists():
        return path, None
    t0 = time.perf_counter()
    make_shape(path, shape, n, seed)
    return path, time.perf_counter() - t0


def _measure(n: int, path: Path, out: Path, timeout: float, tag: str, cli: bool,
             code: str | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """One step child and one end-to-end command on ``path``, importing ``code``'s package."""
    previous = os.environ.get("OKOSYS_BENCH_CODE")
    os.environ["OKOSYS_BENCH_CODE"] = code or str(run_all.CODE)
    try:
        steps = run_all.run_steps(n, path, out, timeout, tag)
        end = run_all.run_cli(n, path, out, timeout, tag) if cli else None
    finally:
        if previous is None:
            os.environ.pop("OKOSYS_BENCH_CODE", None)
        else:
            os.environ["OKOSYS_BENCH_CODE"] = previous
    if end is not None:
        print(f"  okosys-plan run{' (baseline)' if code else ''}: {end['wall']:.2f} s "
              f"(CPU {end['cpu']:.2f} s), peak "
              f"RSS {end['peak_mb']:.0f} MB, exit {end['exit']}", flush=True)
    return steps, end


def _entry(steps: list[dict[str, Any]], ends: list[dict[str, Any]]) -> dict[str, Any]:
    entry = run_all.summarise(steps)
    if ends:
        entry["cli"] = {"wall": run_all._median([c["wall"] for c in ends]),
                        "cpu": run_all._median([c["cpu"] for c in ends]),
                        "peak_mb": max(c["peak_mb"] for c in ends),
                        "exit": max(c["exit"] for c in ends),
                        "runs": [round(c["wall"], 2) for c in ends]}
    return entry


def run(shapes: list[str], sizes: list[int], out: Path, repeat: int, seed: int,
        timeout: float, cli: bool, baseline: str | None = None) -> dict[str, Any]:
    """Measure every shape at every size; print as it goes; the results by shape and size.

    With ``baseline`` (another checkout) each repeat also runs that tree's package on the
    same file, right after this one's (the order alternating by repeat), so the two are
    compared under the same load.
    """
    results: dict[str, Any] = {}
    for shape in shapes:
        for n in sizes:
            path, made = catalogue(shape, n, out, seed)
            rows = counts(shape, n, seed)
            tag = f"{shape}_{n}"
            print(f"\n{shape}, {n} needs: {path.name} ({path.stat().st_size / 1e6:.1f} MB"
                  + (f", generated in {made:.1f} s" if made is not None else "") + "); "
                  + ", ".join(f"{k} {v}" for k, v in rows.items())
                  + f"; load average {os.getloadavg()[0]:.2f}", flush=True)
            path.read_bytes()  # warm the page cache
            got: dict[str | None, tuple[list[Any], list[Any]]] = {None: ([], [])}
            if baseline:
                got[baseline] = ([], [])
            for r in range(repeat):
                for code in (list(got) if r % 2 == 0 else list(reversed(got))):
                    steps, end = _measure(n, path, out, timeout,
                                          tag + ("_base" if code else ""), cli, code)
                    got[code][0].append(steps)
                    if end is not None:
                        got[code][1].append(end)
            entry = _entry(*got[None])
            entry["counts"] = rows
            if baseline:
                entry["baseline"] = _entry(*got[baseline])
            results.setdefault(shape, {})[n] = entry
    return results


def _cell(entry: dict[str, Any] | None, step: str) -> str:
    s = (entry or {}).get("steps", {}).get(step)
    return run_all._fmt_t(s["wall"]) if s else "–"


def _total(e: dict[str, Any]) -> float:
    return sum(s["wall"] for s in e["steps"].values() if s["wall"] == s["wall"])


def _row(label: str, e: dict[str, Any]) -> str:
    c = e.get("cli", {})
    return (f"{label:<14}" + "".join(f"{_cell(e, s):>9}" for s in run_all.STEPS)
            + f"{run_all._fmt_t(_total(e)):>8}"
            + f"{run_all._fmt_t(c.get('wall', math.nan)):>8}"
            + f"{run_all._fmt_t(c.get('cpu', math.nan)):>8}"
            + f"{c.get('peak_mb', math.nan):>8.0f}"
            + f"{e.get('process_peak_mb', math.nan):>7.0f}")


def _ratios(results: dict[str, Any], sizes: list[int]) -> list[str]:
    """This tree's time over the baseline's, per shape and size (only with a baseline)."""
    if not any("baseline" in e for by_size in results.values() for e in by_size.values()):
        return []
    lines = ["\nthis tree / baseline (same file, same load, interleaved): end to end wall, "
             "end to end CPU, sum of steps, roadmap step, report step"]
    head = f"{'shape':<14}" + "".join(f"{f'{n} needs':>40}" for n in sizes)
    lines += [head, "-" * len(head)]
    for shape, by_size in results.items():
        row = f"{shape:<14}"
        for n in sizes:
            e = by_size.get(n)
            b = (e or {}).get("baseline")
            if not e or not b:
                row += f"{'–':>40}"
                continue
            ce, cb = e.get("cli", {}), b.get("cli", {})
            parts = [ce.get("wall", math.nan) / cb.get("wall", math.nan),
                     ce.get("cpu", math.nan) / cb.get("cpu", math.nan), _total(e) / _total(b)]
            for step in ("roadmap", "report"):
                se, sb = e["steps"].get(step), b["steps"].get(step)
                parts.append(se["wall"] / sb["wall"] if se and sb and sb["wall"] else math.nan)
            row += f"{' '.join(f'{x:6.2f}×' for x in parts):>40}"
        lines.append(row)
    return lines


def report(results: dict[str, Any], sizes: list[int]) -> list[str]:
    """The tables: per size a row per shape; then growth; then the targets."""
    lines: list[str] = []
    for n in sizes:
        lines.append(f"\n{n} needs: wall time per step, s (median); end to end: the real "
                     "command, s and peak RSS MB; peak: the step child's highest RSS")
        head = f"{'shape':<14}" + "".join(f"{SHORT[s]:>9}" for s in run_all.STEPS) + \
            f"{'sum':>8}{'e2e s':>8}{'e2e cpu':>8}{'e2e MB':>8}{'peak':>7}"
        lines += [head, "-" * len(head)]
        for shape, by_size in results.items():
            if n in by_size:
                lines.append(_row(shape, by_size[n]))
                if "baseline" in by_size[n]:
                    lines.append(_row("  baseline", by_size[n]["baseline"]))
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        allowed = run_all.nlogn_factor(a, b)
        lines.append(f"\ngrowth {a}→{b} per step (n·log n allows {allowed:.1f}×; ! = more, "
                     "judged only where the step takes 0.05 s or more at the smaller size)")
        head = f"{'shape':<14}" + "".join(f"{SHORT[s]:>9}" for s in run_all.STEPS)
        lines += [head, "-" * len(head)]
        for shape, by_size in results.items():
            row = f"{shape:<14}"
            for step in run_all.STEPS:
                sa = by_size.get(a, {}).get("steps", {}).get(step)
                sb = by_size.get(b, {}).get("steps", {}).get(step)
                if sa and sb and sa["wall"] > 0 and sa["wall"] == sa["wall"]:
                    g = sb["wall"] / sa["wall"]
                    flag = "!" if g > allowed and sa["wall"] >= 0.05 else " "
                    row += f"{g:>7.1f}×{flag}"
                else:
                    row += f"{'–':>9}"
            lines.append(row)
    lines += _ratios(results, sizes)
    lines.append("")
    for n in sizes:
        seconds, mb = TARGETS.get(n, (math.nan, math.nan))
        if seconds != seconds:
            continue
        missed = [f"{shape} {e['cli']['wall']:.1f} s / {e['cli']['peak_mb']:.0f} MB"
                  for shape, by_size in results.items()
                  if (e := by_size.get(n)) and "cli" in e
                  and (e["cli"]["wall"] >= seconds or e["cli"]["peak_mb"] >= mb)]
        lines.append(f"target: every shape at {n} needs end to end < {seconds:.0f} s and < "
                     f"{mb:.0f} MB: " + ("MET" if not missed else "MISSED — " + "; ".join(missed)))
    return lines


def check_shapes(names: str) -> list[str]:
    """The shapes named (comma-separated, or 'all'), each checked against ``SHAPES``."""
    chosen = list(SHAPES) if names == "all" else [s.strip() for s in names.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SHAPES]
    if unknown:
        raise SystemExit(f"unknown shape(s) {', '.join(unknown)}; one of {', '.join(SHAPES)}")
    return chosen
