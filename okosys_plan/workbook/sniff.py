"""Recognise a file by its content: which spreadsheet format it is, or why it is none.

Only the first bytes and, for a zip, its directory are read. A file that cannot be a
spreadsheet raises ``UnreadableWorkbook`` with one clear line.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.paths import regular_input, unchanged
from okosys_plan.workbook.text import decode, looks_like_text

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_BOOK = "Book".encode("utf-16-le") + b"\x00\x00"
_WORKBOOK = "Workbook".encode("utf-16-le")
_BIFF_BOF = {b"\x09\x00": "Excel 2.x (BIFF2)", b"\x09\x02": "Excel 3.0 (BIFF3)",
             b"\x09\x04": "Excel 4.0 (BIFF4)"}
_SNIFF_BYTES = 64 * 1024


class Format(StrEnum):
    """The formats okosys-plan reads."""

    XLSX = "xlsx"
    ODS = "ods"
    XLS = "xls"
    XLS95 = "xls95"
    CSV = "csv"


_NAMES = {
    Format.XLSX: "an Excel workbook (.xlsx)",
    Format.ODS: "an OpenDocument spreadsheet (.ods)",
    Format.XLS: "an Excel 97–2003 workbook (.xls)",
    Format.XLS95: "an Excel 5.0/95 workbook (.xls)",
    Format.CSV: "a CSV text file",
}
_SUFFIXES = {
    Format.XLSX: (".xlsx", ".xlsm", ".xltx", ".xltm"),
    Format.ODS: (".ods", ".ots"),
    Format.XLS: (".xls", ".xlt"),
    Format.XLS95: (".xls",),
    Format.CSV: (".csv", ".txt", ".tsv"),
}


@dataclass(frozen=True)
class Sniffed:
    """What a file is, and whether its name says something else."""

    format: Format
    misnamed: bool = False

    @property
    def description(self) -> str:
        """A short English description of the format."""
        return _NAMES[self.format]

    @property
    def expected_suffix(self) -> str:
        """The usual file name ending for the format."""
        return _SUFFIXES[self.format][0]


def sniff(path: Path, max_uncompressed: int) -> Sniffed:
    """Tell the format of ``path`` from its content; raise if it is no spreadsheet."""
    try:
        info = regular_input(path)  # a FIFO, device or socket is refused before it is opened
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
        unchanged(path, info, len(head))
    except IsADirectoryError:
        raise _unreadable(path, "is-directory", "is a folder, not a file") from None
    except FileNotFoundError:
        raise _unreadable(path, "not-found", "does not exist") from None
    except OSError as error:
        raise _unreadable(path, "os-error", f"cannot be opened ({error.strerror})",
                          reason=str(error.strerror)) from None
    found = _by_content(path, head, max_uncompressed)
    suffix = path.suffix.casefold()
    return Sniffed(found, misnamed=bool(suffix) and suffix not in _SUFFIXES[found])


def _by_content(path: Path, head: bytes, max_uncompressed: int) -> Format:
    if not head:
        raise _unreadable(path, "empty-file", "is empty (0 bytes)")
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return _zip_format(path, max_uncompressed)
    if head.startswith(OLE_MAGIC):
        return _ole_format(path, head)
    if head[:2] in _BIFF_BOF and len(head) > 4:
        version = _BIFF_BOF[head[:2]]
        raise _unreadable(path, "too-old", f"is an {version} worksheet, a format older than "
                          "Excel 97 that is not read", format=version)
    if looks_like_text(head):
        return _text_format(path, head)
    raise _unreadable(path, "not-spreadsheet", "is not a spreadsheet (unknown binary content)")


def _zip_format(path: Path, max_uncompressed: int) -> Format:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise _unreadable(path, "bad-zip", f"is a damaged zip archive ({error})",
                          reason=str(error)) from None
    total = sum(info.file_size for info in infos)
    if total > max_uncompressed:
        raise _unreadable(
            path, "zip-bomb",
            f"unpacks to {total / 2**20:,.0f} MiB, over the limit of "
            f"{max_uncompressed / 2**20:,.0f} MiB (a zip bomb?)",
            size=round(total / 2**20), limit=round(max_uncompressed / 2**20),
        )
    if b"opendocument.spreadsheet" in mimetype:
        return Format.ODS
    if "xl/workbook.xml" in names or any(n.endswith("/workbook.xml") for n in names):
        return Format.XLSX
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
        raise _unreadable(path, "other-document", f"is an OpenDocument {kind}, not a "
                          "spreadsheet", kind=kind)
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        raise _unreadable(path, "office-document", "is a Word or PowerPoint file, not a "
                          "spreadsheet")
    raise _unreadable(path, "zip-not-workbook", "is a zip archive with no workbook inside")


def _ole_format(path: Path, head: bytes) -> Format:
    data = head if len(head) < _SNIFF_BYTES else path.read_bytes()
    if _ENCRYPTED in data:
        raise _unreadable(path, "encrypted", "is encrypted (password-protected)")
    if _WORKBOOK in data:
        return Format.XLS
    if _BOOK in data:
        return Format.XLS95
    raise _unreadable(path, "ole-not-workbook", "is an Office (OLE) file with no workbook "
                      "inside, or a damaged one")


def _text_format(path: Path, head: bytes) -> Format:
    suffix = path.suffix.casefold()
    if suffix in _SUFFIXES[Format.CSV] or not suffix:
        return Format.CSV
    start = decode(head[:800]).lstrip()[:200].lower().encode("utf-8", "replace")
    kind = "an HTML page" if start.startswith((b"<!doctype html", b"<html", b"<table")) \
        else "an XML file" if start.startswith(b"<?xml") else "a text file"
    raise _unreadable(path, "text-not-spreadsheet",
                      f"is {kind} named {suffix}, not a spreadsheet", kind=kind, suffix=suffix)


def _unreadable(path: Path, code: str, text: str, **params: object) -> UnreadableWorkbook:
    return UnreadableWorkbook(code, f"{path.name} {text}", file=path.name, **params)
