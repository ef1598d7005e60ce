"""The fourth deployment, Microsoft Teams today (issue 9, DOMAIN.md 9.2 and 9.3).

The PowerShell is generated for each choice (everyone / only some users; inbound allowed or not),
identities reach it validated and single-quoted, the Skype client steps are not shown, and the
command line writes its checklist as PDF, HTML and Markdown.
"""

from __future__ import annotations

import unicodedata

import pypdf
import pytest

from wizard import cli
from wizard.content import flow, playbook
from wizard.content.templates import render_step

BOOK = playbook.load()
BASE = {"deployment": "teams-free", "teams_homing": "cloud"}


def script(values: dict) -> str:
    step = BOOK.step("teams-powershell")
    return "\n".join(a.text for a in render_step(BOOK, step, {**BASE, **values}))


def test_the_option_names_microsoft_teams():
    choice = next(c for c in BOOK.field("deployment").choices if c.value == "teams-free")
    assert "Microsoft Teams" in choice.label


def test_the_branch_has_its_own_steps_and_none_of_the_skype_client_steps():
    ids = flow.applicable_ids(BOOK, BASE)
    branch = [s for s in ids if s not in ("client", "deployment", "summary")]
    assert branch == [
        "teams-applies",
        "teams-settings",
        "teams-admin-centre",
        "teams-powershell",
        "teams-works",
        "teams-find",
        "teams-test",
    ]
    assert not any(s.startswith("client-") for s in ids)
    text = " ".join(BOOK.step(s).body for s in branch)
    assert "Lync" not in text.replace("Lync Server", "")  # no Lync client instructions


@pytest.mark.parametrize("inbound", [True, False])
def test_everyone(inbound):
    flag = "$true" if inbound else "$false"
    got = script({"teams_scope": "everyone", "teams_inbound": inbound})
    assert got.splitlines() == [
        "Install-Module -Name MicrosoftTeams -Force -AllowClobber",
        "Connect-MicrosoftTeams",
        "Get-CsTenantFederationConfiguration | Format-List AllowTeamsConsumer, "
        "AllowTeamsConsumerInbound",
        f"Set-CsTenantFederationConfiguration -AllowTeamsConsumer $true "
        f"-AllowTeamsConsumerInbound {flag}",
        f"Set-CsExternalAccessPolicy -Identity 'Global' -EnableTeamsConsumerAccess $true "
        f"-EnableTeamsConsumerInbound {flag}",
    ]
    assert "New-CsBatchPolicyAssignmentOperation" not in got


@pytest.mark.parametrize("inbound", [True, False])
def test_only_some_users(inbound):
    flag = "$true" if inbound else "$false"
    got = script(
        {
            "teams_scope": "some",
            "teams_inbound": inbound,
            "teams_policy_name": "TeamsFreeChat",
            "teams_users": ["anna@contoso.com", "o'brien@contoso.com"],
        }
    )
    lines = got.splitlines()
    assert (
        "Set-CsExternalAccessPolicy -Identity 'Global' -EnableTeamsConsumerAccess $false "
        "-EnableTeamsConsumerInbound $false"
    ) in lines
    assert (
        "New-CsExternalAccessPolicy -Identity 'TeamsFreeChat' -EnableTeamsConsumerAccess $true "
        f"-EnableTeamsConsumerInbound {flag}"
    ) in lines
    assert (
        "New-CsBatchPolicyAssignmentOperation -PolicyType ExternalAccessPolicy -PolicyName "
        "'TeamsFreeChat' -Identity 'anna@contoso.com','o''brien@contoso.com' "
        "-OperationName 'Teams (free) chat'"
    ) in lines
    # the global policy is switched off before the allowing policy is assigned
    assert lines.index(next(ln for ln in lines if "'Global'" in ln)) < lines.index(
        next(ln for ln in lines if ln.startswith("New-CsBatch"))
    )


def test_identities_are_validated_before_they_reach_powershell():
    values = {**BASE, "teams_scope": "some", "teams_policy_name": "P"}
    bad = flow.step_problems(
        BOOK, BOOK.step("teams-settings"), {**values, "teams_users": ["x'; Remove-Item C:\\"]}
    )
    assert set(bad) == {"teams_users"}
    got = script({**values, "teams_users": ["x'; Remove-Item C:\\"]})
    assert "Remove-Item" not in got and "<Users who may chat" in got
    assert flow.step_problems(BOOK, BOOK.step("teams-settings"), BASE) == {}


def test_who_it_does_not_apply_to():
    step = BOOK.step("teams-applies")
    for homing, words in (("onprem", "not supported"), ("gov", "GCC High")):
        shown = [n.text for n in step.notes if n.when.holds({**BASE, "teams_homing": homing})]
        assert any(words in t for t in shown), homing
    assert "GCC" in step.body and "on-premises" in step.body


def test_admin_centre_labels_are_given_at_the_time_of_writing():
    step = BOOK.step("teams-admin-centre")
    assert all("at the time of writing" in nav.label for nav in step.nav)
    assert "unconfirmed" in " ".join(n.text for n in step.notes)


def norm(text: str) -> str:
    # pypdf puts a space after "$" in monospace runs
    return " ".join(unicodedata.normalize("NFKC", text).split()).replace("$ ", "$")


def test_checklist_command_writes_the_teams_free_pdf(qapp, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    code = cli.main(
        [
            "--data-dir",
            str(tmp_path / "data"),
            "checklist",
            "--deployment",
            "teams-free",
            "--set",
            "teams_scope=some",
            "--set",
            "teams_inbound=no",
            "--set",
            "teams_policy_name=TeamsFreeChat",
            "--set",
            "teams_users=anna@contoso.com,bob@contoso.com",
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    text = norm(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(out)).pages))
    for needle in (
        "Microsoft Teams today",
        "Today's status",
        "Install-Module -Name MicrosoftTeams",
        "Connect-MicrosoftTeams",
        "-AllowTeamsConsumerInbound $false",
        "New-CsBatchPolicyAssignmentOperation -PolicyType ExternalAccessPolicy",
        "'anna@contoso.com','bob@contoso.com'",
        "at the time of writing",
        "Presence: not confirmed",
        "End-to-end test",
    ):
        assert needle in text, needle
    for needle in ("What Skype users need", "Address helper", "pic.lync.com request"):
        assert needle not in text


@pytest.mark.parametrize("ext", ["md", "html"])
def test_checklist_command_writes_markdown_and_html(tmp_path, capsys, ext):
    out = tmp_path / f"x.{ext}"
    code = cli.main(["checklist", "--deployment", "teams-free", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "Set-CsTenantFederationConfiguration -AllowTeamsConsumer $true" in text
    assert "Teams admin centre, at the time of writing" in text


def test_check_command_explains_there_is_nothing_to_check(tmp_path, capsys):
    code = cli.main(["check", "--deployment", "teams-free", "--set", "sip_domains=contoso.com"])
    assert code == 2
    assert "no DNS or certificate records" in capsys.readouterr().err
