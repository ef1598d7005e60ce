"""The `list` subcommand: every saved setup, one line each, with its progress and status."""

from __future__ import annotations

import argparse
import sys

from wizard import paths
from wizard.storage.store import SetupStore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the saved setups with their progress")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Here, not at the top: every start of the app builds the parser, which imports this module.
    from wizard.content import flow, playbook
    from wizard.content.validate import plain_text

    folder = paths.data_dir(args.data_dir)
    store = SetupStore(folder)
    entries = store.entries()
    for notice in store.notices:
        print(f"note: {notice}", file=sys.stderr)
    if not entries:
        print(f"No saved setups in {folder}.")
        return 0
    book = playbook.load()
    today = store.clock().astimezone().date()
    for entry in entries:
        if entry.setup is None:
            print(f"{entry.id}\t(cannot be opened)\t{plain_text(entry.error)}")
            continue
        setup = entry.setup
        prog = flow.progress(book, setup)
        print(
            "\t".join(
                [
                    setup.id,
                    plain_text(setup.client_name) or "(no client name)",
                    setup.deployment or "-",
                    prog.text,
                    flow.status_line(book, setup, today, prog),
                ]
            )
        )
    return 0
