"""Files and processes (issue 13, sections 3 and 4): every command, every path option.

Each kind (an output that is an input, a device or FIFO as output, a folder that cannot be
written, a full disk, an input that is no regular file, a wrong suffix) is generated over
every command's every option and checked against one contract: exit code 0, 1 or 2, no
traceback, valid JSON on stdout with --json, inputs byte-identical, no temporary file and
no child process left. Each kind also runs once as a real process.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from okosys_plan.cli.main import cli
from okosys_plan.export import files
from okosys_plan.report.outputs import RUN_FILES
from tests.conftest import valid_sheets, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
AS_OF = ("--as-of", "2024-06-30")
WORKBOOK, CHART, HTML, EVENTS = files.WORKBOOK, files.CHART, files.HTML, files.EVENTS
SETTINGS = dict(deadline=None, derandomize=True, database=None,
                phases=(Phase.explicit, Phase.generate),  # a failure is shown, not shrunk
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@dataclass(frozen=True)
class Inputs:
    """One folder with every kind of input a command takes."""

    folder: Path
    catalogue: Path
    other: Path  # a second catalogue, for diff and merge
    criteria: Path
    settings: Path
    config: Path
    matrix: Path

    def all(self) -> list[Path]:
        """Every input file."""
        return [self.catalogue, self.other, self.criteria, self.settings, self.config,
                self.matrix]


def make_inputs(folder: Path) -> Inputs:
    """Small valid inputs of every kind in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = write_catalogue(folder / "katalog.xlsx", valid_sheets())
    other = folder / "annen.xlsx"
    shutil.copyfile(catalogue, other)
    criteria = folder / "kriterier.toml"
    criteria.write_text('[[criteria]]\nname = "Nytte"\nweight = 1\nmin = 1\nmax = 5\n',
                        encoding="utf-8")
    roadmap = folder / "veikart.toml"
    shutil.copyfile(ROOT / "roadmap" / "veikart.toml", roadmap)
    config = folder / "okosys-plan.toml"
    config.write_text('[scoring]\ndraws = 0\n', encoding="utf-8")
    matrix = folder / "parvis.toml"
    matrix.write_text('criteria = ["Nytte", "Kost"]\nmatrix = [[1, 3], ["", 1]]\n',
                      encoding="utf-8")
    return Inputs(folder, catalogue, other, criteria, roadmap, config, matrix)


@pytest.fixture
def inputs(tmp_path: Path) -> Inputs:
    """Fresh inputs for one test."""
    return make_inputs(tmp_path / "inn")


Args = Callable[[Inputs, Path], list[str]]

#: Every output option of every command: (name, arguments writing to ``out``, suffixes).
OUTPUTS: list[tuple[str, Args, tuple[str, ...]]] = [
    ("template -o", lambda i, o: ["template", "-o", str(o)], WORKBOOK),
    ("validate --annotate", lambda i, o: ["validate", str(i.catalogue), "--annotate", str(o)],
     WORKBOOK),
    ("merge -o", lambda i, o: ["merge", str(i.catalogue), str(i.other), "-o", str(o),
                               "--renumber"], WORKBOOK),
    ("score -o", lambda i, o: ["score", str(i.catalogue), "-o", str(o)], WORKBOOK),
    ("score --chart", lambda i, o: ["score", str(i.catalogue), "--chart", str(o)], CHART),
    ("plan -o", lambda i, o: ["plan", str(i.catalogue), "-o", str(o)], WORKBOOK),
    ("roadmap -o", lambda i, o: ["roadmap", str(i.catalogue), "-o", str(o), *AS_OF], CHART),
    ("report -o", lambda i, o: ["report", str(i.catalogue), "-o", str(o), *AS_OF], HTML),
    ("weights ahp -o", lambda i, o: ["weights", "ahp", str(i.matrix), "-o", str(o)],
     (".xlsx", ".toml")),
    ("diff -o", lambda i, o: ["diff", str(i.catalogue), str(i.other), "-o", str(o)], WORKBOOK),
    ("diff --events", lambda i, o: ["diff", str(i.catalogue), str(i.other), "--events",
                                    str(o)], EVENTS),
    ("funding -o", lambda i, o: ["funding", str(i.catalogue), "-o", str(o)], WORKBOOK),
    ("funding --chart", lambda i, o: ["funding", str(i.catalogue), "--chart", str(o)], CHART),
    ("deck -o", lambda i, o: ["deck", str(i.catalogue), "-o", str(o), *AS_OF], (".pptx",)),
]
OUTPUT_IDS = [name for name, _, _ in OUTPUTS]
#: The outputs that read an input they could be pointed at (all but the template).
READING = [entry for entry in OUTPUTS if entry[0] != "template -o"]


def _input_of(name: str, given: Inputs) -> Path:
    return given.matrix if name.startswith("weights") else given.catalogue


#: Every input option: (name, arguments reading ``bad``, writing nothing but into ``out``).
INPUT_OPTIONS: list[tuple[str, Args]] = [
    ("validate", lambda i, b: ["validate", str(b)]),
    ("merge", lambda i, b: ["merge", str(i.catalogue), str(b), "-o", str(i.folder / "m.xlsx")]),
    ("score", lambda i, b: ["score", str(b)]),
    ("score --criteria", lambda i, b: ["score", str(i.catalogue), "--criteria", str(b)]),
    ("explain --criteria", lambda i, b: ["explain", str(i.catalogue), "B01", "--criteria",
                                         str(b)]),
    ("plan --settings", lambda i, b: ["plan", str(i.catalogue), "--settings", str(b)]),
    ("roadmap --settings", lambda i, b: ["roadmap", str(i.catalogue), "--settings", str(b),
                                         "--json", *AS_OF]),
    ("funding --settings", lambda i, b: ["funding", str(i.catalogue), "--settings", str(b)]),
    ("roadmap", lambda i, b: ["roadmap", str(b), "--json", *AS_OF]),
    ("report", lambda i, b: ["report", str(b), "-o", str(i.folder / "r.html"), *AS_OF]),
    ("report --since", lambda i, b: ["report", str(i.catalogue), "--since", str(b), "-o",
                                     str(i.folder / "r.html"), *AS_OF]),
    ("report --config", lambda i, b: ["report", str(i.catalogue), "--config", str(b), "-o",
                                      str(i.folder / "r.html"), *AS_OF]),
    ("run", lambda i, b: ["run", str(b), "-o", str(i.folder / "ut"), *AS_OF]),
    ("run --config", lambda i, b: ["run", str(i.catalogue), "--config", str(b), "-o",
                                   str(i.folder / "ut"), *AS_OF]),
    ("diff OLD", lambda i, b: ["diff", str(b), str(i.other)]),
    ("diff NEW", lambda i, b: ["diff", str(i.catalogue), str(b)]),
    ("weights ahp", lambda i, b: ["weights", "ahp", str(b)]),
    ("deck", lambda i, b: ["deck", str(b), "-o", str(i.folder / "d.pptx"), *AS_OF]),
    ("deck --config", lambda i, b: ["deck", str(i.catalogue), "--config", str(b), "-o",
                                    str(i.folder / "d.pptx"), *AS_OF]),
]
INPUT_IDS = [name for name, _ in INPUT_OPTIONS]


# --- the contract -------------------------------------------------------------------------


def snapshot(paths: Sequence[Path]) -> dict[Path, bytes]:
    """The bytes of every regular file given."""
    return {p: p.read_bytes() for p in paths if p.is_file()}


def temporary_files(*folders: Path) -> list[Path]:
    """Temporary files of ours (``.NAME.*.tmp``) anywhere under ``folders``."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            found += [p for p in folder.rglob(".*.tmp")]
    return found


def children(pid: int) -> list[int]:
    """Processes whose parent or process group is ``pid`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == pid:
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and pid in (int(fields[1]), int(fields[2])):
            found.append(int(entry))
    return found


def assert_contract(code: int, stdout: str, stderr: str, args: Sequence[str],
                    before: dict[Path, bytes], folders: Sequence[Path]) -> None:
    """The contract every command keeps, whatever it is given."""
    assert code in (0, 1, 2), (code, stderr)
    assert "Traceback" not in stderr, stderr
    if "--json" in args:
        json.loads(stdout)
    for path, data in before.items():
        assert path.read_bytes() == data, f"{path} was changed"
    assert temporary_files(*folders) == []
    assert children(os.getpid()) == []


def invoke(args: Sequence[str], given: Inputs, *extra: Path) -> tuple[int, str, str]:
    """Run the command in-process and check the contract; (exit code, stdout, stderr)."""
    before = snapshot(given.all())
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, AssertionError)
    assert_contract(result.exit_code, result.stdout, result.stderr, args, before,
                    [given.folder, *extra])
    return result.exit_code, result.stdout, result.stderr


def real(args: Sequence[str], given: Inputs, *extra: Path, timeout: float = 60
         ) -> tuple[int, str, str]:
    """The same as a real process in its own session (a hang fails, children are seen)."""
    before = snapshot(given.all())
    process = subprocess.Popen([sys.executable, "-m", "okosys_plan", *args], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        process.kill()
    assert children(process.pid) == []
    assert_contract(process.returncode, stdout, stderr, args, before, [given.folder, *extra])
    return process.returncode, stdout, stderr


def one_line(stderr: str) -> str:
    """The single okosys-plan line on stderr."""
    lines = [line for line in stderr.splitlines() if line.startswith("okosys-plan:")]
    assert len(lines) == 1, stderr
    return lines[0]


# --- outputs that are inputs ----------------------------------------------------------------


def _alias(kind: str, source: Path, target: Path) -> Path:
    """Another name for ``source``: itself, ``target`` as a symlink or hard link, or ../x."""
    folder = source.parent
    if kind == "same":
        return source
    if kind == "dotted":
        return folder / ".." / folder.name / "." / source.name
    if kind == "symlink":
        target.symlink_to(source)
    else:
        os.link(source, target)
    return target


@pytest.mark.parametrize("force", [False, True])
@settings(max_examples=30, **SETTINGS)
@given(entry=st.sampled_from(READING), how=st.sampled_from(["same", "dotted", "symlink",
                                                          "hardlink"]))
def test_no_output_is_ever_an_input(tmp_path_factory: pytest.TempPathFactory, force: bool,
                                    entry: tuple[str, Args, tuple[str, ...]], how: str) -> None:
    given_inputs = make_inputs(tmp_path_factory.mktemp("alias"))
    name, args, suffixes = entry
    source = _input_of(name, given_inputs)
    disguised = source.with_name(f"inn{suffixes[0]}")  # the reader goes by content
    source.rename(disguised)
    given_inputs = Inputs(**{**given_inputs.__dict__, "catalogue" if source ==
                             given_inputs.catalogue else "matrix": disguised})
    out = _alias(how, disguised, disguised.with_name(f"lenke{suffixes[0]}"))
    before = set(given_inputs.folder.iterdir())
    code, _, stderr = invoke([*args(given_inputs, out), *(["--force"] if force else [])],
                             given_inputs)
    assert code == 2 and "innfil" in one_line(stderr), stderr
    assert set(given_inputs.folder.iterdir()) == before  # nothing else was written either


@settings(max_examples=25, **SETTINGS)
@given(name=st.sampled_from([n for r, n in RUN_FILES.items() if r != "roadmap"]
                            + [f"veikart-2022-2025{s}" for s in (".png", ".svg", ".pdf",
                                                                  ".md", ".csv")]),
       role=st.sampled_from(["catalogue", "config", "criteria", "settings"]),
       how=st.sampled_from(["same", "symlink", "hardlink"]))
def test_run_never_writes_over_its_inputs(tmp_path_factory: pytest.TempPathFactory,
                                          name: str, role: str, how: str) -> None:
    given_inputs = make_inputs(tmp_path_factory.mktemp("run"))
    folder = given_inputs.folder
    real_file = {"catalogue": given_inputs.catalogue, "config": given_inputs.config,
                 "criteria": given_inputs.criteria, "settings": given_inputs.settings}[role]
    hidden = folder / "lager" / real_file.name
    hidden.parent.mkdir()
    real_file.rename(hidden)
    at_name = folder / name if how == "same" else _alias(how, hidden, folder / name)
    if how == "same":
        hidden.rename(at_name)
    paths = {**{r: p for r, p in (("catalogue", given_inputs.catalogue),
                                  ("config", given_inputs.config),
                                  ("criteria", given_inputs.criteria),
                                  ("settings", given_inputs.settings))}, role: at_name}
    paths["config"].write_text(
        f'[scoring]\ndraws = 0\ncriteria = "{paths["criteria"]}"\n'
        f'[roadmap]\nsettings = "{paths["settings"]}"\n', encoding="utf-8")
    watched = [*given_inputs.all(), *paths.values(), hidden]
    before = snapshot(watched)
    listing = set(folder.rglob("*"))
    args = ["run", str(paths["catalogue"]), "-o", str(folder), "--config",
            str(paths["config"]), "--json", *AS_OF]
    result = CliRunner().invoke(cli, args)
    assert_contract(result.exit_code, result.stdout, result.stderr, args, before, [folder])
    assert result.exit_code == 2 and "innfil" in one_line(result.stderr), result.stderr
    assert set(folder.rglob("*")) == listing  # refused before anything was written


def test_run_over_its_input_as_a_real_process(inputs: Inputs) -> None:
    disguised = inputs.folder / RUN_FILES["report"]
    inputs.catalogue.rename(disguised)
    given_inputs = Inputs(**{**inputs.__dict__, "catalogue": disguised})
    code, _, stderr = real(["run", str(disguised), "-o", str(inputs.folder), *AS_OF],
                           given_inputs)
    assert code == 2 and str(disguised) in one_line(stderr)
    assert sorted(p.name for p in inputs.folder.iterdir()) == sorted(
        p.name for p in given_inputs.all())


# --- devices and FIFOs as outputs -------------------------------------------------------------


@pytest.mark.parametrize("entry", OUTPUTS, ids=OUTPUT_IDS)
@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_device_or_fifo_is_never_replaced(inputs: Inputs, kind: str,
                                            entry: tuple[str, Args, tuple[str, ...]]) -> None:
    _name, args, suffixes = entry
    out = inputs.folder / f"ut{suffixes[0]}"
    if kind == "device":
        out.symlink_to(os.devnull)
    else:
        os.mkfifo(out)
    code, _, stderr = invoke([*args(inputs, out), "--force"], inputs)
    assert code == 2 and "ikke en vanlig fil" in one_line(stderr), stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert stat.S_ISCHR(os.stat(out).st_mode) if kind == "device" else stat.S_ISFIFO(
        os.stat(out).st_mode)


def test_dev_null_survives_a_real_run(inputs: Inputs, tmp_path: Path) -> None:
    link = tmp_path / "null.png"
    link.symlink_to(os.devnull)
    code, _, stderr = real(["roadmap", str(inputs.catalogue), "-o", str(link), "--force",
                            *AS_OF], inputs)
    assert code == 2 and "tegnenhet" in one_line(stderr)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_run_never_replaces_a_fifo_in_its_folder(inputs: Inputs) -> None:
    os.mkfifo(inputs.folder / RUN_FILES["report"])
    code, _, stderr = invoke(["run", str(inputs.catalogue), "-o", str(inputs.folder),
                              "--config", str(inputs.config), *AS_OF], inputs)
    assert code == 2 and "FIFO" in one_line(stderr)
    assert not (inputs.folder / RUN_FILES["priority_workbook"]).exists()


# --- folders that cannot be written -----------------------------------------------------------


def _unwritable(kind: str, folder: Path, suffix: str) -> Path:
    if kind == "long-name":
        return folder / ("n" * 300 + suffix)
    if kind == "file-as-folder":
        (folder / "fil").write_bytes(b"x")
        return folder / "fil" / f"ut{suffix}"
    if kind == "proc":
        return Path("/proc") / f"okosys-plan-test{suffix}"
    if kind == "loop":
        first, second = folder / f"a{suffix}", folder / f"b{suffix}"
        first.symlink_to(second)
        second.symlink_to(first)
        return first
    return Path("/sys") / f"okosys-plan-test{suffix}"


UNWRITABLE = ["long-name", "file-as-folder", "proc", "sys", "loop"]


@settings(max_examples=40, **SETTINGS)
@given(entry=st.sampled_from(OUTPUTS), kind=st.sampled_from(UNWRITABLE),
       lang=st.sampled_from(["nb", "en"]), as_json=st.booleans())
def test_an_unwritable_output_is_one_line_before_any_work(
        tmp_path_factory: pytest.TempPathFactory, entry: tuple[str, Args, tuple[str, ...]],
        kind: str, lang: str, as_json: bool) -> None:
    given_inputs = make_inputs(tmp_path_factory.mktemp("unwritable"))
    name, args, suffixes = entry
    out = _unwritable(kind, given_inputs.folder, suffixes[0])
    assume(not (as_json and name == "template -o"))  # template has no --json
    extra = ["--lang", lang, *(["--json"] if as_json else [])]
    code, stdout, stderr = invoke([*args(given_inputs, out), *extra], given_inputs)
    line = one_line(stderr)
    assert code == 2 and (str(out) in line or str(out.parent) in line), line
    reasons = {"nb": ("for langt", "en fil, ikke en mappe", "kan ikke skrives til",
                      "symbolske lenker"),
               "en": ("too long", "is a file, not a folder", "cannot be written",
                      "symbolic links")}[lang]
    assert any(reason in line for reason in reasons), line
    assert out.is_symlink() if kind == "loop" else not os.path.lexists(out)
    if as_json:
        assert json.loads(stdout)["error"] == line


@pytest.mark.parametrize("kind", UNWRITABLE)
def test_an_unwritable_run_folder_as_a_real_process(inputs: Inputs, kind: str) -> None:
    out = _unwritable(kind, inputs.folder, "")
    code, _, stderr = real(["run", str(inputs.catalogue), "-o", str(out), "--config",
                            str(inputs.config), *AS_OF], inputs)
    assert code == 2 and "okosys-plan:" in one_line(stderr)
    assert out.is_symlink() if kind == "loop" else not os.path.lexists(out)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 200 kB tmpfs (as root; skipped where mounting is not allowed)."""
    mount = tmp_path / "liten"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_is_one_line_and_no_temporary_file(inputs: Inputs, small_disk: Path) -> None:
    code, _, stderr = real(["run", str(inputs.catalogue), "-o", str(small_disk / "ut"),
                            "--config", str(inputs.config), *AS_OF], inputs, small_disk)
    assert code == 2 and "disken er full" in one_line(stderr)
    assert not (small_disk / "ut" / RUN_FILES["audit"]).exists()


def test_a_read_only_file_system_is_refused_before_any_work(tmp_path: Path,
                                                            inputs: Inputs) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(mount)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        code, _, stderr = invoke(["score", str(inputs.catalogue), "-o",
                                  str(mount / "s.xlsx")], inputs)
        assert code == 2 and "skrivebeskyttet" in one_line(stderr)
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.parametrize("entry", OUTPUTS, ids=OUTPUT_IDS)
def test_a_full_disk_in_every_writer(inputs: Inputs, monkeypatch: pytest.MonkeyPatch,
                                     entry: tuple[str, Args, tuple[str, ...]]) -> None:
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    _name, args, suffixes = entry
    out = inputs.folder / "ut" / f"ut{suffixes[0]}"
    code, _, stderr = invoke([*args(inputs, out), "--lang", "en"], inputs)
    line = one_line(stderr)
    assert code == 2 and "the disk is full" in line and str(out) in line, line
    assert not os.path.lexists(out)


# --- inputs that are not regular files --------------------------------------------------------


@pytest.fixture
def unblock() -> Iterator[list[Path]]:
    """FIFOs listed here are opened for writing after 20 s, so a reader that blocks on one
    fails its test instead of hanging the suite."""
    fifos: list[Path] = []
    stop = threading.Event()

    def watch() -> None:
        if not stop.wait(20):
            for fifo in fifos:
                with contextlib.suppress(OSError):
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    yield fifos
    stop.set()
    thread.join()


def _bad_input(kind: str, folder: Path, fifos: list[Path]) -> Path:
    if kind == "fifo":
        path = folder / "rør.xlsx"
        os.mkfifo(path)
        fifos.append(path)
        return path
    if kind == "device":
        return Path("/dev/zero")
    if kind == "socket":
        path = folder / "s.toml"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
        return path
    if kind == "proc":
        return Path("/proc/self/status")  # says 0 bytes, gives more: it grows while read
    path = folder / "stor.toml"  # a TOML file over the limit
    path.write_bytes(b"# " + b"x" * files_limit() + b"\n")
    return path


def files_limit() -> int:
    from okosys_plan.paths import TOML_LIMIT

    return TOML_LIMIT


REASONS = {"fifo": "ikke en vanlig fil", "device": "ikke en vanlig fil",
           "socket": "ikke en vanlig fil", "proc": "endret seg mens den ble lest",
           "large": "større enn"}
TOML_OPTIONS = {"score --criteria", "explain --criteria", "plan --settings",
                "roadmap --settings", "funding --settings", "report --config", "run --config",
                "weights ahp", "deck --config"}


@pytest.mark.parametrize("entry", INPUT_OPTIONS, ids=INPUT_IDS)
@pytest.mark.parametrize("kind", ["fifo", "device", "socket", "proc", "large"])
def test_an_input_that_is_no_regular_file_is_refused_at_once(
        inputs: Inputs, unblock: list[Path], kind: str, entry: tuple[str, Args]) -> None:
    name, args = entry
    if kind == "large" and name not in TOML_OPTIONS:
        pytest.skip("only settings files have a size limit")
    bad = _bad_input(kind, inputs.folder, unblock)
    code, _, stderr = invoke(args(inputs, bad), inputs, inputs.folder)
    assert code == 2 and REASONS[kind] in one_line(stderr), stderr
    assert not (inputs.folder / "ut").exists() and not (inputs.folder / "r.html").exists()


@pytest.mark.parametrize("option", ["run", "run --config", "report --since", "weights ahp"])
def test_a_fifo_input_never_hangs_a_real_process(inputs: Inputs, option: str) -> None:
    fifo = inputs.folder / "rør.toml"
    os.mkfifo(fifo)
    args = dict(INPUT_OPTIONS)[option](inputs, fifo)
    code, _, stderr = real(args, inputs, timeout=30)
    assert code == 2 and "FIFO" in one_line(stderr)


def test_a_directory_input_is_refused(inputs: Inputs) -> None:
    for name, args in INPUT_OPTIONS:
        code, _, stderr = invoke(args(inputs, inputs.folder), inputs)
        assert code == 2, (name, stderr)


# --- suffixes -----------------------------------------------------------------------------------


SUFFIXES = st.one_of(st.sampled_from(["", ".txt", ".png", ".xlsx", ".csv", ".html", ".svg",
                                      ".pdf", ".toml", ".json", ".jsonl", ".XLSX", ".xls",
                                      ".ods", ".md", ".htm", ".PNG"]),
                     st.text("abcxyzæøå0", min_size=1, max_size=5).map(lambda s: "." + s))


@settings(max_examples=60, **SETTINGS)
@given(entry=st.sampled_from(OUTPUTS), suffix=SUFFIXES)
def test_a_wrong_suffix_is_refused_naming_the_formats(
        tmp_path_factory: pytest.TempPathFactory, entry: tuple[str, Args, tuple[str, ...]],
        suffix: str) -> None:
    _name, args, suffixes = entry
    assume(suffix.casefold() not in suffixes)
    given_inputs = make_inputs(tmp_path_factory.mktemp("suffix"))
    out = given_inputs.folder / f"ut{suffix}"
    before = set(given_inputs.folder.iterdir())
    code, _, stderr = invoke(args(given_inputs, out), given_inputs)
    line = one_line(stderr)
    assert code == 2 and all(s in line for s in suffixes), line
    # The line is in one language: the missing suffix is said in Norwegian too.
    assert ("(ingen endelse)" in line) == (suffix == ""), line
    assert "(none)" not in line and "(no suffix)" not in line, line
    code, _, stderr = invoke([*args(given_inputs, out), "--lang", "en"], given_inputs)
    line = one_line(stderr)
    assert code == 2 and ("(no suffix)" in line) == (suffix == ""), line
    assert "ingen endelse" not in line and " eller " not in line, line
    assert set(given_inputs.folder.iterdir()) == before


@pytest.mark.parametrize("entry", OUTPUTS, ids=OUTPUT_IDS)
def test_every_suffix_an_output_names_is_written(inputs: Inputs,
                                                 entry: tuple[str, Args, tuple[str, ...]]
                                                 ) -> None:
    name, args, suffixes = entry
    for number, suffix in enumerate(suffixes):
        out = inputs.folder / "ut" / f"ut{number}{suffix.upper()}"
        code, _, stderr = invoke(args(inputs, out), inputs)
        assert code == 0 and out.is_file(), (name, suffix, stderr)


def test_a_wrong_suffix_as_a_real_process(inputs: Inputs) -> None:
    code, _, stderr = real(["template", "-o", str(inputs.folder / "x.txt")], inputs)
    assert code == 2 and ".xlsx" in one_line(stderr)
    assert not (inputs.folder / "x.txt").exists()


# --- a workbook that changes while it is read -------------------------------------------------

def _grow(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(b"\0" * 512)


def _rewrite(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data)  # same bytes, a new write: still being saved
    os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 10**9))


def _replace(path: Path) -> None:
    other = path.with_name(path.name + ".new")
    shutil.copyfile(path, other)
    os.replace(other, path)


def _remove(path: Path) -> None:
    path.unlink()


CHANGES = {"grows": _grow, "rewritten": _rewrite, "replaced": _replace, "removed": _remove}


def _csv_catalogue(folder: Path) -> Path:
    path = folder / "behov.csv"
    path.write_text("ID;Tittel;Tema\nB01;Innsyn;Grunndata\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_workbook_that_changes_while_it_is_read_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str, when: str,
        kind: str) -> None:
    """Whatever the change (more bytes, a rewrite, a new file under the name, gone), made
    before the reader starts on the content or after it is done, the values read are not
    one file's: refused as changed-while-read with the path, never read half-old."""
    from okosys_plan.workbook import read

    def fresh() -> Path:
        return (write_catalogue(tmp_path / "k.xlsx", valid_sheets()) if kind == "xlsx"
                else _csv_catalogue(tmp_path))

    original = read._read

    def changing(at: Path, sniffed: object) -> object:
        if when == "before":
            CHANGES[change](at)
            if change == "removed":
                shutil.copyfile(ROOT / "catalogue" / "behovskatalog.xlsx", at)
        found = original(at, sniffed)  # type: ignore[arg-type]
        if when == "after":
            CHANGES[change](at)
        return found

    monkeypatch.setattr(read, "_read", changing)
    for lang, words in (("nb", "endret seg"), ("en", "changed while")):
        path = fresh()
        result = CliRunner().invoke(cli, ["validate", str(path), "--lang", lang, "--json"])
        assert result.exit_code == 2, result.output
        document = json.loads(result.stdout)
        text = json.dumps(document, ensure_ascii=False)
        assert "changed-while-read" in text or words in text, text
        assert "Traceback" not in result.output


def test_an_unchanged_workbook_reads_as_before(inputs: Inputs) -> None:
    result = CliRunner().invoke(cli, ["validate", str(inputs.catalogue), "--json"])
    assert result.exit_code == 0, result.output
