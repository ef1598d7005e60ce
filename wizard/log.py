"""The app's log and crash files, so that what goes wrong on a client's machine can be diagnosed.

Qt-free. ``start`` sets up Python ``logging`` to a rotating file and ``faulthandler`` (a hard crash
in a C extension still leaves a Python traceback) in one folder:

* with ``--data-dir DIR`` (portable mode: everything in one folder, e.g. on a USB stick):
  ``DIR/logs``;
* otherwise the platform's user log folder (platformdirs' ``user_log_path``).

``install_hooks`` routes uncaught exceptions (``sys.excepthook``, and ``threading.excepthook`` for
worker threads) into the log and then to a ``report`` callback (the window shows a dialog).

No secrets in the log: the app logs ids and events, never field values, and every record passes a
filter that masks the values registered with ``hide`` (the session registers each secret it reads
or writes), in case one reaches an exception message.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from wizard import APP_NAME, __version__

LOG_NAME = "lync-skype-wizard.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MASK = "••••"

logger = logging.getLogger("wizard")
_hidden: set[str] = set()
_hidden_lock = threading.Lock()
_state: dict[str, Any] = {}


def log_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the log goes: DATA_DIR/logs in portable mode, else the platform's user log folder."""
    if data_dir:
        return Path(data_dir).expanduser().resolve() / "logs"
    from platformdirs import PlatformDirs

    return Path(PlatformDirs(appname=APP_NAME, appauthor=False).user_log_path)


def hide(value: str | None) -> None:
    """Never write ``value`` to the log (a secret): it is shown as ``••••`` instead."""
    if value and len(value) >= 3:
        with _hidden_lock:
            _hidden.add(value)


def redact(text: str) -> str:
    with _hidden_lock:
        secrets = sorted(_hidden, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def start(level: str = "INFO", data_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """Log to a rotating file and dump hard crashes to crash.log; the log folder, or None when
    it can't be written (the app then runs without a log rather than not at all)."""
    folder = log_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        crash: IO[str] = open(folder / CRASH_NAME, "a", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        print(f"{APP_NAME}: no log file ({exc})", file=sys.stderr)
        return None
    stop()
    handler.setFormatter(
        _RedactingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    logger.addHandler(handler)
    logger.setLevel(getattr(logging, level.upper(), logging.INFO))
    logger.propagate = False
    faulthandler.enable(file=crash, all_threads=True)
    _state.update(handler=handler, crash=crash, folder=folder)
    logger.info(
        "start %s %s, Python %s on %s, log in %s",
        APP_NAME,
        __version__,
        sys.version.split()[0],
        sys.platform,
        folder,
    )
    return folder


def stop() -> None:
    """Close the log files (tests; the app leaves them open until it exits)."""
    handler = _state.pop("handler", None)
    if handler is not None:
        logger.removeHandler(handler)
        handler.close()
    crash = _state.pop("crash", None)
    if crash is not None:
        faulthandler.disable()
        crash.close()
    _state.pop("folder", None)


def current_file() -> Path | None:
    folder = _state.get("folder")
    return folder / LOG_NAME if folder is not None else None


def describe(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    thread: str = "",
) -> str:
    """The details for the user to copy: what happened, where, and the traceback (redacted)."""
    where = f" in thread {thread}" if thread else ""
    lines = [
        f"{APP_NAME} {__version__}, Python {sys.version.split()[0]} on {sys.platform}{where}",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    log_file = current_file()
    if log_file is not None:
        lines.append(f"Log file: {log_file}")
    return redact("\n".join(lines))


def install_hooks(report: Callable[[str, str], None]) -> Callable[[], None]:
    """Send uncaught exceptions to the log and to ``report(summary, details)``, which may be
    called from any thread. Returns a function that puts the previous hooks back."""
    old_sys, old_threading = sys.excepthook, threading.excepthook

    def on_exception(
        exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            old_sys(exc_type, exc, tb)  # type: ignore[arg-type]
            return
        logger.critical("uncaught exception", exc_info=(exc_type, exc, tb))  # type: ignore[arg-type]
        report(redact(f"{exc_type.__name__}: {exc}"), describe(exc_type, exc, tb))

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        logger.critical(
            "uncaught exception in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]
        )
        report(
            redact(f"{args.exc_type.__name__}: {args.exc_value}"),
            describe(args.exc_type, args.exc_value, args.exc_traceback, name),
        )

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception

    def uninstall() -> None:
        sys.excepthook, threading.excepthook = old_sys, old_threading

    return uninstall
