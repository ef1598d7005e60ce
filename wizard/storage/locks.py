"""One exclusive lock per setup, held while a window (or a command) has the setup open."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Self

_IS_WINDOWS = os.name == "nt"


class SetupLock:
    """An exclusive lock on one setup, held while a window has it open.

    Advisory and per open file: a second lock on the same setup fails in this process and in
    others alike. The operating system releases it when the process dies.
    """

    def __init__(self, path: Path, fd: int, on_release: Callable[[], None]) -> None:
        self.path = path
        self._fd: int | None = fd
        self._on_release = on_release

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            unlock_fd(fd)
        finally:
            os.close(fd)
            self._on_release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()


def try_lock_fd(fd: int) -> bool:
    if _IS_WINDOWS:
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # BlockingIOError (EWOULDBLOCK), EACCES on some systems
        return False
    return True


def unlock_fd(fd: int) -> None:
    if _IS_WINDOWS:
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)
