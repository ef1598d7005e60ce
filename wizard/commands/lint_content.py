"""The `lint-content` subcommand: check a folder of playbook files against the content contract.

Exit codes: 0 no problems, 1 problems (one per line on stdout: file, step or field, key path,
line, and a suggestion for a near miss), 2 bad usage or a folder that can't be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.cli import UsageError
from wizard.content import ids


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lint-content",
        help="check playbook files for mistakes (exit 0: none, 1: problems, 2: unreadable)",
        description="Check a folder of playbook files (playbook.toml, fields.toml and the step "
        "files) for unknown keys, wrong types, unknown ids and broken references. "
        "See docs/content.md.",
    )
    p.add_argument(
        "folder", nargs="?", metavar="DIR", help="the folder to check (default: the shipped one)"
    )
    p.set_defaults(func=run)


def _read(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder (give the folder that holds playbook.toml)")
    try:
        files = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.toml"))}
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"can't read the playbook files in {folder}: {exc}") from None
    if not files:
        raise UsageError(f"{folder} has no .toml files")
    return files


def run(args: argparse.Namespace) -> int:
    from wizard.content import playbook  # here: every start of the app builds the parser

    if args.folder is None:
        files, label = playbook.read_files(), "the shipped playbook"
    else:
        files, label = _read(Path(args.folder)), str(args.folder)
    try:
        book = playbook.parse(files)
    except playbook.PlaybookError as exc:
        problems = exc.problems
    else:
        problems = [
            f"fields.toml: the code relies on the field {fid!r} (wizard/content/ids.py), "
            "which is missing"
            for fid in sorted(ids.FIELDS - set(book.fields))
        ] + [
            f"the code relies on the step {sid!r} (wizard/content/ids.py), which is missing"
            for sid in sorted(ids.STEPS - {s.id for s in book.steps})
        ]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {label}", file=sys.stderr)
        return 1
    print(
        f"{label}: {len(files)} files, {len(book.steps)} steps, {len(book.fields)} fields; no problems"
    )
    return 0
