"""Live checks against real servers on loopback: DNS records, the Edge port and its certificate."""

# The loopback fixtures are imported by name and used as test arguments (pytest's way of sharing
# fixtures without conftest.py), which F811 would flag on every test.
from __future__ import annotations

import threading

import dns.resolver
import pytest
from dnslib import RCODE

from tests.checks_fixtures import (
    DOMAIN,
    EDGE,
    FED,
    a,
    aaaa,
    cname,
    good_o365_zone,
    good_onprem_zone,
    srv,
    txt,
)
from wizard.checks import CheckResult, parse_nameserver, plan, run_checks
from wizard.checks.dnsrecords import DnsClient, Nameserver

TIMEOUT = 0.5
ONPREM = {"deployment": "onprem", "sip_domains": [DOMAIN], "access_edge_fqdn": EDGE}
O365 = {"deployment": "o365-enterprise", "sip_domains": [DOMAIN]}


def by_id(results: list[CheckResult]) -> dict[str, CheckResult]:
    return {r.id: r for r in results}


def run(values, nameserver, **kw):
    kw.setdefault("timeout", TIMEOUT)
    return by_id(run_checks(values, nameserver, **kw))


# -- plain data ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("  ", None),
        ("127.0.0.1", Nameserver("127.0.0.1", 53)),
        ("127.0.0.1:5353", Nameserver("127.0.0.1", 5353)),
        ("::1", Nameserver("::1", 53)),
        ("[::1]:5353", Nameserver("::1", 5353)),
    ],
)
def test_parse_nameserver(text, expected):
    assert parse_nameserver(text) == expected


@pytest.mark.parametrize("text", ["dns.google", "1.2.3.4:0", "1.2.3.4:99999", "1.2.3.4:x", "[::1"])
def test_parse_nameserver_rejects(text):
    with pytest.raises(ValueError, match=r"\w"):
        parse_nameserver(text)


def test_result_round_trip_and_line():
    r = CheckResult("edge-a", "A record", "warning", "Found it.", "Fix it.", "127.0.0.1:53", "t")
    assert CheckResult.from_dict(r.to_dict()) == r
    assert r.line() == "WARN  A record — Found it. Fix it."
    assert CheckResult("x", "T", "pass", "Fine.").line() == "PASS  T — Fine."
    with pytest.raises(ValueError, match="status"):
        CheckResult.from_dict({**r.to_dict(), "status": "ok"})
    with pytest.raises(TypeError):
        CheckResult.from_dict({**r.to_dict(), "found": 3})


def test_plan_lists_checks_per_branch():
    onprem = plan({**ONPREM, "sip_domains": [DOMAIN, "fabrikam.test"]})
    assert [p.id for p in onprem] == [
        f"srv-federation:{DOMAIN}",
        "srv-federation:fabrikam.test",
        "edge-a",
        "edge-port",
        "cert-name",
        "cert-validity",
        "cert-trust",
        "cert-sip-domains",
    ]
    assert onprem[2].title == f"A record of {EDGE}"
    o365 = plan({"deployment": "o365-sbp", "sip_domains": "a.test, b.test"})
    assert len(o365) == 8
    assert o365[0].id == "o365-srv-federation:a.test"
    with pytest.raises(ValueError, match="Unknown deployment"):
        plan({"deployment": "cloud", "sip_domains": [DOMAIN]})


# -- on-premises: everything right -----------------------------------------------------------------------


def test_onprem_all_pass(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("good", EDGE)
    fake_dns.zone.update(good_onprem_zone())
    seen: list[str] = []
    results = run_checks(
        {**ONPREM, "edge_public_ip": "127.0.0.1"},
        fake_dns.nameserver,
        TIMEOUT,
        on_result=lambda r: seen.append(r.id),
        tls_port=edge.port,
        trust_cafile=edge_ca_file,
    )
    assert [r.id for r in results] == [p.id for p in plan(ONPREM)] == seen
    assert {r.status for r in results} == {"pass"}, [r.line() for r in results]
    got = by_id(results)
    assert got[f"srv-federation:{DOMAIN}"].found == f"{FED} points to {EDGE} on port 5061."
    assert got[f"srv-federation:{DOMAIN}"].server == fake_dns.nameserver
    assert got["edge-a"].found == f"{EDGE} points to 127.0.0.1, the public address you entered."
    assert got["edge-port"].server == f"127.0.0.1:{edge.port}"
    assert "chains to a CA this computer trusts" in got["cert-trust"].found
    assert all(r.action == "" and r.at for r in results)
    # the TLS connection asked for the Edge FQDN (SNI), twice: inspect, then verify
    assert edge.server_names == [EDGE, EDGE]


def test_srv_without_entered_edge_uses_the_record_target(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("good", EDGE)
    fake_dns.zone.update(good_onprem_zone())
    values = {"deployment": "onprem", "sip_domains": [DOMAIN]}
    got = run(values, fake_dns.nameserver, tls_port=edge.port, trust_cafile=edge_ca_file)
    assert got[f"srv-federation:{DOMAIN}"].status == "pass"
    assert "no Access Edge FQDN was entered" in got[f"srv-federation:{DOMAIN}"].found
    assert got["edge-a"].status == "pass"
    assert got["cert-name"].status == "pass"


# -- on-premises: DNS problems -------------------------------------------------------------------------


def test_srv_nxdomain(fake_dns, closed_port):
    fake_dns.zone.update({EDGE: [a("127.0.0.1")]})
    r = run(ONPREM, fake_dns.nameserver, tls_port=closed_port)[f"srv-federation:{DOMAIN}"]
    assert r.status == "fail"
    assert r.found == f"{FED} does not exist in DNS (the DNS server answered NXDOMAIN)."
    assert r.action.startswith(f"Create an SRV record {FED} pointing to {EDGE} on port 5061")


def test_srv_name_without_srv_record(fake_dns, closed_port):
    fake_dns.zone.update({FED: [txt("hello")], EDGE: [a("127.0.0.1")]})
    r = run(ONPREM, fake_dns.nameserver, tls_port=closed_port)[f"srv-federation:{DOMAIN}"]
    assert r.status == "fail"
    assert r.found == f"{FED} exists in DNS but has no SRV record."


def test_srv_wrong_target(fake_dns, closed_port):
    fake_dns.zone.update({FED: [srv("edge.elsewhere.test")], EDGE: [a("127.0.0.1")]})
    r = run(ONPREM, fake_dns.nameserver, tls_port=closed_port)[f"srv-federation:{DOMAIN}"]
    assert r.status == "fail"
    assert r.found == (
        f"{FED} points to edge.elsewhere.test, not to the Access Edge FQDN you entered ({EDGE})."
    )
    assert r.action.startswith(f"Change the SRV record's target to {EDGE}")


def test_srv_wrong_port(fake_dns, closed_port):
    fake_dns.zone.update({FED: [srv(EDGE, 443)], EDGE: [a("127.0.0.1")]})
    r = run(ONPREM, fake_dns.nameserver, tls_port=closed_port)[f"srv-federation:{DOMAIN}"]
    assert r.status == "fail"
    assert r.found == f"{FED} points to {EDGE} on port 443, not on port 5061."
    assert "port to 5061" in r.action


def test_srv_wrong_target_and_port(fake_dns, closed_port):
    fake_dns.zone.update({FED: [srv("other.test", 443)]})
    r = run(ONPREM, fake_dns.nameserver, tls_port=closed_port)[f"srv-federation:{DOMAIN}"]
    assert (
        r.found
        == f"{FED} points to other.test on port 443; it should point to {EDGE} on port 5061."
    )


def test_srv_target_compared_case_and_dot_insensitively(fake_dns, closed_port):
    fake_dns.zone.update({FED: [srv("SIP.Contoso.Test.")]})
    values = {**ONPREM, "access_edge_fqdn": "sip.CONTOSO.test."}
    assert (
        run(values, fake_dns.nameserver, tls_port=closed_port)[f"srv-federation:{DOMAIN}"].status
        == "pass"
    )


def test_srv_rule_c7_warning(fake_dns, closed_port):
    edge = "sip.it.contoso.test"
    fake_dns.zone.update({FED: [srv(edge)], edge: [a("127.0.0.1")]})
    values = {**ONPREM, "access_edge_fqdn": edge}
    r = run(values, fake_dns.nameserver, tls_port=closed_port)[f"srv-federation:{DOMAIN}"]
    assert r.status == "warning"
    assert f"{edge} is not one label directly under {DOMAIN}" in r.found
    assert f"sip.{DOMAIN}" in r.action


def test_edge_a_record_missing_skips_tls(fake_dns):
    fake_dns.zone.update({FED: [srv(EDGE)]})
    got = run(ONPREM, fake_dns.nameserver)
    assert got["edge-a"].status == "fail"
    assert (
        got["edge-a"].found == f"{EDGE} does not exist in DNS (the DNS server answered NXDOMAIN)."
    )
    assert got["edge-a"].action == f"Create an A record for {EDGE} pointing to its public address."
    # the port was never contacted: no conclusion about it
    assert got["edge-port"].status == "unknown"
    assert "was not tried" in got["edge-port"].found
    assert not [k for k in got if k.startswith("cert-")]


def test_edge_a_only_ipv6(fake_dns, closed_port):
    fake_dns.zone.update({FED: [srv(EDGE)], EDGE: [aaaa("::1")]})
    got = run(ONPREM, fake_dns.nameserver, tls_port=closed_port)
    assert got["edge-a"].found == f"{EDGE} exists in DNS but has no A (IPv4) record."


def test_edge_a_wrong_address(fake_dns, closed_port):
    fake_dns.zone.update({FED: [srv(EDGE)], EDGE: [a("127.0.0.1")]})
    values = {**ONPREM, "edge_public_ip": "203.0.113.10"}
    r = run(values, fake_dns.nameserver, tls_port=closed_port)["edge-a"]
    assert r.status == "fail"
    assert r.found == (
        f"{EDGE} points to 127.0.0.1, not to the public address you entered (203.0.113.10)."
    )
    assert r.action.startswith(f"Change the A record of {EDGE} to 203.0.113.10")


def test_edge_a_extra_address_warns_and_tls_uses_entered_one(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("good", EDGE)
    fake_dns.zone.update({FED: [srv(EDGE)], EDGE: [a("127.0.0.2"), a("127.0.0.1")]})
    values = {**ONPREM, "edge_public_ip": "127.0.0.1"}
    got = run(values, fake_dns.nameserver, tls_port=edge.port, trust_cafile=edge_ca_file)
    assert got["edge-a"].status == "warning"
    assert "and also to 127.0.0.2" in got["edge-a"].found
    assert got["edge-port"].status == "pass"


def test_dns_timeout_is_not_record_missing(silent_dns):
    got = run(ONPREM, silent_dns)
    r = got[f"srv-federation:{DOMAIN}"]
    assert r.status == "unknown" and r.word == "Couldn't check"
    assert r.found.startswith(f"The DNS server {silent_dns} did not answer within 0.5 seconds")
    assert "does not exist" not in r.found
    assert "UDP and TCP port 53" in r.action
    assert "You may be offline" in r.action
    # nothing was looked up, so nothing about the records (or the Edge) is concluded
    assert {x.status for x in got.values()} == {"unknown"}
    assert r.at
    # one silent server is not asked again for every record: each would cost the full timeout
    assert got["edge-a"].found == (
        f"The DNS server {silent_dns} did not answer an earlier question within 0.5 seconds, so "
        f"{EDGE} was not asked."
    )
    assert got["edge-a"].action == r.action


@pytest.mark.parametrize("rcode", [RCODE.REFUSED, RCODE.SERVFAIL])
def test_dns_server_refuses(fake_dns, rcode):
    fake_dns.resolver.rcode = rcode
    r = run(ONPREM, fake_dns.nameserver)[f"srv-federation:{DOMAIN}"]
    assert r.status == "unknown"
    assert r.found == (
        f"The DNS server {fake_dns.nameserver} could not answer for {FED}: it refused the query, "
        "reported a failure or is not running."
    )
    assert r.action.startswith("Ask another DNS server")


def test_no_system_nameserver(monkeypatch):
    class NoConfig(dns.resolver.Resolver):
        def __init__(self, filename="/etc/resolv.conf", configure=True):
            if configure:
                raise dns.resolver.NoResolverConfiguration("no nameservers")
            super().__init__(filename, configure=False)

    monkeypatch.setattr(dns.resolver, "Resolver", NoConfig)
    client = DnsClient(None, TIMEOUT)
    assert client.resolver is None
    r = run(ONPREM, None)[f"srv-federation:{DOMAIN}"]
    assert r.status == "unknown"
    assert (
        r.found == f"No DNS server is configured on this computer, so {FED} could not be looked up."
    )
    assert r.action.startswith("You may be offline")
    assert "enter a DNS server to ask" in r.action


# -- on-premises: the Edge port and certificate ----------------------------------------------------------


def test_port_refused_is_a_network_problem(fake_dns, closed_port):
    fake_dns.zone.update(good_onprem_zone())
    got = run(ONPREM, fake_dns.nameserver, tls_port=closed_port)
    r = got["edge-port"]
    # this computer cannot tell a firewall at the Edge from one on its own network
    assert r.status == "unknown"
    assert r.found == (
        f"Port {closed_port} on 127.0.0.1 ({EDGE}) refused the connection, so the certificate "
        "could not be read: the Edge service is not listening there, or a firewall (at the Edge "
        "or on this network) rejects it."
    )
    assert "not a certificate problem" in r.action
    assert "check from another network" in r.action
    assert not [k for k in got if k.startswith("cert-")]


def test_port_silent_times_out(fake_dns, silent_tcp_port):
    fake_dns.zone.update(good_onprem_zone())
    got = run(ONPREM, fake_dns.nameserver, tls_port=silent_tcp_port)
    r = got["edge-port"]
    assert r.status == "unknown"
    assert "did not answer within 0.5 seconds, so the certificate could not be read" in r.found
    assert "this computer is offline" in r.found
    assert r.action.startswith("You may be offline")
    assert not [k for k in got if k.startswith("cert-")]


def test_cert_wrong_name(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("good", "other.example.test")
    fake_dns.zone.update(good_onprem_zone())
    got = run(ONPREM, fake_dns.nameserver, tls_port=edge.port, trust_cafile=edge_ca_file)
    assert got["edge-port"].status == "pass"
    assert got["cert-name"].status == "fail"
    assert got["cert-name"].found == f"The certificate is for other.example.test, not for {EDGE}."
    assert "Subject Alternative Names" in got["cert-name"].action
    assert got["cert-trust"].status == "pass"  # the chain is fine; only the name is wrong


def test_cert_wildcard_does_not_count(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("wildcard")
    fake_dns.zone.update(good_onprem_zone())
    got = run(ONPREM, fake_dns.nameserver, tls_port=edge.port, trust_cafile=edge_ca_file)
    assert got["cert-name"].status == "fail"
    assert got["cert-name"].found == (
        f"The certificate covers {EDGE} only through the wildcard *.{DOMAIN}, and Lync does not "
        "accept wildcard certificates for the Access Edge's SIP names."
    )
    assert got["cert-sip-domains"].status == "warning"


def test_cert_expired(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("expired")
    fake_dns.zone.update(good_onprem_zone())
    got = run(ONPREM, fake_dns.nameserver, tls_port=edge.port, trust_cafile=edge_ca_file)
    r = got["cert-validity"]
    assert r.status == "fail"
    assert r.found.startswith("The certificate expired on ")
    assert r.found.endswith("(3 days ago).")
    assert r.action.startswith("Renew the certificate")
    # expiry is reported once, by its own check, not again as "untrusted"
    assert got["cert-trust"].status == "pass"


def test_cert_expiring_soon_warns(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("expiring")
    fake_dns.zone.update(good_onprem_zone())
    got = run(ONPREM, fake_dns.nameserver, tls_port=edge.port, trust_cafile=edge_ca_file)
    r = got["cert-validity"]
    assert r.status == "warning"
    assert r.found.endswith(", in 10 days.")
    assert r.action.startswith("Renew it now")


def test_cert_self_signed(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("self-signed", EDGE)
    fake_dns.zone.update(good_onprem_zone())
    got = run(ONPREM, fake_dns.nameserver, tls_port=edge.port, trust_cafile=edge_ca_file)
    assert got["cert-name"].status == "pass"
    r = got["cert-trust"]
    assert r.status == "fail"
    assert r.found == f"The certificate is self-signed (its issuer is its own subject, CN={EDGE})."
    assert "public certification authority" in r.action


def test_cert_from_untrusted_private_ca(fake_dns, tls_server):
    edge = tls_server("good", EDGE)
    fake_dns.zone.update(good_onprem_zone())
    got = run(ONPREM, fake_dns.nameserver, tls_port=edge.port)  # test CA not trusted
    r = got["cert-trust"]
    assert r.status == "fail"
    assert "which this computer does not trust: a private CA" in r.found
    assert "Loopback Test CA" in r.found or "CN=" in r.found
    assert "public CA" in r.action


def test_cert_missing_sip_name_of_second_domain(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("good", EDGE)
    zone = good_onprem_zone()
    zone["_sipfederationtls._tcp.fabrikam.test"] = [srv("sip.fabrikam.test")]
    fake_dns.zone.update(zone)
    values = {**ONPREM, "sip_domains": [DOMAIN, "fabrikam.test"]}
    got = run(values, fake_dns.nameserver, tls_port=edge.port, trust_cafile=edge_ca_file)
    other = got["srv-federation:fabrikam.test"]  # its own name (rule C7), as the DNS step says
    assert other.status == "pass"
    assert other.found.startswith(
        "_sipfederationtls._tcp.fabrikam.test points to sip.fabrikam.test on port 5061, this "
        "domain's own name"
    )
    assert "resolves to the Edge's public address" in other.action
    r = got["cert-sip-domains"]
    assert r.status == "warning"
    assert r.found.startswith("The certificate does not list sip.fabrikam.test;")


def test_cert_with_every_sip_name_passes(fake_dns, tls_server, edge_ca_file):
    edge = tls_server("good", EDGE, "sip.fabrikam.test")
    fake_dns.zone.update(good_onprem_zone())
    values = {**ONPREM, "sip_domains": [DOMAIN, "fabrikam.test"]}
    got = run(values, fake_dns.nameserver, tls_port=edge.port, trust_cafile=edge_ca_file)
    assert got["cert-sip-domains"].status == "pass"


# -- Office 365 ---------------------------------------------------------------------------------------


def test_o365_all_pass(fake_dns):
    fake_dns.zone.update(good_o365_zone())
    results = run_checks(O365, fake_dns.nameserver, TIMEOUT)
    assert [r.status for r in results] == ["pass"] * 4
    assert [r.found for r in results] == [
        f"_sipfederationtls._tcp.{DOMAIN} points to sipfed.online.lync.com on port 5061.",
        f"_sip._tls.{DOMAIN} points to sipdir.online.lync.com on port 443.",
        f"sip.{DOMAIN} is a CNAME for sipdir.online.lync.com.",
        f"lyncdiscover.{DOMAIN} is a CNAME for webdir.online.lync.com.",
    ]


def test_o365_missing(fake_dns):
    results = run_checks(O365, fake_dns.nameserver, TIMEOUT)
    assert [r.status for r in results] == ["fail"] * 4
    assert all("does not exist in DNS" in r.found for r in results)
    assert results[0].action == (
        f"At your DNS host, create the SRV record _sipfederationtls._tcp.{DOMAIN} pointing to "
        "sipfed.online.lync.com on port 5061 (priority 100, weight 1)."
    )
    assert results[3].action == (
        f"At your DNS host, create the CNAME record lyncdiscover.{DOMAIN} pointing to "
        "webdir.online.lync.com."
    )


def test_o365_wrong(fake_dns):
    fake_dns.zone.update(
        {
            f"_sipfederationtls._tcp.{DOMAIN}": [srv("sip.contoso.test", 5061)],
            f"_sip._tls.{DOMAIN}": [srv("sipdir.online.lync.com", 5061)],
            f"sip.{DOMAIN}": [a("192.0.2.1")],
            f"lyncdiscover.{DOMAIN}": [cname("lyncdiscover.contoso-old.test")],
        }
    )
    got = run(O365, fake_dns.nameserver)
    assert {r.status for r in got.values()} == {"fail"}
    assert got[f"o365-srv-federation:{DOMAIN}"].found == (
        f"_sipfederationtls._tcp.{DOMAIN} points to sip.contoso.test on port 5061; for Office 365 "
        "it must point to sipfed.online.lync.com on port 5061."
    )
    assert got[f"o365-srv-sip:{DOMAIN}"].found == (
        f"_sip._tls.{DOMAIN} points to sipdir.online.lync.com on port 5061, not on port 443."
    )
    assert (
        got[f"o365-cname-sip:{DOMAIN}"].found == f"sip.{DOMAIN} exists in DNS but is not a CNAME."
    )
    assert got[f"o365-cname-sip:{DOMAIN}"].action.startswith(
        f"Replace the records of sip.{DOMAIN} with a CNAME pointing to sipdir.online.lync.com"
    )
    assert got[f"o365-cname-lyncdiscover:{DOMAIN}"].found == (
        f"lyncdiscover.{DOMAIN} is a CNAME for lyncdiscover.contoso-old.test, not for "
        "webdir.online.lync.com."
    )


def test_o365_timeout(silent_dns):
    results = run_checks({**O365, "deployment": "o365-sbp"}, silent_dns, TIMEOUT)
    assert len(results) == 4
    assert {r.status for r in results} == {"unknown"}
    assert "did not answer within 0.5 seconds" in results[0].found
    assert all("did not answer an earlier question" in r.found for r in results[1:])


# -- running -------------------------------------------------------------------------------------------


def test_cancel_before_start_runs_nothing(fake_dns):
    cancel = threading.Event()
    cancel.set()
    assert run_checks(O365, fake_dns.nameserver, TIMEOUT, cancel) == []
    assert fake_dns.resolver.questions == []


def test_cancel_during_run_stops_after_current_check(fake_dns):
    fake_dns.zone.update(good_o365_zone())
    cancel = threading.Event()
    results = run_checks(O365, fake_dns.nameserver, TIMEOUT, cancel, lambda _r: cancel.set())
    assert len(results) == 1
    assert len(fake_dns.resolver.questions) == 1


def test_malformed_nameserver_raises(fake_dns):
    with pytest.raises(ValueError, match="not a DNS server address"):
        run_checks(O365, "ns.example.test", TIMEOUT)


def test_system_dns_is_out_of_reach_in_these_tests():
    with pytest.raises(AssertionError, match="system DNS"):
        dns.resolver.Resolver()


def _cert(tmp_path, *, san: bool, days_from_now: int = -1):
    """A certificate built in memory (no server): for the findings that need odd certificates."""
    import datetime as _dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, EDGE)])
    start = _dt.datetime.now(_dt.UTC) + _dt.timedelta(days=days_from_now)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + _dt.timedelta(days=365))
    )
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(EDGE)]), False)
    return builder.sign(key, hashes.SHA256())


def test_cert_without_san_but_right_subject_warns(tmp_path):
    from wizard.checks import tlscert

    status, found, _action = tlscert.name_finding(_cert(tmp_path, san=False), EDGE)
    assert status == "warning"
    assert found == (
        f"{EDGE} is only the certificate's subject name; the certificate has no Subject "
        "Alternative Names."
    )
    assert tlscert.name_finding(_cert(tmp_path, san=False), "other.test")[0] == "fail"


def test_cert_not_yet_valid_fails(tmp_path):
    import datetime as _dt

    from wizard.checks import tlscert

    cert = _cert(tmp_path, san=True, days_from_now=5)
    status, found, _action = tlscert.validity_finding(cert, _dt.datetime.now(_dt.UTC))
    assert status == "fail"
    assert found.startswith("The certificate is not valid until ")


def test_unreachable_network_is_couldnt_check_with_the_offline_hint():
    from wizard.checks import tlscert

    probe = tlscert.TlsProbe("203.0.113.10", 5061, EDGE, network_error=tlscert.UNREACHABLE)
    probe.handshake_error = "Network is unreachable"
    status, found, action = tlscert.connection_finding(probe, 5.0)
    assert status == "unknown"
    assert found == (
        f"Port 5061 on 203.0.113.10 ({EDGE}) could not be reached (Network is unreachable), so "
        "the certificate could not be read."
    )
    assert action.startswith("You may be offline")


def test_trust_not_confirmed_is_couldnt_check_not_a_warning(edge_ca):
    from cryptography import x509

    from wizard.checks import tlscert

    pem = edge_ca.issue_cert(EDGE).cert_chain_pems[0].bytes()
    cert = x509.load_pem_x509_certificate(pem)
    probe = tlscert.TlsProbe("127.0.0.1", 5061, EDGE, trusted=None, trust_detail="timed out")
    status, found, _action = tlscert.trust_finding(probe, cert)
    assert status == "unknown"
    assert "could not be confirmed" in found and "timed out" in found
