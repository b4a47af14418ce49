"""Read an .xls file in a child process that may die without taking us with it.

Corrupt .xls files make calamine allocate gigabytes and abort, or panic; neither can be
caught in-process. The child gets a memory cap and a time limit, and hands back plain
rows by pickle (our own child's output, not the file's).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.workbook.read import RawSheet

MEMORY_LIMIT = 2 * 1024**3
TIME_LIMIT = 60.0


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def read_isolated(path: Path) -> list[RawSheet]:
    """Read every worksheet of ``path`` with calamine in a limited child process."""
    command = [sys.executable, "-m", "okosys_plan.workbook.isolate", str(path)]
    preexec = _limit_memory if sys.platform != "win32" else None
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIME_LIMIT,
                              preexec_fn=preexec, check=False, env=env)
    except subprocess.TimeoutExpired:
        raise UnreadableWorkbook("too-slow", f"{path.name} cannot be read: reading it took "
                                 f"over {TIME_LIMIT:.0f} s (a damaged file?)",
                                 file=path.name) from None
    if done.returncode == 0:
        result = pickle.loads(done.stdout)
        if isinstance(result, list):
            return result
        code, text, params = result
        raise UnreadableWorkbook(code, text, **params)
    raise UnreadableWorkbook("crashed", f"{path.name} cannot be read: the file is damaged "
                             "(it made the reader run out of memory or crash)", file=path.name)


def _main(argument: str) -> None:  # pragma: no cover - runs in the child
    from okosys_plan.workbook.biff import scan
    from okosys_plan.workbook.read import read_calamine

    try:
        sheets = read_calamine(Path(argument))
        scans = scan(Path(argument))
        for sheet in sheets:
            if sheet.name in scans:
                sheet.mark(scans[sheet.name])
        result: object = sheets
    except UnreadableWorkbook as error:
        result = (error.code, str(error), error.params)
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":  # pragma: no cover
    _main(sys.argv[1])
