"""Lay out checklist HTML on pages and draw it to a PDF file or a printer, with "Page N of M".

The one core-level module allowed to use Qt, and only inside functions, so that importing it (or
the command line) never loads PySide6 until a PDF is actually made. PDF export and printing share
``paint()``: the PDF file, the Print… button and the print preview put the same pixels on paper.

Pagination is explicit (LIBRARIES.md §1): the document is laid out on the device itself, in device
pixels, with no document margin; the page height is the printable height less a footer band; each
page is drawn by translating and clipping the laid-out document, then the footer is drawn below.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtGui import QPagedPaintDevice, QTextDocument
    from PySide6.QtPrintSupport import QPrinter

PAGE_SIZES = ("A4", "Letter")
CREATOR = "Lync–Skype Connect"
#: Page margins in millimetres (the footer sits inside the bottom margin band).
MARGIN_MM = 15.0
#: The PDF's resolution: 300 dpi is plenty for text and lays out several times faster than 1200.
PDF_DPI = 300
FOOTER_PT = 7.5


def ensure_app() -> Any:
    """The running Qt application, or a new one (offscreen when there is no display).

    A QApplication rather than a bare QGuiApplication: once a QGuiApplication exists no widget can
    ever be created in that process, which would break a GUI that exports a PDF before its first
    window, or a test session that mixes PDF and widget tests.
    """
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    argv = [sys.argv[0] if sys.argv and sys.argv[0] else "lync-skype-wizard"]
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:  # pragma: no cover - QtWidgets is part of PySide6-Essentials
        app = QGuiApplication(argv)
    else:
        app = QApplication(argv)
    # keep a reference: an application collected mid-run takes the fonts with it
    globals()["_APP"] = app
    return app


def default_page_size() -> str:
    """Letter where the locale measures in US units, A4 everywhere else."""
    from PySide6.QtCore import QLocale

    if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return "Letter"
    return "A4"


def _page_size(name: str | None) -> Any:
    from PySide6.QtGui import QPageSize

    name = name or default_page_size()
    if name.lower() == "letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    if name.lower() == "a4":
        return QPageSize(QPageSize.PageSizeId.A4)
    raise ValueError(f"unknown page size {name!r}; use one of {', '.join(PAGE_SIZES)}")


def _setup_layout(device: QPagedPaintDevice, page_size: str | None) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout

    device.setPageSize(_page_size(page_size))
    device.setPageOrientation(QPageLayout.Orientation.Portrait)
    device.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )


def _no_ligatures(font: Any) -> None:
    """Turn off "fi"/"ff" ligatures, so text copied or searched in the PDF is plain letters."""
    from PySide6.QtGui import QFont

    try:
        for tag in ("liga", "clig"):
            font.setFeature(QFont.Tag(tag), 0)
    except (AttributeError, TypeError):  # Qt before 6.7 has no font features
        pass


def _document(
    html: str, device: QPagedPaintDevice, body_height: float, width: float
) -> QTextDocument:
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QFont, QTextDocument, QTextOption

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(9.5)
    _no_ligatures(font)
    doc.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setHtml(html)
    doc.setPageSize(QSizeF(width, body_height))
    return doc


def paint(html: str, device: QPagedPaintDevice, footer_left: str = "") -> int:
    """Lay out ``html`` on ``device`` (QPdfWriter or QPrinter) and draw every page; the page count.

    The device's page layout (size, margins) must be set already. Each page gets a footer with
    ``footer_left`` (e.g. the client name) and "Page N of M".
    """
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import (
        QAbstractTextDocumentLayout,
        QColor,
        QFont,
        QFontMetricsF,
        QPainter,
    )

    ensure_app()
    res = device.resolution()  # type: ignore[attr-defined]  # QPdfWriter and QPrinter have it
    paint_rect = device.pageLayout().paintRectPixels(res)
    width, height = float(paint_rect.width()), float(paint_rect.height())

    footer_font = QFont("DejaVu Sans")
    footer_font.setStyleHint(QFont.StyleHint.SansSerif)
    footer_font.setPointSizeF(FOOTER_PT)
    _no_ligatures(footer_font)
    metrics = QFontMetricsF(footer_font, device)
    footer_h = metrics.height() * 2.2  # a line of text plus a gap above it
    body_h = height - footer_h

    doc = _document(html, device, body_h, width)
    pages = max(1, doc.pageCount())

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start drawing on the page (is the file writable?)")
    try:
        layout = doc.documentLayout()
        for i in range(pages):
            if i:
                device.newPage()
            top = i * body_h
            painter.save()
            painter.translate(0, -top)
            clip = QRectF(0, top, width, body_h)
            painter.setClipRect(clip)
            ctx = QAbstractTextDocumentLayout.PaintContext()
            # Lines touching the page edge by a pixel or a margin belong to the other page: drawn
            # clipped they would be invisible but still in the PDF's text (found twice by search).
            ctx.clip = clip.adjusted(0, 2, 0, -2)
            layout.draw(painter, ctx)
            painter.restore()

            painter.save()
            painter.setFont(footer_font)
            painter.setPen(QColor("#4a5560"))
            line_y = body_h + metrics.height() * 0.6
            painter.drawLine(0, int(line_y), int(width), int(line_y))
            text_rect = QRectF(0, line_y + metrics.height() * 0.2, width, metrics.height() * 1.2)
            if footer_left:
                elided = metrics.elidedText(footer_left, Qt.TextElideMode.ElideRight, width * 0.7)
                painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft), elided)
            painter.drawText(
                text_rect, int(Qt.AlignmentFlag.AlignRight), f"Page {i + 1} of {pages}"
            )
            painter.restore()
    finally:
        painter.end()
    return pages


def write_pdf(
    html: str,
    path: str | os.PathLike[str],
    page_size: str | None = None,
    title: str = "Checklist",
    footer_left: str | None = None,
) -> int:
    """Write ``html`` as a PDF file at ``path``; returns the number of pages.

    ``page_size`` is "A4" or "Letter"; None picks it from the locale.
    """
    ensure_app()
    from PySide6.QtGui import QPdfWriter

    target = Path(path)
    _page_size(page_size)  # reject an unknown size before touching the file
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator(CREATOR)
    _setup_layout(writer, page_size)
    pages = paint(html, writer, footer_left if footer_left is not None else title)
    del writer  # flushes and closes the file
    if not target.is_file() or target.stat().st_size == 0:
        raise OSError(f"the PDF {target} was not written")
    return pages


def print_document(html: str, printer: QPrinter, title: str = "Checklist") -> int:
    """Print ``html`` on ``printer`` through the same pagination as the PDF; the page count.

    Used by the Print… button (after the print dialog is accepted) and by the print preview's
    ``paintRequested`` signal. Keeps the page size the user chose in the dialog; sets the margins.
    """
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout

    printer.setDocName(title)
    printer.setCreator(CREATOR)
    printer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    return paint(html, printer, title)


def new_printer(page_size: str | None = None) -> QPrinter:
    """A high-resolution QPrinter with the checklist's page layout (needs QtPrintSupport)."""
    ensure_app()
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer.isValid() or printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        _setup_layout(printer, page_size)
    return printer
