"""Baseline for the benchmarks: a bare PySide6 QWizard with three pages, nothing else.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/baseline_wizard.py           # opens, waits
    .venv/bin/python bench/baseline_wizard.py --self-test --self-test-out FILE    # like the app's

``--self-test`` mirrors the app's: window shown, one step forward, a small PDF written with
QTextDocument + QPdfWriter, a marker written to FILE and stdout. It also builds one-file with
PyInstaller (bench/bench_bundle.py) using the same excludes as build.spec.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

MARKER = "BASELINE WIZARD SELF-TEST OK"


def page(title: str, text: str, with_field: bool = False) -> QWizardPage:
    p = QWizardPage()
    p.setTitle(title)
    layout = QVBoxLayout(p)
    label = QLabel(text)
    label.setWordWrap(True)
    layout.addWidget(label)
    if with_field:
        edit = QLineEdit()
        edit.setObjectName("client_name")
        layout.addWidget(edit)
    return p


def build() -> QWizard:
    wizard = QWizard()
    wizard.setWindowTitle("Baseline wizard")
    wizard.addPage(page("Client", "Who is the client?", with_field=True))
    wizard.addPage(page("Deployment", "Which kind of deployment?"))
    wizard.addPage(page("Finish", "All done."))
    wizard.resize(1040, 760)
    return wizard


def self_test(out: Path | None) -> int:
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    app = QApplication.instance() or QApplication(sys.argv[:1])
    wizard = build()
    wizard.show()
    app.processEvents()
    wizard.currentPage().findChild(QLineEdit, "client_name").setText("Self-test Ltd")
    wizard.next()
    assert wizard.currentId() == 1
    with tempfile.TemporaryDirectory(prefix="baseline-selftest-") as tmp:
        target = Path(tmp) / "checklist.pdf"
        writer = QPdfWriter(str(target))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        doc = QTextDocument()
        doc.setHtml("<h1>Checklist</h1>" + "<p>Step done.</p>" * 40)
        doc.print_(writer)
        del writer
        size = target.stat().st_size
    wizard.close()
    text = f"platform: {app.platformName()}\nPDF {size} bytes\n{MARKER}\n"
    if out is not None:
        out.write_text(text, encoding="utf-8")
    if sys.stdout is not None:
        sys.stdout.write(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--self-test" in argv:
        out = None
        if "--self-test-out" in argv:
            out = Path(argv[argv.index("--self-test-out") + 1])
        return self_test(out)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    wizard = build()
    wizard.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
