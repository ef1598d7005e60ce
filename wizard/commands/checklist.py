"""The `checklist` subcommand: a saved setup's checklist, or a blank one, as PDF, HTML or Markdown.

    lync-skype-wizard checklist SETUP --out FILE [--page-size A4|Letter] [--include-secrets]
    lync-skype-wizard checklist --deployment onprem [--set FIELD=VALUE ...] --out FILE

The format follows the extension of FILE. Values given with --set are checked exactly as the app
checks them. Qt is loaded only for PDF output, and runs offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md"}
_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


def register(sub: argparse._SubParsersAction) -> None:
    from wizard.content.ids import DEPLOYMENTS

    p = sub.add_parser(
        "checklist",
        help="write a printable checklist (PDF, HTML or Markdown)",
        description="Write the checklist of a saved setup, or a blank one for a deployment type. "
        "The format follows the extension of --out: .pdf, .html or .md.",
    )
    p.add_argument("setup", nargs="?", metavar="SETUP", help="a saved setup's id or client name")
    p.add_argument(
        "--deployment",
        choices=DEPLOYMENTS,
        help="a blank checklist for this deployment type instead of a saved setup",
    )
    p.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="fill in a value on a blank checklist (repeatable; lists are comma-separated)",
    )
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--page-size", choices=("A4", "Letter"), help="PDF page size (default: locale)")
    p.add_argument(
        "--include-secrets",
        action="store_true",
        help="print secret values (such as the agreement number) instead of ••••",
    )
    p.set_defaults(func=run)


def parse_value(book: Any, fid: str, raw: str) -> Any:
    """Turn ``--set`` text into the value the app would store, or raise UsageError."""
    from wizard.cli import UsageError
    from wizard.content import validate

    fld = book.fields[fid]
    text = raw.strip()
    if fld.kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise UsageError(f"{fid} is yes or no, not {raw!r}")
    if fld.kind == "choice":
        for c in fld.choices:
            if text in (c.value, c.label) or text.lower() == c.value.lower():
                return c.value
        options = ", ".join(c.value for c in fld.choices)
        raise UsageError(f"{fid} must be one of: {options} (got {raw!r})")
    if fld.kind.endswith("-list"):
        return validate.split_list(text)
    return text


def parse_assignments(book: Any, assignments: list[str]) -> dict[str, Any]:
    from wizard.cli import UsageError
    from wizard.content import flow

    values: dict[str, Any] = {}
    for item in assignments:
        fid, sep, raw = item.partition("=")
        fid = fid.strip()
        if not sep or not fid:
            raise UsageError(f"--set takes FIELD=VALUE, got {item!r}")
        if fid == "deployment":
            raise UsageError("choose the deployment with --deployment, not --set")
        if fid not in book.fields:
            known = ", ".join(sorted(f for f in book.fields if f != "deployment"))
            raise UsageError(f"unknown field {fid!r}; the fields are: {known}")
        values[fid] = parse_value(book, fid, raw)
    for fid, value in values.items():
        verdict = flow.field_verdict(book, values, fid)
        if not verdict.ok:
            raise UsageError(f"{fid}={item_text(value)}: {verdict.message}")
    return values


def item_text(value: Any) -> str:
    return ",".join(value) if isinstance(value, list) else str(value)


def run(args: argparse.Namespace) -> int:
    from wizard import paths
    from wizard.cli import UsageError
    from wizard.content import playbook
    from wizard.output import checklist

    out = Path(args.out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"can't tell the format from {out.name!r}: end the file name with .pdf, .html or .md"
        )
    if args.setup and args.deployment:
        raise UsageError("give either a saved SETUP or --deployment, not both")
    if not args.setup and not args.deployment:
        raise UsageError("give a saved SETUP (id or client name), or --deployment for a blank one")
    if args.assignments and not args.deployment:
        raise UsageError("--set fills in a blank checklist; use it with --deployment")

    try:
        book = playbook.load()
    except playbook.PlaybookError as exc:
        print(
            f"lync-skype-wizard checklist: the built-in playbook is damaged: {exc}", file=sys.stderr
        )
        return 1
    if args.setup:
        from wizard.storage.secrets import SecretStore
        from wizard.storage.store import SetupStore, StoreError

        store = SetupStore(paths.data_dir(args.data_dir))
        try:
            setup = store.find(args.setup)
        except StoreError as exc:
            raise UsageError(str(exc)) from None
        secrets = SecretStore()
        # fetched even when masked, so the checklist can show that a value exists (••••)
        from wizard.output import extras

        chk = checklist.build(
            book,
            setup,
            secret=lambda fid: secrets.get(setup.id, fid),
            include_secrets=args.include_secrets,
            **extras.for_checklist(store, setup.id),
        )
    else:
        values = parse_assignments(book, args.assignments)
        chk = checklist.build(
            book,
            None,
            values=values,
            deployment=args.deployment,
            include_secrets=args.include_secrets,
        )

    title = chk.title + (f" – {chk.header.client_name}" if chk.header.client_name else "")
    return _write(args, out, fmt, chk, title)


def _write(args: argparse.Namespace, out: Path, fmt: str, chk: Any, title: str) -> int:
    from wizard import paths
    from wizard.cli import UsageError
    from wizard.output import html as checklist_html
    from wizard.output import markdown as checklist_md
    from wizard.storage.outputs import OutputRefused, text_bytes, write_via

    # Only a checklist printed with --include-secrets may hold the agreement number: 0600.
    data_dir, secret = paths.data_dir(args.data_dir), bool(args.include_secrets)
    note = ""
    try:
        if fmt == "pdf":
            from wizard.output import pdf

            html = checklist_html.render(chk)
            pages = write_via(
                out,
                lambda tmp: pdf.write_pdf(html, tmp, args.page_size, title=title),
                data_dir=data_dir,
                secret=secret,
            )
            note = f" ({pages} page{'s' if pages != 1 else ''})"
        else:
            text = checklist_md.render(chk) if fmt == "md" else checklist_html.render(chk)
            data = text_bytes(text)
            write_via(out, lambda tmp: tmp.write_bytes(data), data_dir=data_dir, secret=secret)
    except OutputRefused as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        print(
            f"lync-skype-wizard checklist: could not write {out}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    print(f"Wrote {out}{note}")
    return 0
