"""The certificate on the Access Edge's federation port, read over a real TLS connection.

Two connections: one that does not verify, so the details of even a broken or self-signed
certificate can be reported, and one that verifies the chain against the trust store, to say
whether it "chains to a trusted CA". Host-name matching is judged here by the stricter Lync rule
(the exact name in the SAN, wildcards do not count: DOMAIN C5), not by OpenSSL. A refused or silent
port is a network finding and is never reported as a certificate problem, and since this computer cannot tell a firewall at the Edge from one on its
own network, it is "couldn't check" (``UNKNOWN``) rather than a Fail.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import socket
import ssl
from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import NameOID

from wizard.checks.result import FAIL, OFFLINE_HINT, PASS, UNKNOWN, WARNING
from wizard.content.validate import normalise_fqdn

SIP_TLS_PORT = 5061
EXPIRY_WARNING_DAYS = 30

#: OpenSSL's X509_V_FLAG_NO_CHECK_TIME: judge the chain without the dates, which are reported by
#: their own check (an expired certificate from a public CA is "expired", not "untrusted").
_NO_CHECK_TIME = 0x200000

REFUSED = "refused"
TIMEOUT = "timeout"
UNREACHABLE = "unreachable"

#: (status, found, action)
Finding = tuple[str, str, str]


def trust_context(cafile: str | None = None) -> ssl.SSLContext:
    """The system trust store, plus ``cafile`` when given (an extra CA to trust, e.g. in tests)."""
    ctx = ssl.create_default_context()
    if cafile:
        ctx.load_verify_locations(cafile=cafile)
    ctx.check_hostname = False  # the name is checked by the exact-SAN rule instead
    ctx.verify_mode = ssl.CERT_REQUIRED
    with contextlib.suppress(ValueError, ssl.SSLError):  # very old OpenSSL: no such flag
        ctx.verify_flags |= _NO_CHECK_TIME
    return ctx


def _inspect_context() -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    # This connection only reads the certificate: accept weak ciphers too (if the build can).
    with contextlib.suppress(ssl.SSLError):
        ctx.set_ciphers("ALL:@SECLEVEL=0")
    return ctx


@dataclass
class TlsProbe:
    address: str
    port: int
    server_name: str
    network_error: str = ""  # REFUSED | TIMEOUT | UNREACHABLE
    handshake_error: str = ""
    der: bytes | None = None
    tls_version: str = ""
    trusted: bool | None = None
    trust_detail: str = ""

    @property
    def where(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"{host}:{self.port}"

    @property
    def certificate(self) -> x509.Certificate | None:
        return x509.load_der_x509_certificate(self.der) if self.der else None


def _handshake(
    address: str, port: int, server_name: str, timeout: float, ctx: ssl.SSLContext
) -> tuple[bytes | None, str]:
    with socket.create_connection((address, port), timeout=timeout) as raw:
        raw.settimeout(timeout)
        with ctx.wrap_socket(raw, server_hostname=server_name) as tls:
            return tls.getpeercert(binary_form=True), tls.version() or ""


def probe(
    address: str,
    port: int,
    server_name: str,
    timeout: float,
    verify_context: ssl.SSLContext | None = None,
) -> TlsProbe:
    """Connect to ``address:port`` with SNI ``server_name``; read the certificate, then verify it."""
    result = TlsProbe(address, port, server_name)
    try:
        der, version = _handshake(address, port, server_name, timeout, _inspect_context())
    except ConnectionRefusedError:
        result.network_error = REFUSED
        return result
    except TimeoutError:
        result.network_error = TIMEOUT
        return result
    except (ssl.SSLEOFError, ConnectionResetError, BrokenPipeError):
        result.handshake_error = "the server closed the connection during the TLS handshake"
        return result
    except ssl.SSLError as exc:
        result.handshake_error = exc.reason or str(exc)
        return result
    except OSError as exc:
        result.network_error = UNREACHABLE
        result.handshake_error = exc.strerror or str(exc)
        return result
    result.der, result.tls_version = der, version
    if der is None:
        result.handshake_error = "the server sent no certificate"
        return result
    ctx = verify_context or trust_context()
    try:
        _handshake(address, port, server_name, timeout, ctx)
    except ssl.SSLCertVerificationError as exc:
        result.trusted = False
        result.trust_detail = exc.verify_message or str(exc)
    except (OSError, ssl.SSLError) as exc:
        result.trusted = None
        result.trust_detail = str(exc)
    else:
        result.trusted = True
    return result


# -- findings --------------------------------------------------------------------------------------


def connection_finding(p: TlsProbe, timeout: float) -> Finding:
    port_words = f"Port {p.port} on {p.address} ({p.server_name})"
    unread = "so the certificate could not be read"
    network_action = (
        f"Check that the Access Edge service is running and that every firewall allows TCP "
        f"{p.port} inbound to the Edge's external address. If the network this computer is on "
        f"blocks outgoing TCP {p.port}, check from another network. This is a network question, "
        "not a certificate problem."
    )
    if p.network_error == REFUSED:
        return (
            UNKNOWN,
            (
                f"{port_words} refused the connection, {unread}: the Edge service is not "
                "listening there, or a firewall (at the Edge or on this network) rejects it."
            ),
            network_action,
        )
    if p.network_error == TIMEOUT:
        secs = f"{timeout:g} second" + ("" if f"{timeout:g}" == "1" else "s")
        return (
            UNKNOWN,
            (
                f"{port_words} did not answer within {secs}, {unread}: a firewall drops the "
                "connection, the address is wrong, or this computer is offline."
            ),
            f"{OFFLINE_HINT} {network_action}",
        )
    if p.network_error == UNREACHABLE:
        return (
            UNKNOWN,
            f"{port_words} could not be reached ({p.handshake_error}), {unread}.",
            f"{OFFLINE_HINT} {network_action}",
        )
    if p.handshake_error:
        return (
            FAIL,
            f"{port_words} answered, but the TLS handshake failed: {p.handshake_error}.",
            (
                f"Check that the Access Edge listens with TLS on port {p.port} and has its external "
                "certificate assigned."
            ),
        )
    version = f" ({p.tls_version})" if p.tls_version else ""
    return PASS, f"{port_words} answered and completed a TLS handshake{version}.", ""


def san_names(cert: x509.Certificate) -> list[str] | None:
    """DNS names in the SAN, normalised; None when the certificate has no SAN extension."""
    try:
        ext = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return None
    return [normalise_fqdn(n) for n in ext.value.get_values_for_type(x509.DNSName)]


def name_of(name: x509.Name) -> str:
    cns = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    if cns:
        return f"CN={cns[0].value!s}"
    return name.rfc4514_string() or "(empty name)"


def _wildcard_covers(pattern: str, host: str) -> bool:
    if not pattern.startswith("*."):
        return False
    head, _, rest = host.partition(".")
    return bool(head) and rest == pattern[2:]


def _listing(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def name_finding(cert: x509.Certificate, edge: str) -> Finding:
    edge = normalise_fqdn(edge)
    names = san_names(cert)
    fix = (
        f"Install a certificate on the Edge's external interface that lists {edge} by name in its "
        "Subject Alternative Names (SAN)."
    )
    if names is None:
        cns = [
            normalise_fqdn(str(a.value))
            for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        ]
        if edge in cns:
            return (
                WARNING,
                (
                    f"{edge} is only the certificate's subject name; the certificate has no Subject "
                    "Alternative Names."
                ),
                (
                    f"Reissue the certificate with {edge} repeated in the SAN, as Microsoft's "
                    "certificate layout requires."
                ),
            )
        return FAIL, f"The certificate has no Subject Alternative Names and is not for {edge}.", fix
    if edge in names:
        return PASS, f"The certificate lists {edge} in its Subject Alternative Names.", ""
    wild = [n for n in names if _wildcard_covers(n, edge)]
    if wild:
        return (
            FAIL,
            (
                f"The certificate covers {edge} only through the wildcard {wild[0]}, and Lync does not "
                "accept wildcard certificates for the Access Edge's SIP names."
            ),
            fix,
        )
    listed = _listing(names) if names else "no DNS names"
    return FAIL, f"The certificate is for {listed}, not for {edge}.", fix


def _date(moment: _dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def validity_finding(cert: x509.Certificate, now: _dt.datetime) -> Finding:
    not_after = cert.not_valid_after_utc
    not_before = cert.not_valid_before_utc
    renew = "Renew the certificate with a public CA and assign it to the Edge's external interface."
    if now >= not_after:
        days = (now - not_after).days
        ago = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
        return FAIL, f"The certificate expired on {_date(not_after)} ({ago}).", renew
    if now < not_before:
        return (
            FAIL,
            f"The certificate is not valid until {_date(not_before)}.",
            (
                "Check the date and time on the Edge and on this computer, or install a certificate "
                "that is valid now."
            ),
        )
    days = (not_after - now).days
    left = f"{days} day{'s' if days != 1 else ''}"
    if days < EXPIRY_WARNING_DAYS:
        return (
            WARNING,
            f"The certificate expires on {_date(not_after)}, in {left}.",
            "Renew it now: federation and Skype connectivity stop on the day it expires.",
        )
    return PASS, f"The certificate is valid until {_date(not_after)} ({left} left).", ""


def is_self_signed(cert: x509.Certificate) -> bool:
    return cert.issuer == cert.subject


def trust_finding(p: TlsProbe, cert: x509.Certificate) -> Finding:
    issuer = name_of(cert.issuer)
    if p.trusted:
        return PASS, f"The certificate chains to a CA this computer trusts (issuer {issuer}).", ""
    if is_self_signed(cert):
        return (
            FAIL,
            f"The certificate is self-signed (its issuer is its own subject, {issuer}).",
            (
                "Replace it with a certificate from a public certification authority; Skype and "
                "federated partners do not trust self-signed certificates."
            ),
        )
    if p.trusted is False:
        return (
            FAIL,
            (
                f"The certificate was issued by {issuer}, which this computer does not trust: a "
                f"private CA, or the Edge does not send the intermediate certificates "
                f"({p.trust_detail})."
            ),
            (
                "Use a certificate from a public CA (one of Microsoft's Unified Communications "
                "certificate partners) and install its intermediate certificates on the Edge."
            ),
        )
    return (
        UNKNOWN,
        (
            f"It could not be confirmed whether the certificate from {issuer} chains to a trusted CA: "
            f"the second connection failed ({p.trust_detail})."
        ),
        "Check again; if it keeps failing, check the Edge's certificate chain with another tool.",
    )


def sip_names_finding(cert: x509.Certificate, domains: list[str]) -> Finding:
    names = san_names(cert) or []
    wanted = [f"sip.{normalise_fqdn(d)}" for d in domains]
    missing = [w for w in wanted if w not in names]
    if not missing:
        return PASS, f"The certificate lists {_listing(wanted)} for every SIP domain.", ""
    return (
        WARNING,
        (
            f"The certificate does not list {_listing(missing)}; each SIP domain should have its "
            "sip.<domain> name in the SAN."
        ),
        (
            "When you next reissue the certificate, add sip.<domain> for every SIP domain to its "
            "Subject Alternative Names (wildcards do not count)."
        ),
    )
