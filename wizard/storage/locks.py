"""One exclusive lock per setup, held while a window (or a command) has the setup open.

The locking itself is ``filelock`` (``fcntl.flock`` on POSIX, ``LockFileEx`` through an
opened handle on Windows), which since 3.20.1 opens the lock file safely, and 4.x is what we
pin:

* without following links (``O_NOFOLLOW`` on POSIX, no reparse points on Windows), so a link
  planted at ``locks/<id>.lock`` makes the open fail instead of reaching the link's target;
* never with ``O_TRUNC`` and never writing to it, so no other file can lose a byte through it;
* created 0600 (an owner-only DACL on Windows); an existing lock file is set to 0600 on
  acquiring (``on_acquired``, which also makes a file system without ``flock`` fail closed instead
  of falling back to a marker file that a crash would leave behind).

The operating system releases the lock when the process dies. The lock is per open file, so a
second lock on the same setup fails in this process and in others alike.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_MODE = 0o600


class LockBusy(Exception):
    """Another window or process holds the lock."""


class SetupLock:
    """An exclusive lock on one setup; ``release()`` or a ``with`` block gives it back."""

    def __init__(self, path: Path, lock: FileLock, on_release: Callable[[], None]) -> None:
        self.path = path
        self._lock: FileLock | None = lock
        self._on_release = on_release

    @property
    def held(self) -> bool:
        return self._lock is not None

    def release(self) -> None:
        lock, self._lock = self._lock, None
        if lock is None:
            return
        try:
            lock.release(force=True)
        finally:
            self._on_release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()


def _owner_only(fd: int) -> None:
    if os.name != "nt":
        with contextlib.suppress(OSError):
            if os.fstat(fd).st_mode & 0o077:
                os.fchmod(fd, LOCK_MODE)


def acquire(path: Path, on_release: Callable[[], None]) -> SetupLock:
    """Take the lock at ``path`` without waiting. LockBusy if it is held; OSError if the lock
    file can't be opened (for example because it is a link)."""
    from filelock import FileLock, Timeout  # imported when a setup is opened, not at start-up

    lock = FileLock(
        path,
        timeout=0,
        mode=LOCK_MODE,
        thread_local=False,
        on_acquired=_owner_only,
    )
    try:
        lock.acquire(timeout=0, blocking=False)
    except Timeout:
        raise LockBusy(str(path)) from None
    return SetupLock(path, lock, on_release)
