"""The start screen's list with many clients: find by name or domain as you type, sort, and see
the setups that wait or are overdue first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.gui_helpers import make_window
from wizard.storage.document import DONE, Setup
from wizard.storage.store import SetupStore


def _save(data_dir, clock, name, domains=(), submitted=None, done_steps: tuple[str, ...] = ()):
    setup = Setup.new(name, clock=clock)
    setup.values.update({"deployment": "onprem", "sip_domains": list(domains)})
    if submitted:
        setup.values["pic_submitted_on"] = submitted
    for step in done_steps:
        setup.mark(step, DONE, clock)
    SetupStore(data_dir, clock=clock).save(setup)
    clock.advance(hours=1)
    return setup


def _clients(window) -> list[str]:
    return [row[0] for row in window.start.shown_rows()]


def test_typing_in_the_filter_box_narrows_the_list_by_name_or_domain(qtbot, data_dir, clock):
    _save(data_dir, clock, "Contoso Ltd", ["contoso.com"])
    _save(data_dir, clock, "Fabrikam", ["fabrikam.com", "northwind.net"])
    _save(data_dir, clock, "Tailspin Toys", ["tailspin.com"])
    window = make_window(qtbot, data_dir, clock)
    start = window.start
    box = start.filter_box
    box.setFocus()
    qtbot.keyClicks(box, "north")
    assert _clients(window) == ["Fabrikam"]
    assert start.selected_id() is not None and start.continue_button.isEnabled()
    box.clear()
    qtbot.keyClicks(box, "TOYS")
    assert _clients(window) == ["Tailspin Toys"]
    qtbot.keyClicks(box, "x")
    assert _clients(window) == []
    assert not start.continue_button.isEnabled()
    assert start.empty_label.isVisible() and "TOYSx" in start.empty_label.text()
    box.clear()
    assert sorted(_clients(window)) == ["Contoso Ltd", "Fabrikam", "Tailspin Toys"]
    assert not start.empty_label.isVisible()


def test_waiting_and_overdue_setups_come_first_and_other_sorts(qtbot, data_dir, clock):
    _save(data_dir, clock, "Adatum")
    _save(data_dir, clock, "Overdue Inc", submitted="2014-01-20")
    _save(data_dir, clock, "Waiting GmbH", submitted="2014-03-01")
    _save(data_dir, clock, "Zeta")
    window = make_window(qtbot, data_dir, clock)
    start = window.start
    assert start.sort_box.currentText() == "Needs attention first"
    assert _clients(window)[:2] == ["Overdue Inc", "Waiting GmbH"]
    overdue = start.shown_rows()[0]
    assert overdue[4].startswith("⚠") and "past the expected date 2014-02-19" in overdue[4]
    start.sort_box.setCurrentIndex(start.sort_box.findText("Client name"))
    assert _clients(window) == ["Adatum", "Overdue Inc", "Waiting GmbH", "Zeta"]
    start.sort_box.setCurrentIndex(start.sort_box.findText("Last change"))
    assert _clients(window) == ["Zeta", "Waiting GmbH", "Overdue Inc", "Adatum"]
    # Clicking a column header sorts too, and the box follows.
    start.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    assert _clients(window) == ["Adatum", "Overdue Inc", "Waiting GmbH", "Zeta"]
    assert start.sort_box.currentText() == "Client name"


def test_keyboard_ctrl_f_finds_and_enter_opens(qtbot, data_dir, clock):
    _save(data_dir, clock, "Contoso Ltd", ["contoso.com"])
    _save(data_dir, clock, "Fabrikam", ["fabrikam.com"])
    window = make_window(qtbot, data_dir, clock)
    start = window.start
    assert start.filter_box.accessibleName() and start.table.accessibleName() == "Saved setups"
    buddy = [lab for lab in start.findChildren(QLabel) if lab.buddy() is start.filter_box]
    assert buddy and "&" in buddy[0].text()
    qtbot.keyClicks(start.filter_box, "fabri")
    qtbot.keyClick(start.filter_box, Qt.Key.Key_Return)
    assert window.view is not None
    assert window.view.session.setup.client_name == "Fabrikam"
