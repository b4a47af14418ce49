"""Start-up of the installed tool: ``okosys-plan --help`` against ``python -c "import click"``.

Issue 14, section 3: ``okosys-plan --help`` through the console script starts within
**2 ×** the time of ``python -c "import click"``. This builds the wheel of this checkout,
installs it (``--no-deps``) into a fresh venv that sees the system's packages, and times
the venv's console script ``okosys-plan --help`` and the venv's ``python -c "import
click"`` side by side: interleaved (ab, ba, ab …), ``--runs`` times each (default 11),
medians and their ratio. It then reads ``python -X importtime okosys-plan --help`` and
names the heavy modules it loaded and the package's own modules.

    python benchmarks/bench_startup.py                  # build, install, 11 + 11 runs
    python benchmarks/bench_startup.py --runs 21
    python benchmarks/bench_startup.py --script /path/to/bin/okosys-plan   # no build
    python benchmarks/bench_startup.py --also /path/to/old/venv/bin/okosys-plan

The build runs without build isolation (offline), so it needs setuptools >= 70.1 (in the
test extra). A measurement, not a test: it always exits 0. The figures are in
docs/performance.md, "Start-up of the installed tool (issue 14)".
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Modules --help should never load: the engines, and the package's domain model.
HEAVY = ("pandas", "numpy", "matplotlib", "openpyxl", "python_calamine", "xlrd", "defusedxml",
         "okosys_plan.model", "okosys_plan.loader", "okosys_plan.validate")
#: Not copied for the build: history, outputs, caches, and what the wheel leaves out.
SKIP = shutil.ignore_patterns(".git", "exports", "build", "dist", "*.egg-info", "__pycache__",
                              ".*cache", ".hypothesis", ".venv", "tests", "benchmarks", "docs")


def child_env() -> dict[str, str]:
    """The environment of every timed child: no PYTHONPATH, so only the venv's copy counts."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def install(folder: Path) -> Path:
    """Build this checkout's wheel and install it into a venv in ``folder``; its script."""
    source, wheels, venv = folder / "src", folder / "wheels", folder / "venv"
    shutil.copytree(ROOT, source, ignore=SKIP)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", str(source), "-w", str(wheels)], check=True)
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True)
    python = venv / "bin" / "python"
    wheel = next(wheels.glob("okosys_plan-*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    "--ignore-installed", str(wheel)], check=True, env=child_env())
    return venv / "bin" / "okosys-plan"


def timed(command: list[str], cwd: Path) -> float:
    """Wall seconds of one run of ``command`` (output discarded; it must exit 0)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=child_env(), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def compare(commands: list[list[str]], runs: int, cwd: Path) -> list[list[float]]:
    """``runs`` timings of each command, interleaved so that drifting load hits all alike."""
    for command in commands:
        timed(command, cwd)  # warm the file cache once, untimed
    times: list[list[float]] = [[] for _ in commands]
    for i in range(runs):
        order = list(range(len(commands)))
        for index in (order if i % 2 == 0 else order[::-1]):
            times[index].append(timed(commands[index], cwd))
    return times


def line(label: str, times: list[float]) -> str:
    """One row of the printed table: median, min and max in ms."""
    return (f"{label:<40} median {statistics.median(times) * 1000:6.1f} ms "
            f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}), {len(times)} runs")


def imported(script: Path, cwd: Path) -> list[str]:
    """Every module ``okosys-plan --help`` imports, from ``-X importtime``."""
    python = script.parent / "python"
    done = subprocess.run([str(python), "-X", "importtime", str(script), "--help"], cwd=cwd,
                          env=child_env(), capture_output=True, text=True, check=True)
    return [line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line][1:]


def report(script: Path, runs: int, cwd: Path, also: Path | None = None) -> None:
    """Print the medians, the ratio and what --help imported."""
    commands = [[str(script), "--help"], [str(script.parent / "python"), "-c", "import click"]]
    if also is not None:
        commands.append([str(also), "--help"])
    times = compare(commands, runs, cwd)
    print(line("okosys-plan --help (console script)", times[0]))
    print(line("python -c 'import click'", times[1]))
    base = statistics.median(times[1])
    print(f"ratio: {statistics.median(times[0]) / base:.2f} (target: at most 2)")
    if also is not None:
        print(line(f"{also} --help", times[2]))
        print(f"its ratio: {statistics.median(times[2]) / base:.2f}")
    modules = imported(script, cwd)
    heavy = [m for m in HEAVY if m in modules or any(n.startswith(m + ".") for n in modules)]
    own = sorted(m for m in modules if m.startswith("okosys_plan"))
    print(f"--help imports {len(modules)} modules; heavy: {', '.join(heavy) or 'none'}; "
          f"the package's own: {', '.join(own)}")


def main() -> None:
    """Build and install unless a script is given, then measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each (default 11)")
    parser.add_argument("--script", type=Path, help="an installed okosys-plan to time "
                        "(default: build this checkout's wheel into a temporary venv)")
    parser.add_argument("--also", type=Path, help="another installed okosys-plan (an older "
                        "version, say) timed in the same interleaving, against the same click")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="okosys-startup-") as folder:
        empty = Path(folder) / "empty"
        empty.mkdir()
        try:
            script = args.script or install(Path(folder))
        except (subprocess.CalledProcessError, OSError, StopIteration) as error:
            print(f"could not build and install the wheel: {error}")
            return
        report(script, args.runs, empty, args.also)


if __name__ == "__main__":
    main()
