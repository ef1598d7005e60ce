"""Real servers on loopback for the live-check tests: a DNS server, a TLS server, silent ports.

Nothing here touches real DNS or the Internet: the DNS server is dnslib on 127.0.0.1 with a zone
each test defines, the "Access Edge" is a TLS server on 127.0.0.1 presenting certificates from a
trustme CA (or a self-signed one made with cryptography), and the zone's A record for the Edge FQDN
points at 127.0.0.1 so the TLS check follows the same resolver as the DNS checks.

Test modules import the fixtures they use by name (conftest.py belongs to the whole suite).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import selectors
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from dnslib import AAAA, CNAME, QTYPE, RCODE, RR, SRV, TXT, A
from dnslib.server import BaseResolver, DNSLogger, DNSServer

DOMAIN = "contoso.test"
EDGE = "sip.contoso.test"
FED = f"_sipfederationtls._tcp.{DOMAIN}"


# -- DNS ---------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_system_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests must name their DNS server: reading /etc/resolv.conf (the real DNS) fails the test."""
    import dns.resolver

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("a test tried to use the system DNS configuration")

    monkeypatch.setattr(dns.resolver.Resolver, "read_resolv_conf", refuse)


def srv(target: str, port: int = 5061, priority: int = 10, weight: int = 2) -> tuple[str, object]:
    return "SRV", SRV(priority=priority, weight=weight, port=port, target=target.rstrip(".") + ".")


def a(address: str) -> tuple[str, object]:
    return "A", A(address)


def aaaa(address: str) -> tuple[str, object]:
    return "AAAA", AAAA(address)


def cname(target: str) -> tuple[str, object]:
    return "CNAME", CNAME(target.rstrip(".") + ".")


def txt(text: str) -> tuple[str, object]:
    return "TXT", TXT(text)


def good_onprem_zone(domain: str = DOMAIN, edge: str = EDGE) -> dict[str, list]:
    return {f"_sipfederationtls._tcp.{domain}": [srv(edge)], edge: [a("127.0.0.1")]}


def good_o365_zone(domain: str = DOMAIN) -> dict[str, list]:
    return {
        f"_sipfederationtls._tcp.{domain}": [srv("sipfed.online.lync.com", 5061, 100, 1)],
        f"_sip._tls.{domain}": [srv("sipdir.online.lync.com", 443, 100, 1)],
        f"sip.{domain}": [cname("sipdir.online.lync.com")],
        f"lyncdiscover.{domain}": [cname("webdir.online.lync.com")],
    }


class ZoneResolver(BaseResolver):
    """Answers from ``zone``: name → [(type, rdata)]. Unknown name = NXDOMAIN, known name without
    the asked type = an empty NOERROR answer (NoAnswer)."""

    def __init__(self) -> None:
        self.zone: dict[str, list[tuple[str, object]]] = {}
        self.questions: list[tuple[str, str]] = []
        self.rcode: int | None = None  # e.g. RCODE.REFUSED to answer every question with it
        self.delay = 0.0  # seconds before each answer: a slow server, for cancel tests

    def resolve(self, request, handler):
        reply = request.reply()
        qname = str(request.q.qname).rstrip(".").lower()
        qtype = QTYPE[request.q.qtype]
        self.questions.append((qname, qtype))
        if self.delay:
            time.sleep(self.delay)  # in the server's thread: the answer is late, nobody waits on it
        if self.rcode is not None:
            reply.header.rcode = self.rcode
            return reply
        entries = self.zone.get(qname)
        if entries is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        for rtype, rdata in entries:
            if rtype == qtype:
                reply.add_answer(RR(qname, getattr(QTYPE, rtype), rdata=rdata, ttl=60))
        return reply


class FakeDns:
    def __init__(self) -> None:
        self.resolver = ZoneResolver()
        quiet = DNSLogger(log="-request,-reply,-truncated,-error", logf=lambda *_a: None)
        self.server = DNSServer(self.resolver, address="127.0.0.1", port=0, logger=quiet)
        self.port = self.server.server.server_address[1]
        self.nameserver = f"127.0.0.1:{self.port}"

    @property
    def zone(self) -> dict[str, list[tuple[str, object]]]:
        return self.resolver.zone

    def start(self) -> None:
        # dnslib's start_thread() polls every 0.5 s, which would make every teardown that slow
        self.thread = threading.Thread(
            target=self.server.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        self.server.server.shutdown()
        self.server.server.server_close()
        self.thread.join(5)


@pytest.fixture
def fake_dns() -> Iterator[FakeDns]:
    """A real DNS server on 127.0.0.1 (UDP); fill ``fake_dns.zone`` in the test."""
    server = FakeDns()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def silent_dns() -> Iterator[str]:
    """A UDP port on 127.0.0.1 that receives DNS queries and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


# -- TLS ---------------------------------------------------------------------------------------------


def make_self_signed(directory: Path, *names: str, days: int = 365) -> tuple[Path, Path]:
    """A self-signed certificate (issuer == subject) for ``names``; returns (cert, key) paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = _dt.datetime.now(_dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(days=1))
        .not_valid_after(now + _dt.timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "self-signed.pem", directory / "self-signed.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class TlsServer:
    """A TLS server on 127.0.0.1 that completes handshakes and hangs up; records the SNI names."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self.context = context
        self.server_names: list[str | None] = []
        context.sni_callback = self._sni
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-edge", daemon=True)
        self._thread.start()

    def _sni(self, _sock, name, _ctx) -> None:
        self.server_names.append(name)

    def _serve(self) -> None:
        with selectors.DefaultSelector() as sel:
            sel.register(self.sock, selectors.EVENT_READ)
            while not self._stop.is_set():
                if not sel.select(timeout=0.05):
                    continue
                try:
                    conn, _addr = self.sock.accept()
                except OSError:
                    continue
                with contextlib.closing(conn):
                    conn.settimeout(2)
                    try:
                        with self.context.wrap_socket(conn, server_side=True) as tls:
                            tls.settimeout(0.5)
                            with contextlib.suppress(OSError):
                                tls.recv(1)  # wait for the client to hang up
                    except (OSError, ssl.SSLError):
                        pass  # a client that rejects the certificate aborts the handshake

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


@pytest.fixture(scope="session")
def edge_ca() -> trustme.CA:
    return trustme.CA(organization_name="Loopback Test CA")


@pytest.fixture(scope="session")
def edge_ca_file(edge_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    edge_ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def tls_server(edge_ca: trustme.CA, tmp_path: Path):
    """Factory: ``tls_server(kind, *names)`` starts a fake Access Edge and returns it.

    kinds: "good" (names from the test CA), "expired", "expiring" (10 days left),
    "self-signed", "wildcard" (``*.<domain>``).
    """
    servers: list[TlsServer] = []

    def start(kind: str = "good", *names: str) -> TlsServer:
        names = names or (EDGE,)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        now = _dt.datetime.now(_dt.UTC)
        if kind == "self-signed":
            cert, key = make_self_signed(tmp_path, *names)
            ctx.load_cert_chain(str(cert), str(key))
        else:
            kwargs: dict[str, _dt.datetime] = {}
            if kind == "expired":
                kwargs = {
                    "not_before": now - _dt.timedelta(days=400),
                    "not_after": now - _dt.timedelta(days=3, hours=1),
                }
            elif kind == "expiring":
                kwargs = {
                    "not_before": now - _dt.timedelta(days=300),
                    "not_after": now + _dt.timedelta(days=10, hours=1),
                }
            elif kind == "wildcard":
                names = (f"*.{DOMAIN}",)
            elif kind != "good":
                raise ValueError(kind)
            edge_ca.issue_cert(*names, **kwargs).configure_cert(ctx)
        server = TlsServer(ctx)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def silent_tcp_port() -> Iterator[int]:
    """A port that accepts TCP (the kernel's backlog) but never answers the TLS handshake."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on: connecting is refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port
