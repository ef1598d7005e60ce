"""Filtering 1,000 saved setups by a typed letter: time until the list is filtered and repainted.

Run by hand:  .venv/bin/python bench/bench_filter.py [--setups 1000] [--rounds 20]

The start screen is built over a data folder of N setups (saved through the real store) and
shown offscreen. Each sample types one letter into the filter box (``setText`` of one more or one
fewer character: the model filters synchronously on textChanged) and then forces the list's
viewport to paint (``repaint()``), timed with QElapsedTimer (ns). The letters cycle through a
few prefixes of client names and domains ("c", "cl", "e", "ex", "z", "7", ...), and clear again.
Target: median and p99 within one frame at 60 Hz (16.7 ms). No assertions: a table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, make_data_dir, verdict

FRAME_MS = 1000 / 60
SEQUENCE = ["c", "cl", "cli", "", "e", "ex", "exa", "", "z", "zü", "", "7", "77", "", "n", "ne", ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setups", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from wizard.pages.main_window import MainWindow
    from wizard.storage.store import SetupStore

    with tempfile.TemporaryDirectory(prefix="lsw-bench-filter-") as tmp:
        data = make_data_dir(Path(tmp), args.setups)
        app = QApplication.instance() or QApplication([])
        window = MainWindow(None, SetupStore(data))
        window.show()
        app.processEvents()
        start = window.start
        box, view = start.filter_box, start.table.viewport()
        timer = QElapsedTimer()
        samples: list[float] = []
        filtering: list[float] = []
        paint_only: list[float] = []
        shown: list[int] = []
        for _ in range(args.rounds):
            for text in SEQUENCE:
                timer.start()
                box.setText(text)
                filtering.append(timer.nsecsElapsed() / 1e6)
                view.repaint()
                samples.append(timer.nsecsElapsed() / 1e6)
                shown.append(start.model.rowCount())
                timer.start()
                view.repaint()  # the same rows again: what painting alone costs
                paint_only.append(timer.nsecsElapsed() / 1e6)
            app.processEvents()
        # Reference: a QTableWidget (a C++ model) of the same size showing the same texts,
        # painted the same way: what painting these rows costs without any Python model.
        from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

        ref = QTableWidget(len(start.rows), 5)
        ref.resize(start.table.size())
        for r, row in enumerate(start.shown_rows()[:60]):
            for c, text in enumerate(row):
                ref.setItem(r, c, QTableWidgetItem(text))
        ref.show()
        app.processEvents()
        reference: list[float] = []
        for _ in range(len(paint_only)):
            timer.start()
            ref.viewport().repaint()
            reference.append(timer.nsecsElapsed() / 1e6)
        ref.close()
        window.close()
    print(f"filter {args.setups} setups by a typed letter, {len(samples)} samples (ms)")
    for label, values in (
        ("typed -> filtered and painted", samples),
        ("  of which filtering (setText)", filtering),
        ("  (painting the same rows again)", paint_only),
        ("  (QTableWidget, same rows, painted)", reference),
    ):
        values.sort()
        p99 = values[min(len(values) - 1, round(0.99 * len(values)) - 1)]
        print(
            f"{label:<34} median {statistics.median(values):7.2f}  p99 {p99:7.2f}  "
            f"max {values[-1]:7.2f}"
        )
    med = statistics.median(samples)
    p99 = samples[min(len(samples) - 1, round(0.99 * len(samples)) - 1)]
    print(f"rows shown per sample: {min(shown)}..{max(shown)}")
    print(
        f"target: within one frame ({FRAME_MS:.1f} ms): median {verdict(med / FRAME_MS, 1)}, "
        f"p99 {verdict(p99 / FRAME_MS, 1)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
