"""Draws the app icon with Qt and writes resources/icons/app.png and app.ico (run by hand).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icon.py

The .ico embeds PNG images (supported since Windows Vista), so no image library is needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    # Two speech bubbles: Lync blue behind, Skype cyan in front, joined by a link.
    for colour, rect, tail in (
        ("#2b579a", QRectF(12, 28, 150, 120), QPointF(40, 176)),
        ("#00aff0", QRectF(94, 96, 150, 120), QPointF(216, 244)),
    ):
        path = QPainterPath()
        r = QRectF(rect.x() * s, rect.y() * s, rect.width() * s, rect.height() * s)
        path.addRoundedRect(r, 34 * s, 34 * s)
        t = QPainterPath()
        cx = tail.x() * s
        t.moveTo(cx - 18 * s, r.bottom() - 10 * s)
        t.lineTo(cx, tail.y() * s)
        t.lineTo(cx + 22 * s, r.bottom() - 10 * s)
        path = path.united(t)
        p.fillPath(path, QColor(colour))
        p.setPen(QPen(QColor("white"), 6 * s))
        p.drawPath(path)
    p.setPen(QColor("white"))
    font = QFont("DejaVu Sans", max(1, int(54 * s)))
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(12 * s, 28 * s, 150 * s, 120 * s), Qt.AlignmentFlag.AlignCenter, "L")
    p.drawText(QRectF(94 * s, 96 * s, 150 * s, 120 * s), Qt.AlignmentFlag.AlignCenter, "S")
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data.data())


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "app.png"))
    sizes = (16, 24, 32, 48, 64, 128, 256)
    images = [png_bytes(draw(n)) for n in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for n, data in zip(sizes, images, strict=True):
        dim = 0 if n == 256 else n  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    (OUT / "app.ico").write_bytes(header + entries + b"".join(images))
    print(f"wrote {OUT / 'app.png'} and {OUT / 'app.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
