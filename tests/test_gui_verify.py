"""The verification step runs the live checks against a real DNS server on 127.0.0.1."""

from __future__ import annotations

from tests.checks_fixtures import DOMAIN, good_o365_zone
from tests.gui_helpers import ANSWERS_BY_FIELD, make_window, page, start_new, view, walk_to_end
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
    view(window).home_button.click()  # back to All setups; the data folder is read anew below
    again = make_window(qtbot, data_dir, clock)
    setup = again.store.entries()[0].setup
    assert len(setup.checks) == len(results)
    text = checklist_md.render(checklist.build(again.book, setup))
    assert "lyncdiscover" in text
