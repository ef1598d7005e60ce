"""How long the checklist PDF takes, for the longest branch (on-premises, filled in, every step).

Run by hand:  .venv/bin/python bench/bench_pdf.py [--runs 10] [--page-size A4]

Measures, after start-up (Qt application created, fonts loaded, one warm-up run):
  * model + HTML only (the Qt-free part),
  * the full PDF (model, HTML, layout, pagination, footer, file),
  * a baseline in the same run: QTextDocument.print_ of a plain-text document of the same length
    to a QPdfWriter (Qt's own single-call export, no tables, no footer).
Prints the medians and the ratio PDF / baseline. Target: PDF under 300 ms. Never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import html as html_module
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from wizard.content import flow, playbook
from wizard.output import checklist, pdf
from wizard.output import html as checklist_html
from wizard.storage.document import DONE, Setup

TARGET_MS = 300.0


def _clock() -> _dt.datetime:
    return _dt.datetime(2014, 3, 20, 12, 0, tzinfo=_dt.UTC)


def longest_setup(book: playbook.Playbook) -> Setup:
    setup = Setup.new("Contoso Ltd", clock=_clock)
    setup.values.update(
        {
            "deployment": "onprem",
            "server_version": "2015",
            "sip_domains": ["contoso.com", "fabrikam.com"],
            "access_edge_fqdn": "sip.contoso.com",
            "edge_public_ip": "203.0.113.10",
            "admin_email": "lync-admin@contoso.com",
            "agreement_type": "vl",
            "pic_submitted_on": "2014-03-10",
            "test_account": "tester@outlook.com",
        }
    )
    for step in flow.applicable(book, setup.values):
        setup.mark(step.id, DONE, clock=_clock)
    setup.checks = [
        {"title": f"Check {i}", "status": "pass", "found": "fine", "action": ""} for i in range(6)
    ]
    return setup


def median_ms(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--page-size", default="A4", choices=pdf.PAGE_SIZES)
    args = parser.parse_args()

    t0 = time.perf_counter()
    pdf.ensure_app()
    startup = (time.perf_counter() - t0) * 1000
    book = playbook.load()
    setup = longest_setup(book)
    secret = {"agreement_number": "ABC-12345"}.get

    out_dir = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    target = out_dir / "checklist.pdf"

    def html_only() -> str:
        return checklist_html.render(checklist.build(book, setup, secret=secret, clock=_clock))

    pages_seen = []

    def full_pdf() -> None:
        pages_seen.append(pdf.write_pdf(html_only(), target, args.page_size, title="Checklist"))

    html = html_only()
    plain = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())  # same text
    plain_chars = len(plain)

    def baseline() -> None:
        from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

        doc = QTextDocument()
        doc.setPlainText(plain)
        writer = QPdfWriter(str(out_dir / "baseline.pdf"))
        writer.setResolution(pdf.PDF_DPI)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        doc.print_(writer)
        del writer

    full_pdf()  # warm-up: font caches, first layout
    baseline()
    html_ms, _ = median_ms(html_only, args.runs)
    pdf_ms, pdf_runs = median_ms(full_pdf, args.runs)
    base_ms, _ = median_ms(baseline, args.runs)

    print(f"Qt start-up (not counted):      {startup:7.1f} ms")
    print(
        f"steps: {len(checklist.build(book, setup, clock=_clock).steps)}, "
        f"HTML {len(html) // 1024} KiB, PDF pages: {pages_seen[-1]}, "
        f"PDF size {target.stat().st_size // 1024} KiB"
    )
    print(f"model + HTML (median of {args.runs}):  {html_ms:7.1f} ms")
    print(
        f"checklist PDF (median of {args.runs}): {pdf_ms:7.1f} ms   "
        f"(min {min(pdf_runs):.1f}, max {max(pdf_runs):.1f})"
    )
    print(f"baseline plain print_ ({plain_chars} chars): {base_ms:7.1f} ms")
    print(f"ratio PDF / baseline:           {pdf_ms / base_ms:7.2f}")
    verdict = "OK" if pdf_ms < TARGET_MS else "OVER TARGET"
    print(f"target < {TARGET_MS:.0f} ms: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
