"""Write output files atomically and deterministically.

Every output goes to a temporary file beside the target and is renamed into place, so an
interrupted run leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from okosys_plan.errors import OutputExists, UsageError
from okosys_plan.paths import kind_of, os_reason_later
from okosys_plan.text.later import Alternatives, msg

if TYPE_CHECKING:
    from openpyxl import Workbook

#: The fixed timestamp written into every workbook we produce (same input, same bytes).
FIXED_ZIP_TIME = (2022, 1, 1, 0, 0, 0)
FIXED_ISO_TIME = "2022-01-01T00:00:00Z"
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


#: Output formats by what a command writes: the suffixes each option accepts.
WORKBOOK = (".xlsx",)
CHART = (".png", ".svg", ".pdf")
HTML = (".html", ".htm")
EVENTS = (".jsonl", ".ndjson")
#: A temporary file's name keeps at most this many bytes of the target's name, so that
#: ``.NAME.PID.RANDOM.tmp`` fits where NAME does (255 bytes on every common file system).
_TMP_NAME_BYTES = 200
_NAME_MAX = 255


def check_suffix(path: Path, suffixes: Sequence[str]) -> str:
    """The suffix of ``path`` if it is one of ``suffixes``; else refused, naming them."""
    suffix = path.suffix.casefold()
    if suffix in suffixes:
        return suffix
    formats = Alternatives(tuple(suffixes))
    shown = suffix or msg("(no suffix)")
    raise UsageError("bad-output-suffix", f"{path}: this output is written as {formats}, "
                     f"not {shown}", path=str(path), formats=formats, suffix=shown)


def check_target(path: Path, *, force: bool, inputs: Sequence[Path | None] = ()) -> None:
    """Refuse to write over an input, or over an existing file without ``force``."""
    check_outputs([path], force=force, inputs=inputs)


def check_outputs(targets: Iterable[Path], *, force: bool,
                  inputs: Sequence[Path | None] = ()) -> None:
    """Check every file a command will write, as a whole, before the first is written.

    Refused: a target that is an input (by resolved path, or the same file through a hard
    link), one named twice, one that is a folder, FIFO or device (even with ``force``), one
    that exists without ``force``, a name too long for the file system, and a folder that
    cannot be written (probed with a temporary file, so a read-only or forbidden folder is
    found before any work); OSError is left to the CLI, which says it in one line.
    """
    sources = [_identity(p) for p in inputs if p is not None]
    seen: set[Path] = set()
    folders: dict[Path, None] = {}
    for path in targets:
        resolved = _resolved(path)
        if resolved is None:
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
        if resolved in seen:
            raise UsageError.bad_option("{path} is named twice as an output", path=path)
        seen.add(resolved)
        _check_one(path, resolved, sources, force)
        folders[_existing_folder(resolved.parent)] = None
    for folder in folders:
        _probe(folder)


def _resolved(path: Path) -> Path | None:
    """The absolute path with every symbolic link followed; None for a link loop."""
    try:
        return Path(os.path.abspath(path)).resolve()
    except (RuntimeError, OSError):
        return None


def _identity(path: Path) -> tuple[Path, tuple[int, int] | None]:
    """An input's resolved path and (device, inode), when it exists."""
    resolved = _resolved(path) or Path(os.path.abspath(path))
    try:
        info = os.stat(resolved)
    except OSError:
        return resolved, None
    return resolved, (info.st_dev, info.st_ino)


def _check_one(path: Path, resolved: Path, sources: list[tuple[Path, tuple[int, int] | None]],
               force: bool) -> None:
    try:
        info: os.stat_result | None = os.stat(resolved)
    except OSError:
        info = None
    node = None if info is None else (info.st_dev, info.st_ino)
    if any(resolved == source or (node is not None and node == ino)
           for source, ino in sources):
        raise UsageError("output-is-input", f"{path}: the output would overwrite an input",
                         path=str(path))
    if len(os.fsencode(path.name)) > _NAME_MAX:
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(path))
    if info is None:
        return
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular_output(path, info.st_mode)
    if not force:
        raise OutputExists(
            "output-exists", f"{path} exists already (use --force to replace it)", path=str(path)
        )


def _not_regular_output(path: Path, mode: int) -> UsageError:
    kind = kind_of(mode)
    return UsageError("output-not-regular", f"{path} is {kind}, not a regular file; it is "
                      "never replaced (not even with --force)", path=str(path), kind=kind)


def _existing_folder(folder: Path) -> Path:
    """``folder``, or its nearest existing ancestor (the folders between are made later)."""
    while not os.path.lexists(folder) and folder.parent != folder:
        folder = folder.parent
    return folder


def _probe(folder: Path) -> None:
    """Create and remove a temporary file in ``folder``: refused if it cannot be written."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".okosys-plan.{os.getpid()}.", suffix=".tmp",
                                    dir=folder)
    except OSError as error:
        if not folder.is_dir():
            raise OSError(error.errno, error.strerror, str(folder)) from None
        reason = (msg("the file system takes no new files here") if error.errno == errno.ENOENT
                  else os_reason_later(error.errno, error.strerror))
        raise UsageError("folder-not-writable", f"{folder}: files cannot be written in this "
                         f"folder ({reason})", path=str(folder), reason=reason) from None
    os.close(fd)
    clean_stale(folder / "okosys-plan")  # a probe of a killed run
    os.unlink(name)


def _tmp_prefix(path: Path) -> str:
    """``.NAME.PID.``: the start of this process's temporary files for ``path``."""
    short = os.fsencode(path.name)[:_TMP_NAME_BYTES].decode(errors="ignore")
    return f".{short}.{os.getpid()}."


def clean_stale(path: Path) -> None:
    """Remove temporary files for ``path`` left by a process that is gone (a SIGKILL).

    Only our own names (``.NAME.PID.RANDOM.tmp``) are touched, and only when no process
    with that id is alive, so a run writing the same folder at the same time is safe.
    """
    short = os.fsencode(path.name)[:_TMP_NAME_BYTES].decode(errors="ignore")
    start = f".{short}."
    try:
        entries = os.listdir(path.parent)
    except OSError:
        return
    for entry in entries:
        if not (entry.startswith(start) and entry.endswith(".tmp")):
            continue
        pid = entry[len(start):-len(".tmp")].split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / entry)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    The target must be absent or a regular file (a device or FIFO is never replaced);
    temporary files of ``path`` left by a killed run are removed first.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular_output(path, mode)
    clean_stale(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(path), suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as error:  # said for the target, not for its temporary file
        Path(tmp).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from error
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    write_atomic(path, write)


def normalise_zip(data: bytes, nested: Sequence[str] = ()) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps so equal content gives equal bytes.

    Members whose names end in one of ``nested`` (a deck's embedded ``.xlsx`` chart data)
    are zips themselves and are rewritten the same way.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if nested and info.filename.endswith(tuple(nested)):
                content = normalise_zip(content, nested)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATE.sub(
                    lambda m: m.group(1) + FIXED_ISO_TIME.encode() + m.group(3), content
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save an openpyxl workbook deterministically and atomically."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes_atomic(path, normalise_zip(buffer.getvalue()))


#: Control characters no XML file (a workbook, an SVG) may hold; tab and newlines it can.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT = "\ufffd"  # shown as �, so the place of what could not be kept stays visible


def xml_text(value: str) -> str:
    """Text an XML file (workbook, SVG) can hold: forbidden control characters become �."""
    return ILLEGAL.sub(REPLACEMENT, value) if ILLEGAL.search(value) else value


def set_text(cell: object, value: str) -> None:
    """Put user text into an openpyxl cell as text, never as a live formula."""
    cell.value = xml_text(value)  # type: ignore[attr-defined]
    cell.data_type = "s"  # type: ignore[attr-defined]
