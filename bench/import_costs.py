"""Which imports dominate the app's start-up, and what the lazy optional modules would cost.

    .venv/bin/python bench/import_costs.py [--runs 3] [--top 15] [--json FILE]

1. `python -X importtime` on bench/driver_app.py (modes `entry` and `run_gui`, 50 saved setups),
   median over the runs: the top-level imports by cumulative time and the top modules by self
   time, plus which heavy optional modules were loaded when the window showed.
2. Marginal import cost of each optional module, each in a fresh process (median of the runs),
   measured on top of what the window already needs (PySide6.QtWidgets and
   wizard.pages.main_window are imported first): what start-up would pay if it loaded it eagerly.
Import times under -X importtime are inflated by the tracing; compare them with each other.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, PYTHON, ROOT, bench_env, make_data_dir

OPTIONAL = (
    "wizard.commands.check",  # what the CLI parser pulls in today (wizard.checks & co)
    "wizard.checks",
    "dns.resolver",
    "cryptography.x509",
    "ssl",
    "keyring",
    "icalendar",
    "email_validator",
    "PySide6.QtPrintSupport",
    "wizard.output.pdf",
    "wizard.pages.print_actions",
)
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def importtime(mode: str, data: Path, runs: int) -> dict:
    per: dict[str, list[tuple[int, int, int]]] = {}
    loaded: list[str] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "mark.json"
            proc = subprocess.run(
                [
                    PYTHON,
                    "-X",
                    "importtime",
                    str(BENCH / "driver_app.py"),
                    mode,
                    "--data-dir",
                    str(data),
                ],
                env=bench_env(LSW_BENCH_OUT=str(out)),
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            loaded = json.loads(out.read_text())["loaded"] if out.exists() else ["?"]
        for line in proc.stderr.splitlines():
            m = LINE.match(line)
            if m:
                per.setdefault(m[4], []).append((int(m[1]), int(m[2]), len(m[3])))
    rows = [
        {
            "module": k,
            "self_ms": statistics.median(v[0] for v in vals) / 1000,
            "cum_ms": statistics.median(v[1] for v in vals) / 1000,
            "depth": (vals[0][2] - 1) // 2,
        }
        for k, vals in per.items()
    ]
    return {"rows": rows, "loaded": loaded}


def marginal(module: str, runs: int) -> float:
    code = (
        "import time, PySide6.QtWidgets, wizard.pages.main_window\n"
        f"t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    )
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [PYTHON, "-c", code],
            env=bench_env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times.append(float(out.strip().splitlines()[-1]))
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    summary: dict = {"modes": {}, "marginal_ms": {}}
    with tempfile.TemporaryDirectory(prefix="lsw-bench-imports-") as tmp:
        data = make_data_dir(Path(tmp))
        for mode in ("entry", "run_gui"):
            summary["modes"][mode] = importtime(mode, data, args.runs)
    for mode, res in summary["modes"].items():
        rows = res["rows"]
        top = sorted((r for r in rows if r["depth"] == 0), key=lambda r: -r["cum_ms"])
        print(
            f"-X importtime, driver mode {mode!r}: top-level imports by cumulative ms "
            f"(median of {args.runs}); optional modules loaded at the window: "
            f"{', '.join(res['loaded']) or 'none'}"
        )
        for r in top[: args.top]:
            print(f"  {r['cum_ms']:8.1f}  {r['module']}")
        print("  top self time:")
        for r in sorted(rows, key=lambda r: -r["self_ms"])[: args.top // 2]:
            print(f"  {r['self_ms']:8.1f}  {r['module']}")
    print(
        f"marginal import cost on top of QtWidgets + wizard.pages.main_window "
        f"(fresh process each, median of {args.runs}, ms):"
    )
    for module in OPTIONAL:
        summary["marginal_ms"][module] = ms = marginal(module, args.runs)
        print(f"  {ms:8.1f}  {module}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
