"""Write output files atomically and deterministically.

Every output goes to a temporary file beside the target and is renamed into place, so an
interrupted run leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from okosys_plan.errors import OutputExists, UsageError

if TYPE_CHECKING:
    from openpyxl import Workbook

#: The fixed timestamp written into every workbook we produce (same input, same bytes).
FIXED_ZIP_TIME = (2022, 1, 1, 0, 0, 0)
FIXED_ISO_TIME = "2022-01-01T00:00:00Z"
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def check_target(path: Path, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse to write over an input, or over an existing file without ``force``."""
    target = path.resolve()
    for source in inputs:
        if source.exists() and source.resolve() == target:
            raise UsageError(
                "output-is-input", f"{path}: the output would overwrite an input", path=str(path)
            )
    if path.exists() and not force:
        raise OutputExists(
            "output-exists", f"{path}: the file exists (use --force to replace it)", path=str(path)
        )


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    write_atomic(path, write)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
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
