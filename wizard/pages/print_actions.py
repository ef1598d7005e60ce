"""Print, preview and save the checklist from the GUI; thin wrappers around ``wizard.output.pdf``.

Dialogs are opened with ``open()``, never ``exec()``, and the file dialog goes through the one seam
``ask_save_path`` (tests monkeypatch it). The Print button and the preview draw through
``wizard.output.pdf.print_document``, the same routine that writes the PDF, so paper, preview and file
match page for page.

The summary page and the start screen take actions as ``(label, callback)``; ``summary_actions``
and ``start_screen_actions`` build those lists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:  # QtPrintSupport loads on the first print, not when the app starts
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from wizard.output import checklist, pdf
from wizard.output import html as checklist_html
from wizard.output import markdown as checklist_md
from wizard.pages import feedback

TITLE = "Checklist"


# -- seams (tests replace these) -----------------------------------------------------------------
def ask_save_path(
    parent: QWidget | None, caption: str, default_path: str, file_filter: str
) -> str | None:
    """Ask where to save; None when the user cancels."""
    from wizard.pages import dialogs

    return dialogs.save_path(parent, caption, default_path, file_filter)


def report_error(parent: QWidget | None, text: str) -> None:
    from wizard.pages import dialogs

    dialogs.inform(parent, "Checklist", text, warning=True)


# -- actions ----------------------------------------------------------------------------------------
def print_now(html: str, printer: QPrinter, title: str = TITLE) -> int:
    """What happens when the print dialog is accepted (and what the preview draws)."""
    return pdf.print_document(html, printer, title)


def _print_accepted(parent: QWidget | None, html: str, printer: QPrinter, title: str) -> None:
    try:
        print_now(html, printer, title)
    except OSError as exc:
        report_error(parent, f"The checklist could not be printed: {exc}")


def print_preview(parent: QWidget | None, html: str, title: str = TITLE) -> QPrintPreviewDialog:
    """Show the print preview (non-blocking); the user can change paper and print from it."""
    printer = pdf.new_printer()
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle(f"Print preview – {title}")
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.printer_ref = printer  # type: ignore[attr-defined]  # must outlive the dialog
    dlg.paintRequested.connect(lambda p: print_now(html, p, title))
    QDialog.open(dlg)
    return dlg


def print_dialog(
    parent: QWidget | None, html: str, title: str = TITLE, printer: QPrinter | None = None
) -> QPrintDialog:
    """Show the print dialog (non-blocking); prints when the user accepts it."""
    printer = printer or pdf.new_printer()
    from PySide6.QtPrintSupport import QPrintDialog

    dlg = QPrintDialog(printer, parent)
    dlg.setWindowTitle(f"Print – {title}")
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.printer_ref = printer  # type: ignore[attr-defined]
    # finished(int), not accepted: QPrintDialog overloads accepted with a QPrinter* argument
    dlg.finished.connect(
        lambda result: (
            _print_accepted(parent, html, printer, title)
            if result == QDialog.DialogCode.Accepted
            else None
        )
    )
    # QPrintDialog.open is only the open(receiver, member) overload in PySide6: calling it bare
    # raised TypeError and Print… did nothing. QDialog's open() shows it window-modal, non-blocking.
    QDialog.open(dlg)
    return dlg


def default_path(default_name: str) -> str:
    from wizard import paths

    try:
        return str(paths.documents_dir() / default_name)
    except (OSError, RuntimeError, ValueError):  # no documents folder on this system
        return default_name


def _with_suffix(path: str, suffix: str) -> Path:
    p = Path(path)
    return p if p.suffix.lower() == suffix else p.with_name(p.name + suffix)


def save_pdf(
    parent: QWidget | None,
    html: str,
    default_name: str,
    title: str = TITLE,
    page_size: str | None = None,
) -> Path | None:
    """Ask for a file name and write the PDF; the path written, or None (cancelled or failed)."""
    chosen = ask_save_path(
        parent, "Save checklist as PDF", default_path(default_name), "PDF files (*.pdf)"
    )
    if not chosen:
        return None
    path = _with_suffix(chosen, ".pdf")
    try:
        pdf.write_pdf(html, path, page_size, title=title)
    except OSError as exc:
        report_error(parent, f"The PDF could not be written to {path}: {exc}")
        return None
    feedback.file_saved(parent, path, "Checklist")
    return path


def _save_text(parent: QWidget | None, text: str, chosen: str | None, suffix: str) -> Path | None:
    if not chosen:
        return None
    path = _with_suffix(chosen, suffix)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        report_error(parent, f"The file could not be written to {path}: {exc.strerror or exc}")
        return None
    feedback.file_saved(parent, path, "Checklist")
    return path


def save_html(parent: QWidget | None, html: str, default_name: str) -> Path | None:
    chosen = ask_save_path(
        parent, "Save checklist as a web page", default_path(default_name), "Web pages (*.html)"
    )
    return _save_text(parent, html, chosen, ".html")


def copy_markdown(markdown: str) -> None:
    """Put the Markdown checklist on the clipboard, for pasting into a ticket."""
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText(markdown)


# -- ready-made action lists for the pages ------------------------------------------------------------
def _title(chk: checklist.Checklist) -> str:
    return chk.title + (f" – {chk.header.client_name}" if chk.header.client_name else "")


def summary_actions() -> list[tuple[str, Callable[[Any, QWidget], object]]]:
    """(label, callback(session, parent)) for the summary page."""

    def model(session: Any) -> checklist.Checklist:
        from wizard.output import extras  # the consultant profile and the steps' evidence

        return extras.session_checklist(session)

    def preview(session: Any, parent: QWidget) -> object:
        chk = model(session)
        return print_preview(parent, checklist_html.render(chk), _title(chk))

    def print_(session: Any, parent: QWidget) -> object:
        chk = model(session)
        return print_dialog(parent, checklist_html.render(chk), _title(chk))

    def to_pdf(session: Any, parent: QWidget) -> object:
        chk = model(session)
        return save_pdf(
            parent, checklist_html.render(chk), checklist.default_filename(chk, "pdf"), _title(chk)
        )

    def to_html(session: Any, parent: QWidget) -> object:
        chk = model(session)
        return save_html(
            parent, checklist_html.render(chk), checklist.default_filename(chk, "html")
        )

    def to_md(session: Any, parent: QWidget) -> object:
        copy_markdown(checklist_md.render(model(session)))
        return None

    return [
        ("Print pre&view…", preview),
        ("&Print…", print_),
        ("Save as P&DF…", to_pdf),
        ("Save as &HTML…", to_html),
        ("Copy as &Markdown", to_md),
    ]
