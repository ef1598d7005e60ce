"""Start a child process that announces itself with a "ready ..." line (the crash tests' children).

The crash tests kill such a child at a random moment; each of them used to repeat this start-up
handshake. One place now starts the child, checks the ready line and fails the test clearly when the
child did not start.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def ready_child(
    script: Path, *args: object, env: dict[str, str] | None = None
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Run ``script`` with ``args``; yield the process and its first ("ready ...") line."""
    with subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        ready = child.stdout.readline()
        if not ready.startswith("ready "):
            child.kill()
            pytest.fail(f"child did not start: {ready!r} {child.stderr.read()}")
        yield child, ready
