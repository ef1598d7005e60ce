"""Start the desktop app: check the display, build the QApplication and the main window.

Heavy pieces (checks, PDF, keyring) load on first use, not here.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wizard import APP_DISPLAY_NAME, APP_NAME, __version__, paths

#: Debian/Ubuntu packages Qt's xcb platform plugin needs beyond what a desktop usually has.
XCB_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
    "libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0"
)
_XCB_LIBS = (
    "xcb-cursor",
    "xcb-icccm",
    "xcb-keysyms",
    "xcb-image",
    "xcb-render-util",
    "xkbcommon-x11",
)


def set_window_icon(app: object) -> None:
    """The app icon for every window (taskbar, title bar, Alt+Tab)."""
    from PySide6.QtGui import QIcon

    base = paths.resource_dir()
    if base is not None:
        app.setWindowIcon(QIcon(str(base / "icons" / "app.png")))  # type: ignore[attr-defined]


def display_problem(env: dict[str, str] | None = None) -> str:
    """Why no window can open here, in words for the user; empty when all looks fine."""
    env = dict(os.environ if env is None else env)
    if not sys.platform.startswith("linux"):
        return ""
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return ""
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (
            "No graphical display was found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run the "
            "app from a desktop session, or use the command-line subcommands "
            "(lync-skype-wizard --help)."
        )
    if platform.startswith("xcb") or not env.get("WAYLAND_DISPLAY"):
        import ctypes.util  # only here: it costs start-up time everywhere else

        missing = [lib for lib in _XCB_LIBS if ctypes.util.find_library(lib) is None]
        if missing:
            return (
                "Qt needs some X11 libraries that are not installed ("
                + ", ".join(f"lib{m}" for m in missing)
                + "). On Debian or Ubuntu install them with:\n  sudo apt-get install "
                + XCB_PACKAGES
            )
    return ""


def run_gui(args: argparse.Namespace) -> int:
    if args.self_test:
        from wizard.pages.selftest import run_self_test

        return run_self_test(args)
    problem = display_problem()
    if problem:
        print(f"{APP_DISPLAY_NAME} can't open its window: {problem}", file=sys.stderr)
        return 2
    from wizard import log

    folder = log.start(getattr(args, "log_level", "INFO"), args.data_dir)
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from wizard.pages import theme
    from wizard.pages.crash_dialog import CrashReporter
    from wizard.pages.main_window import MainWindow
    from wizard.storage.store import SetupStore, StoreError

    theme.high_dpi()  # before the QApplication exists
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    QGuiApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    set_window_icon(app)
    route_qt_messages()
    reporter = CrashReporter(folder / log.LOG_NAME if folder is not None else None, app)
    uninstall = log.install_hooks(reporter.report)
    if isinstance(app, QApplication):
        theme.setup(app)  # platform style, light/dark scheme followed live
    store = SetupStore(Path(paths.data_dir(args.data_dir)))
    # The playbook loads when first needed: listing the saved setups uses their index.
    window = MainWindow(None, store)
    window.show()
    if args.open:
        try:
            window.open_setup(store.find(args.open).id)
        except StoreError as exc:
            print(f"{APP_DISPLAY_NAME}: {exc}", file=sys.stderr)
    code = int(app.exec())
    log.logger.info("quit, exit code %s", code)
    uninstall()
    return code


_QT_LEVELS: dict[object, int] = {}


def _qt_message(mode: object, context: object, message: str) -> None:
    import logging

    logging.getLogger("wizard.qt").log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def route_qt_messages() -> object:
    """Qt's own warnings (and worse) go to the log file instead of a console nobody sees.
    Returns the previous handler."""
    import logging

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    _QT_LEVELS.update(
        {
            QtMsgType.QtDebugMsg: logging.DEBUG,
            QtMsgType.QtInfoMsg: logging.INFO,
            QtMsgType.QtWarningMsg: logging.WARNING,
            QtMsgType.QtCriticalMsg: logging.ERROR,
            QtMsgType.QtFatalMsg: logging.CRITICAL,
        }
    )
    return qInstallMessageHandler(_qt_message)
