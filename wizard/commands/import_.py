"""The `import` subcommand: a setup file exported on another PC into this data folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard import paths
from wizard.cli import UsageError
from wizard.storage.store import KEEP_BOTH, REPLACE, ImportConflict, SetupStore, StoreError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import a setup exported with `export`")
    p.add_argument("file", metavar="FILE", help="the exported setup file")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument(
        "--replace",
        dest="mode",
        action="store_const",
        const=REPLACE,
        help="if the setup exists, replace it (the old version is kept as a backup)",
    )
    choice.add_argument(
        "--keep-both",
        dest="mode",
        action="store_const",
        const=KEEP_BOTH,
        help="if the setup exists, import it as a new setup",
    )
    p.set_defaults(func=run, mode=None)


def run(args: argparse.Namespace) -> int:
    from wizard.content.validate import plain_text  # here: the parser is built at every start

    store = SetupStore(paths.data_dir(args.data_dir))
    try:
        setup = store.import_setup(Path(args.file), args.mode)
    except ImportConflict as exc:
        raise UsageError(f"{exc} Run the command again with --replace or --keep-both.") from None
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    print(f"Imported “{plain_text(setup.client_name) or setup.id}” as setup {setup.id}.")
    if store.moved_secrets:
        print(
            "The agreement number was in the file as plain text; it is now in the system "
            "keyring instead (never in the app's files)."
        )
    for notice in store.notices:
        print(f"note: {notice}", file=sys.stderr)
    return 0
