"""Setups that survive weeks, as a user sees them: resume, waiting, start-screen actions, faults."""

from __future__ import annotations

import json

import keyring
from icalendar import Calendar
from keyring.backends import fail
from PySide6.QtWidgets import QLabel

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
)
from wizard.pages import dialogs
from wizard.pages.activation_panel import ActivationPanel


def test_close_and_reopen_finds_the_same_step_and_values(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    go_to_step(window, "onprem-identity")
    fill_by_label(window, "Access Edge FQDN", "sip.contoso.com")
    fill_by_label(window, "SIP domains", "contoso.com")
    window.close()

    again = make_window(qtbot, data_dir, clock)
    row = again.start.shown_rows()[0]
    assert row[0] == "Contoso Ltd"
    assert row[1] == "Lync Server (on-premises)"
    assert " of " in row[2] and row[2].endswith("steps")
    again.start.continue_button.click()
    assert view(again).current_id == "onprem-identity"
    assert page(again).editors["access_edge_fqdn"].control.text() == "sip.contoso.com"
    assert page(again).editors["sip_domains"].value() == ["contoso.com"]
    sidebar = view(again).sidebar
    assert "Done" in sidebar.item(2).text()  # the version step was completed before


def _submitted_setup(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    answers = dict(ANSWERS_BY_FIELD, pic_submitted_on=clock().date().isoformat())
    for _ in range(40):
        if view(window).current_id == "onprem-wait":
            break
        if view(window).current_id == "onprem-request":  # the date is asked once submitted
            fill_by_label(window, "The request was submitted", True)
        fill_page(window, answers)
        press_next(window)
    return window


def _banner_texts(widget) -> str:
    return " | ".join(lab.text() for lab in widget.findChildren(QLabel) if lab.isVisible())


def test_waiting_status_counts_days_and_flags_overdue(qtbot, data_dir, clock):
    window = _submitted_setup(qtbot, data_dir, clock)
    panel = page(window).findChild(ActivationPanel)
    assert "day 0 of up to 30" in panel.status.label.text()
    window.close()

    clock.advance(days=12)
    window = make_window(qtbot, data_dir, clock)
    status = window.start.shown_rows()[0][4]
    assert "Waiting for activation, day 12 of up to 30, expected by 2014-04-02" in status
    window.start.continue_button.click()
    panel = page(window).findChild(ActivationPanel)
    assert "day 12 of up to 30" in panel.status.label.text()
    assert panel.hint.isVisible() and "24 to 48 hours" in panel.hint.label.text()
    assert "Waiting for activation, day 12" in _banner_texts(view(window))
    # The steps that can be done meanwhile stay open: Next still works.
    press_next(window)
    assert view(window).current_id != "onprem-wait"
    window.close()

    clock.advance(days=19)  # day 31
    window = make_window(qtbot, data_dir, clock)
    status = window.start.shown_rows()[0][4]
    assert status.startswith("⚠") and "past the expected date 2014-04-02" in status


def test_activation_confirmed_and_calendar_reminders(qtbot, data_dir, clock, tmp_path, monkeypatch):
    window = _submitted_setup(qtbot, data_dir, clock)
    ics = tmp_path / "reminders.ics"
    opened: list[str] = []
    monkeypatch.setattr(dialogs, "save_path", lambda *a: str(ics))
    monkeypatch.setattr(dialogs, "open_file", lambda p: opened.append(p) or True)
    panel = page(window).findChild(ActivationPanel)
    panel.remind_button.click()
    cal = Calendar.from_ical(ics.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 2 and opened == [str(ics)]
    clock.advance(days=3)
    panel.confirm_button.click()
    session = view(window).session
    assert session.setup.values["activation_confirmed_on"] == "2014-03-06"
    assert session.setup.status_of("onprem-wait") == "done"
    assert "confirmed on 2014-03-06" in panel.status.label.text()
    # The page shows what the panel recorded: the date in its field, the step ticked done.
    assert page(window).editors["activation_confirmed_on"].control.text() == "2014-03-06"
    assert page(window).done_box.isChecked()


def test_start_screen_rename_duplicate_delete(qtbot, data_dir, clock, monkeypatch):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    view(window).home_button.click()
    start = window.start
    monkeypatch.setattr(dialogs, "get_text", lambda *a: "Contoso Group")
    start.action_buttons["Rename"].click()
    assert start.shown_rows()[0][0] == "Contoso Group"
    start.action_buttons["Duplicate"].click()
    names = sorted(row[0] for row in start.shown_rows())
    assert names == ["Contoso Group", "Copy of Contoso Group"]
    monkeypatch.setattr(dialogs, "confirm", lambda *a: False)
    start.action_buttons["Delete"].click()
    assert len(start.shown_rows()) == 2  # cancelled: nothing removed
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    start.action_buttons["Delete"].click()
    assert len(start.shown_rows()) == 1


def test_export_then_import_asks_replace_or_keep_both(
    qtbot, data_dir, clock, tmp_path, monkeypatch
):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Midsize or Enterprise")
    view(window).home_button.click()
    start = window.start
    out = tmp_path / "contoso.lsw.json"
    monkeypatch.setattr(dialogs, "save_path", lambda *a: str(out))
    monkeypatch.setattr(dialogs, "inform", lambda *a, **k: None)
    start.action_buttons["Export"].click()
    assert json.loads(out.read_text())["setup"]["values"]["client_name"] == "Contoso Ltd"
    monkeypatch.setattr(dialogs, "open_path", lambda *a: str(out))
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "choose", lambda _p, _t, text, _o: asked.append(text) or 1)
    start.action_buttons["Import"].click()
    assert asked and "already exists" in asked[0]
    assert len(start.shown_rows()) == 2  # kept both


def test_second_window_opens_the_same_setup_read_only(qtbot, data_dir, clock, monkeypatch):
    first = make_window(qtbot, data_dir, clock)
    start_new(first, "Contoso Ltd", "Office 365 Small Business Premium")
    setup_id = view(first).session.setup.id
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, text, _y: asked.append(text) or True)
    second = make_window(qtbot, data_dir, clock)
    second.open_setup(setup_id)
    assert asked and "already open in another window" in asked[0]
    assert view(second).session.read_only
    assert "read-only" in _banner_texts(view(second))
    before = (data_dir / "setups" / f"{setup_id}.json").read_bytes()
    fill_page(second, {"sip_domains": "tailspin.com"})
    assert (data_dir / "setups" / f"{setup_id}.json").read_bytes() == before


def test_no_keyring_says_so_and_keeps_the_secret_for_this_run(qtbot, data_dir, clock):
    keyring.set_keyring(fail.Keyring())
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    go_to_step(window, "onprem-identity")
    fill_by_label(window, "Agreement number", "SECRET-98765")
    press_next(window)  # other fields are filled by the helper below
    fill_page(window, ANSWERS_BY_FIELD)
    assert "No system keyring" in _banner_texts(view(window))
    assert view(window).session.values()["agreement_number"] == "SECRET-98765"
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert b"SECRET-98765" not in path.read_bytes(), path
