"""The checklist leaves the app from the summary page and from the start screen."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt

from tests.gui_helpers import (
    ANSWERS_BY_FIELD,
    make_window,
    start_new,
    view,
    visible_dialog,
    walk_to_end,
)
from wizard.pages import print_actions


def test_save_as_pdf_from_the_summary_page(qtbot, data_dir, clock, tmp_path, monkeypatch):
    out = tmp_path / "checklist.pdf"
    monkeypatch.setattr(print_actions, "ask_save_path", lambda *a: str(out))
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso <Ltd>", "Office 365 Small Business Premium")
    walk_to_end(window, ANSWERS_BY_FIELD)
    summary = view(window).page
    summary.buttons["Save as PDF…"].click()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Contoso <Ltd>" in text and "Page 1 of" in text
    assert "Office 365 Small Business Premium" in text


def test_save_as_html_from_the_start_screen_menu(qtbot, data_dir, clock, tmp_path, monkeypatch):
    out = tmp_path / "checklist.html"
    monkeypatch.setattr(print_actions, "ask_save_path", lambda *a: str(out))
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Fabrikam", "Lync Server (on-premises)")
    view(window).home_button.click()
    window.start.checklist_menu_actions["Save as HTML"].trigger()
    html = out.read_text(encoding="utf-8")
    assert "Fabrikam" in html and "_sipfederationtls._tcp." in html


def _cancel(qtbot, cls) -> None:
    dlg = visible_dialog(qtbot, cls)
    assert not dlg.isModal() or dlg.windowModality() == Qt.WindowModality.WindowModal
    dlg.reject()
    assert not dlg.isVisible()


def test_print_and_preview_from_the_summary_page_show_the_real_dialogs(qtbot, data_dir, clock):
    from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog

    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    walk_to_end(window, ANSWERS_BY_FIELD)
    summary = view(window).page
    summary.buttons["Print…"].click()
    _cancel(qtbot, QPrintDialog)
    summary.buttons["Print preview…"].click()
    _cancel(qtbot, QPrintPreviewDialog)


def test_print_and_preview_from_the_start_screen_show_the_real_dialogs(qtbot, data_dir, clock):
    from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog

    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Fabrikam", "Lync Server (on-premises)")
    view(window).home_button.click()
    window.start.checklist_menu_actions["Print"].trigger()
    _cancel(qtbot, QPrintDialog)
    window.start.checklist_menu_actions["Print preview"].trigger()
    _cancel(qtbot, QPrintPreviewDialog)
