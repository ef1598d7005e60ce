"""The `check` subcommand: run the live DNS and certificate checks from the command line.

For a saved setup it checks that setup's values and saves the results in it (the app shows them
on the verification page); with ``--deployment`` and ``--set`` it checks values given on the
command line without saving anything. Exit codes (also in the README):

* 0: every check passed (warnings allowed);
* 1: at least one check failed (or the results could not be saved);
* 2: bad arguments;
* 3: nothing failed, but at least one check could not be done ("Couldn't check": a DNS server that
  did not answer, a refused or silent connection, no network). A Fail outranks it: 1 wins.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from typing import Any

from wizard import paths
from wizard.content.ids import HISTORICAL_DEPLOYMENTS as DEPLOYMENTS  # teams-free: nothing to check

# The checks (dnspython, ssl, cryptography) are imported in run(): building the command-line
# parser happens at every start of the app and must stay cheap.
DEFAULT_TIMEOUT = 5.0

#: Fields that --set accepts, with the name of the ``wizard.content.validate`` function that judges
#: them (imported when the command runs: the parser is built at every start of the app).
FIELDS: dict[str, str] = {
    "sip_domains": "check_domain_list",
    "access_edge_fqdn": "check_edge_fqdn",
    "edge_public_ip": "check_ipv4",
}
MAX_TIMEOUT = 60.0
#: Nothing failed, but some checks could not be done.
EXIT_COULD_NOT_CHECK = 3


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check the DNS records and the Access Edge certificate for real",
        description="Look up the DNS records a setup needs and, on-premises, read the certificate "
        "on the Access Edge's port 5061. Exit code 0 when nothing failed (warnings allowed), "
        "1 when a check failed, 2 for bad arguments, 3 when nothing failed but some checks could "
        "not be done (no answer, refused, offline).",
    )
    p.add_argument("setup", nargs="?", metavar="SETUP", help="id or client name of a saved setup")
    p.add_argument(
        "--deployment",
        metavar="D",
        help=f"check without a saved setup: {', '.join(DEPLOYMENTS)}",
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a value to check with --deployment: sip_domains=a.com,b.com, access_edge_fqdn=..., "
        "edge_public_ip=...",
    )
    p.add_argument(
        "--nameserver",
        metavar="HOST[:PORT]",
        help="the DNS server to ask (default: this computer's DNS servers)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds to wait for each answer (default {DEFAULT_TIMEOUT:g})",
    )
    p.add_argument("--json", action="store_true", help="print the results as a JSON list")
    p.add_argument("--port", type=int, default=5061, help=argparse.SUPPRESS)
    p.add_argument(
        "--cafile",
        metavar="FILE",
        help="advanced: also trust the CA certificate(s) in FILE (PEM) for the certificate check",
    )
    p.set_defaults(func=run)


def _values_from_args(args: argparse.Namespace) -> dict[str, Any]:
    from wizard.cli import UsageError

    if args.deployment == "teams-free":
        raise UsageError(
            "there are no DNS or certificate records to check for Microsoft Teams (free); "
            "use the end-to-end test in the app's last step instead."
        )
    if args.deployment not in DEPLOYMENTS:
        raise UsageError(
            f"unknown deployment '{args.deployment}'; use one of {', '.join(DEPLOYMENTS)}."
        )
    values: dict[str, Any] = {"deployment": args.deployment}
    for item in args.set:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep:
            raise UsageError(f"--set needs FIELD=VALUE, got '{item}'.")
        if key not in FIELDS:
            raise UsageError(f"unknown field '{key}'; --set accepts {', '.join(FIELDS)}.")
        if key == "sip_domains":
            from wizard.content import validate

            value: Any = validate.split_list(raw)
            values[key] = [validate.normalise_fqdn(v) for v in value]
        else:
            values[key] = raw.strip()
    _validate(values)
    return values


def _validate(values: dict[str, Any]) -> None:
    from wizard.cli import UsageError
    from wizard.content import validate

    if not values.get("sip_domains"):
        raise UsageError("no SIP domains to check; add --set sip_domains=contoso.com.")
    for key, check in FIELDS.items():
        if key not in values or values[key] in (None, "", []):
            continue
        verdict = getattr(validate, check)(values[key])
        if not verdict.ok:
            raise UsageError(f"{key}: {verdict.message}")


def _locked_setup(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    """The store, the setup's lock and the setup loaded under it (UsageError if the window has
    it: its next save would wipe our results, or our save would undo its edits)."""
    from wizard.cli import UsageError
    from wizard.storage.store import SetupLocked, SetupStore, StoreError

    store = SetupStore(paths.data_dir(args.data_dir))
    try:
        found = store.find(args.setup)
        lock = store.open_lock(found.id)
    except SetupLocked:
        raise UsageError(
            f"the setup “{found.client_name or found.id}” is open in another window of the app. "
            "Run the checks there (on the verification step), or close the setup and run this "
            "command again."
        ) from None
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    try:
        setup = store.load(found.id)  # what is on disk now, under the lock
    except StoreError as exc:
        lock.release()
        raise UsageError(str(exc)) from None
    return store, lock, setup


def _setup_values(args: argparse.Namespace, setup: Any) -> dict[str, Any]:
    from wizard.cli import UsageError

    values = {k: setup.values.get(k) for k in ("deployment", *FIELDS)}
    if values["deployment"] == "teams-free":
        raise UsageError(
            f"the setup '{args.setup}' is for Microsoft Teams (free), which has no DNS or "
            "certificate records to check."
        )
    if values["deployment"] not in DEPLOYMENTS:
        raise UsageError(
            f"the setup '{args.setup}' has no deployment type yet; choose it in the app first."
        )
    _validate(values)
    return values


def run(args: argparse.Namespace) -> int:
    import ssl

    from wizard.checks import tlscert
    from wizard.checks.dnsrecords import parse_nameserver
    from wizard.cli import UsageError

    if args.setup and (args.deployment or args.set):
        raise UsageError("give either a saved SETUP or --deployment with --set, not both.")
    if not args.setup and not args.deployment:
        raise UsageError("name a saved SETUP, or give --deployment and --set sip_domains=...")
    if not 0 < args.timeout <= MAX_TIMEOUT:
        raise UsageError(f"--timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds.")
    if not 1 <= args.port <= 65535:
        raise UsageError("--port must be 1-65535.")
    try:
        nameserver = parse_nameserver(args.nameserver)
    except ValueError as exc:
        raise UsageError(f"--nameserver: {exc}") from None
    try:
        trust = tlscert.trust_context(args.cafile)
    except (OSError, ssl.SSLError) as exc:
        raise UsageError(f"--cafile: {exc.strerror or exc}: {args.cafile}") from None

    if not args.setup:
        return _check(args, _values_from_args(args), nameserver, trust)
    store, lock, setup = _locked_setup(args)
    with lock:  # held from loading to saving: every writer of a setup takes its lock
        return _check(args, _setup_values(args, setup), nameserver, trust, store, setup)


def _check(
    args: argparse.Namespace,
    values: dict[str, Any],
    nameserver: Any,
    trust: Any,
    store: Any = None,
    setup: Any = None,
) -> int:
    from wizard.checks import FAIL, UNKNOWN, CheckResult, run_checks

    def show(result: CheckResult) -> None:
        if not args.json:
            print(result.line(), flush=True)

    cancel = threading.Event()
    try:
        results = run_checks(
            values,
            nameserver,
            args.timeout,
            cancel,
            show,
            tls_port=args.port,
            trust_context=trust,
        )
    except KeyboardInterrupt:
        print("Stopped; nothing was saved.", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=1))
    if store is not None and setup is not None:
        from wizard.storage.store import StoreError

        setup.checks = [r.to_dict() for r in results]
        setup.touch()
        try:
            store.save(setup)
        except StoreError as exc:
            print(f"The results could not be saved: {exc}", file=sys.stderr)
            return 1
    if any(r.status == FAIL for r in results):
        return 1
    return EXIT_COULD_NOT_CHECK if any(r.status == UNKNOWN for r in results) else 0
