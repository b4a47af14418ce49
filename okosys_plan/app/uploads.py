"""Uploaded workbooks: kept in a private temporary folder, removed when the app stops.

The folder is made readable by its owner only (another user on the machine cannot read
an upload), each file gets a fresh name (a user's file name is shown, never used as a
path), and a file larger than ``MAX_UPLOAD`` is refused before it is kept.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

MAX_UPLOAD = 64 * 1024 * 1024  # bytes per request: far above any real catalogue
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")
NAME_MAX = 120  # characters of a kept file's name


def safe_name(name: str) -> str:
    """The last part of a user's file name, without control characters or separators,
    at most ``NAME_MAX`` characters (its suffix kept); 'opplasting' if nothing is left."""
    base = _UNSAFE.sub("_", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if base in ("", ".", ".."):
        return "opplasting"
    if len(base) > NAME_MAX:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[: NAME_MAX - len(suffix) - 1] + dot + suffix) if dot and len(suffix) < 8 \
            else base[:NAME_MAX]
    return base


@dataclass(frozen=True)
class Upload:
    """One kept file: its id, the name the user gave it, and where it is."""

    id: str
    name: str
    path: Path


class Uploads:
    """The app's uploads, in a folder of its own (mode 0700) that ``close`` removes."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="okosys-plan-app-"))
        os.chmod(self.folder, 0o700)
        self.kept: dict[str, Upload] = {}
        self.lock = threading.Lock()

    def keep(self, name: str, data: bytes) -> Upload:
        """Keep ``data`` in a fresh numbered folder under the user's file name, made safe
        (its last part only, no control characters), so every message names the file as
        the user knows it; the readers sniff the content, whatever the name says."""
        with self.lock:  # requests are served in threads: one number each
            number = len(self.kept) + 1
            inner = self.folder / str(number)
            inner.mkdir(mode=0o700)
            self.kept[str(number)] = Upload(str(number), "", inner)  # taken
        path = inner / safe_name(name)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        upload = Upload(str(number), path.name, path)
        self.kept[upload.id] = upload
        return upload

    def get(self, upload_id: str) -> Upload | None:
        """The upload with this id, or None."""
        return self.kept.get(upload_id)

    def scratch(self, name: str) -> Path:
        """A path in the private folder for a file the app makes (an annotated copy)."""
        return self.folder / name

    def close(self) -> None:
        """Remove the folder and everything in it."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.kept.clear()
