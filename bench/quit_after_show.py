"""Bench-only hook: quit a Qt app right after its first window is shown, and report when.

Used by the start-up/memory drivers and (as a PyInstaller runtime hook) by the one-file bundle
benchmark. It replaces ``PySide6.QtWidgets.QApplication`` with a subclass whose ``exec()`` first
queues a zero-delay timer. The program under test runs unchanged: it builds its window, calls
``show()`` and enters the event loop; the timer then fires once the queued show/expose events
have been processed, records the time and memory, and quits. Nothing here is part of the app.

Environment:
  LSW_BENCH_OUT   JSON file to write the measurement to (required, or nothing is recorded)

Times are CLOCK_MONOTONIC, which on Linux is one clock for all processes, so the parent can
subtract the moment it spawned the process.
"""

from __future__ import annotations

import json
import os
import sys
import time

T0 = time.clock_gettime(time.CLOCK_MONOTONIC)  # when this hook was first imported


def _status() -> dict[str, int]:
    out: dict[str, int] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                key, _, rest = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    out[key + "_kb"] = int(rest.split()[0])
    except OSError:
        pass
    return out


#: Heavy optional modules: the record says which of them were loaded when the window showed.
WATCH = (
    "wizard.checks",
    "dns",
    "cryptography",
    "ssl",
    "keyring",
    "icalendar",
    "email_validator",
    "PySide6.QtPrintSupport",
    "wizard.output.pdf",
    "wizard.commands.check",
)


def install() -> None:
    if os.environ.get("_LSW_BENCH_HOOKED"):
        return
    os.environ["_LSW_BENCH_HOOKED"] = "1"
    from PySide6 import QtWidgets
    from PySide6.QtCore import QTimer

    base = QtWidgets.QApplication

    class BenchApplication(base):  # type: ignore[misc, valid-type]
        def exec(self) -> int:
            QTimer.singleShot(0, self._bench_mark)
            return super().exec()

        def _bench_mark(self) -> None:
            t = time.clock_gettime(time.CLOCK_MONOTONIC)
            self.processEvents()  # flush anything the first timer tick queued (paint after expose)
            t_painted = time.clock_gettime(time.CLOCK_MONOTONIC)
            windows = [w for w in self.topLevelWidgets() if w.isVisible()]
            exposed = [bool(w.windowHandle() and w.windowHandle().isExposed()) for w in windows]
            result = {
                "t0": T0,
                "t_shown": t,
                "t_painted": t_painted,
                "in_process_s": t - T0,
                "windows": [type(w).__name__ for w in windows],
                "exposed": exposed,
                "platform": self.platformName(),
                "loaded": [m for m in WATCH if m in sys.modules],
                **_status(),
            }
            path = os.environ.get("LSW_BENCH_OUT")
            if path:
                with open(path, "w", encoding="utf-8") as fh:
                    json.dump(result, fh)
            self.quit()

    QtWidgets.QApplication = BenchApplication  # type: ignore[misc]
