"""The local web app's speed at 1 000 needs (issue 19, section 4).

    python benchmarks/app_speed.py [--needs 1000] [--draws 1000] [--repeat 5] [--rounds 2]
                                   [--starts 7]
                                   [--seed 1] [--against DIR] [--profile weights|budget|veikart]

Goals: a weight change gives the updated ranking and its stability (1 000 draws) on the
page in under **0.3 s** server time; a budget change gives the re-planned roadmap in under
**1 s**; the app starts in under **2 s**.

The catalogue is ``make_catalogue.make_full`` at ``--needs`` needs (the bundled
catalogue's eleven sheets tiled: 612 measures, a Budsjett sheet with four yearly caps at
1 000 needs), written once to ``benchmarks/out/app_<needs>_<seed>.xlsx`` (git-ignored).

In child processes per tree (this checkout, and ``--against`` others, e.g. a copy of main
before a change): ``--rounds`` children each, the trees alternated (ab, ba, …) so that
the machine's changing load falls on all alike; each child imports the tree's package:

(setup)   ``server.create_app`` with Flask's test client (Host ``127.0.0.1:PORT``, the
          state's token); the catalogue is uploaded by ``POST /katalog`` as a user drops it,
          so it is the app's current catalogue. The upload's time is printed, not a goal.
(weights) ``POST /prioritering`` with changed weights (the eight ``weight-N`` fields in
          turn 1/2/3, so every run ranks anew) and the limits, the page's ``DRAWS`` set
          to ``--draws``, until the whole HTML is returned: the time inside the test
          client's call. The page is checked to hold every need with its rank interval.
(budget)  a change of the yearly caps (each cap ×0.60, ×0.62, … in turn: new caps every
          run, as the page keeps its plans by caps) re-planned by the library:
          ``roadmap.planning.make_plan`` with ``budgets=`` on the ranking of the app's own
          cached analysis (made by one ``GET /finansiering`` before the clock), then
          ``report.outputs.roadmap_layout`` and ``charts.roadmap.save.roadmap_bytes(layout,
          ["svg"])``.
(veikart page) the same caps on the app's Veikart page, when it has one: ``POST /veikart``
          with the ``cap-YEAR`` fields (MNOK, as typed) until the page with its
          interactive roadmap (the chart inline) is returned (a tree whose page shows the
          chart as an image: the ``GET`` of that image too).
(calib)   a fixed amount of pure-Python work (sorting 200 000 seeded floats and joining
          their text), run before each timed run, so a ratio says how many of those the
          task cost: it moves less with the machine's load than the seconds do.

Every task runs once untimed first (imports, fonts, caches), then ``--repeat`` times;
medians of wall time (the goals) and CPU time over every child of the tree.

(start)   ``python -m okosys_plan app --no-browser --port P`` (a free port) until the first
          ``GET /`` answers, ``--starts`` times per tree, interleaved with ``python -c
          "import flask"`` as the start's baseline, each in a fresh process; medians.

This is a measurement, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOALS = {"weights": 0.3, "budget": 1.0, "start": 2.0}
AS_OF = date(2024, 6, 30)
PORT = 8765


def catalogue_file(needs: int, seed: int, folder: Path = HERE / "out") -> Path:
    """The generated catalogue of ``needs`` needs (written once)."""
    sys.path.insert(0, str(HERE))
    from make_catalogue import make_full

    path = folder / f"app_{needs}_{seed}.xlsx"
    if not path.exists():
        make_full(path, needs, seed)
    return path


def calibration() -> float:
    """Seconds of a fixed amount of pure-Python work (the side-by-side baseline)."""
    start = time.perf_counter()
    rng = random.Random(1)
    numbers = sorted(rng.random() for _ in range(200_000))
    ",".join(f"{n:.6f}" for n in numbers[::4])
    return time.perf_counter() - start


# --------------------------------------------------------------------------- in one tree

Timed = tuple[float, float]  # wall seconds, CPU seconds (all the process's threads)


def clocked(work: Callable[[], Any]) -> tuple[Any, Timed]:
    """``work()``'s result, and its wall and CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, (time.perf_counter() - wall, time.process_time() - cpu)


class App:
    """The app under Flask's test client, with the catalogue uploaded on Katalog."""

    def __init__(self, path: Path) -> None:
        from okosys_plan.app.server import create_app, state_of

        self.app = create_app(PORT)
        self.client = self.app.test_client()
        self.token = state_of(self.app).token
        self.base = f"http://127.0.0.1:{PORT}"
        start = time.perf_counter()
        with path.open("rb") as handle:
            response = self.post("/katalog", {"files": (handle, path.name)})
        self.upload_s = time.perf_counter() - start
        if response.status_code != 200 or b"<h" not in response.data:
            raise SystemExit(f"the upload was refused ({response.status_code})")
        checked = list(state_of(self.app).checked.values())[-1]
        if checked.report is None or not checked.report.valid:
            raise SystemExit(f"the generated catalogue {path} is not valid")
        self.checked = checked

    def post(self, page: str, fields: dict[str, Any]) -> Any:
        """The response to a POST of ``fields`` (and the token) to ``page``."""
        return self.client.post(page, data={"token": self.token, **fields},
                                base_url=self.base)

    def has(self, page: str) -> bool:
        return any(rule.rule == page for rule in self.app.url_map.iter_rules())


def weights_task(app: App, draws: int) -> Callable[[int], Timed]:
    """One weight change on Prioritering, timed; the page checked for every need."""
    import okosys_plan.app.priority_page as page

    page.DRAWS = draws  # type: ignore[attr-defined]
    criteria = len(app.checked.catalogue.scored_criteria)
    needs = len(app.checked.catalogue.needs)

    def run(turn: int) -> Timed:
        fields = {f"weight-{k}": str(1 + (k + turn) % 3) for k in range(criteria)}
        response, took = clocked(lambda: app.post("/prioritering", {**fields, "high": "70",
                                                                    "medium": "40"}))
        html = response.data.decode()
        rows = html.split("<tbody>", 1)[-1].count("<tr")
        intervals = html.count("–")  # each row's rank interval p05–p95
        if response.status_code != 200 or rows != needs or intervals < needs:
            raise SystemExit(f"Prioritering gave {response.status_code}, {rows} rows")
        return took

    return run


def budget_task(app: App) -> tuple[Callable[[int], Timed], Callable[[int], Timed] | None]:
    """A change of the yearly caps re-planned and drawn by the library; and by the Veikart
    page (its POST, then its chart's GET), when the app has one."""
    import html as markup
    import re
    from dataclasses import replace

    from okosys_plan.app.server import state_of
    from okosys_plan.charts.roadmap.save import roadmap_bytes
    from okosys_plan.report.outputs import roadmap_layout
    from okosys_plan.roadmap.planning import caps, make_plan
    from okosys_plan.run.pipeline import RunConfig, run_pipeline

    config = RunConfig(draws=0)
    state = state_of(app.app)
    app.client.get("/finansiering", base_url=app.base)  # the app makes its analysis once
    made = [r for r in state.analyses.values() if getattr(r, "path", None) == app.checked.path]
    results = made[-1] if made else run_pipeline(app.checked.path, config, AS_OF)
    catalogue = results.checked.catalogue
    base, _ = caps(catalogue)

    def budgets(turn: int) -> dict[int, float]:
        """Caps of their own for every turn (the page keeps plans by caps)."""
        return {year: round(cap * (0.60 + 0.02 * turn), 1) for year, cap in base.items()}

    def replanned(turn: int) -> tuple[Any, bytes]:
        plan = make_plan(catalogue, results.settings, results.prioritised.ranking,
                         budgets=budgets(turn))
        return plan, roadmap_bytes(roadmap_layout(replace(results, plan=plan), config),
                                   ["svg"])[0]

    def run(turn: int) -> Timed:
        (plan, svg), took = clocked(lambda: replanned(turn))
        if not plan.placed_items() or not svg.startswith(b"<?xml"):
            raise SystemExit("the re-planned roadmap is empty")
        return took

    def shown(turn: int) -> tuple[Any, Any]:
        fields = {f"cap-{year}": str(cap).replace(".", ",") for year, cap in
                  budgets(turn).items()}
        page = app.post("/veikart", fields)
        html = page.data.decode()
        found = re.search(r'src="(/veikart/veikart\.svg[^"]*)"', html)  # a tree of before
        chart = app.client.get(markup.unescape(found.group(1)), base_url=app.base).data \
            if found else html.encode()  # the chart inline, in the interactive roadmap
        return page, chart

    def page(turn: int) -> Timed:
        (response, chart), took = clocked(lambda: shown(turn))
        if response.status_code != 200 or b"<svg" not in chart:
            raise SystemExit(f"Veikart gave {response.status_code} and no chart")
        return took

    return run, (page if app.has("/veikart") else None)


def child(path: Path, draws: int, repeat: int) -> dict[str, Any]:
    """Every in-process task of this tree, each with the calibration before each run."""
    app = App(path)
    tasks: dict[str, Callable[[int], Timed]] = {"weights": weights_task(app, draws)}
    tasks["budget"], page = budget_task(app)
    if page is not None:
        tasks["veikart page"] = page
    times: dict[str, list[Timed]] = {name: [] for name in tasks}
    calib: dict[str, list[float]] = {name: [] for name in tasks}
    for task in tasks.values():
        task(repeat)  # the warm-up, on a turn (and caps) the timed runs do not use
        calibration()
    for turn in range(repeat):
        for name in (list(tasks) if turn % 2 == 0 else list(tasks)[::-1]):
            calib[name].append(calibration())
            times[name].append(tasks[name](turn))
    import okosys_plan

    return {"package": okosys_plan.__file__, "upload_s": round(app.upload_s, 4),
            "needs": len(app.checked.catalogue.needs),
            "measures": len(app.checked.catalogue.measures),
            "tasks": {name: {"runs": [round(w, 4) for w, _ in times[name]],
                             "cpu": [round(c, 4) for _, c in times[name]],
                             "calib": [round(t, 4) for t in calib[name]]} for name in tasks}}


def profile(path: Path, draws: int, which: str) -> None:
    """cProfile of one warm run of ``which`` (weights, budget or veikart), the top 30."""
    import cProfile
    import pstats

    app = App(path)
    if which == "weights":
        task = weights_task(app, draws)
    else:
        library, page = budget_task(app)
        task = page if which == "veikart" and page is not None else library
    task(1)
    profiler = cProfile.Profile()
    profiler.enable()
    task(2)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


# --------------------------------------------------------------------------- the parent

def child_env(code: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(code), "PYTHONDONTWRITEBYTECODE": "1"}


def run_child(code: Path, path: Path, draws: int, repeat: int) -> dict[str, Any]:
    """The in-process tasks in a fresh process importing ``code``'s package."""
    done = subprocess.run([sys.executable, __file__, "--child", str(path), "--draws",
                           str(draws), "--repeat", str(repeat)], env=child_env(code),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the child for {code} failed:\n{done.stdout}{done.stderr}")
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_once(code: Path) -> float:
    """Seconds from starting ``okosys-plan app`` until ``GET /`` answers."""
    port = free_port()
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "okosys_plan", "app", "--no-browser",
                                "--port", str(port)], env=child_env(code),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    answer.read()
                    if answer.status == 200:
                        return time.perf_counter() - start
            except OSError:
                if process.poll() is not None:
                    raise SystemExit(f"the app of {code} exited ({process.returncode})") from None
                time.sleep(0.005)
    finally:
        process.send_signal(signal.SIGINT)  # how the app is meant to stop
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def import_flask() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import flask"], check=True)
    return time.perf_counter() - start


def starts(codes: list[Path], runs: int) -> dict[str, list[float]]:
    """``runs`` starts of each tree's app and of ``import flask``, interleaved."""
    tasks: dict[str, Callable[[], float]] = {str(c): (lambda c=c: start_once(c)) for c in codes}
    tasks["import flask"] = import_flask
    for task in tasks.values():
        task()  # warm the file cache, untimed
    times: dict[str, list[Timed]] = {name: [] for name in tasks}
    for turn in range(runs):
        for name in (list(tasks) if turn % 2 == 0 else list(tasks)[::-1]):
            times[name].append(tasks[name]())
    return times


def verdict(seconds: float, goal: float) -> str:
    return f"{'met' if seconds < goal else 'MISSED'} (goal < {goal:g} s)"


def merged(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """One tree's rounds as one: every run of each task together."""
    found = {**rounds[0], "upload_s": [r["upload_s"] for r in rounds]}
    found["tasks"] = {name: {key: [v for r in rounds for v in r["tasks"][name][key]]
                             for key in got} for name, got in rounds[0]["tasks"].items()}
    return found


def show(label: str, found: dict[str, Any]) -> None:
    """The in-process tasks of one tree: medians, goals, ratios to the calibration."""
    print(f"\n{label} (imports {found['package']}): {found['needs']} needs, "
          f"{found['measures']} measures; upload on Katalog "
          f"{statistics.median(found['upload_s']):.3f} s")
    for name, got in found["tasks"].items():
        median, calib = statistics.median(got["runs"]), statistics.median(got["calib"])
        goal = GOALS.get("budget" if name == "veikart page" else name)
        said = verdict(median, goal) if goal else ""
        print(f"  {name:<14} median {median:.3f} s (min {min(got['runs']):.3f}, max "
              f"{max(got['runs']):.3f}, CPU {statistics.median(got['cpu']):.3f}, "
              f"{len(got['runs'])} runs) {said}; {median / calib:.1f}× the calibration "
              f"({calib:.3f} s)")


def main(argv: list[str] | None = None) -> int:
    """Parse the options, measure each tree, print the table and a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=1000)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per child")
    parser.add_argument("--rounds", type=int, default=2,
                        help="children per tree, the trees alternated (abba…)")
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--against", type=Path, action="append", default=[],
                        help="another tree (a checkout's root) measured side by side")
    parser.add_argument("--profile", choices=("weights", "budget", "veikart"))
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.draws, args.repeat)))
        return 0
    try:
        path = catalogue_file(args.needs, args.seed)
        if args.profile:
            sys.path.insert(0, str(ROOT))
            profile(path, args.draws, args.profile)
            return 0
        codes = [ROOT, *(p.resolve() for p in args.against)]
        found: dict[str, Any] = {"needs": args.needs, "draws": args.draws,
                                 "load": os.getloadavg(), "trees": {}}
        rounds: dict[Path, list[dict[str, Any]]] = {code: [] for code in codes}
        for turn in range(args.rounds):
            for code in (codes if turn % 2 == 0 else codes[::-1]):
                rounds[code].append(run_child(code, path, args.draws, args.repeat))
        for code in codes:
            found["trees"][str(code)] = merged(rounds[code])
            show(str(code), found["trees"][str(code)])
        found["starts"] = starts(codes, args.starts)
    except (Exception, SystemExit) as error:  # a measurement never fails the caller
        print(f"benchmark error: {type(error).__name__}: {error}")
        return 0
    flask = statistics.median(found["starts"]["import flask"])
    print(f"\nstart until GET / answers ({args.starts} runs each, interleaved):")
    for name, times in found["starts"].items():
        median = statistics.median(times)
        said = "" if name == "import flask" else verdict(median, GOALS["start"]) + "; "
        print(f"  {name:<40} median {median:.3f} s (min {min(times):.3f}, max "
              f"{max(times):.3f}) {said}{median / flask:.2f}× python -c 'import flask'")
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
