"""The child of tests/test_app_subprocess.py: the real app, driven by real key events from inside.

Usage: python tests/gui_driver.py DATA_DIR DEPLOYMENT NAMESERVER [JUNK_PER_FIELD]

It starts the app as ``lync-skype-wizard --data-dir DATA_DIR --log-level DEBUG`` does (``cli.main``),
and, once the event loop runs, walks one full branch like a user: New setup, the client name typed
(first 2,500 wrong characters, then erased and typed right), every text field typed key by key
(first JUNK_PER_FIELD wrong characters, then the right answer), choices picked, Next pressed. On
the verification step it runs the live checks against NAMESERVER (a DNS server on 127.0.0.1); on
the summary it opens the print preview and closes it; then it quits through File ▸ Quit. It prints
``typed N`` and ``steps N`` on stdout; the app's exit code is its exit code.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
)

from tests.checks_fixtures import DOMAIN
from tests.fakes import MemoryKeyring
from tests.gui_helpers import ANSWERS_BY_FIELD, control_for_label, set_control

WAIT_MS = 30_000
typed = 0


def keys(widget, text: str) -> None:
    """Type ``text`` into ``widget`` with real key events (newlines as Return)."""
    global typed
    widget.setFocus()
    for i, line in enumerate(text.split("\n")):
        if i:
            QTest.keyClick(widget, Qt.Key.Key_Return)
        if line:
            QTest.keyClicks(widget, line)
    typed += len(text)


def erase(widget) -> None:
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Delete)


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_MS / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        QTest.qWait(20)


def fill(window, answers: dict, junk: int) -> None:
    page = window.view.page
    book = window.book
    for fid in page.step.visible_fields(page.session.values()):
        editor = page.editors.get(fid)
        if fid not in answers or editor is None or not editor.isVisible():
            continue
        fld = book.field(fid)
        control = editor.control
        if isinstance(control, (QLineEdit, QPlainTextEdit)) and not control.isReadOnly():
            erase(control)
            keys(control, "Wrong value " * (junk // 12 + 1))
            erase(control)
            value = answers[fid]
            if value:
                keys(control, str(value))
        elif fld.kind != "bool":
            set_control(control_for_label(page, fld.label), answers[fid])


def run_checks(window, nameserver: str) -> None:
    from wizard.pages.checks_panel import ChecksPanel

    panel = window.view.page.findChild(ChecksPanel)
    if panel is None:
        return
    results: list = []
    panel.finished.connect(results.append)
    erase(panel.nameserver_edit)
    keys(panel.nameserver_edit, nameserver)
    panel.check_button.click()
    wait_for(lambda: bool(results), "the checks")
    print(f"checks {len(results[0])}", flush=True)


def print_preview(window) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    window.view.page.buttons["Print preview…"].click()

    def shown() -> list:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QPrintPreviewDialog) and w.isVisible()
        ]

    wait_for(lambda: bool(shown()), "the print preview")
    dialog = shown()[0]
    QTest.qWait(200)  # let it draw its pages
    dialog.reject()
    print("preview shown", flush=True)


def drive(deployment: str, nameserver: str, junk: int) -> None:
    from wizard.pages.main_window import MainWindow

    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    answers = dict(ANSWERS_BY_FIELD, sip_domains=DOMAIN, access_edge_fqdn=f"sip.{DOMAIN}")
    label = window.book.field("deployment").choice_label(deployment)
    window.start.new_button.click()
    name = control_for_label(window.view.page, "Client or organisation name")
    keys(name, "x" * 3000)  # the Teams (free) branch has few text fields: the total stays > 3,000
    erase(name)
    keys(name, "Contoso Ltd")
    window.view.next_button.click()
    radio = control_for_label(window.view.page, label)
    radio.setChecked(True)
    window.view.next_button.click()
    steps = 2
    for _ in range(80):
        view = window.view
        step = view.session.book.step(view.current_id)
        if step.kind == "summary":
            break
        fill(window, answers, junk)
        if step.kind == "verify":
            run_checks(window, nameserver)
        before = view.current_id
        view.next_button.click()
        if view.current_id == before:
            raise RuntimeError(f"Next did not leave {before}: {view.page.problems()}")
        steps += 1
    else:
        raise RuntimeError("no summary page")
    print_preview(window)
    print(f"typed {typed}", flush=True)
    print(f"steps {steps}", flush=True)
    quit_action = next(
        a
        for menu in window.menuBar().actions()
        if menu.menu() is not None
        for a in menu.menu().actions()
        if a.text().replace("&", "") == "Quit"
    )
    quit_action.trigger()


def main(data_dir: str, deployment: str, nameserver: str, junk: int = 100) -> int:
    keyring.set_keyring(MemoryKeyring())  # never the real keyring of the machine
    app = QApplication.instance() or QApplication(sys.argv[:1])

    def start() -> None:
        try:
            drive(deployment, nameserver, junk)
        except Exception:  # noqa: BLE001 - any failure ends the driven app with exit code 3
            traceback.print_exc()
            app.exit(3)

    QTimer.singleShot(0, start)
    from wizard import cli

    return cli.main(["--data-dir", data_dir, "--log-level", "DEBUG"])


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[0], args[1], args[2], *(int(a) for a in args[3:4])))
