"""A user's worst day at the terminal: every command, hostile options and paths, one contract.

Hypothesis builds invocations from every command's options, each filled from pools of
what people really type (nan, 1e400, -1, a folder, a FIFO, /dev/null, the input itself,
a name longer than the file system allows, a wrong suffix, junk TOML). Whatever it
builds, the answer keeps the same contract:

* exit code 0, 1 or 2, and never a traceback (nor an exception escaping the command);
* with ``--json``, stdout is one valid JSON document (no NaN or Infinity);
* every input file is byte-identical afterwards, and no temporary file is left behind;
* nothing hangs (a watchdog fails the example after ``WATCHDOG`` seconds).

``OKOSYS_CONTRACT_EXAMPLES=500 python -m pytest tests/catalogue/test_contract.py`` runs a
longer search.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from okosys_plan.cli.main import cli
from tests.conftest import need, valid_sheets, write_catalogue

EXAMPLES = int(os.environ.get("OKOSYS_CONTRACT_EXAMPLES", "40"))
WATCHDOG = 30  # seconds; the slowest honest command here takes a few

NUMBERS = ["nan", "inf", "-inf", "1e308", "1e400", "-1", "0", "1000000000", "", "abc",
           "1,5", " 2 ", "3"]
YEARS = ["2024", "nan", "-5", "99999", "2025", "1e3", "", "2023.5"]
DATES = ["2024-06-30", "2024-02-30", "0000-01-01", "9999-12-31", "", "30.06.2024", "i dag"]


class Watchdog(Exception):
    """An example took longer than ``WATCHDOG`` seconds: the command hangs."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise Watchdog


def _bad_toml(path: Path) -> Path:
    path.write_text('criteria = "Samfunnsnytte"\nlang = 3\n[thresholds]\nhigh = nan\n'
                    'horizon = ["x"]\nmatrix = 7\n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the files the pools name: catalogues, junk, special files."""
    root = tmp_path_factory.mktemp("contract")
    rows = [need("B01", "Felles innlogging"), need("B02", "Digital fullmakt",
                                                   Avhengigheter="B01"),
            need("B03", "Varsling", Nytte=5, Start=None, Slutt=None),
            need("B04", "Sirkel", Avhengigheter="B05"), need("B05", "Sirkel 2",
                                                             Avhengigheter="B04")]
    write_catalogue(root / "katalog.xlsx", valid_sheets(*rows[:3]))
    write_catalogue(root / "ny.xlsx", valid_sheets(*rows))
    write_catalogue(root / "ugyldig.xlsx", {"Behov": [["ID", "Tittel", "Nytte"],
                                                      ["B01", "", "x"], ["B01", "To", 9]]})
    (root / "tekst.xlsx").write_text("dette er ikke et regneark\n", encoding="utf-8")
    (root / "tom.csv").write_bytes(b"")
    (root / "mappe").mkdir()
    os.mkfifo(root / "fifo.xlsx")
    try:  # a device of our own (like /dev/null), so a wrong replace harms nothing real
        os.mknod(root / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        (root / "null").symlink_to("/dev/null")
    _bad_toml(root / "feil.toml")
    (root / "parvis.toml").write_text('criteria = ["A", "B"]\nmatrix = [[1, 3], ["", 1]]\n',
                                      encoding="utf-8")
    (root / "fil").write_text("en fil, ikke en mappe", encoding="utf-8")
    from pptx import Presentation

    Presentation().save(str(root / "mal.pptx"))  # a template, good to read, never to write
    (root / "tekst.pptx").write_text("ikke en presentasjon", encoding="utf-8")
    return root


def _inputs(root: Path) -> list[str]:
    names = ["katalog.xlsx", "ny.xlsx", "ugyldig.xlsx", "tekst.xlsx", "tom.csv", "mappe",
             "fifo.xlsx", "finnes-ikke.xlsx", "feil.toml", "parvis.toml", "/dev/zero", "null"]
    return [name if name.startswith("/") else str(root / name) for name in names]


def _outputs(root: Path) -> list[str]:
    long = "x" * 300
    names = ["ut.xlsx", "ut.png", "ut.svg", "ut.pdf", "ut.txt", "ut.toml", "ut.jsonl",
             "ut.html", "ut.pptx", "mal.pptx", "katalog.xlsx", "mappe", "fifo.xlsx",
             "fil/ut.xlsx", f"{long}.xlsx", "null", "/proc/version", "ny-mappe/ut.xlsx"]
    return [name if name.startswith("/") else str(root / name) for name in names]


def _option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda v: [name, v]))


def _options(root: Path) -> dict[str, st.SearchStrategy[list[str]]]:
    inputs, outputs = st.sampled_from(_inputs(root)), st.sampled_from(_outputs(root))
    numbers, years = st.sampled_from(NUMBERS), st.sampled_from(YEARS)
    return {
        "-o": _option("-o", outputs), "--chart": _option("--chart", outputs),
        "--criteria": _option("--criteria", inputs), "--settings": _option("--settings", inputs),
        "--config": _option("--config", inputs), "--since": _option("--since", inputs),
        "--template": _option("--template", st.sampled_from(
            [str(root / "mal.pptx"), str(root / "tekst.pptx"), *_inputs(root)])),
        "--annotate": _option("--annotate", outputs), "--events": _option("--events", outputs),
        "--high": _option("--high", numbers), "--medium": _option("--medium", numbers),
        "--sensitivity": _option("--sensitivity", numbers), "--seed": _option("--seed", numbers),
        "--concentration": _option("--concentration", numbers),
        "--top-k": _option("--top-k", numbers), "--top": _option("--top", numbers),
        "--from": _option("--from", years), "--to": _option("--to", years),
        "--year": _option("--year", years), "--max-parallel": _option("--max-parallel", numbers),
        "--budget": _option("--budget", numbers.map(lambda n: f"2024={n}")),
        "--volume-growth": _option("--volume-growth", numbers),
        "--free-below": _option("--free-below", numbers), "--price": _option("--price", numbers),
        "--as-of": _option("--as-of", st.sampled_from(DATES)),
        "--needs": _option("--needs", st.sampled_from(["Høy", "lav", "alle", "x"])),
        "--key": _option("--key", st.sampled_from(["flat", "usage", "manual", "x", ""])),
        "--compare": _option("--compare", st.sampled_from(["flat,usage", ",", "x,flat"])),
        "--lang": _option("--lang", st.sampled_from(["nb", "en"])),
    }


#: Each command, its positional arguments (as input pools) and the options it takes.
COMMANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "validate": (("input",), ("--annotate", "--lang")),
    "template": ((), ("-o", "--lang")),
    "merge": (("input", "input"), ("-o", "--lang")),
    "score": (("input",), ("--criteria", "--high", "--medium", "--sensitivity", "--seed",
                           "--concentration", "--top-k", "-o", "--chart", "--top", "--lang")),
    "explain": (("input", "id", "id"), ("--criteria", "--high", "--medium", "--lang")),
    "plan": (("input",), ("--budget", "--from", "--to", "--needs", "--max-parallel",
                          "--settings", "-o", "--lang")),
    "roadmap": (("input",), ("-o", "--as-of", "--from", "--to", "--settings", "--lang")),
    "diff": (("input", "input"), ("-o", "--events", "--lang")),
    "funding": (("input",), ("--key", "--compare", "--year", "--volume-growth", "--free-below",
                             "--price", "--settings", "-o", "--chart", "--lang")),
    "run": (("input",), ("-o", "--as-of", "--config", "--lang")),
    "report": (("input",), ("-o", "--since", "--as-of", "--config", "--lang")),
    "weights ahp": (("input",), ("-o", "--lang")),
    "deck": (("input",), ("-o", "--template", "--as-of", "--config", "--lang")),
}
IDS = ["B01", "B02", "b01", "B99", "", "B01 "]
_WITH_JSON = {"validate", "merge", "score", "explain", "plan", "roadmap", "diff", "funding",
              "run", "report", "weights ahp", "deck"}
_WITH_FORCE = {"validate", "template", "merge", "score", "plan", "roadmap", "diff",
               "funding", "report", "weights ahp", "deck"}


@st.composite
def invocations(draw: st.DrawFn, root: Path) -> list[str]:
    """One command line: a command, its arguments, some of its options, maybe --json."""
    command = draw(st.sampled_from(sorted(COMMANDS)))
    positional, names = COMMANDS[command]
    args = command.split()
    inputs = st.sampled_from(_inputs(root)) | st.just(str(root / "katalog.xlsx"))
    for kind in positional:
        args.append(draw(st.sampled_from(IDS) if kind == "id" else inputs))
    options = _options(root)
    if command == "run":
        args += draw(_option("-o", st.sampled_from([str(root), str(root / "ut"), str(root / "null"),
                                                    str(root / "fil"), "/proc"])))
        names = tuple(n for n in names if n != "-o")
    for name in draw(st.lists(st.sampled_from(names), max_size=4, unique=True)):
        args += draw(options[name])
    if command in _WITH_JSON and draw(st.booleans()):
        args.append("--json")
    if command in _WITH_FORCE and draw(st.booleans()):
        args.append("--force")
    return args


_INPUT_OPTIONS = {"--criteria", "--settings", "--config", "--since", "--template"}


def _named_inputs(args: list[str]) -> list[Path]:
    """The regular files the command line names as inputs (positional or an input option)."""
    named = [arg for arg, before in zip(args, ["", *args], strict=False)
             if before in _INPUT_OPTIONS
             or not (arg.startswith("-") or before.startswith("-"))]
    return [Path(arg) for arg in named if Path(arg).is_file() and not Path(arg).is_fifo()]


def _digest(paths: list[Path]) -> dict[Path, str]:
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def _temporaries(root: Path) -> Iterator[Path]:
    return (p for p in root.rglob("*") if p.name.endswith(".tmp"))


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _check(args: list[str], root: Path) -> None:
    before = _digest(_named_inputs(args))
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(WATCHDOG)
    try:
        result = CliRunner().invoke(cli, args, catch_exceptions=True)
    except Watchdog:
        pytest.fail(f"hangs: okosys-plan {' '.join(args)}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    shown = f"okosys-plan {' '.join(args)}\n{result.output}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(shown) from result.exception
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output, shown
    if "--json" in args and (result.exit_code != 2 or result.stdout.strip()):
        _strict_json(result.stdout)  # a usage error (exit 2) may print no document at all
    for path, digest in before.items():
        assert path.is_file() and _digest([path])[path] == digest, f"{path} changed: {shown}"
    assert not list(_temporaries(root)), shown
    device = root / "null"
    assert device.is_char_device() or device.is_symlink(), f"a device was replaced: {shown}"


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate],  # each example takes seconds: no shrinking
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_command_keeps_the_contract(place: Path, data: st.DataObject,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    args = data.draw(invocations(place))
    work = place / "cwd"
    work.mkdir(exist_ok=True)
    monkeypatch.chdir(work)  # `run` without -o writes exports/ here, not in the checkout
    original = {p: p.read_bytes() for p in place.iterdir() if p.is_file() and not p.is_fifo()
                and not p.is_char_device()}
    try:
        _check(args, place)
    finally:
        _tidy(place, original)


def _tidy(root: Path, original: dict[Path, bytes]) -> None:
    """Put the files back as they were and remove what the example wrote."""
    keep = {p.name for p in original} | {"mappe", "fifo.xlsx", "null", "cwd"}
    for path in root.iterdir():
        if path.name not in keep and (path.is_file() or path.is_symlink()):
            path.unlink()
        elif path.name not in keep and path.is_dir():
            _remove_tree(path)
    for path, data in original.items():
        if not path.is_file() or path.read_bytes() != data:
            path.unlink(missing_ok=True)
            path.write_bytes(data)
    _remove_tree(root / "cwd", keep_root=True)


def _remove_tree(path: Path, keep_root: bool = False) -> None:
    if not path.exists():
        return
    for child in sorted(path.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        child.rmdir() if child.is_dir() and not child.is_symlink() else child.unlink()
    if not keep_root:
        path.rmdir()
