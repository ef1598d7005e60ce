"""The guided flow, driven like a user: labels, typing, Next. One test per thing a user notices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidgetItem

from tests.gui_helpers import (
    ANSWERS_BY_FIELD,
    control_for_label,
    fill_by_label,
    make_window,
    page,
    press_next,
    start_new,
    view,
    walk_to_end,
)
from wizard.content import flow
from wizard.pages import dialogs
from wizard.pages.widgets import ArtefactBox

BRANCHES = [
    ("onprem", "Lync Server (on-premises)", {"server_version": "Skype for Business Server 2015"}),
    ("onprem", "Lync Server (on-premises)", {"server_version": "Lync Server 2010"}),
    (
        "onprem",
        "Lync Server (on-premises)",
        {
            "server_version": "Lync Server 2013 (before CU5)",
            "provisioning_route": "Partner discovery: no request (the route after the site closed)",
        },
    ),
    ("o365-enterprise", "Office 365 Midsize or Enterprise", {}),
    ("o365-sbp", "Office 365 Small Business Premium", {}),
    ("onprem", "Lync Server (on-premises)", {"server_version": "Skype for Business Server 2019"}),
    ("teams-free", "Microsoft Teams today (Teams ↔ Teams (free))", {}),
]


def _answers(extra):
    answers = dict(ANSWERS_BY_FIELD)
    answers.update(extra)
    return answers


@pytest.mark.parametrize(("deployment", "label", "extra"), BRANCHES)
def test_each_branch_can_be_clicked_through(qtbot, data_dir, clock, deployment, label, extra):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", label)
    seen = walk_to_end(window, _answers(extra))
    session = view(window).session
    assert session.setup.deployment == deployment
    expected = flow.applicable_ids(session.book, session.values())
    # Every applicable step was shown once, in order, and the sidebar lists them all.
    assert ["client", "deployment", *seen] == expected
    sidebar = view(window).sidebar
    assert sidebar.count() == len(expected)
    assert sidebar.item(sidebar.count() - 1).text().endswith("Current")
    # Finish on the summary returns to the start screen, where the setup is listed.
    assert view(window).next_button.text().replace("&", "") == "Finish"
    press_next(window)
    assert window.stack.currentWidget() is window.start
    assert window.start.shown_rows()[0][0] == "Contoso Ltd"


def _go_to(window, step_id):
    v = view(window)
    v.session.setup.visited.append(step_id)
    v.show_step(step_id)


def _artefacts(window) -> dict[str, str]:
    return {a.title_label.text(): a.text() for a in page(window).findChildren(ArtefactBox)}


def _onprem_setup(qtbot, data_dir, clock, version_label):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    walk_to_end(window, _answers({"server_version": version_label}))
    return window


def _artefact_text_for(window, needle: str) -> str:
    """Find the step whose artefacts contain ``needle`` and return all its artefact text."""
    for step in view(window).session.steps():
        _go_to(window, step.id)
        text = "\n".join(_artefacts(window).values())
        if needle in text:
            return text
    raise AssertionError(f"no step shows {needle!r}")


def test_generated_powershell_matches_server_version(qtbot, data_dir, clock):
    window = _onprem_setup(qtbot, data_dir, clock, "Skype for Business Server 2015")
    text = _artefact_text_for(window, "New-CsPublicProvider")
    assert "-EnableSkypeIdRouting $true" in text
    assert "-NameDecorationRoutingDomain" in text
    assert "federation.messenger.msn.com" in text

    window2 = _onprem_setup(qtbot, data_dir, clock, "Lync Server 2010")
    text = _artefact_text_for(window2, "New-CsPublicProvider")
    provider_lines = [ln for ln in text.splitlines() if "New-CsPublicProvider" in ln]
    joined = " ".join(provider_lines)
    assert "-IconUrl" not in joined and "NameDecoration" not in joined
    assert "SkypeId" not in joined


def test_generated_dns_lines_for_the_domains(qtbot, data_dir, clock):
    window = _onprem_setup(qtbot, data_dir, clock, "Skype for Business Server 2015")
    text = _artefact_text_for(window, "_sipfederationtls._tcp.")
    assert "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com." in text
    assert "_sipfederationtls._tcp.fabrikam.com. 3600 IN SRV 0 0 5061 sip.fabrikam.com." in text
    assert "sip.contoso.com. 3600 IN A 203.0.113.10" in text
    assert "sip.fabrikam.com. 3600 IN A 203.0.113.10" in text


def test_office365_dns_lines(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Fabrikam", "Office 365 Midsize or Enterprise")
    walk_to_end(window, _answers({}))
    text = _artefact_text_for(window, "sipfed.online.lync.com")
    assert (
        "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 100 1 5061 sipfed.online.lync.com." in text
    )
    assert "lyncdiscover.contoso.com. 3600 IN CNAME webdir.online.lync.com." in text


def _step_with_field(window, fid):
    for step in view(window).session.steps():
        if fid in step.fields:
            return step.id
    raise AssertionError(fid)


def test_bad_value_blocks_next_with_a_message_and_keeps_the_text(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    walk_to_end(window, _answers({}))
    step_id = _step_with_field(window, "access_edge_fqdn")
    _go_to(window, step_id)
    edit = fill_by_label(window, "Access Edge FQDN", "sip..contoso.com")
    press_next(window)
    assert view(window).current_id == step_id
    verdict = page(window).editors["access_edge_fqdn"].verdict
    assert verdict.isVisible()
    assert "Error" in verdict.text() and "empty part" in verdict.text()
    assert isinstance(edit, QLineEdit) and edit.text() == "sip..contoso.com"
    # What was typed is saved as typed, and the generated lines show a marker instead of it.
    assert view(window).session.setup.values["access_edge_fqdn"] == "sip..contoso.com"
    # An IP address is refused with its own explanation.
    fill_by_label(window, "Access Edge FQDN", "203.0.113.10")
    press_next(window)
    assert "IP address" in page(window).editors["access_edge_fqdn"].verdict.text()
    # The suffix rule (C7) warns but does not block.
    fill_by_label(window, "Access Edge FQDN", "sip.contoso-edge.com")
    assert "Warning" in page(window).editors["access_edge_fqdn"].verdict.text()
    press_next(window)
    assert view(window).current_id != step_id


def test_empty_required_field_blocks_and_focuses_it(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    window.start.new_button.click()
    press_next(window)
    assert view(window).current_id == "client"
    assert "can't be empty" in page(window).editors["client_name"].verdict.text()


def test_markup_in_user_text_is_shown_literally(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "<b>x</b>", "Office 365 Small Business Premium")
    walk_to_end(window, _answers({}))
    assert window.windowTitle().startswith("<b>x</b>")
    shown = [lab for lab in view(window).findChildren(QLabel) if "<b>x</b>" in lab.text()]
    assert shown, "the summary shows the client name"
    for lab in shown:
        assert lab.textFormat() == Qt.TextFormat.PlainText
    press_next(window)
    assert window.start.shown_rows()[0][0] == "<b>x</b>"


def test_sidebar_jumps_to_any_step_and_says_what_it_needs(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    v = view(window)
    sidebar = v.sidebar

    def items() -> dict[str, QListWidgetItem]:  # the sidebar is rebuilt after each move
        return {
            sidebar.item(i).data(Qt.ItemDataRole.UserRole): sidebar.item(i)
            for i in range(sidebar.count())
        }

    # A step not reached yet says which inputs it still needs, on screen and to a screen reader.
    identity = items()["onprem-identity"]
    assert "Needs: SIP domains" in identity.text()
    assert "Needs: SIP domains" in identity.data(Qt.ItemDataRole.AccessibleTextRole)
    assert identity.flags() & Qt.ItemFlag.ItemIsEnabled
    sidebar.itemClicked.emit(identity)
    assert v.current_id == "onprem-identity"
    sidebar.itemClicked.emit(items()["summary"])
    assert v.current_id == "summary"
    sidebar.itemClicked.emit(items()["client"])
    assert v.current_id == "client"
    assert "Done" in v.sidebar.item(1).text()


def test_done_control_and_status_in_sidebar(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    press_next(window) if page(window).step.auto_done else None
    p = page(window)
    assert p.done_box is not None and p.todo is not None
    # ticking every to-do item marks the step done
    for box in p.todo.boxes.values():
        box.click()
    assert p.done_box.isChecked()
    v = view(window)
    row = [v.sidebar.item(i).text() for i in range(v.sidebar.count())]
    assert v.session.setup.status_of(p.step.id) == "done"
    v.go_back()
    row = v.sidebar.item([s.id for s in v.session.steps()].index(p.step.id)).text()
    assert row.endswith("Done")


def test_copy_button_puts_the_commands_on_the_clipboard(qtbot, data_dir, clock):
    window = _onprem_setup(qtbot, data_dir, clock, "Lync Server 2013 with CU5 or later")
    _artefact_text_for(window, "New-CsPublicProvider")
    box = next(
        a for a in page(window).findChildren(ArtefactBox) if "New-CsPublicProvider" in a.text()
    )
    box.copy_button.click()
    assert QGuiApplication.clipboard().text() == box.text()
    assert box.copy_button.text() == "Copied"


def test_links_open_in_the_browser(qtbot, data_dir, clock, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(dialogs, "open_url", lambda url: opened.append(url) or True)
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    walk_to_end(window, _answers({}))
    for step in view(window).session.steps():
        _go_to(window, step.id)
        links = (
            [
                b
                for b in page(window).findChildren(QAbstractButton)
                if b.accessibleName().startswith("Open in browser")
            ]
            if step.kind != "summary"
            else []
        )
        if links:
            links[0].click()
            assert opened and opened[-1].startswith("https://")
            return
    pytest.skip("no step has a link")


def test_which_one_do_i_have_help(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    window.start.new_button.click()
    fill_by_label(window, "Client or organisation name", "Contoso")
    press_next(window)
    editor = page(window).editors["deployment"]
    assert not editor.help_text.isVisible()
    editor.help_button.click()
    assert editor.help_text.isVisible()
    assert "Office 365" in editor.help_text.text()
    for text in (
        "Lync Server (on-premises)",
        "Office 365 Midsize or Enterprise",
        "Office 365 Small Business Premium",
    ):
        assert control_for_label(page(window), text) is not None


TEAMS = "Microsoft Teams today (Teams ↔ Teams (free))"


@pytest.mark.parametrize(
    ("scope", "inbound"),
    [
        ("Everyone in the organisation", True),
        ("Everyone in the organisation", False),
        ("Only some users (a policy assigned to a list)", True),
        ("Only some users (a policy assigned to a list)", False),
    ],
)
def test_teams_free_powershell_for_each_choice(qtbot, data_dir, clock, scope, inbound):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", TEAMS)
    assert view(window).current_id == "teams-applies"
    fill_by_label(window, "Where your users' Teams accounts are", ANSWERS_BY_FIELD["teams_homing"])
    press_next(window)
    assert view(window).current_id == "teams-settings"
    fill_by_label(window, "Who may chat with personal Teams accounts", scope)
    fill_by_label(
        window, "Let people on personal accounts find our users and start conversations", inbound
    )
    walk_to_end(window, _answers({}))
    text = _artefact_text_for(window, "Set-CsTenantFederationConfiguration")
    flag = "$true" if inbound else "$false"
    assert (
        "Set-CsTenantFederationConfiguration -AllowTeamsConsumer $true "
        f"-AllowTeamsConsumerInbound {flag}"
    ) in text
    assert "Connect-MicrosoftTeams" in text and "Install-Module -Name MicrosoftTeams" in text
    if scope.startswith("Everyone"):
        assert (
            f"-Identity 'Global' -EnableTeamsConsumerAccess $true -EnableTeamsConsumerInbound {flag}"
            in text
        )
        assert "New-CsBatchPolicyAssignmentOperation" not in text
    else:
        assert "-Identity 'Global' -EnableTeamsConsumerAccess $false" in text
        assert (
            f"New-CsExternalAccessPolicy -Identity 'TeamsFreeChat' -EnableTeamsConsumerAccess $true -EnableTeamsConsumerInbound {flag}"
            in text
        )
        assert "-Identity 'anna@contoso.com','bob@contoso.com'" in text
    # the Skype client steps are not part of this branch
    assert not [s for s in view(window).session.steps() if s.id.startswith("client-")]
