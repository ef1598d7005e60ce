"""Generated artefacts: version-exact PowerShell, quoting, zone-file syntax, markers, addresses."""

from __future__ import annotations

import re

import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.zone
import pytest

from wizard.content import templates
from wizard.content.playbook import load
from wizard.content.templates import msn_address, ps_quote, render_step

BOOK = load()

ONPREM = {
    "deployment": "onprem",
    "server_version": "2013",
    "sip_domains": ["contoso.com", "fabrikam.com"],
    "access_edge_fqdn": "sip.contoso.com",
    "edge_public_ip": "198.51.100.7",
    "dns_ttl": "3600",
}

PROVIDER_PARAMS = {
    "Identity",
    "ProxyFqdn",
    "Enabled",
    "VerificationLevel",
    "IconUrl",
    "NameDecorationRoutingDomain",
    "NameDecorationExcludedDomainList",
    "EnableSkypeIdRouting",
    "EnableSkypeDirectorySearch",
}
EXPECTED_PROVIDER_PARAMS = {
    "2010": {"Identity", "ProxyFqdn", "Enabled", "VerificationLevel"},
    "2013": {"Identity", "ProxyFqdn", "Enabled", "VerificationLevel", "IconUrl"},
    "2013-cu5": {
        "Identity",
        "ProxyFqdn",
        "Enabled",
        "VerificationLevel",
        "IconUrl",
        "NameDecorationRoutingDomain",
        "NameDecorationExcludedDomainList",
    },
    "2015": PROVIDER_PARAMS,
    "2019": PROVIDER_PARAMS,  # fact 28: the same commands as 2015
}


def artefact(step_id: str, art_id: str, values: dict) -> templates.Rendered:
    rendered = {r.id: r for r in render_step(BOOK, BOOK.step(step_id), values)}
    assert art_id in rendered, f"{art_id} not rendered for {values}"
    return rendered[art_id]


def commands(text: str) -> list[str]:
    """PowerShell lines with backtick continuations joined into one command each."""
    out: list[str] = []
    pending = ""
    for line in text.splitlines():
        if line.endswith(" `"):
            pending += line[:-2].strip() + " "
        else:
            out.append(pending + line.strip())
            pending = ""
    assert not pending, "the script ends with a continuation backtick"
    return out


def params(command: str) -> set[str]:
    # strip quoted strings first so '-eq' inside a script block or a URL doesn't count
    bare = re.sub(r"'(?:[^']|'')*'", "''", command)
    return set(re.findall(r"(?<![\w$])-([A-Za-z]+)", bare))


# -- PowerShell ----------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2010", "2013", "2013-cu5", "2015"])
def test_provider_script_has_exactly_the_parameters_of_the_version(version):
    values = {**ONPREM, "server_version": version, "skype_directory_search": False}
    art = artefact("onprem-provider", "provider-script", values)
    assert art.complete
    cmds = commands(art.text)
    new = [c for c in cmds if c.startswith("New-CsPublicProvider")]
    assert len(new) == 1
    assert params(new[0]) == EXPECTED_PROVIDER_PARAMS[version]
    assert "-VerificationLevel AlwaysVerifiable" in new[0]
    assert "-Identity 'Skype'" in new[0]
    assert "-ProxyFqdn 'federation.messenger.msn.com'" in new[0]
    if version == "2015":
        assert "-EnableSkypeIdRouting $true" in new[0]
        assert "-EnableSkypeDirectorySearch $false" in new[0]
    if version in ("2013-cu5", "2015"):
        assert "-NameDecorationRoutingDomain 'msn.com'" in new[0]
        assert "'msn.com,outlook.com,live.com,hotmail.com'" in new[0]


@pytest.mark.parametrize("version", ["2010", "2013", "2013-cu5", "2015"])
def test_provider_script_removes_the_old_entry_by_proxy_fqdn_first(version):
    art = artefact("onprem-provider", "provider-script", {**ONPREM, "server_version": version})
    cmds = [c for c in commands(art.text) if not c.startswith("#")]
    assert cmds[0] == (
        "Get-CsPublicProvider | Where-Object { $_.ProxyFqdn -eq 'federation.messenger.msn.com' }"
        " | Remove-CsPublicProvider"
    )
    assert cmds[1].startswith("New-CsPublicProvider")
    assert not re.search(r"Remove-CsPublicProvider\s+-Identity", art.text)


def test_provider_script_is_the_rename_when_already_provisioned():
    values = {**ONPREM, "already_pic_provisioned": True}
    art = artefact("onprem-provider", "provider-script", values)
    assert art.text.splitlines()[0].startswith("# Rename Messenger to Skype")


def test_provider_verification_level_choice():
    values = {**ONPREM, "verification_level": "AlwaysUnverifiable"}
    art = artefact("onprem-provider", "provider-script", values)
    assert "-VerificationLevel AlwaysUnverifiable" in art.text


@pytest.mark.parametrize(("discovery", "expected"), [(False, "$false"), (True, "$true")])
def test_edge_configuration(discovery, expected):
    art = artefact("onprem-edge", "edge-config", {**ONPREM, "partner_discovery": discovery})
    assert art.text == (
        "Set-CsAccessEdgeConfiguration -UseDnsSrvRouting -AllowFederatedUsers $true "
        f"-EnablePartnerDiscovery {expected}"
    )


def test_global_policy_by_default():
    art = artefact("onprem-policy", "policy-script", ONPREM)
    assert art.complete
    assert art.text == (
        "Set-CsExternalAccessPolicy -Identity 'global' -EnablePublicCloudAccess $true "
        "-EnablePublicCloudAudioVideoAccess $true -EnableFederationAccess $true"
    )


def test_site_policy():
    values = {
        **ONPREM,
        "policy_scope": "site",
        "site_name": "Redmond",
        "allow_av": False,
    }
    art = artefact("onprem-policy", "policy-script", values)
    assert art.text == (
        "New-CsExternalAccessPolicy -Identity 'site:Redmond' -EnablePublicCloudAccess $true "
        "-EnablePublicCloudAudioVideoAccess $false -EnableFederationAccess $true"
    )


def test_user_policy_grants_each_user_with_quoted_identities():
    values = {
        **ONPREM,
        "policy_scope": "user",
        "policy_name": "SkypeUsers",
        "policy_users": ["anna@contoso.com", "SIP:o'brien@contoso.com"],
        "allow_federation": False,
    }
    art = artefact("onprem-policy", "policy-script", values)
    assert art.complete
    lines = art.text.splitlines()
    assert lines[0] == (
        "New-CsExternalAccessPolicy -Identity 'SkypeUsers' -EnablePublicCloudAccess $true "
        "-EnablePublicCloudAudioVideoAccess $true -EnableFederationAccess $false"
    )
    assert lines[1:] == [
        "Grant-CsExternalAccessPolicy -Identity 'sip:anna@contoso.com' -PolicyName 'SkypeUsers'",
        "Grant-CsExternalAccessPolicy -Identity 'sip:o''brien@contoso.com' -PolicyName 'SkypeUsers'",
    ]
    assert "Set-CsExternalAccessPolicy -Identity 'global'" not in art.text


def test_user_policy_without_users_is_incomplete():
    values = {**ONPREM, "policy_scope": "user", "policy_name": "SkypeUsers"}
    art = artefact("onprem-policy", "policy-script", values)
    assert not art.complete
    assert "<Users to grant the policy>" in art.text


def test_ps_quote_doubles_every_kind_of_single_quote():
    assert ps_quote("plain") == "'plain'"
    assert ps_quote("O'Neil") == "'O''Neil'"
    assert ps_quote("it\u2019s") == "'it\u2019\u2019s'"
    assert ps_quote("$env:x `n") == "'$env:x `n'"  # nothing inside single quotes expands
    assert templates.FILTERS["ps"]("a'b") == "'a''b'"
    assert templates.FILTERS["pssip"]("O'Hara@Contoso.com") == "'sip:o''hara@contoso.com'"
    assert templates.FILTERS["psbool"](True) == "$true"
    assert templates.FILTERS["psbool"](False) == "$false"


def test_online_per_user_script():
    values = {
        "deployment": "o365-enterprise",
        "online_users": ["anna@contoso.com"],
        "online_policy": "FederationOnly",
    }
    art = artefact("ent-per-user", "online-policy-script", values)
    # history (issue 9): loaded and connected as at the time, then the three parts
    assert art.text.splitlines() == [
        "# History: Skype for Business Online Connector (installed separately), then a remote session",
        "Import-Module SkypeOnlineConnector",
        "$sfbSession = New-CsOnlineSession",
        "Import-PSSession $sfbSession",
        "Set-CsTenantFederationConfiguration -AllowPublicUsers $true",
        "Set-CsTenantPublicProvider -Provider 'WindowsLive'",
        "Grant-CsExternalAccessPolicy -Identity 'anna@contoso.com' -PolicyName FederationOnly",
    ]


def test_federation_test_targets_the_internal_edge_and_a_partner():
    """Section 5 (expert): -TargetFqdn is the Edge's internal FQDN, -Domain a federated partner."""
    step = BOOK.step("onprem-verify")
    assert "verify-federation" not in {a.id for a in render_step(BOOK, step, ONPREM)}
    values = {
        **ONPREM,
        "edge_internal_fqdn": "edge01.corp.contoso.com",
        "federation_partner": "x.org",
    }
    art = artefact("onprem-verify", "verify-federation", values)
    assert art.text.splitlines() == [
        "Test-CsFederatedPartner -TargetFqdn edge01.corp.contoso.com -Domain x.org"
    ]
    expect = artefact("onprem-verify", "verify-expect", ONPREM)
    assert expect.text.splitlines() == [
        "_sipfederationtls._tcp.contoso.com: port 5061, sip.contoso.com",
        "_sipfederationtls._tcp.fabrikam.com: port 5061, sip.fabrikam.com",
    ]
    dns_art = artefact("onprem-verify", "verify-dns", ONPREM)
    assert dns_art.text.splitlines() == [
        "nslookup -type=SRV _sipfederationtls._tcp.contoso.com",
        "nslookup -type=SRV _sipfederationtls._tcp.fabrikam.com",
    ]


# -- DNS -----------------------------------------------------------------------------------------


def parse_zone(text: str) -> dns.zone.Zone:
    return dns.zone.from_text(text, origin=dns.name.root, relativize=False, check_origin=False)


def assert_absolute_names(text: str) -> None:
    for line in text.splitlines():
        fields = line.split()
        assert fields[0].endswith("."), line
        assert fields[1].isdigit() and fields[2] == "IN", line
        if fields[3] in ("SRV", "CNAME"):
            assert fields[-1].endswith("."), line


def test_onprem_dns_records_for_two_domains_are_valid_zone_lines():
    art = artefact("onprem-dns", "dns-records", {**ONPREM, "access_edge_fqdn": "SIP.Contoso.com."})
    assert art.kind == "dns" and art.complete
    # C7: every domain its own SRV target sip.<domain> and an A record for it
    assert art.text.splitlines() == [
        "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com.",
        "_sipfederationtls._tcp.fabrikam.com. 3600 IN SRV 0 0 5061 sip.fabrikam.com.",
        "sip.contoso.com. 3600 IN A 198.51.100.7",
        "sip.fabrikam.com. 3600 IN A 198.51.100.7",
    ]
    assert_absolute_names(art.text)
    zone = parse_zone(art.text)
    for domain in ("contoso.com", "fabrikam.com"):
        rrset = zone.find_rrset(f"_sipfederationtls._tcp.{domain}.", dns.rdatatype.SRV)
        (srv,) = list(rrset)
        assert (srv.priority, srv.weight, srv.port) == (0, 0, 5061)
        assert srv.target == dns.name.from_text(f"sip.{domain}.")
        assert rrset.ttl == 3600
        (a,) = list(zone.find_rrset(f"sip.{domain}.", dns.rdatatype.A))
        assert a.address == "198.51.100.7"


def test_an_edge_name_under_no_domain_gives_every_domain_its_own_name():
    values = {**ONPREM, "access_edge_fqdn": "edge.contoso-edge.com"}
    art = artefact("onprem-dns", "dns-records", values)
    assert art.text.splitlines() == [
        "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com.",
        "_sipfederationtls._tcp.fabrikam.com. 3600 IN SRV 0 0 5061 sip.fabrikam.com.",
        "edge.contoso-edge.com. 3600 IN A 198.51.100.7",
        "sip.contoso.com. 3600 IN A 198.51.100.7",
        "sip.fabrikam.com. 3600 IN A 198.51.100.7",
    ]
    san = artefact("onprem-certificate", "cert-san", values).text.splitlines()
    assert san == [
        "Subject name: edge.contoso-edge.com",
        "SAN: edge.contoso-edge.com",
        "SAN: sip.contoso.com",
        "SAN: sip.fabrikam.com",
    ]


def test_onprem_dns_ttl_is_used():
    art = artefact("onprem-dns", "dns-records", {**ONPREM, "dns_ttl": "300"})
    assert all(" 300 IN " in line for line in art.text.splitlines())
    assert parse_zone(art.text)


@pytest.mark.parametrize("step_id", ["ent-dns", "sbp-dns"])
def test_online_dns_records_for_two_domains(step_id):
    values = {"deployment": "o365-sbp", "sip_domains": ["contoso.com", "fabrikam.com"]}
    art = artefact(step_id, "online-dns", values)
    assert art.kind == "dns" and art.complete
    assert_absolute_names(art.text)
    zone = parse_zone(art.text)
    for d in ("contoso.com", "fabrikam.com"):
        (fed,) = list(zone.find_rrset(f"_sipfederationtls._tcp.{d}.", dns.rdatatype.SRV))
        assert (fed.priority, fed.weight, fed.port) == (100, 1, 5061)
        assert fed.target.to_text() == "sipfed.online.lync.com."
        (tls,) = list(zone.find_rrset(f"_sip._tls.{d}.", dns.rdatatype.SRV))
        assert (tls.priority, tls.weight, tls.port) == (100, 1, 443)
        assert tls.target.to_text() == "sipdir.online.lync.com."
        (sip,) = list(zone.find_rrset(f"sip.{d}.", dns.rdatatype.CNAME))
        assert sip.target.to_text() == "sipdir.online.lync.com."
        (disc,) = list(zone.find_rrset(f"lyncdiscover.{d}.", dns.rdatatype.CNAME))
        assert disc.target.to_text() == "webdir.online.lync.com."
    assert len(art.text.splitlines()) == 8


def test_each_dns_line_parses_as_rdata():
    art = artefact("onprem-dns", "dns-records", ONPREM)
    for line in art.text.splitlines():
        _name, _ttl, klass, rtype, *rdata = line.split()
        rd = dns.rdata.from_text(
            dns.rdataclass.from_text(klass),
            dns.rdatatype.from_text(rtype),
            " ".join(rdata),
        )
        assert rd.to_text()


# -- missing and invalid values ------------------------------------------------------------------


def test_missing_values_render_as_label_markers_and_mark_incomplete():
    art = artefact("onprem-dns", "dns-records", {"deployment": "onprem"})
    assert not art.complete
    assert "<SIP domains>" in art.text
    assert "<Access Edge FQDN>" in art.text
    assert "<Access Edge public IPv4 address>" in art.text
    assert " 3600 IN " in art.text  # the default TTL is a value, not a marker
    assert set(art.missing) == {
        "SIP domains",
        "Access Edge FQDN",
        "Access Edge public IPv4 address",
    }


def test_invalid_values_render_as_markers_not_as_text():
    values = {
        **ONPREM,
        "access_edge_fqdn": "203.0.113.9",
        "sip_domains": ["contoso.com", "bad_domain"],
    }
    art = artefact("onprem-dns", "dns-records", values)
    assert not art.complete
    assert "203.0.113.9" not in art.text
    assert "bad_domain" not in art.text
    assert "_sipfederationtls._tcp.contoso.com. 3600" in art.text
    assert "Access Edge FQDN" in art.missing and "SIP domains" in art.missing


def test_request_sheet_uses_choice_labels_and_reports_a_missing_choice():
    values = {
        **ONPREM,
        "client_name": "Contoso Ltd",
        "agreement_type": "mpn",
        "agreement_number": "12345",
        "admin_email": "admin@contoso.com",
    }
    art = artefact("onprem-request", "request-sheet", values)
    assert art.complete
    assert "Licensing agreement type: Microsoft Partner Network HQ partner ID" in art.text
    assert "SIP domain: fabrikam.com" in art.text
    del values["agreement_type"]
    art = artefact("onprem-request", "request-sheet", values)
    assert not art.complete
    assert "<Licensing agreement type>" in art.text
    assert "Licensing agreement type" in art.missing


def test_follow_up_dates_only_after_submission():
    ids = [r.id for r in render_step(BOOK, BOOK.step("onprem-request"), ONPREM)]
    assert "request-dates" not in ids
    art = artefact("onprem-request", "request-dates", {**ONPREM, "pic_submitted_on": "2014-03-03"})
    assert "2014-03-05" in art.text and "2014-04-02" in art.text


def test_render_text_marks_invalid_values():
    assert (
        templates.render_text(BOOK, "Edge: {{access_edge_fqdn}}", {}) == "Edge: <Access Edge FQDN>"
    )
    assert (
        templates.render_text(
            BOOK, "Edge: {{access_edge_fqdn|fqdn}}", {"access_edge_fqdn": "SIP.X.COM"}
        )
        == "Edge: sip.x.com"
    )


def test_certificate_names():
    art = artefact("onprem-certificate", "cert-san", ONPREM)
    assert art.text.splitlines() == [
        "Subject name: sip.contoso.com",
        "SAN: sip.contoso.com",
        "SAN: sip.fabrikam.com",
    ]
    sans = [ln for ln in art.text.splitlines() if ln.startswith("SAN: ")]
    assert len(sans) == len(set(sans))  # no duplicates
    assert "*" not in art.text


# -- addresses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("bob@contoso.com", "bob(contoso.com)@msn.com"),
        ("Bob@Contoso.COM", "Bob(contoso.com)@msn.com"),
        ("someone@gmail.com", "someone(gmail.com)@msn.com"),
        ("user@outlook.com", "user@outlook.com"),
        ("user@HOTMAIL.com", "user@HOTMAIL.com"),
        ("user@live.com", "user@live.com"),
        ("user@msn.com", "user@msn.com"),
        ("  bob@contoso.com ", "bob(contoso.com)@msn.com"),
        ("no-at-sign", "no-at-sign"),
    ],
)
def test_msn_address(email, expected):
    assert msn_address(email) == expected


@pytest.mark.parametrize(
    ("values", "first", "fallback"),
    [
        (
            {"deployment": "onprem", "server_version": "2010"},
            "bob(contoso.com)@msn.com",
            False,
        ),
        (
            {"deployment": "onprem", "server_version": "2013"},
            "bob(contoso.com)@msn.com",
            False,
        ),
        (
            {"deployment": "onprem", "server_version": "2013-cu5"},
            "bob@contoso.com",
            True,
        ),
        ({"deployment": "onprem", "server_version": "2015"}, "bob@contoso.com", True),
        ({"deployment": "o365-enterprise"}, "bob@contoso.com", True),
        ({"deployment": "o365-sbp"}, "bob@contoso.com", True),
    ],
)
def test_address_helper_by_version(values, first, fallback):
    art = artefact("client-address", "address", {**values, "test_account": "bob@contoso.com"})
    lines = art.text.splitlines()
    assert lines[0] == f"Type this address: {first}"
    assert (len(lines) == 2) == fallback
    if fallback:
        assert lines[1].endswith("bob(contoso.com)@msn.com")


def test_address_helper_without_account_is_incomplete():
    art = artefact("client-address", "address", {"deployment": "onprem", "server_version": "2010"})
    assert not art.complete
    assert "<Test Microsoft account (Skype side)>" in art.text
