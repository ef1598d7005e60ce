"""Start-up loads only what the first screen needs, and explains a missing display plainly."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from wizard import app

LAZY = ["dns", "icalendar", "cryptography", "keyring", "PySide6.QtPrintSupport", "wizard.checks"]


#: Not needed either when the saved setups are listed from their index (wizard.storage.index).
#: (tomllib is loaded: the start screen shows today's status from status.toml when it is first
#: shown; issue 9. The playbook itself still waits until a setup is opened.)
LAZY_WITH_INDEX = [
    *LAZY,
    "wizard.content.playbook",
    "wizard.content.flow",
    "wizard.content.validate",
]

_START = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from wizard.storage.store import SetupStore
if sys.argv[2] == "prepare":
    from wizard.storage.document import Setup
    store = SetupStore(Path(sys.argv[1]))
    for i in range(5):
        s = Setup.new(f"Client {i}"); s.values["deployment"] = "onprem"; store.save(s)
qapp = QApplication([])
from wizard.pages.main_window import MainWindow
w = MainWindow(None, SetupStore(Path(sys.argv[1])))
w.show(); qapp.processEvents()
assert len(w.start.shown_rows()) == 5, w.start.shown_rows()
assert w.start.shown_rows()[0][1] == "Lync Server (on-premises)", w.start.shown_rows()
print(json.dumps(sorted(m for m in sys.argv[3].split(",") if m in sys.modules)))
"""


def _start(data, mode: str, watched: list[str]) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", _START, str(data), mode, ",".join(watched)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_first_screen_does_not_load_checks_pdf_calendar_or_keyring(tmp_path):
    loaded = _start(tmp_path, "prepare", LAZY)
    assert loaded == [], f"loaded at start-up: {loaded}"


def test_with_an_index_the_first_screen_needs_no_playbook(tmp_path):
    _start(tmp_path, "prepare", LAZY_WITH_INDEX)  # setups saved without the GUI: index made
    loaded = _start(tmp_path, "again", LAZY_WITH_INDEX)
    assert loaded == [], f"loaded at start-up: {loaded}"


def test_no_display_is_explained():
    msg = app.display_problem({"PATH": "/usr/bin"})
    if sys.platform.startswith("linux"):
        assert "No graphical display" in msg
    assert app.display_problem({"QT_QPA_PLATFORM": "offscreen"}) == ""


def test_missing_xcb_libraries_are_named_with_the_apt_command(monkeypatch):
    if not sys.platform.startswith("linux"):
        return
    import ctypes.util

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    msg = app.display_problem({"DISPLAY": ":0"})
    assert "libxcb-cursor" in msg and "apt-get install" in msg and "libxcb-cursor0" in msg


def test_command_line_parser_does_not_load_the_checks():
    script = (
        "import json, sys; from wizard.cli import build_parser; build_parser(); "
        f"print(json.dumps(sorted(m for m in {LAZY_WITH_INDEX!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_the_app_icon_is_found_and_set(qtbot):
    from PySide6.QtWidgets import QApplication

    qapp = QApplication.instance()
    app.set_window_icon(qapp)
    icon = qapp.windowIcon()
    assert not icon.isNull()
    assert icon.availableSizes() or icon.pixmap(64, 64).width() == 64
