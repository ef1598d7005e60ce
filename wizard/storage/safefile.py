"""Crash-safe file writing: temp file in the same folder, flush, fsync, replace, fsync the folder.

At no moment is there no complete target file. Used for setups, backups and every output file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wizard.storage.errors import StoreError

#: A setup is a few kilobytes; refuse to read anything absurdly large.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: fails with PermissionError. Retry with growing delays, about 2.5 s in total.
REPLACE_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.0)
IS_WINDOWS = os.name == "nt"
_sleep: Callable[[float], None] = time.sleep


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (POSIX); a no-op where folders can't be opened."""
    if IS_WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (e.g. network mounts) refuse; the data itself is synced
    finally:
        os.close(fd)


def replace(src: str | Path, dst: str | Path) -> None:
    """os.replace, retried briefly on Windows when another program holds the file open."""
    delays = REPLACE_RETRY_DELAYS if IS_WINDOWS else ()
    for delay in (*delays, None):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if delay is None:
                raise
            _sleep(delay)


def write_temp(folder: Path, name: str, data: bytes) -> str:
    """A synced temp file with ``data`` in ``folder`` (0600 on POSIX); returns its path."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def atomic_write(path: Path, data: bytes, backup: Path | None = None) -> None:
    """Replace ``path`` with ``data`` atomically; first make the current file ``backup``."""
    folder = path.parent
    tmp = write_temp(folder, path.name, data)
    try:
        if backup is not None and path.exists():
            keep_copy(path, backup)
        replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def keep_copy(path: Path, target: Path) -> None:
    """Atomically make ``target`` a copy of ``path`` (a hard link where possible)."""
    folder = path.parent
    link = folder / f".{target.name}.{os.urandom(4).hex()}.tmp"
    try:
        os.link(path, link)
    except FileNotFoundError:
        return
    except OSError:  # no hard links here (FAT on a USB stick, some shares): copy the bytes
        replace(write_temp(folder, target.name, path.read_bytes()), target)
        return
    try:
        replace(link, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(link)
        raise


def move_aside(path: Path, suffix: str) -> Path:
    """Rename ``path`` to ``<path><suffix>`` (plus -2, -3... if taken); never overwrites."""
    n = 1
    while True:
        target = path.with_name(path.name + suffix + (f"-{n}" if n > 1 else ""))
        if not target.exists():
            try:
                os.link(path, target)  # fails if target appeared meanwhile: nothing overwritten
            except FileExistsError:
                n += 1
                continue
            except OSError:
                replace(path, target)
                return target
            os.unlink(path)
            return target
        n += 1


class NotRegularFile(OSError):
    """The path is a pipe, a device, a socket or a folder: reading it could block forever."""


class FileTooLarge(OSError):
    """The file is larger than MAX_FILE_BYTES; ``size`` is its size in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(f"the file is {size:,} bytes")
        self.size = size


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    FileNotFoundError if it does not exist, NotRegularFile for a FIFO (opened without blocking,
    so a pipe with no writer can't hang us), device or folder, FileTooLarge, or another OSError.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFile(f"{path} is a folder") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path} is not a regular file")
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        data = fh.read(limit + 1)
    if len(data) > limit:  # it grew while we read
        raise FileTooLarge(len(data))
    return data


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """A setup file's bytes, None if it does not exist. OSError for anything else.

    A file that is too large or not a regular file gives bytes that are not a setup, so it is
    handled like any other unreadable file (moved aside, the backup restored)."""
    try:
        return read_regular(path, limit)
    except FileNotFoundError:
        return None
    except FileTooLarge:
        return b"\0too large"
    except NotRegularFile:
        return b"\0not a regular file"


def save_error(path: Path, exc: OSError, what: str = "save") -> StoreError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return StoreError(
        f"Could not {what} {path}: {reason}. Your changes are still in the window; free some "
        "space, close programs that may hold the file, or choose another data folder, then "
        "try again."
    )
