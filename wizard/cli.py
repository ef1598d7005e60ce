"""The command line: the GUI by default, headless subcommands for lists, reminders, checklists.

Each subcommand lives in ``wizard/commands/<name>.py`` with ``register(subparsers)``; this module
only dispatches, so running a subcommand never imports Qt unless that command needs it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from wizard import APP_DISPLAY_NAME, __version__

#: Subcommand modules in wizard/commands, in the order ``--help`` lists them.
COMMANDS = (
    "list_",
    "remind",
    "export",
    "import_",
    "checklist",
    "check",
    "handover",
    "lint_content",
)


class UsageError(Exception):
    """Bad arguments: printed on stderr, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lync-skype-wizard",
        description=f"{APP_DISPLAY_NAME}: guided setup of Lync/Skype public IM connectivity. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep all setups in DIR (portable mode, e.g. on a USB stick)",
    )
    parser.add_argument(
        "--open", metavar="SETUP", help="open this saved setup (id or client name) at once"
    )
    parser.add_argument(
        "--log-level",
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
        type=str.upper,
        default="INFO",
        help="how much the app writes to its log file (default INFO)",
    )
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--self-test-out", metavar="FILE", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"wizard.commands.{name}")
        module.register(sub)
    return parser


def _ensure_streams() -> None:
    """Windowed builds (pythonw, PyInstaller console=False) have no stdout/stderr at all; other
    builds may have streams that can't encode every character."""
    import os

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
        elif hasattr(stream, "reconfigure"):
            # A value that can't be encoded (a lone surrogate, or any non-ASCII on a legacy
            # console) is shown escaped instead of aborting the command with UnicodeEncodeError.
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _ensure_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from wizard.app import run_gui

        return run_gui(args)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"lync-skype-wizard {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
