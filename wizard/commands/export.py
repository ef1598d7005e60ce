"""The `export` subcommand: one setup to a single JSON file (never with secrets)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard import paths
from wizard.cli import UsageError
from wizard.storage.store import SetupStore, StoreError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="save a setup to one file for another PC (secrets are left out)"
    )
    p.add_argument("setup", metavar="SETUP", help="setup id or client name")
    p.add_argument("--out", metavar="FILE", required=True, help="the file to write")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from wizard.content.validate import plain_text  # here: the parser is built at every start

    store = SetupStore(paths.data_dir(args.data_dir))
    try:
        setup = store.find(args.setup)
        out = store.export(setup.id, Path(args.out))
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    print(
        f"Exported “{plain_text(setup.client_name) or setup.id}” to {out}. Secret values (such as the "
        "agreement number) are not in the file."
    )
    return 0
