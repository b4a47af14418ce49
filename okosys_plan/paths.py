"""What a path on disk is, for reading: only regular files are read, small files whole.

Every input (a catalogue, ``--config``, ``--criteria``, ``--settings``, ``--since``, a
member's matrix) is looked at with ``os.stat`` before it is opened, so a FIFO, a device,
a socket or a folder is refused at once instead of hanging or reading forever. Settings
files are read whole, up to ``TOML_LIMIT`` bytes, and refused if they change while read.
The reasons an operating system gives (``errno``) are said here in Norwegian and English.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.text.later import Msg, msg
from okosys_plan.text.say import say

#: The largest settings or criteria file read (1 MiB: a real one is a few kB).
TOML_LIMIT = 1024 * 1024

#: What a path that is not a regular file is, by ``stat`` kind (English: the message id).
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}

#: What an ``errno`` means, said for a user (English: the message id).
_REASONS = {
    errno.ENOENT: "does not exist",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "is a folder",
    errno.EEXIST: "already exists",
    errno.ELOOP: "too many symbolic links",
    errno.EIO: "an input/output error on the disk",
    errno.EBUSY: "is busy",
    errno.ETXTBSY: "is busy",
    errno.EXDEV: "is on another file system",
    errno.EMFILE: "too many open files",
    errno.EFBIG: "the file is too large",
    errno.EINVAL: "an invalid name or operation",
    errno.EPIPE: "the receiver closed the pipe",
}


def os_reason(code: int | None, strerror: str | None, lang: str = "nb") -> str:
    """Why an operation failed, from its ``errno``, in the language asked for."""
    said = _REASONS.get(code or 0)
    if said is None:
        return strerror or (say(lang, "unknown error"))
    return say(lang, said)


def os_reason_later(code: int | None, strerror: str | None) -> Msg:
    """Why an operation failed, to be said in the reader's language (an error's field)."""
    said = _REASONS.get(code or 0)
    return msg(said if said is not None else strerror or "unknown error")


def kind_of(mode: int) -> Msg:
    """What a ``stat`` mode that is no regular file is, to be said in either language."""
    return msg(_KINDS.get(stat.S_IFMT(mode), "not a regular file"))


def not_regular(path: Path, mode: int) -> UnreadableWorkbook:
    """The error for an input that is a folder, FIFO, device or socket."""
    if stat.S_ISDIR(mode):
        return UnreadableWorkbook("is-directory", f"{path} is a folder, not a file",
                                  file=str(path))
    kind = kind_of(mode)
    return UnreadableWorkbook("not-regular-file", f"{path} is {kind}, not a regular file",
                              file=str(path), kind=kind)


def regular_input(path: Path) -> os.stat_result:
    """``os.stat`` of an input that must be a regular file; refused at once if it is not.

    ``OSError`` (not found, no access) is left to the caller, which says it its own way.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise not_regular(path, info.st_mode)
    return info


def read_small(path: Path, limit: int = TOML_LIMIT) -> bytes:
    """The whole of a small regular file: refused if it is larger than ``limit`` bytes,
    not a regular file, or grows while read (never blocks on a FIFO)."""
    before = regular_input(path)
    if before.st_size > limit:
        raise _too_large(path, before.st_size, limit)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # replaced between the stat and the open
            raise not_regular(path, opened.st_mode)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_large(path, len(data), limit)
    unchanged(path, opened, len(data), whole=True)
    return data


def unchanged(path: Path, info: os.stat_result, read: int, *, whole: bool = False) -> None:
    """Refuse a file that gave more bytes than its size (``whole``: other than its size):
    one still being written, or a /proc file that says it is empty."""
    if read > info.st_size or (whole and read != info.st_size):
        raise changed(path)


def version(info: os.stat_result) -> tuple[int, int, int, int]:
    """What tells one state of a file from the next: device, inode, size, change time."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def still_as_read(path: Path, before: os.stat_result) -> None:
    """Refuse a file that was replaced, grew or was rewritten since ``before`` was taken
    (a workbook still being saved or copied while it was read)."""
    try:
        after = os.stat(path)
    except OSError:
        raise changed(path) from None
    if version(after) != version(before):
        raise changed(path)


def changed(path: Path) -> UnreadableWorkbook:
    return UnreadableWorkbook("changed-while-read", f"{path} changed while it was read "
                              "(a file still being written, or not a regular file)",
                              file=str(path))


def _too_large(path: Path, size: int, limit: int) -> UnreadableWorkbook:
    return UnreadableWorkbook("file-too-large", f"{path} is larger than {limit // 1024} kB "
                              f"({size} bytes)",
                              file=str(path), limit=limit // 1024, size=size)
