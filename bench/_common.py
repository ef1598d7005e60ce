"""Shared helpers for the start-up, memory and bundle benchmarks (not a test module)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = sys.executable


def bench_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("_LSW_BENCH_HOOKED", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def make_data_dir(folder: Path, count: int = 50) -> Path:
    """A --data-dir with ``count`` saved setups, written through the real SetupStore."""
    sys.path.insert(0, str(ROOT))
    import datetime as _dt

    from wizard.storage.document import DONE, Setup
    from wizard.storage.store import SetupStore

    now = [_dt.datetime(2014, 3, 3, 9, 0, tzinfo=_dt.UTC)]

    def clock() -> _dt.datetime:
        now[0] += _dt.timedelta(minutes=7)
        return now[0]

    data = folder / "data"
    store = SetupStore(data, clock=clock)
    kinds = ("onprem", "o365-enterprise", "o365-sbp")
    for i in range(count):
        setup = Setup.new(f"Client {i:02d} – Contoso Zürich", clock=clock)
        setup.values.update(
            {
                "deployment": kinds[i % 3],
                "sip_domains": [f"client{i}.example.com", f"client{i}.example.net"],
                "access_edge_fqdn": f"sip.client{i}.example.com",
                "admin_email": f"admin@client{i}.example.com",
            }
        )
        for step in ("client-skype-users", "client-lync-users", "client-address")[: i % 4]:
            setup.mark(step, DONE, clock)
            setup.visit(step)
        store.save(setup)
    return data


def _spawn(cmd: list[str], env: dict[str, str], cwd: str) -> tuple[float, float, int, int, str]:
    """Run cmd; reap it with os.wait4 for its own peak RSS. Returns times, exit code, rss, stderr."""
    err_path = Path(cwd) / "stderr.txt"
    with open(err_path, "wb") as err:
        t_spawn = time.clock_gettime(time.CLOCK_MONOTONIC)
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, rusage = os.wait4(proc.pid, 0)
        t_end = time.clock_gettime(time.CLOCK_MONOTONIC)
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    return t_spawn, t_end, code, rusage.ru_maxrss, err_path.read_text(errors="replace")


def run_hooked(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    """Spawn ``cmd`` (a program that loads bench/quit_after_show.py) and time it from outside.

    Returns the child's own record (in_process_s from its first line, VmHWM at the shown
    window) plus spawn_to_shown_s (process start, incl. interpreter or bootloader, until the
    window was shown), wall_s (spawn to exit) and maxrss_kb (the child's peak RSS from wait4).
    """
    with tempfile.TemporaryDirectory(prefix="lsw-bench-run-") as tmp:
        out = Path(tmp) / "mark.json"
        t_spawn, t_end, code, rss, err = _spawn(
            cmd, bench_env(LSW_BENCH_OUT=str(out), **(env or {})), tmp
        )
        if not out.exists():
            raise RuntimeError(f"{cmd!r} exited {code} without a measurement:\n{err[-2000:]}")
        record = json.loads(out.read_text(encoding="utf-8"))
    record["spawn_to_shown_s"] = record["t_shown"] - t_spawn
    record["wall_s"] = t_end - t_spawn
    record["returncode"] = code
    record["maxrss_kb"] = rss
    return record


def run_timed(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    """Spawn ``cmd``; wall time (spawn to exit), exit code and peak RSS (KiB, wait4)."""
    with tempfile.TemporaryDirectory(prefix="lsw-bench-run-") as tmp:
        t_spawn, t_end, code, rss, err = _spawn(cmd, bench_env(**(env or {})), tmp)
    return {"wall_s": t_end - t_spawn, "returncode": code, "maxrss_kb": rss, "stderr": err}


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p90(xs: list[float]) -> float:
    """Nearest-rank 90th percentile (with N=10, the second-largest sample)."""
    ordered = sorted(xs)
    k = max(0, -(-len(ordered) * 9 // 10) - 1)
    return ordered[k]


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "MISSED"


def machine_info() -> dict[str, str]:
    import platform

    info = {"python": platform.python_version(), "nproc": str(os.cpu_count())}
    try:
        import PySide6

        info["PySide6"] = PySide6.__version__
    except ImportError:
        pass
    try:
        mem = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.split("\n")[1]
        info["mem_total"] = mem.split()[1]
    except (OSError, IndexError):
        pass
    info["date"] = time.strftime("%Y-%m-%d %H:%M %Z")
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "wizard"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        info["git"] = head + ("+uncommitted wizard/ changes" if dirty else "")
    except OSError:
        pass
    return info
