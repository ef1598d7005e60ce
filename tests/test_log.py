"""The log file, Qt's messages in it, the crash report, and no secrets in any of it."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtGui import QGuiApplication

from tests.gui_helpers import (
    ANSWERS_BY_FIELD,
    control_for_label,
    make_window,
    page,
    start_new,
    visible_dialog,
    walk_to_end,
)
from tests.test_gui_saving import walk_to_field
from wizard import cli, log

SECRET = "EA-9XK4-7731-QQ"


@pytest.fixture
def log_folder(tmp_path):
    folder = log.start("DEBUG", tmp_path / "portable")
    yield folder
    log.stop()


def test_the_log_is_in_the_data_folder_in_portable_mode_and_holds_no_secret(
    qtbot, data_dir, clock, log_folder, tmp_path
):
    assert log_folder == (tmp_path / "portable" / "logs").resolve()
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    walk_to_field(window, "agreement_number")
    control = control_for_label(page(window), "Agreement number")
    control.setFocus()
    qtbot.keyClicks(control, SECRET)  # typed, key by key
    walk_to_end(window, ANSWERS_BY_FIELD)
    window.close()
    # Even an error message that quotes the secret is masked.
    logging.getLogger("wizard.test").error("could not use %s", SECRET)
    text = (log_folder / log.LOG_NAME).read_text(encoding="utf-8")
    assert "start LyncSkypeWizard" in text and "step onprem-identity" in text
    assert "could not use ••••" in text
    assert SECRET not in text
    for part in (SECRET[:8], SECRET[-8:]):
        assert part not in text
    assert (log_folder / log.CRASH_NAME).is_file()


def test_qt_messages_go_to_the_log(qtbot, log_folder):
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from wizard.app import route_qt_messages

    previous = route_qt_messages()
    try:
        qWarning("a warning from Qt itself")
    finally:
        qInstallMessageHandler(previous)
    text = (log_folder / log.LOG_NAME).read_text(encoding="utf-8")
    assert "WARNING wizard.qt" in text and "a warning from Qt itself" in text


def test_log_level_on_the_command_line():
    assert cli.build_parser().parse_args(["--log-level", "debug"]).log_level == "DEBUG"
    assert cli.build_parser().parse_args([]).log_level == "INFO"


def test_an_uncaught_exception_shows_a_report_with_the_log_and_copy_details(qtbot, log_folder):
    from wizard.pages.crash_dialog import CrashDialog, CrashReporter

    log.hide(SECRET)  # as the session does with every secret it reads or writes
    reporter = CrashReporter(log_folder / log.LOG_NAME)
    uninstall = log.install_hooks(reporter.report)
    try:

        def boom() -> None:
            raise ZeroDivisionError(f"worked out {SECRET} badly")

        worker = threading.Thread(target=boom, name="worker-x")
        worker.start()
        worker.join()
        dialog = visible_dialog(qtbot, CrashDialog)
    finally:
        uninstall()
    assert not dialog.isModal()
    assert "ZeroDivisionError" in dialog.summary.text()
    assert str(log_folder / log.LOG_NAME) in dialog.where.text()
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "worker-x" in copied and "boom" in copied and "ZeroDivisionError" in copied
    assert SECRET not in copied and "worked out •••• badly" in copied
    dialog.reject()
    text = (log_folder / log.LOG_NAME).read_text(encoding="utf-8")
    assert "uncaught exception in thread worker-x" in text
