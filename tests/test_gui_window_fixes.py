"""What a new user ran into in the window: dates ahead of UTC, optional fields, stale hints and
"Copied", and a done step that blocked Next after a restart without a keyring."""

from __future__ import annotations

import datetime as _dt
import os
import time

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QPushButton

from tests.fakes import FakeClock
from tests.gui_helpers import (
    ANSWERS_BY_FIELD,
    control_for_label,
    fill_page,
    make_window,
    page,
    press_next,
    start_new,
    view,
    walk_to_end,
)
from wizard.pages.widgets import ArtefactBox


@pytest.fixture
def kiritimati():
    """The process runs at UTC+14 (Line Islands) for the test: ahead of UTC, today is tomorrow."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Kiritimati"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


def walk_to(window, step_id: str, limit: int = 30) -> None:
    for _ in range(limit):
        if view(window).current_id == step_id:
            return
        fill_page(window, ANSWERS_BY_FIELD)
        press_next(window)
    raise AssertionError(f"never reached {step_id}")


def test_today_is_accepted_ahead_of_utc(qtbot, data_dir, kiritimati):
    # 12:00 UTC is 02:00 the next day in Kiritimati.
    clock = FakeClock(_dt.datetime(2014, 3, 3, 12, 0, tzinfo=_dt.UTC))
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    for _ in range(30):
        if "pic_submitted_on" in page(window).editors:
            break
        fill_page(window, ANSWERS_BY_FIELD)
        press_next(window)
    p = page(window)
    editor = p.editors["pic_submitted_on"]
    today_button = next(b for b in editor.findChildren(QPushButton) if b.text() == "Today")
    today_button.click()
    assert editor.control.text() == "2014-03-04"  # the local date, not UTC's 2014-03-03
    assert "pic_submitted_on" not in p.problems()
    assert editor.verdict_row.isHidden()


def test_an_optional_field_does_not_block_next(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    walk_to(window, "client-address")
    assert page(window).editors["test_account"].value() == ""
    press_next(window)
    assert view(window).current_id != "client-address"


def test_fill_in_hint_goes_and_copied_resets(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    for _ in range(30):
        boxes = [
            b
            for b in page(window).findChildren(ArtefactBox)
            if b.caption_label.text().count("Fill in")
        ]
        if boxes:
            break
        fill_page(window, ANSWERS_BY_FIELD)
        press_next(window)
    else:
        raise AssertionError("no artefact asked to fill in fields")
    box = boxes[0]
    box.copy_button.click()
    assert box.copy_button.text() == "Copied"
    before = box.text()
    fill_page(window, ANSWERS_BY_FIELD)
    assert "Fill in" not in box.caption_label.text()
    assert box.text() != before
    assert box.copy_button.text() == "Copy"  # "Copied" was about the old text


def test_a_done_step_does_not_block_next_after_a_restart_without_a_keyring(qtbot, data_dir, clock):
    keyring.set_keyring(fail.Keyring())  # conftest restores the previous backend
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    walk_to_end(window, ANSWERS_BY_FIELD)
    setup_id = view(window).session.setup.id
    window.close()  # the agreement number was kept in memory only, and is gone now

    again = make_window(qtbot, data_dir, clock)
    again.open_setup(setup_id)
    v = view(again)
    assert v.session.step_status(v.session.book.step("onprem-identity")) == "done"
    v.show_step("onprem-identity")
    assert control_for_label(page(again), "Agreement number").text() == ""
    press_next(again)
    assert v.current_id != "onprem-identity"
