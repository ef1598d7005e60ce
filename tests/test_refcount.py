"""Guard against reference-count bugs in the Qt bindings (issue 10, defect 1).

PySide6-Essentials 6.12.0 on Python 3.11 decremented the reference count of ``None`` on ordinary
calls (about -1 per ``QLabel.setText``), so a long session ended in ``Fatal Python error:
none_dealloc``. This test makes a thousand ordinary calls and fails if the counts of ``None``,
``True`` or ``False`` move. On Python 3.12+ these objects are immortal and the counts never move,
so the test can only fail on 3.11, where the bug aborts the app.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QListWidget, QListWidgetItem

#: A few references may be cached once (type caches, signal tables): allow a small constant.
TOLERANCE = 16


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def _ordinary_calls(n: int, label, items, box, line) -> None:
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


def test_a_thousand_ordinary_qt_calls_leave_none_true_false_alone(qtbot):
    label, items, box, line = QLabel(), QListWidget(), QCheckBox("Done"), QLineEdit()
    for w in (label, items, box, line):
        qtbot.addWidget(w)
    _ordinary_calls(50, label, items, box, line)  # warm up caches
    before = _counts()
    _ordinary_calls(1000, label, items, box, line)
    after = _counts()
    drift = [a - b for a, b in zip(after, before, strict=True)]
    assert all(abs(d) <= TOLERANCE for d in drift), (
        f"1,000 Qt calls moved the reference counts of None/True/False by {drift}: this Qt "
        "binding has a refcount bug that will abort the app (see pyproject.toml's pin)."
    )
