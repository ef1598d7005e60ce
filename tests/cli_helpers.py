"""Running the real command line in a subprocess, headless and with test-local folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def headless_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "PYTHONWARNINGS")
    }
    env["HOME"] = str(home)
    for var, sub in (
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_STATE_HOME", "xdg-state"),
        ("XDG_CACHE_HOME", "xdg-cache"),
    ):
        env[var] = str(home / sub)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return env


def run_cli(
    data_dir: Path,
    *args: str | bytes,
    timeout: float = 120,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m wizard --data-dir DATA_DIR ARGS...``; bytes arguments go through as bytes."""
    argv: list[str | bytes] = [sys.executable, "-m", "wizard", "--data-dir", str(data_dir)]
    argv.extend(args)
    return subprocess.run(
        argv,
        cwd=REPO,
        env=env or headless_env(data_dir.parent),
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        check=False,
        input=stdin,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
