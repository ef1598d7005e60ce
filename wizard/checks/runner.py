"""Which live checks apply to a setup, and running them in order with progress and cancel.

``plan`` is a pure function of the setup's values, so a page can list the checks as pending
before anything touches the network. ``run_checks`` performs the same list, reporting each result
as it completes; it is blocking and Qt-free (the page runs it on a worker thread, the command
line runs it directly). Certificate checks are left out when no certificate could be read: a
refused or silent port is reported once, as the network problem it is. A check that could not
look at what it is about (no answer, no address to try) says "couldn't check" (``UNKNOWN``), never
Fail.
"""

from __future__ import annotations

import ipaddress
import ssl
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wizard.checks import dnsrecords as d
from wizard.checks import tlscert
from wizard.checks.result import (
    FAIL,
    PASS,
    UNKNOWN,
    WARNING,
    CheckResult,
    Clock,
    PlannedCheck,
    stamp,
    utc_now,
)
from wizard.content.ids import HISTORICAL_DEPLOYMENTS as DEPLOYMENTS
from wizard.content.validate import normalise_fqdn, split_list, srv_target

ONPREM, *_o365 = DEPLOYMENTS
O365_DEPLOYMENTS = tuple(_o365)
DEFAULT_TIMEOUT = 5.0

#: DOMAIN.md section 8: (check id prefix, record type, name prefix, target, port or None, title)
O365_RECORDS: tuple[tuple[str, str, str, str, int | None, str], ...] = (
    (
        "o365-srv-federation",
        "SRV",
        "_sipfederationtls._tcp.",
        "sipfed.online.lync.com",
        5061,
        "Federation SRV record",
    ),
    ("o365-srv-sip", "SRV", "_sip._tls.", "sipdir.online.lync.com", 443, "Sign-in SRV record"),
    ("o365-cname-sip", "CNAME", "sip.", "sipdir.online.lync.com", None, "CNAME sip"),
    (
        "o365-cname-lyncdiscover",
        "CNAME",
        "lyncdiscover.",
        "webdir.online.lync.com",
        None,
        "CNAME lyncdiscover",
    ),
)

Finding = tuple[str, str, str, str]  # status, found, action, server


def sip_domains(values: Mapping[str, Any]) -> list[str]:
    raw = values.get("sip_domains") or []
    items = raw if isinstance(raw, list) else split_list(str(raw))
    out: list[str] = []
    for item in items:
        name = normalise_fqdn(str(item))
        if name and name not in out:
            out.append(name)
    return out


def entered_edge(values: Mapping[str, Any]) -> str:
    return normalise_fqdn(str(values.get("access_edge_fqdn") or ""))


@dataclass
class _Run:
    values: Mapping[str, Any]
    dns: d.DnsClient
    timeout: float
    tls_port: int
    verify_context: ssl.SSLContext | None
    clock: Clock
    found_targets: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    probe: tlscert.TlsProbe | None = None

    @property
    def edge(self) -> str:
        return entered_edge(self.values) or (self.found_targets[0] if self.found_targets else "")


@dataclass(frozen=True)
class _Step:
    check: PlannedCheck
    run: Callable[[_Run], Finding | None]


# -- on-premises -----------------------------------------------------------------------------------


def _federation_srv(domain: str) -> Callable[[_Run], Finding]:
    def run(ctx: _Run) -> Finding:
        name = f"_sipfederationtls._tcp.{domain}"
        edge = entered_edge(ctx.values)
        # With several SIP domains, each other domain points at its own sip.<domain> (rule C7),
        # as the DNS step generates it; that name is expected, not merely tolerated.
        own = srv_target(domain, edge) if edge else ""
        want = own or f"sip.{domain}"
        lookup = ctx.dns.lookup(name, "SRV")
        if not lookup.ok:
            create = (
                f"Create an SRV record {name} pointing to {want} on port 5061 at the DNS host "
                "of your public domain."
            )
            return (
                d.problem_status(lookup),
                d.problem_found(lookup, "SRV record", ctx.timeout),
                d.problem_action(lookup, create),
                lookup.server,
            )
        rows = d.srv_records(lookup)
        chosen = next((r for r in rows if r[3] == edge and r[2] == 5061), None)
        chosen = chosen or next((r for r in rows if r[3] == edge), None) or rows[0]
        _prio, _weight, port, target = chosen
        if target and target not in ctx.found_targets:
            ctx.found_targets.append(target)
        server = lookup.server
        if own and own != edge and target == own and port == 5061:
            return (
                PASS,
                (
                    f"{name} points to {target} on port 5061, this domain's own name (one Access "
                    f"Edge name can't sit directly under two domains)."
                ),
                (
                    f"Make sure {target} resolves to the Edge's public address and is on the "
                    "Edge certificate."
                ),
                server,
            )
        wrong_target = bool(edge) and target != edge
        if wrong_target and port != 5061:
            return (
                FAIL,
                (
                    f"{name} points to {target} on port {port}; it should point to {edge} on port "
                    "5061."
                ),
                f"Change the SRV record's target to {edge} and its port to 5061.",
                server,
            )
        if wrong_target and d.is_one_label_under(target, domain):
            # Post-2019 (C7) each domain may use its own name for the same Edge: sip.<domain>.
            return (
                WARNING,
                (
                    f"{name} points to {target} on port 5061, a name directly under {domain} "
                    f"but not the Access Edge FQDN you entered ({edge})."
                ),
                (
                    f"That is right if {target} is another name of the same Access Edge: it must "
                    "resolve to the Edge's public address and be in the certificate's SAN; "
                    f"otherwise point the record at {edge}."
                ),
                server,
            )
        if wrong_target:
            return (
                FAIL,
                f"{name} points to {target}, not to the Access Edge FQDN you entered ({edge}).",
                (
                    f"Change the SRV record's target to {edge}, or correct the Access Edge FQDN in "
                    "the wizard if the record is right."
                ),
                server,
            )
        if port != 5061:
            return (
                FAIL,
                f"{name} points to {target} on port {port}, not on port 5061.",
                (
                    "Change the SRV record's port to 5061: federation and Skype connectivity use "
                    "only TCP 5061."
                ),
                server,
            )
        if not d.is_one_label_under(target, domain):
            return (
                WARNING,
                (
                    f"{name} points to {target} on port 5061, but {target} is not one label directly "
                    f"under {domain}."
                ),
                (
                    f"Since 2019 Microsoft accepts only an Edge name such as sip.{domain} for this "
                    "domain: give the Edge such a name, put it on the certificate and point the SRV "
                    "record at it."
                ),
                server,
            )
        note = "" if edge else " (no Access Edge FQDN was entered to compare it with)"
        return PASS, f"{name} points to {target} on port 5061{note}.", "", server

    return run


def _edge_address(ctx: _Run) -> Finding:
    edge = ctx.edge
    if not edge:
        return (
            UNKNOWN,
            (
                "No Access Edge FQDN was entered and no federation SRV record named one, so there is "
                "no Edge address to look up."
            ),
            "Enter the Access Edge FQDN in the wizard, or publish the SRV record, then check again.",
            ctx.dns.server,
        )
    expected = str(ctx.values.get("edge_public_ip") or "").strip()
    lookup = ctx.dns.lookup(edge, "A")
    if not lookup.ok:
        target = f" pointing to {expected}" if expected else " pointing to its public address"
        return (
            d.problem_status(lookup),
            d.problem_found(lookup, "A (IPv4) record", ctx.timeout),
            d.problem_action(lookup, f"Create an A record for {edge}{target}."),
            lookup.server,
        )
    found = [r.address for r in lookup.records]  # type: ignore[attr-defined]
    ctx.addresses = list(found)
    listed = ", ".join(found)
    server = lookup.server
    if not expected:
        plural = "addresses" if len(found) > 1 else "address"
        return PASS, f"{edge} has the {plural} {listed}.", "", server
    try:
        wanted = str(ipaddress.ip_address(expected))
    except ValueError:
        wanted = expected
    if wanted not in found:
        return (
            FAIL,
            f"{edge} points to {listed}, not to the public address you entered ({wanted}).",
            f"Change the A record of {edge} to {wanted}, or correct the address in the wizard.",
            server,
        )
    # The TLS check should reach the address the admin expects when DNS lists several.
    ctx.addresses = [wanted] + [a for a in found if a != wanted]
    if len(found) > 1:
        others = ", ".join(a for a in found if a != wanted)
        return (
            WARNING,
            f"{edge} points to {wanted}, the address you entered, and also to {others}.",
            (
                f"Remove the other addresses from {edge} unless they are Access Edge servers of the "
                "same pool."
            ),
            server,
        )
    return PASS, f"{edge} points to {wanted}, the public address you entered.", "", server


def _edge_port(ctx: _Run) -> Finding:
    edge = ctx.edge
    if not edge or not ctx.addresses:
        what = edge or "the Access Edge"
        return (
            UNKNOWN,
            f"Port {ctx.tls_port} was not tried because no address of {what} was found in DNS.",
            "Resolve the A record check above first, then check again.",
            ctx.dns.server,
        )
    p = tlscert.probe(ctx.addresses[0], ctx.tls_port, edge, ctx.timeout, ctx.verify_context)
    ctx.probe = p
    status, found, action = tlscert.connection_finding(p, ctx.timeout)
    return status, found, action, p.where


def _cert_step(
    judge: Callable[[_Run, tlscert.TlsProbe, Any], tlscert.Finding],
) -> Callable[[_Run], Finding | None]:
    def run(ctx: _Run) -> Finding | None:
        p = ctx.probe
        cert = p.certificate if p else None
        if p is None or cert is None:
            return None  # the port check already said why; not a certificate problem
        status, found, action = judge(ctx, p, cert)
        return status, found, action, p.where

    return run


def _onprem_steps(values: Mapping[str, Any], tls_port: int) -> list[_Step]:
    domains = sip_domains(values)
    edge = entered_edge(values)
    edge_words = edge or "the Access Edge"
    steps = [
        _Step(
            PlannedCheck(f"srv-federation:{dom}", f"Federation SRV record for {dom}"),
            _federation_srv(dom),
        )
        for dom in domains
    ]
    steps += [
        _Step(PlannedCheck("edge-a", f"A record of {edge_words}"), _edge_address),
        _Step(PlannedCheck("edge-port", f"TLS on port {tls_port} of {edge_words}"), _edge_port),
        _Step(
            PlannedCheck("cert-name", "Certificate names the Access Edge"),
            _cert_step(lambda ctx, _p, cert: tlscert.name_finding(cert, ctx.edge)),
        ),
        _Step(
            PlannedCheck("cert-validity", "Certificate validity dates"),
            _cert_step(lambda ctx, _p, cert: tlscert.validity_finding(cert, ctx.clock())),
        ),
        _Step(
            PlannedCheck("cert-trust", "Certificate issued by a trusted CA"),
            _cert_step(lambda _ctx, p, cert: tlscert.trust_finding(p, cert)),
        ),
        _Step(
            PlannedCheck("cert-sip-domains", "Certificate lists sip.<domain> for each SIP domain"),
            _cert_step(
                lambda ctx, _p, cert: tlscert.sip_names_finding(cert, sip_domains(ctx.values))
            ),
        ),
    ]
    return steps


# -- Office 365 ------------------------------------------------------------------------------------


def _o365_record(
    domain: str, rtype: str, prefix: str, want: str, want_port: int | None
) -> Callable[[_Run], Finding]:
    def run(ctx: _Run) -> Finding:
        name = f"{prefix}{domain}"
        if want_port is not None:
            spec = f"{want} on port {want_port} (priority 100, weight 1)"
            what = "SRV record"
        else:
            spec = want
            what = "CNAME record"
        create = f"At your DNS host, create the {rtype} record {name} pointing to {spec}."
        lookup = ctx.dns.lookup(name, rtype)
        if not lookup.ok:
            found = d.problem_found(lookup, what, ctx.timeout)
            if lookup.problem == d.NO_ANSWER and rtype == "CNAME":
                found = f"{name} exists in DNS but is not a CNAME."
                create = (
                    f"Replace the records of {name} with a CNAME pointing to {want} (a name with "
                    "a CNAME can have no other records)."
                )
            return d.problem_status(lookup), found, d.problem_action(lookup, create), lookup.server
        server = lookup.server
        if want_port is None:
            target = d.target_of(lookup.records[0])
            if target != want:
                return (
                    FAIL,
                    f"{name} is a CNAME for {target}, not for {want}.",
                    f"Change the CNAME {name} to point to {want}.",
                    server,
                )
            return PASS, f"{name} is a CNAME for {want}.", "", server
        rows = d.srv_records(lookup)
        good = [r for r in rows if r[3] == want and r[2] == want_port]
        if good:
            return PASS, f"{name} points to {want} on port {want_port}.", "", server
        same_target = [r for r in rows if r[3] == want]
        if same_target:
            port = same_target[0][2]
            return (
                FAIL,
                f"{name} points to {want} on port {port}, not on port {want_port}.",
                f"Change the SRV record's port to {want_port}.",
                server,
            )
        _p, _w, port, target = rows[0]
        return (
            FAIL,
            (
                f"{name} points to {target} on port {port}; for Office 365 it must point to "
                f"{want} on port {want_port}."
            ),
            f"Change the SRV record {name} to point to {spec}.",
            server,
        )

    return run


def _o365_steps(values: Mapping[str, Any]) -> list[_Step]:
    steps = []
    for dom in sip_domains(values):
        for cid, rtype, prefix, want, port, title in O365_RECORDS:
            steps.append(
                _Step(
                    PlannedCheck(f"{cid}:{dom}", f"{title} for {dom}"),
                    _o365_record(dom, rtype, prefix, want, port),
                )
            )
    return steps


# -- public API ------------------------------------------------------------------------------------


def _steps(values: Mapping[str, Any], tls_port: int) -> list[_Step]:
    deployment = values.get("deployment")
    if deployment == ONPREM:
        return _onprem_steps(values, tls_port)
    if deployment in O365_DEPLOYMENTS:
        return _o365_steps(values)
    raise ValueError(
        f"Unknown deployment {deployment!r}; expected one of {', '.join(DEPLOYMENTS)}."
    )


def plan(values: Mapping[str, Any], tls_port: int = tlscert.SIP_TLS_PORT) -> list[PlannedCheck]:
    """The checks ``run_checks`` may perform for these values, in order (ids and titles).

    The certificate checks are skipped at run time when no certificate could be read.
    """
    return [step.check for step in _steps(values, tls_port)]


def run_checks(
    values: Mapping[str, Any],
    nameserver: str | d.Nameserver | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cancel: threading.Event | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
    tls_port: int = tlscert.SIP_TLS_PORT,
    trust_cafile: str | None = None,
    *,
    trust_context: ssl.SSLContext | None = None,
    clock: Clock = utc_now,
) -> list[CheckResult]:
    """Run the planned checks in order; blocking. Stops before the next check once ``cancel`` is set.

    ``nameserver`` is ``HOST[:PORT]`` (ValueError if malformed) or None for the system resolver.
    """
    steps = _steps(values, tls_port)
    server = nameserver if isinstance(nameserver, d.Nameserver) else d.parse_nameserver(nameserver)
    verify = trust_context
    if verify is None:
        verify = tlscert.trust_context(trust_cafile)
    ctx = _Run(values, d.DnsClient(server, timeout), timeout, tls_port, verify, clock)
    results: list[CheckResult] = []
    for step in steps:
        if cancel is not None and cancel.is_set():
            break
        try:
            finding = step.run(ctx)
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the worker silently
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            finding = (
                UNKNOWN,
                f"The check itself failed with an internal error ({detail}).",
                "Check again; if it happens again, report it with this message.",
                ctx.dns.server,
            )
        if finding is None:
            continue
        status, found, action, where = finding
        result = CheckResult(
            step.check.id, step.check.title, status, found, action, where, stamp(clock)
        )
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


__all__ = [
    "DEPLOYMENTS",
    "O365_DEPLOYMENTS",
    "ONPREM",
    "PASS",
    "UNKNOWN",
    "plan",
    "run_checks",
    "sip_domains",
]
