"""DNS look-ups for the live checks, with every failure turned into a precise plain sentence.

The admin needs to know *why* a record was not seen: a name that does not exist, a name without
that record type, a DNS server that never answered and no DNS server at all call for different
fixes, so they are never reported as the same "record missing". Only an answer about the name
(NXDOMAIN, or the name without that record type) supports a Fail; a server that did not answer,
refused or failed, or no server at all, means the record could not be checked (``UNKNOWN``).
Every answer carries the server that gave it (split-brain DNS: inside the network the answers may
differ from the Internet's).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

import dns.exception
import dns.name
import dns.rdata
import dns.rdatatype
import dns.resolver

from wizard.checks.result import FAIL, OFFLINE_HINT, UNKNOWN
from wizard.content.validate import normalise_fqdn

DEFAULT_DNS_PORT = 53


@dataclass(frozen=True)
class Nameserver:
    host: str
    port: int = DEFAULT_DNS_PORT

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def parse_nameserver(text: str | None) -> Nameserver | None:
    """``HOST[:PORT]`` (IPv6 as ``[addr]:port``) → a Nameserver; empty → None (system resolver).

    Raises ValueError with a message for the user. Only IP addresses are accepted: a DNS server
    given by name would itself need a DNS server to be found.
    """
    value = (text or "").strip()
    if not value:
        return None
    host, port_text = value, ""
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            raise ValueError("An IPv6 DNS server with a port is written [address]:port.")
        host, rest = value[1:end], value[end + 1 :]
        if rest:
            if not rest.startswith(":"):
                raise ValueError("Write the DNS server as [address]:port, e.g. [2001:db8::53]:53.")
            port_text = rest[1:]
    elif value.count(":") == 1:
        host, port_text = value.split(":")
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(
            f"'{value}' is not a DNS server address. Enter an IP address, optionally with a "
            "port, for example 8.8.8.8 or 192.0.2.53:5353."
        ) from None
    port = DEFAULT_DNS_PORT
    if port_text:
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise ValueError(f"'{port_text}' is not a port number (1-65535).")
        port = int(port_text)
    return Nameserver(str(addr), port)


# -- look-ups --------------------------------------------------------------------------------------

NXDOMAIN = "nxdomain"
NO_ANSWER = "no-answer"
TIMEOUT = "timeout"
SERVER_FAILED = "server-failed"
NO_SERVER = "no-server"
OTHER = "other"
NOT_ASKED = "not-asked"


@dataclass
class Lookup:
    """The answer to one question: records as text (targets normalised), or why there are none."""

    name: str
    rdtype: str
    server: str
    records: list[dns.rdata.Rdata] = field(default_factory=list)
    problem: str = ""  # one of the constants above; "" when records were found
    detail: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def answered(self) -> bool:
        """True when the DNS server said something about the name (records, or none of them)."""
        return self.problem in ("", NXDOMAIN, NO_ANSWER)


class DnsClient:
    """One resolver for a whole run, so the TLS check follows the same answers as the DNS checks."""

    def __init__(self, nameserver: Nameserver | None, timeout: float) -> None:
        self.timeout = timeout
        self.setup_error = ""
        self.unresponsive = False  # set after a time-out: later questions are not sent
        self.resolver: dns.resolver.Resolver | None = None
        if nameserver is not None:
            resolver = dns.resolver.Resolver(configure=False)
            resolver.nameservers = [nameserver.host]
            resolver.port = nameserver.port
            self.server = str(nameserver)
        else:
            try:
                resolver = dns.resolver.Resolver()
            except (dns.resolver.NoResolverConfiguration, OSError):
                self.server = "no DNS server"
                self.setup_error = NO_SERVER
                return
            names = ", ".join(str(ns) for ns in resolver.nameservers)
            self.server = f"system DNS ({names})" if names else "system DNS"
            if not resolver.nameservers:
                self.setup_error = NO_SERVER
                return
        resolver.lifetime = timeout
        resolver.timeout = timeout
        resolver.retry_servfail = False
        resolver.cache = None
        self.resolver = resolver

    def lookup(self, name: str, rdtype: str) -> Lookup:
        result = Lookup(normalise_fqdn(name), rdtype, self.server)
        if self.resolver is None:
            result.problem = self.setup_error or NO_SERVER
            return result
        if self.unresponsive:
            # Asking a silent server again would cost the full timeout for every record.
            result.problem = TIMEOUT
            result.detail = NOT_ASKED
            return result
        try:
            answer = self.resolver.resolve(
                dns.name.from_text(result.name), rdtype, search=False, lifetime=self.timeout
            )
        except dns.resolver.NXDOMAIN:
            result.problem = NXDOMAIN
        except dns.resolver.NoAnswer:
            result.problem = NO_ANSWER
        except dns.resolver.LifetimeTimeout:
            result.problem = TIMEOUT
            self.unresponsive = True
        except dns.resolver.NoNameservers as exc:
            result.problem = SERVER_FAILED
            result.detail = str(exc)
        except dns.exception.DNSException as exc:
            result.problem = OTHER
            result.detail = str(exc) or type(exc).__name__
        else:
            if answer.nameserver:
                result.server = (
                    f"{answer.nameserver}:{answer.port}" if answer.port else str(answer.nameserver)
                )
            result.records = list(answer)
            if not result.records:
                result.problem = NO_ANSWER
        return result


def target_of(rdata: dns.rdata.Rdata) -> str:
    """The target of an SRV or CNAME record, normalised (lower case, no trailing dot)."""
    return normalise_fqdn(rdata.target.to_text())  # type: ignore[attr-defined]


def seconds(value: float) -> str:
    text = f"{value:g}"
    return f"{text} second" if text == "1" else f"{text} seconds"


def problem_status(lookup: Lookup) -> str:
    """FAIL when the server said the record is not there; UNKNOWN when nobody could tell."""
    return FAIL if lookup.answered else UNKNOWN


def problem_found(lookup: Lookup, what: str, timeout: float) -> str:
    """The "found" sentence for a failed look-up. ``what`` names the record, e.g. "SRV record"."""
    name = lookup.name
    if lookup.problem == NXDOMAIN:
        return f"{name} does not exist in DNS (the DNS server answered NXDOMAIN)."
    if lookup.problem == NO_ANSWER:
        return f"{name} exists in DNS but has no {what}."
    if lookup.problem == TIMEOUT and lookup.detail == NOT_ASKED:
        return (
            f"The DNS server {lookup.server} did not answer an earlier question within "
            f"{seconds(timeout)}, so {name} was not asked."
        )
    if lookup.problem == TIMEOUT:
        return (
            f"The DNS server {lookup.server} did not answer within {seconds(timeout)}, so {name} "
            "could not be checked."
        )
    if lookup.problem == SERVER_FAILED:
        return (
            f"The DNS server {lookup.server} could not answer for {name}: it refused the query, "
            "reported a failure or is not running."
        )
    if lookup.problem == NO_SERVER:
        return f"No DNS server is configured on this computer, so {name} could not be looked up."
    return f"The look-up of {name} failed: {lookup.detail}."


def problem_action(lookup: Lookup, create: str) -> str:
    """The "what to do" sentence for a failed look-up; ``create`` is the fix when it is missing."""
    if lookup.problem in (NXDOMAIN, NO_ANSWER):
        return create
    if lookup.problem == TIMEOUT:
        return (
            f"{OFFLINE_HINT} Also check the DNS server address and that this network lets this "
            "computer send DNS queries (UDP and TCP port 53)."
        )
    if lookup.problem == NO_SERVER:
        return f"{OFFLINE_HINT} Or enter a DNS server to ask (for example your DNS host's server)."
    if lookup.problem == SERVER_FAILED:
        return (
            "Ask another DNS server, for example the one that hosts your domain, then check again."
        )
    return f"Ask another DNS server, then check again. {OFFLINE_HINT}"


def srv_records(lookup: Lookup) -> list[tuple[int, int, int, str]]:
    """(priority, weight, port, target) sorted the way a client tries them."""
    rows = [
        (r.priority, r.weight, r.port, target_of(r))  # type: ignore[attr-defined]
        for r in lookup.records
    ]
    rows.sort(key=lambda row: (row[0], -row[1], row[3]))
    return rows


def is_one_label_under(host: str, domain: str) -> bool:
    """Rule C7: the Edge FQDN is exactly one label directly under the SIP domain."""
    head, _, rest = normalise_fqdn(host).partition(".")
    return bool(head) and rest == normalise_fqdn(domain)
