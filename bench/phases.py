"""Where the app's start-up goes, phase by phase, in one process (median of fresh processes).

    .venv/bin/python bench/phases.py [--runs 5] [--setups 50]

Splits what wizard.app.run_gui does into: imports (PySide6 + the window's modules), the
QApplication, playbook.load(), SetupStore + entries() (the start screen reads every setup),
MainWindow(...) construction, and show() until the first zero-delay timer (window exposed). Also
times wizard.cli.build_parser() (the entry point registers every subcommand, importing each
module) and a bare QWizard's construction for comparison. Informational, no target.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, ROOT, bench_env, make_data_dir

CHILD = r"""
import json, sys, time
P = time.perf_counter
marks = {}
t = P()
import wizard.cli
marks["import wizard.cli"] = P() - t; t = P()
wizard.cli.build_parser()
marks["build_parser() (imports all subcommands)"] = P() - t; t = P()
from PySide6.QtWidgets import QApplication, QWizard
from PySide6.QtCore import QTimer
marks["import PySide6.QtWidgets"] = P() - t; t = P()
from wizard import paths
from wizard.pages.main_window import MainWindow
from wizard.storage.store import SetupStore
marks["import wizard.app/pages/store"] = P() - t; t = P()
app = QApplication(sys.argv[:1])
marks["QApplication()"] = P() - t; t = P()
store = SetupStore(paths.data_dir(sys.argv[1]))
marks["SetupStore"] = P() - t; t = P()
window = MainWindow(None, store)
marks[f"MainWindow(...) (incl. listing {len(window.start.rows)} setups from the index)"] = P() - t; t = P()
window.show()
def done():
    marks["show() -> first timer (exposed)"] = P() - t
    t2 = P()
    w = QWizard(); [w.addPage(__import__("PySide6.QtWidgets").QtWidgets.QWizardPage()) for _ in range(3)]
    w.show(); app.processEvents()
    marks["(compare) QWizard 3 pages + show"] = P() - t2
    print(json.dumps(marks)); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--setups", type=int, default=50)
    args = parser.parse_args()
    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="lsw-bench-phases-") as tmp:
        data = make_data_dir(Path(tmp), args.setups)
        for _ in range(args.runs + 1):
            out = subprocess.run(
                [PYTHON, "-c", CHILD, str(data)],
                env=bench_env(),
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for k, v in json.loads(out.strip().splitlines()[-1]).items():
                samples.setdefault(k, []).append(v)
    print(f"start-up phases, median of {args.runs} fresh processes (first run discarded), ms:")
    for k, v in samples.items():
        print(f"  {statistics.median(v[1:]) * 1000:8.1f}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
