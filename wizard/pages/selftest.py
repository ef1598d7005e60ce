"""``--self-test``: prove a build works without a person: window, one step, a checklist PDF.

Runs offscreen when there is no display, uses a throw-away data folder, and writes its verdict to
a file as well as stdout, because windowed builds have no stdout at all.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from pathlib import Path

MARKER = "LYNC-SKYPE-WIZARD SELF-TEST OK"


def run_self_test(args: argparse.Namespace) -> int:
    out = Path(args.self_test_out) if args.self_test_out else None
    lines: list[str] = []
    try:
        lines = _run()
        ok = True
    except Exception:  # noqa: BLE001 - the verdict must be written whatever went wrong
        lines.append(traceback.format_exc())
        ok = False
    lines.append(MARKER if ok else "LYNC-SKYPE-WIZARD SELF-TEST FAILED")
    text = "\n".join(lines) + "\n"
    if out is not None:
        out.write_text(text, encoding="utf-8")
    if sys.stdout is not None:
        sys.stdout.write(text)
    return 0 if ok else 1


def _run() -> list[str]:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from wizard.content import playbook
    from wizard.output import checklist, pdf
    from wizard.output import html as checklist_html
    from wizard.pages.main_window import MainWindow
    from wizard.session import SetupStore

    app = QApplication.instance() or QApplication(sys.argv[:1])
    report: list[str] = [f"platform: {QGuiApplication.platformName()}"]
    with tempfile.TemporaryDirectory(prefix="lsw-selftest-") as tmp:
        store = SetupStore(Path(tmp) / "data")
        window = MainWindow(playbook.load(), store)
        window.show()
        app.processEvents()
        window.new_setup()
        view = window.view
        assert view is not None
        page = view.page
        page.editors["client_name"].control.setText("Self-test Ltd")  # type: ignore[union-attr]
        view.go_next()
        assert view.current_id == "deployment", view.current_id
        report.append(f"walked one step: client -> {view.current_id}")
        assert store.entries() and store.entries()[0].setup is not None
        report.append("saved the setup")
        html = checklist_html.render(checklist.for_session(view.session))
        target = Path(tmp) / "checklist.pdf"
        pages = pdf.write_pdf(html, target, "A4", title="Self-test checklist")
        data = target.read_bytes()
        assert data.startswith(b"%PDF") and b"/FontFile" in data, "PDF has no embedded font"
        report.append(f"checklist PDF: {pages} page(s), {len(data)} bytes, fonts embedded")
        window.close()
    return report
