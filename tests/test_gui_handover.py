"""The handover pack leaves the app from the summary page and from the start screen's menu."""

from __future__ import annotations

import zipfile

from tests.gui_helpers import ANSWERS_BY_FIELD, make_window, start_new, view, walk_to_end
from wizard.pages import print_actions


def test_handover_pack_from_the_summary_page(qtbot, data_dir, clock, tmp_path, monkeypatch):
    out = tmp_path / "pack"  # no extension: .zip is added
    asked = []
    monkeypatch.setattr(print_actions, "ask_save_path", lambda *a: asked.append(a[1:]) or str(out))
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    walk_to_end(window, ANSWERS_BY_FIELD)
    view(window).page.buttons["Handover pack…"].click()
    assert asked and asked[0][1].endswith(".zip") and "*.zip" in asked[0][2]
    with zipfile.ZipFile(tmp_path / "pack.zip") as zf:
        names = zf.namelist()
    assert names[0] == "README.txt"
    assert any(n.endswith(".pdf") for n in names) and any(n.endswith(".ps1") for n in names)


def test_handover_pack_from_the_start_screen_menu(qtbot, data_dir, clock, tmp_path, monkeypatch):
    out = tmp_path / "pack.zip"
    monkeypatch.setattr(print_actions, "ask_save_path", lambda *a: str(out))
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Fabrikam", "Office 365 Midsize or Enterprise")
    view(window).home_button.click()
    window.start.checklist_menu_actions["Handover pack"].trigger()
    with zipfile.ZipFile(out) as zf:
        readme = zf.read("README.txt").decode("utf-8")
    assert "Fabrikam" in readme


def test_handover_pack_reports_a_folder_it_cannot_write(
    qtbot, data_dir, clock, tmp_path, monkeypatch
):
    errors = []
    monkeypatch.setattr(
        print_actions, "ask_save_path", lambda *a: str(tmp_path / "missing" / "p.zip")
    )
    monkeypatch.setattr(print_actions, "report_error", lambda parent, text: errors.append(text))
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Fabrikam", "Lync Server (on-premises)")
    view(window).home_button.click()
    window.start.checklist_menu_actions["Handover pack"].trigger()
    assert errors and "could not be written" in errors[0]
