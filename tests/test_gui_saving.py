"""Typing saves after a pause, not per keystroke; the keyring is never asked on the GUI thread."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt

from tests.gui_helpers import (
    ANSWERS_BY_FIELD,
    control_for_label,
    fill_page,
    make_window,
    page,
    press_next,
    start_new,
    view,
)
from wizard.pages import wizard_view
from wizard.pages.widgets import Banner

_replaced: list[str] = []


def _audit(event: str, args: tuple) -> None:
    # os.replace and os.rename both raise "os.rename": every real save ends in one.
    if event == "os.rename" and len(args) >= 2:
        _replaced.append(os.fsdecode(args[1]))


sys.addaudithook(_audit)  # an audit hook only observes; it can't change what the store does


def writes_to(path: Path) -> int:
    return sum(1 for p in _replaced if Path(p) == path)


def walk_to_field(window, fid: str, limit: int = 20) -> None:
    for _ in range(limit):
        if fid in page(window).editors and page(window).editors[fid].isVisible():
            return
        fill_page(window, ANSWERS_BY_FIELD)
        press_next(window)
    raise AssertionError(f"no page shows {fid}")


def test_typing_fifty_characters_saves_a_handful_of_times(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    walk_to_field(window, "access_edge_fqdn")
    v = view(window)
    path = window.store.path_of(v.session.setup.id)
    control = control_for_label(page(window), "Access Edge FQDN")
    before_page = v.page
    banners = window.findChildren(Banner)
    first_item = v.sidebar.item(0)
    before = writes_to(path)
    text = "sip." + "a" * 42 + ".com"
    control.setFocus()
    qtbot.keyClicks(control, text)  # 50 real key events
    assert v.session.dirty  # typed, not yet written
    qtbot.waitUntil(lambda: not v.session.dirty, timeout=5000)  # the idle timer saved it
    saves = writes_to(path) - before
    print(f"\n50 keystrokes: {saves} save(s)")
    assert 1 <= saves <= 3
    assert text in path.read_text(encoding="utf-8")
    # Nothing was rebuilt for the keystrokes: same page, same banners, same sidebar items.
    assert v.page is before_page and window.findChildren(Banner) == banners
    assert v.sidebar.item(0) is first_item


def test_leaving_the_field_saves_at_once(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    walk_to_field(window, "access_edge_fqdn")
    v = view(window)
    v.save_timer.setInterval(60_000)  # only the focus change can save within this test
    v.max_timer.setInterval(60_000)
    control = control_for_label(page(window), "Access Edge FQDN")
    window.activateWindow()  # focus changes are only sent within the active window
    qtbot.waitUntil(window.isActiveWindow)
    control.setFocus()
    qtbot.waitUntil(control.hasFocus)
    qtbot.keyClicks(control, "sip.oslo.no")
    assert v.session.dirty
    qtbot.keyClick(control, Qt.Key.Key_Tab)  # leave the field, as a user would
    qtbot.waitUntil(lambda: not v.session.dirty, timeout=2000)
    assert "sip.oslo.no" in window.store.path_of(v.session.setup.id).read_text(encoding="utf-8")


def test_the_save_pause_matches_the_readme():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"{wizard_view.SAVE_MAX_MS / 1000:g} second" in readme
    assert wizard_view.SAVE_IDLE_MS < wizard_view.SAVE_MAX_MS


class RecordingKeyring(KeyringBackend):
    """A real keyring backend that records the thread of every call and can be made to hang."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self.threads: list[str] = []
        self.gate = threading.Event()
        self.gate.set()

    def _enter(self) -> None:
        self.threads.append(threading.current_thread().name)
        assert threading.current_thread() is not threading.main_thread()
        self.gate.wait(30)

    def get_password(self, service: str, username: str) -> str | None:
        self._enter()
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._enter()
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._enter()
        self.store.pop((service, username), None)


def test_no_keyring_call_runs_on_the_gui_thread_and_a_slow_one_does_not_freeze_typing(
    qtbot, data_dir, clock
):
    import keyring

    backend = RecordingKeyring()
    keyring.set_keyring(backend)  # conftest restores the previous backend
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    walk_to_field(window, "agreement_number")
    v = view(window)
    control = control_for_label(page(window), "Agreement number")
    backend.gate.clear()  # from now on the keyring hangs, like a locked wallet
    control.setFocus()
    qtbot.keyClicks(control, "V-1234567")
    qtbot.waitUntil(lambda: not v.session.dirty, timeout=2000)
    # The window was never held up: the text is there and the keyring was not given up on.
    assert control.text() == "V-1234567"
    assert v.session.secrets.unavailable == ""
    backend.gate.set()
    key = next(iter(backend.store), None)
    qtbot.waitUntil(lambda: "V-1234567" in backend.store.values(), timeout=10000)
    assert key is None or backend.store[key] == "V-1234567"
    assert backend.threads, "the keyring was used"
    assert "MainThread" not in backend.threads
    setup_file = window.store.path_of(v.session.setup.id).read_text(encoding="utf-8")
    assert "V-1234567" not in setup_file
    window.close()
    assert list(backend.store.values()) == ["V-1234567"]
