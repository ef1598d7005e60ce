"""What makes it feel finished: help, feedback, keyboard, disclosures, remembered window state."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPlainTextEdit, QRadioButton

from tests.gui_helpers import (
    ANSWERS_BY_FIELD,
    fill_by_label,
    fill_page,
    go_to_step,
    make_window,
    page,
    press_next,
    start_new,
    view,
    walk_to_end,
)
from tests.test_gui_flow import BRANCHES
from wizard.pages import dialogs, keyboard, print_actions
from wizard.pages.step_page import StepPage
from wizard.pages.widgets import ArtefactBox


# -- Help -----------------------------------------------------------------------------------------
def test_help_menu_guide_deployments_shortcuts_about_are_non_modal(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Help"]
    guide = window.show_guide()
    assert guide.isVisible() and not guide.isModal()
    assert str(data_dir) in guide.plain_text() and "keyring" in guide.plain_text()
    assert "Export" in guide.plain_text() and "Import" in guide.plain_text()
    deployments = window.show_deployments()
    text = deployments.plain_text()
    for choice in window.book.field("deployment").choices:
        assert choice.label in text
    shortcuts = window.show_shortcuts()
    assert "Ctrl+N" in shortcuts.plain_text() and "Alt+Left" in shortcuts.plain_text()
    about = window.show_about()
    text = about.plain_text()
    assert "PySide6-Essentials" in text and "LGPL" in text
    assert str(data_dir) in text and "Log folder" in text
    # All four stay open side by side with the main window, which still takes input.
    assert all(w.isVisible() for w in (guide, deployments, shortcuts, about))
    window.show_guide()  # asking again replaces the old guide rather than piling up windows
    assert not guide.isVisible()


def test_open_data_folder_and_log(qtbot, data_dir, clock, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(dialogs, "open_file", lambda p: opened.append(p) or True)
    window = make_window(qtbot, data_dir, clock)
    window.help_actions["Open data folder"].trigger()
    window.help_actions["Open log"].trigger()
    assert opened[0] == str(data_dir)
    assert opened[1]  # the log, or its folder when nothing was logged yet


# -- Feedback -------------------------------------------------------------------------------------
def test_status_bar_says_saved_and_shows_a_failed_save_in_words(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    v = view(window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Saved")
    session = v.session
    target = data_dir / "setups" / f"{session.setup.id}.json"
    target.unlink()
    target.mkdir()  # the next save can't replace a folder
    window.statusBar().clearMessage()
    session.set_value("client_name", "Contoso Group")
    v.save_now()
    message = window.statusBar().currentMessage()
    assert message and message != "Saved" and session.save_error in message
    assert "Not saved" in window.save_state.text()
    shutil.rmtree(target)
    session.set_value("client_name", "Contoso Group Ltd")
    v.save_now()
    assert window.statusBar().currentMessage() == "Saved"
    assert window.save_state.text() == ""


def test_saving_a_pdf_says_where_it_went_with_open_and_show_in_folder(
    qtbot, data_dir, clock, tmp_path, monkeypatch
):
    out = tmp_path / "checklist.pdf"
    opened: list[str] = []
    monkeypatch.setattr(print_actions, "ask_save_path", lambda *a: str(out))
    monkeypatch.setattr(dialogs, "open_file", lambda p: opened.append(p) or True)
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    walk_to_end(window, ANSWERS_BY_FIELD)
    view(window).page.buttons["Save as PDF…"].click()
    notice = window.notice
    assert notice is not None and notice.isVisible()
    assert "checklist.pdf" in notice.label.full_text and str(tmp_path) in notice.label.full_text
    notice.open_button.click()
    assert opened == [str(out)]
    if not (QGuiApplication.platformName() and shutil.which("explorer")):
        notice.folder_button.click()
        assert opened[-1] == str(tmp_path)


# -- Command boxes --------------------------------------------------------------------------------
def test_command_box_wraps_copies_exactly_and_copied_resets(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    window.resize(800, 600)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    go_to_step(window, "onprem-edge")
    box = page(window).findChildren(ArtefactBox)[0]
    qtbot.waitUntil(lambda: box.edit.viewport().width() > 0)
    text = box.text()
    assert "-EnablePartnerDiscovery" in text
    # Everything is on screen: the box is as tall as the wrapped text, nothing scrolls.
    assert box.edit.document().size().height() <= box.edit.viewport().height() + 1
    assert box.edit.document().idealWidth() <= box.edit.viewport().width() + 1
    box.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    assert box.copy_button.text() == "Copied"
    fill_by_label(window, "Enable partner domain discovery", True)
    assert box.text() != text and box.copy_button.text() == "Copy"


# -- More about this step -------------------------------------------------------------------------
def test_more_about_this_step_keeps_its_state_per_step_across_a_restart(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    go_to_step(window, "onprem-dns")
    fill_page(window, ANSWERS_BY_FIELD)
    more = page(window).more
    assert more.isVisible() and not more.panel.isVisible()
    hidden = [lab.text() for lab in more.panel.findChildren(QLabel)]
    assert hidden, "the background paragraphs are behind the disclosure"
    more.button.click()
    assert more.panel.isVisible()
    press_next(window)
    assert not page(window).more.panel.isVisible()  # another step: its own state
    view(window).go_back()
    assert page(window).more.panel.isVisible()
    sid = view(window).session.setup.id
    window.close()
    window = make_window(qtbot, data_dir, clock)
    window.open_setup(sid)
    assert view(window).current_id == "onprem-dns"
    assert page(window).more.panel.isVisible()


# -- Keyboard ---------------------------------------------------------------------------------------
def _mnemonics(window) -> list[str]:
    letters = [keyboard.mnemonic(a.text()) for a in window.menuBar().actions()]
    v = view(window)
    for w in [v.home_button, v.back_button, v.next_button]:
        letters.append(keyboard.mnemonic(w.text()))
    for lab in v.page.findChildren(QLabel):
        if lab.buddy() is not None and lab.isVisibleTo(v.page):
            letters.append(keyboard.mnemonic(lab.text()))
    for button in v.page.findChildren(QAbstractButton):
        if button.isVisibleTo(v.page):
            letters.append(keyboard.mnemonic(button.text()))
    return [m for m in letters if m]


@pytest.mark.parametrize(("deployment", "label", "extra"), BRANCHES)
def test_mnemonics_unique_tab_follows_the_screen_and_step_count_constant(
    qtbot, data_dir, clock, deployment, label, extra
):
    window = make_window(qtbot, data_dir, clock)
    window.resize(1366, 768)
    start_new(window, "Contoso Ltd", label)
    answers = dict(ANSWERS_BY_FIELD)
    answers.update(extra)
    walk_to_end(window, answers)
    v = view(window)
    steps = [s for s in v.session.steps() if s.kind != "summary"]
    problems = []
    for step in v.session.steps():
        v.show_step(step.id)
        QApplication.processEvents()
        letters = _mnemonics(window)
        repeated = sorted({m for m in letters if letters.count(m) > 1})
        if repeated:
            problems.append(f"{step.id}: Alt+{', Alt+'.join(repeated)} used twice")
        if isinstance(v.page, StepPage):
            chain = [w for w in keyboard.follow_layout(v.page) if w.isVisible()]
            tops = [w.mapTo(v.page, w.rect().topLeft()).y() for w in chain]
            if tops != sorted(tops):
                problems.append(f"{step.id}: Tab order jumps up the page")
            expected = f"Step {steps.index(step) + 1} of {len(steps)}"
        else:
            expected = f"Summary of {len(steps)} steps"
        if v.position_label.text() != expected:
            problems.append(f"{step.id}: {v.position_label.text()!r}, expected {expected!r}")
    assert f"{len(steps)} steps" in v.session.progress().text
    assert not problems, "\n".join(problems)


def test_return_goes_next_from_a_choice_but_not_from_a_multi_line_field(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    v = view(window)
    assert v.current_id == "onprem-version"
    v.back_button.click()
    assert v.current_id == "deployment"
    radio = v.page.editors["deployment"].focus_target()
    assert isinstance(radio, QRadioButton)
    radio.setFocus()
    qtbot.waitUntil(radio.hasFocus)
    qtbot.keyClick(radio, Qt.Key.Key_Return)
    assert v.current_id == "onprem-version"
    go_to_step(window, "onprem-identity")
    edit = page(window).editors["sip_domains"].control
    assert isinstance(edit, QPlainTextEdit)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert v.current_id == "onprem-identity"  # a new line, not the next step


# -- Notes and window state ------------------------------------------------------------------------
def test_keyring_note_only_where_a_secret_is_asked(qtbot, data_dir, clock, memory_keyring):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")

    def note_shown() -> bool:
        labels = view(window).findChildren(QLabel)
        return any("No system keyring" in lab.text() for lab in labels if lab.isVisible())

    go_to_step(window, "onprem-identity")
    assert note_shown()
    fill_page(window, ANSWERS_BY_FIELD)
    press_next(window)
    assert view(window).current_id != "onprem-identity" and not note_shown()
    view(window).home_button.click()
    texts = [lab.text() for lab in window.start.findChildren(QLabel) if lab.isVisible()]
    assert sum("No system keyring" in t for t in texts) == 1


def test_window_size_position_and_splitter_are_restored(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    window.resize(700, 500)  # the offscreen screen is 800x600
    view(window).splitter.setSizes([300, 600])
    sizes = view(window).splitter.sizes()
    sid = view(window).session.setup.id
    window.close()
    again = make_window(qtbot, data_dir, clock)
    assert (again.width(), again.height()) == (700, 500)
    again.open_setup(sid)
    assert view(again).splitter.sizes() == sizes
