"""The `handover` subcommand: the pack a consultant leaves with the client, as one .zip.

    lync-skype-wizard handover SETUP --out FILE.zip [--force] [--page-size A4|Letter]

Exit 0 when written; exit 2 with a message for a setup that isn't there, a file that exists
(without --force) or a place that can't be written. Qt is loaded for the PDF only, offscreen when
there is no display.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "handover",
        help="write the handover pack (.zip: checklist, scripts, DNS records, reminders)",
        description="Write one .zip for the client: the checklist as PDF and HTML, a PowerShell "
        "script per step, the DNS records as zone files and CSV, the reminders and the evidence. "
        "Secrets are never included.",
    )
    p.add_argument("setup", metavar="SETUP", help="a saved setup's id or client name")
    p.add_argument("--out", required=True, metavar="FILE.zip", help="the file to write")
    p.add_argument("--force", action="store_true", help="replace FILE.zip if it exists")
    p.add_argument("--page-size", choices=("A4", "Letter"), help="PDF page size (default: locale)")
    p.set_defaults(func=run)


def check_target(out: Path, force: bool) -> str | None:
    """Why ``out`` can't be written, or None."""
    if out.suffix.lower() != ".zip":
        return f"the handover pack is a .zip file: end {out.name!r} with .zip"
    if out.is_dir():
        return f"{out} is a folder: give a file name ending in .zip"
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        return f"the folder {folder} does not exist: create it first or choose another place"
    if out.exists() and not force:
        return f"{out} already exists: add --force to replace it, or choose another name"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"can't write in {folder}: choose a folder you can write to"
    return None


def run(args: argparse.Namespace) -> int:
    from wizard import paths
    from wizard.cli import UsageError
    from wizard.content import playbook
    from wizard.output import extras, handover
    from wizard.storage.store import SetupStore, StoreError

    out = Path(args.out)
    problem = check_target(out, args.force)
    if problem:
        raise UsageError(problem)
    store = SetupStore(paths.data_dir(args.data_dir))
    try:
        setup = store.find(args.setup)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    from wizard.storage.secrets import SecretStore

    book = playbook.load()
    secrets = SecretStore()
    files = handover.build_files(
        book,
        setup,
        secret=lambda fid: secrets.get(setup.id, fid),
        page_size=args.page_size,
        clock=store.clock,
        **extras.for_setup(store, setup.id),
    )
    try:
        handover.write(out, files, store.clock)
    except OSError as exc:
        raise UsageError(f"could not write {out}: {exc.strerror or exc}") from None
    print(f"Wrote {out} ({len(files)} files). Nothing secret is in it.")
    return 0
