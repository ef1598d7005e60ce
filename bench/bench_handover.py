"""How long the handover pack takes for the largest setup (on-premises, two SIP domains, every
step done, six saved checks, a note and three attachments). Target: under one second.

Run by hand:  .venv/bin/python bench/bench_handover.py [--runs 7]

Measured after start-up (Qt application created, one warm-up run): the whole pack (checklist
model, HTML, PDF, scripts, DNS files, reminders, evidence, zip, atomic write). Never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_pdf import _clock, longest_setup
from wizard.content import playbook
from wizard.output import extras, handover, pdf
from wizard.storage.evidence import EvidenceStore
from wizard.storage.store import SetupStore

TARGET_MS = 1000.0


def screenshot_png() -> bytes:
    """A 1366x768 PNG with some drawing on it, like a pasted screenshot."""
    from PySide6.QtCore import QBuffer, QByteArray
    from PySide6.QtGui import QColor, QImage, QPainter

    img = QImage(1366, 768, QImage.Format.Format_RGB32)
    img.fill(QColor("#f0f0f0"))
    painter = QPainter(img)
    for i in range(60):
        painter.drawText(20, 20 + i * 12, f"Line {i}: Get-CsAccessEdgeConfiguration output " * 3)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QBuffer.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data.data())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    pdf.ensure_app()
    book = playbook.load()
    folder = Path(tempfile.mkdtemp(prefix="bench-pack-"))
    store = SetupStore(folder / "data", clock=_clock)
    setup = longest_setup(book)
    store.save(setup)
    box = EvidenceStore.for_setup(store, setup.id)
    box.set_note("onprem-dns", "Records added by the DNS team; checked with nslookup.")
    box.add("onprem-dns", "screenshot.png", screenshot_png())
    box.add("onprem-certificate", "certificate.pdf", b"%PDF-1.4\n" + os.urandom(300_000))
    box.add("onprem-verify", "nslookup.txt", b"Server: 8.8.8.8\n" * 200)
    out = folder / "pack.zip"

    def run() -> int:
        files = handover.build_files(book, setup, clock=_clock, **extras.evidence(store, setup.id))
        handover.write(out, files, _clock)
        return len(files)

    count = run()  # warm-up
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    print(f"files in the pack: {count}, pack size {out.stat().st_size // 1024} KiB")
    print(
        f"handover pack (median of {args.runs}): {median:7.1f} ms   "
        f"(min {min(times):.1f}, max {max(times):.1f})"
    )
    print(f"target < {TARGET_MS:.0f} ms: {'OK' if median < TARGET_MS else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
