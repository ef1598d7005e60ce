"""The domain expert's corrections (issue 9), each read from the generated checklist text.

The checklist is written by the real command (``lync-skype-wizard checklist``) as Markdown, and as
PDF where the issue asks for the printed text; the assertions are about what a reader of that paper
sees: records, certificate names, the CU5 advice, the 2019 commands, the guidance of each step.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
import pytest

from wizard import cli

ONPREM = [
    "sip_domains=contoso.com,fabrikam.com,northwind.org",
    "access_edge_fqdn=sip.contoso.com",
    "edge_public_ip=203.0.113.10",
]


def markdown(tmp_path: Path, capsys, deployment: str, *sets: str) -> str:
    out = tmp_path / f"{deployment}.md"
    argv = ["checklist", "--deployment", deployment, "--out", str(out)]
    for item in sets:
        argv += ["--set", item]
    code = cli.main(argv)
    assert code == 0, capsys.readouterr().err
    return out.read_text(encoding="utf-8")


def pdf_text(tmp_path: Path, capsys, deployment: str, *sets: str) -> str:
    out = tmp_path / f"{deployment}.pdf"
    argv = ["checklist", "--deployment", deployment, "--out", str(out)]
    for item in sets:
        argv += ["--set", item]
    assert cli.main(argv) == 0, capsys.readouterr().err
    text = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(out)).pages)
    # pypdf puts a space after "$" in monospace runs
    return " ".join(unicodedata.normalize("NFKC", text).split()).replace("$ ", "$")


def section(md: str, title: str) -> str:
    """One step of the Markdown checklist, from its heading to the next step's."""
    start = md.index(f". {title}")
    end = md.find("\n## ", start)
    return md[start : end if end > 0 else len(md)]


# -- several SIP domains (C7) -------------------------------------------------------------------


def test_every_sip_domain_gets_its_own_srv_target_a_record_and_certificate_name(tmp_path, capsys):
    md = markdown(tmp_path, capsys, "onprem", "server_version=2015", *ONPREM)
    dns = section(md, "DNS records")
    for dom in ("contoso.com", "fabrikam.com", "northwind.org"):
        assert f"_sipfederationtls._tcp.{dom}. 3600 IN SRV 0 0 5061 sip.{dom}." in dns
        assert f"sip.{dom}. 3600 IN A 203.0.113.10" in dns
    assert dns.count("sip.contoso.com. 3600 IN A") == 1
    cert = section(md, "Edge certificate")
    sans = re.findall(r"^SAN: (\S+)$", cert, re.MULTILINE)
    assert sans == ["sip.contoso.com", "sip.fabrikam.com", "sip.northwind.org"]
    assert len(sans) == len(set(sans))
    verify = section(md, "Check the connection")
    for dom in ("contoso.com", "fabrikam.com", "northwind.org"):
        assert f"nslookup -type=SRV _sipfederationtls._tcp.{dom}" in verify
        assert f"_sipfederationtls._tcp.{dom}: port 5061, sip.{dom}" in verify


def test_the_ip_prints_as_typed(tmp_path, capsys):
    md = markdown(tmp_path, capsys, "onprem", "server_version=2015", *ONPREM)
    assert "| 203.0.113.10 |" in md
    assert "\\203.0.113.10" not in md


def test_no_double_optional(tmp_path, capsys):
    for dep in ("o365-enterprise", "o365-sbp", "onprem"):
        md = markdown(tmp_path, capsys, dep)
        assert "(optional) (optional)" not in md, dep


# -- Test-CsFederatedPartner (section 5) --------------------------------------------------------


def test_federated_partner_test_asks_for_the_internal_edge_and_a_partner(tmp_path, capsys):
    md = markdown(
        tmp_path,
        capsys,
        "onprem",
        "server_version=2015",
        *ONPREM,
        "edge_internal_fqdn=edge01.corp.contoso.com",
        "federation_partner=partner.example",
    )
    verify = section(md, "Check the connection")
    assert (
        "Test-CsFederatedPartner -TargetFqdn edge01.corp.contoso.com -Domain partner.example"
        in (verify)
    )
    assert "Internal FQDN of the Edge server" in verify
    assert not re.search(r"Test-CsFederatedPartner[^\n]*-Domain (contoso|fabrikam)", md)


# -- CU5 (facts 32, 34) and Skype for Business Server 2019 (fact 28) ------------------------------


@pytest.mark.parametrize("version", ["2013", "2013-cu5"])
def test_cu5_advice(tmp_path, capsys, version):
    text = pdf_text(tmp_path, capsys, "onprem", f"server_version={version}", *ONPREM)
    assert "Get-CsServerVersion can't tell" in text
    assert "Windows Control Panel" in text
    assert "Get-WmiObject -Class Win32_Product" in text
    assert "secondary source" in text


def test_server_2019_is_offered_with_the_2015_commands(tmp_path, capsys):
    md = markdown(tmp_path, capsys, "onprem", "server_version=2019", *ONPREM)
    assert "Skype for Business Server 2019" in md
    provider = section(md, "Skype public provider")
    assert "-EnableSkypeIdRouting $true -EnableSkypeDirectorySearch $true" in provider
    assert "-NameDecorationRoutingDomain 'msn.com'" in provider


# -- Office 365: history, with how the module was loaded (fact 5) ---------------------------------


def test_office365_public_user_commands_are_history(tmp_path, capsys):
    md = markdown(tmp_path, capsys, "o365-enterprise", "online_users=anna@contoso.com")
    per_user = section(md, "Limit Skype to some users")
    assert "historical" in per_user.lower()
    assert "AllowPublicUsers can no longer be used" in per_user
    lines = per_user.splitlines()
    load = lines.index("Import-Module SkypeOnlineConnector")
    assert lines[load + 1] == "$sfbSession = New-CsOnlineSession"
    assert lines.index("Set-CsTenantFederationConfiguration -AllowPublicUsers $true") > load


# -- on-premises policy, Edge and request sheet -------------------------------------------------


def test_global_policy_with_federation_warns_it_is_for_everyone(tmp_path, capsys):
    md = markdown(tmp_path, capsys, "onprem", "server_version=2015", "policy_scope=global")
    policy = section(md, "External access policy")
    assert "for everyone who has no site or user policy" in policy
    quiet = markdown(tmp_path, capsys, "onprem", "server_version=2015", "allow_federation=no")
    assert "for everyone who has no site or user policy" not in section(
        quiet, "External access policy"
    )


def test_edge_commands_run_on_a_front_end_server(tmp_path, capsys):
    md = markdown(tmp_path, capsys, "onprem", "server_version=2015")
    for title in (
        "Turn on federation at the Edge",
        "External access policy",
        "Skype public provider",
    ):
        assert "Management Shell on a Front End server" in section(md, title), title


def test_request_sheet_has_an_email_per_domain_and_several_edges(tmp_path, capsys):
    md = markdown(
        tmp_path,
        capsys,
        "onprem",
        "server_version=2013",
        "provisioning_route=request",
        *ONPREM,
        "admin_email=lync-admin@contoso.com",
        "admin_emails=it@fabrikam.com",
        "extra_edge_fqdns=sip.fabrikam.com,sip.northwind.org",
    )
    sheet = section(md, "Submit the provisioning request")
    assert "SIP domain: contoso.com (administrator e-mail: lync-admin@contoso.com)" in sheet
    assert "SIP domain: fabrikam.com (administrator e-mail: it@fabrikam.com)" in sheet
    assert "SIP domain: northwind.org (administrator e-mail: lync-admin@contoso.com)" in sheet
    edges = re.findall(r"^Access Edge FQDN: (\S+)$", sheet, re.MULTILINE)
    assert edges == ["sip.contoso.com", "sip.fabrikam.com", "sip.northwind.org"]


# -- the provisioning route (item 3) -------------------------------------------------------------


def test_request_route_without_submission_has_no_wait(tmp_path, capsys):
    md = markdown(tmp_path, capsys, "onprem", "server_version=2015", "provisioning_route=request")
    assert "Submit the provisioning request" in md
    assert "Activation by Microsoft" not in md and "Wait for activation" not in md
    sent = markdown(
        tmp_path,
        capsys,
        "onprem",
        "server_version=2015",
        "provisioning_route=request",
        "pic_submitted=yes",
        "pic_submitted_on=2014-03-03",
    )
    assert "Activation by Microsoft" in sent and "Wait for activation" in sent
    assert 'go back to the step "Server version"' in sent
    assert "first step" not in sent


def test_no_route_no_request(tmp_path, capsys):
    md = markdown(tmp_path, capsys, "onprem", "server_version=2015")
    assert "Submit the provisioning request" not in md
    assert "Activation by Microsoft" not in md


# -- guidance that must survive on paper (item 5) ----------------------------------------------


def test_printed_steps_keep_where_era_ports_and_commands(tmp_path, capsys):
    text = pdf_text(tmp_path, capsys, "onprem", "server_version=2010", *ONPREM)
    assert (
        "Where (Lync Server Control Panel): External User Access → Access Edge Configuration"
        in (text)
    )
    assert "Timeline: After the provisioning site pic.lync.com closed" in text
    for port in ("TCP 5061", "TCP and UDP 53", "port 80", "UDP 3478", "50000 to 59999"):
        assert port in text, port
    assert "listed above" not in text
    assert "Set-CsAccessEdgeConfiguration -UseDnsSrvRouting -AllowFederatedUsers $true" in text


def test_small_business_checklist_keeps_the_admin_path(tmp_path, capsys):
    text = pdf_text(tmp_path, capsys, "o365-sbp")
    assert (
        "Admin → Service Settings → Instant messaging, meetings and conferencing → "
        "External communications" in text
    )
    assert "external communications" in text.lower()
