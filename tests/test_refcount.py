"""Guard against reference-count bugs in the Qt bindings (issue 10, defect 1).

PySide6-Essentials 6.12.0 on Python 3.11 decremented the reference count of ``None`` on ordinary
calls (about -1 per ``QLabel.setText``), so a long session ended in ``Fatal Python error:
none_dealloc``. This test makes a thousand ordinary calls and fails if the counts of ``None``,
``True`` or ``False`` move. On Python 3.12+ these objects are immortal and the counts never move,
so the test can only fail on 3.11, where the bug aborts the app.

The calls run in a fresh interpreter: in the test process, threads left by earlier tests (keyring
workers, check runners) take and drop references to ``None`` too, which made the count move by a
few dozen under load without any bug.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

#: A few references may be cached once (type caches, signal tables): allow a small constant.
TOLERANCE = 16

CHILD = r"""
import json, sys
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QLabel, QLineEdit, QListWidget, QListWidgetItem,
)

app = QApplication(sys.argv[:1])
label, items, box, line = QLabel(), QListWidget(), QCheckBox("Done"), QLineEdit()


def calls(n):
    for i in range(n):
        label.setText(f"step {i}")
        label.setVisible(True)
        items.addItem(QListWidgetItem(f"item {i}"))
        box.setChecked(i % 2 == 0)
        box.isChecked()
        line.setText("x" * (i % 7))
        line.text()
        label.isVisible()
        label.toolTip()
        if i % 100 == 99:
            items.clear()


def counts():
    return [sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)]


calls(50)  # warm up caches
before = counts()
calls(1000)
after = counts()
print(json.dumps([a - b for a, b in zip(after, before)]))
"""


def test_a_thousand_ordinary_qt_calls_leave_none_true_false_alone():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    drift = json.loads(proc.stdout.strip().splitlines()[-1])
    assert all(abs(d) <= TOLERANCE for d in drift), (
        f"1,000 Qt calls moved the reference counts of None/True/False by {drift}: this Qt "
        "binding has a refcount bug that will abort the app (see pyproject.toml's pin)."
    )
