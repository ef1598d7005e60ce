"""The child of tests/test_crash.py's typing test: the real window, typing without a pause.

Usage: python tests/typing_child.py DATA_DIR

Opens a new setup in the real main window (offscreen) and types the client name key by key
(digits 0-9 over and over), one key every few milliseconds, never pausing, until it is killed.
Prints "ready SETUP_ID" first, then "N T" after each key: N characters typed by monotonic time T.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.fakes import MemoryKeyring
from tests.gui_helpers import control_for_label
from wizard.content import playbook
from wizard.pages.main_window import MainWindow
from wizard.storage.store import SetupStore


def main(data_dir: str) -> None:
    keyring.set_keyring(MemoryKeyring())
    app = QApplication(sys.argv[:1])
    window = MainWindow(playbook.load(), SetupStore(Path(data_dir)))
    window.show()
    window.new_setup()
    control = control_for_label(window.view.page, "Client or organisation name")
    control.setFocus()
    out = sys.stdout
    out.write(f"ready {window.view.session.setup.id}\n")
    out.flush()
    typed = 0

    def key() -> None:
        nonlocal typed
        QTest.keyClicks(control, str(typed % 10))
        typed += 1
        out.write(f"{typed} {time.monotonic():.4f}\n")
        out.flush()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(key)
    timer.start()
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
