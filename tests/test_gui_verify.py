"""The verification step runs the live checks against a real DNS server on 127.0.0.1."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.checks_fixtures import DOMAIN, good_o365_zone
from tests.gui_helpers import ANSWERS_BY_FIELD, make_window, page, start_new, view, walk_to_end
from wizard.checks import local_time
from wizard.output import checklist
from wizard.output import markdown as checklist_md
from wizard.pages.checks_panel import ChecksPanel


def test_verification_page_checks_and_keeps_the_results(qtbot, data_dir, clock, fake_dns):
    fake_dns.zone.update(good_o365_zone())
    fake_dns.zone.pop(f"lyncdiscover.{DOMAIN}", None)  # one record missing
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    walk_to_end(window, dict(ANSWERS_BY_FIELD, sip_domains=DOMAIN))
    v = view(window)
    verify = next(s for s in v.session.steps() if s.kind == "verify")
    v.show_step(verify.id)
    panel = page(window).findChild(ChecksPanel)
    assert panel is not None
    panel.nameserver_edit.setText(fake_dns.nameserver)
    with qtbot.waitSignal(panel.finished, timeout=20000) as blocker:
        panel.check_button.click()
    results = blocker.args[0]
    statuses = {r["id"].split(":")[0]: r["status"] for r in results}
    assert statuses["o365-srv-federation"] == "pass"
    assert statuses["o365-cname-lyncdiscover"] == "fail"
    saved = v.session.setup.checks
    assert [r["status"] for r in saved] == [r["status"] for r in results]
    # The results survive a restart and are printed on the checklist.
    window.close()  # quit, as a user would; the data folder is read anew below
    again = make_window(qtbot, data_dir, clock)
    setup = again.store.entries()[0].setup
    assert len(setup.checks) == len(results)
    text = checklist_md.render(checklist.build(again.book, setup))
    assert "lyncdiscover" in text


def _dns_step_panel(qtbot, data_dir, clock, nameserver: str):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    walk_to_end(window, dict(ANSWERS_BY_FIELD, sip_domains=DOMAIN))
    v = view(window)
    v.show_step("sbp-dns")
    panel = page(window).findChild(ChecksPanel)
    assert panel is not None
    panel.nameserver_edit.setText(nameserver)
    return window, v, panel


def _shown(panel: ChecksPanel) -> list[str]:
    return [panel.results_view.item(i).text() for i in range(panel.results_view.count())]


def test_check_now_against_a_silent_dns_server_says_couldnt_check(
    qtbot, data_dir, clock, silent_dns
):
    window, v, panel = _dns_step_panel(qtbot, data_dir, clock, silent_dns)
    with qtbot.waitSignal(panel.finished, timeout=20000):
        qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    shown = _shown(panel)
    assert shown and all(t.startswith("Couldn't check: ") for t in shown)
    assert not any(t.startswith("Fail") for t in shown)
    # no conclusion about records that were never looked up
    assert not any("does not exist" in t or "create the" in t.lower() for t in shown)
    assert f"The DNS server {silent_dns} did not answer" in shown[0]
    assert "What to try: You may be offline" in shown[0]
    assert "failed" in panel.status_label.text() and "0 failed" in panel.status_label.text()
    # saved with the step that ran them; shown on another step with that step's name and time
    saved = v.session.setup.checks
    assert {r["status"] for r in saved} == {"unknown"}
    assert {r["step"] for r in saved} == {"sbp-dns"}
    verify = next(s for s in v.session.steps() if s.kind == "verify")
    v.show_step(verify.id)
    other = page(window).findChild(ChecksPanel)
    assert other is not None and other is not panel
    when = local_time(saved[0]["at"])
    assert other.status_label.text().startswith(
        f"Last check, made on the step “{v.session.book.step('sbp-dns').title}” on {when}"
    )
    assert all(f"Checked {when}" in t for t in _shown(other))


def test_check_now_against_nxdomain_fails_and_names_the_record(qtbot, data_dir, clock, fake_dns):
    window, v, panel = _dns_step_panel(qtbot, data_dir, clock, fake_dns.nameserver)
    with qtbot.waitSignal(panel.finished, timeout=20000):
        qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    shown = _shown(panel)
    assert shown[0].startswith(f"Fail: Federation SRV record for {DOMAIN}\n")
    assert (
        f"_sipfederationtls._tcp.{DOMAIN} does not exist in DNS (the DNS server answered NXDOMAIN)."
        in shown[0]
    )
    assert "What to do: At your DNS host, create the SRV record" in shown[0]
    assert all(t.startswith("Fail: ") for t in shown)
    style = panel.style()
    fail = style.standardIcon(style.StandardPixmap.SP_MessageBoxCritical).pixmap(16).toImage()
    assert panel.results_view.item(0).icon().pixmap(16).toImage() == fail
