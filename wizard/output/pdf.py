"""Lay out checklist HTML on pages and draw it to a PDF file or a printer, with "Page N of M".

The one core-level module allowed to use Qt, and only inside functions, so that importing it (or
the command line) never loads PySide6 until a PDF is actually made. PDF export and printing share
``paint()``: the PDF file, the Print… button and the print preview put the same pixels on paper.

Pagination is explicit (LIBRARIES.md §1): the document is laid out on the device itself, in device
pixels, with no document margin; the page height is the printable height less a footer band; each
page is drawn by translating and clipping the laid-out document, then the footer is drawn below.
"""

from __future__ import annotations

import itertools
import os
import re
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
#: Images (evidence thumbnails, the logo) are scaled down to this many pixels wide for print.
MAX_IMAGE_PX = 800


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
    html: str, device: QPagedPaintDevice, width: float, images: dict[str, Any] | None = None
) -> QTextDocument:
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
    _add_images(doc, html, images or {})
    doc.setHtml(html)
    doc.setTextWidth(width)  # one long page: ``pagination`` decides where pages break
    return doc


BLOCK_MARK = re.compile(r"<!--lsw:block([^>]*)-->")
_BODY = re.compile(r"<body([^>]*)>(.*)</body>", re.S)
_DATA_IMG = re.compile(r'src="(data:image/(?:png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+)"')


def split_blocks(html: str) -> list[tuple[str, set[str]]]:
    """The HTML cut at its ``<!--lsw:block flags-->`` marks: (a document, its flags) each.

    Each piece keeps the head and the body's style. Without marks the whole HTML is one block.
    """
    m = _BODY.search(html)
    if m is None or not BLOCK_MARK.search(m.group(2)):
        return [(html, set())]
    head, body_attrs, body = html[: m.start()], m.group(1), m.group(2)
    parts = BLOCK_MARK.split(body)
    out: list[tuple[str, set[str]]] = []
    if parts[0].strip():
        out.append((parts[0], set()))
    for flags, piece in zip(parts[1::2], parts[2::2], strict=True):
        out.append((piece, set(flags.split())))
    return [(f"{head}<body{body_attrs}>{piece}</body></html>", flags) for piece, flags in out]


def extract_images(html: str) -> tuple[str, dict[str, Any]]:
    """The HTML with its ``data:`` images swapped for short names, and those images.

    QTextDocument doesn't decode data: URLs, and parsing a long one is slow; each image is
    decoded once, scaled down to ``MAX_IMAGE_PX`` wide (a thumbnail or a logo never prints
    larger) and handed to every document that shows it.
    """
    import base64

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    images: dict[str, Any] = {}
    names: dict[str, str] = {}

    def swap(m: re.Match[str]) -> str:
        src = m.group(1)
        if src not in names:
            image = QImage()
            if not image.loadFromData(base64.b64decode(src.split(",", 1)[1])):
                return m.group(0)
            if image.width() > MAX_IMAGE_PX:
                image = image.scaledToWidth(
                    MAX_IMAGE_PX, Qt.TransformationMode.SmoothTransformation
                )
            names[src] = f"lsw-image-{len(names)}"
            images[names[src]] = image
        return f'src="{names[src]}"'

    return _DATA_IMG.sub(swap, html), images


def _add_images(doc: QTextDocument, html: str, images: dict[str, Any]) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    for name, image in images.items():
        if name in html:
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)


def _row_spans(layout: Any, table: Any) -> list[tuple[float, float]]:
    spans = []
    for r in range(table.rows()):
        top, bottom = float("inf"), float("-inf")
        for c in range(table.columns()):
            for item in table.cellAt(r, c).begin():
                block = item.currentBlock()
                rect = (
                    layout.frameBoundingRect(item.currentFrame())
                    if item.currentFrame() is not None
                    else layout.blockBoundingRect(block)
                )
                top, bottom = min(top, rect.top()), max(bottom, rect.bottom())
        if top <= bottom:
            spans.append((top, bottom))
    return spans


def _line_cuts(layout: Any, block: Any) -> list[float]:
    rect = layout.blockBoundingRect(block)
    lines = block.layout()
    return [rect.top() + lines.lineAt(i).y() for i in range(1, lines.lineCount())]


def measure(doc: QTextDocument) -> tuple[float, tuple[tuple[float, int], ...]]:
    """The laid-out document's height and where it may be cut, with how bad each cut is.

    Between top-level items is best; right after the first item (a step's heading) or between
    a paragraph and the table it introduces (an artefact's title and its box) is worst; inside a
    table, between rows; inside a one-cell box (a long script), between its lines.
    """
    from wizard.output import pagination as pg

    layout = doc.documentLayout()
    cuts: list[tuple[float, int]] = []
    prev_bottom: float | None = None
    prev_para = False
    count = 0
    # QTextFrame iterates over its frames and blocks; the stubs type __iter__ as returning object.
    for item in doc.rootFrame():  # type: ignore[attr-defined]
        frame = item.currentFrame()
        block = item.currentBlock()
        rect = layout.frameBoundingRect(frame) if frame is not None else None
        if rect is None:
            rect = layout.blockBoundingRect(block)
            if prev_bottom is not None and rect.top() < prev_bottom and not block.text():
                continue  # the empty block Qt keeps after a table
        if prev_bottom is not None:
            heading = count == 1 or (prev_para and frame is not None)
            bad = pg.AFTER_HEADING if heading else pg.BETWEEN_ITEMS
            cuts.append(((prev_bottom + rect.top()) / 2, bad))
        count += 1
        prev_bottom, prev_para = rect.bottom(), frame is None
        if frame is None:
            cuts += [(y, pg.BETWEEN_LINES) for y in _line_cuts(layout, block)]
            continue
        spans = _row_spans(layout, frame)
        cuts += [((a[1] + b[0]) / 2, pg.BETWEEN_ROWS) for a, b in itertools.pairwise(spans)]
        if len(spans) == 1 and frame.columns() == 1:  # a box: between its lines
            for inner in frame.cellAt(0, 0).begin():
                if inner.currentFrame() is None:
                    line = inner.currentBlock()
                    cuts.append((layout.blockBoundingRect(line).top(), pg.BETWEEN_LINES))
                    cuts += [(y, pg.BETWEEN_LINES) for y in _line_cuts(layout, line)]
    height = float(doc.size().height())
    return height, tuple(sorted(c for c in cuts if 0 < c[0] < height))


def layout_pages(
    html: str, device: QPagedPaintDevice, width: float, body_h: float
) -> tuple[list[QTextDocument], list[list[Any]]]:
    """Lay out each block of ``html`` and plan the pages: (the documents, the pages' slices)."""
    from wizard.output import pagination as pg

    docs: list[QTextDocument] = []
    blocks: list[pg.Block] = []
    html, images = extract_images(html)
    for piece, flags in split_blocks(html):
        doc = _document(piece, device, width, images)
        height = float(doc.size().height())
        # only a block longer than a page is ever cut (``pagination``): don't look for cuts in others
        cuts = measure(doc)[1] if height > body_h else ()
        docs.append(doc)
        blocks.append(
            pg.Block(
                height,
                cuts,
                new_page="new-page" in flags,
                with_previous="with-previous" in flags,
            )
        )
    return docs, pg.plan(blocks, body_h)


def paint(html: str, device: QPagedPaintDevice, footer_left: str = "") -> int:
    """Lay out ``html`` on ``device`` (QPdfWriter or QPrinter) and draw every page; the page count.

    The device's page layout (size, margins) must be set already. Each page gets a footer with
    ``footer_left`` (e.g. the client name) and "Page N of M". The HTML's ``<!--lsw:block-->``
    marks say which parts are kept together on a page (``pagination``).
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

    docs, plan = layout_pages(html, device, width, body_h)
    pages = len(plan)

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start drawing on the page (is the file writable?)")
    try:
        for i, slices in enumerate(plan):
            if i:
                device.newPage()
            for piece in slices:
                painter.save()
                painter.translate(0, piece.y - piece.top)
                clip = QRectF(0, piece.top, width, piece.bottom - piece.top)
                painter.setClipRect(clip)
                ctx = QAbstractTextDocumentLayout.PaintContext()
                # Lines touching the cut by a pixel belong to the other page: drawn clipped they
                # would be invisible but still in the PDF's text (found twice by search).
                ctx.clip = clip.adjusted(0, 2, 0, -2)
                docs[piece.block].documentLayout().draw(painter, ctx)
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
