"""The `remind` subcommand: calendar reminders (.ics) for the wait after the request."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard import paths
from wizard.cli import UsageError
from wizard.storage.store import SetupStore, StoreError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("remind", help="write calendar reminders for the activation wait (.ics)")
    p.add_argument("setup", metavar="SETUP", help="setup id or client name")
    p.add_argument("--out", metavar="FILE.ics", required=True, help="the file to write")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from wizard.output import reminders  # here: every start of the app builds the parser

    store = SetupStore(paths.data_dir(args.data_dir))
    try:
        setup = store.find(args.setup)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    out = Path(args.out)
    try:
        items = reminders.reminders(setup)
        reminders.write_calendar(setup, out, store.clock, data_dir=store.dir)
    except (ValueError, StoreError) as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"Could not write {out}: {exc.strerror or exc}.") from None
    dates = " and ".join(item.when.date().isoformat() for item in items)
    print(f"Wrote reminders for {dates} to {out}. Open it to add them to your calendar.")
    return 0
