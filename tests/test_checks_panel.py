"""The live-check panel: runs on a worker thread against loopback servers, stays responsive, cancels."""

# The loopback fixtures are imported by name and used as test arguments (pytest's way of sharing
# fixtures without conftest.py), which F811 would flag on every test.
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget

from tests.checks_fixtures import (
    DOMAIN,
    EDGE,
    good_o365_zone,
    good_onprem_zone,
)
from wizard.checks import local_time, plan
from wizard.pages.checks_panel import ChecksPanel

ONPREM = {"deployment": "onprem", "sip_domains": [DOMAIN], "access_edge_fqdn": EDGE}
WAIT_MS = 10_000


def make_panel(qtbot, values, **kw) -> ChecksPanel:
    kw.setdefault("timeout", 0.5)
    panel = ChecksPanel(lambda: values, **kw)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def texts(panel: ChecksPanel) -> list[str]:
    view = panel.results_view
    return [view.item(i).text() for i in range(view.count())]


def test_runs_checks_and_shows_results(qtbot, fake_dns, tls_server, edge_ca_file):
    edge = tls_server("good")
    fake_dns.zone.update(good_onprem_zone())
    panel = make_panel(qtbot, ONPREM, tls_port=edge.port, trust_cafile=edge_ca_file)
    panel.nameserver_edit.setText(fake_dns.nameserver)
    added: list[dict] = []
    panel.result_added.connect(added.append)

    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as blocker:
        panel.check_button.click()
        assert panel.running
        assert not panel.check_button.isEnabled()
        assert panel.cancel_button.isEnabled()
        assert texts(panel)[0] == f"Pending: Federation SRV record for {DOMAIN}"

    results = blocker.args[0]
    assert [r["id"] for r in results] == [p.id for p in plan(ONPREM, tls_port=edge.port)]
    assert {r["status"] for r in results} == {"pass"}
    assert added == results == panel.results
    shown = texts(panel)
    checked = local_time(results[0]["at"])
    assert checked  # every result carries the time it was checked, shown with it
    assert shown[0] == (
        f"Pass: Federation SRV record for {DOMAIN}\n_sipfederationtls._tcp.{DOMAIN} points to "
        f"{EDGE} on port 5061.\nChecked {checked} · {fake_dns.nameserver}"
    )
    assert all(t.startswith("Pass: ") for t in shown)
    assert all("\nChecked " in t for t in shown)
    assert all(not panel.results_view.item(i).icon().isNull() for i in range(len(shown)))
    last = local_time(results[-1]["at"])
    assert panel.status_label.text().startswith(
        f"Done, on {last}: 7 passed, 0 with a warning, 0 failed."
    )
    assert fake_dns.nameserver in panel.status_label.text()
    assert panel.check_button.isEnabled()
    assert not panel.cancel_button.isEnabled()
    assert not panel.running


def test_failures_show_word_icon_and_action(qtbot, fake_dns):
    fake_dns.zone.update({f"sip.{DOMAIN}": [good_o365_zone()[f"sip.{DOMAIN}"][0]]})
    values = {"deployment": "o365-enterprise", "sip_domains": [DOMAIN]}
    panel = make_panel(qtbot, values, nameserver=fake_dns.nameserver)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        assert panel.start()
    shown = texts(panel)
    assert [t.split(":")[0] for t in shown] == ["Fail", "Fail", "Pass", "Fail"]
    assert "\nWhat to do: At your DNS host, create the SRV record" in shown[0]
    fail_icon = panel.style().standardIcon(panel.style().StandardPixmap.SP_MessageBoxCritical)
    assert panel.results_view.item(0).icon().pixmap(16).toImage() == fail_icon.pixmap(16).toImage()


def test_window_stays_responsive_during_a_slow_check(qtbot, fake_dns, silent_tcp_port):
    """The TLS port never answers: while the worker waits for it, the GUI thread keeps running."""
    fake_dns.zone.update(good_onprem_zone())
    panel = make_panel(
        qtbot, ONPREM, tls_port=silent_tcp_port, timeout=1.0, nameserver=fake_dns.nameserver
    )
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    ticks_at: dict[str, int] = {}
    panel.result_added.connect(lambda r: ticks_at.__setitem__(r["id"], len(ticks)))
    timer.start()
    try:
        with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as blocker:
            panel.check_button.click()
    finally:
        timer.stop()
    assert [r["id"] for r in blocker.args[0]][-1] == "edge-port"
    # ~1 s spent waiting for the silent port: the timer kept firing meanwhile
    assert ticks_at["edge-port"] - ticks_at["edge-a"] >= 10
    assert "did not answer within 1 second" in blocker.args[0][-1]["found"]
    assert blocker.args[0][-1]["status"] == "unknown"
    not_checked = [t for t in texts(panel) if t.startswith("Not checked: ")]
    assert len(not_checked) == 4  # the certificate checks: no certificate could be read


def test_cancel_stops_the_run(qtbot, fake_dns):
    fake_dns.zone.update(good_o365_zone("a.test"))
    fake_dns.resolver.delay = 0.2  # every answer takes 0.2 s: the run would take 2.4 s
    values = {"deployment": "o365-sbp", "sip_domains": ["a.test", "b.test", "c.test"]}
    panel = make_panel(qtbot, values, timeout=1.0, nameserver=fake_dns.nameserver)
    planned = plan(values)
    # Cancel as soon as the first result reaches the GUI; the worker is then in the 2nd check.
    panel.result_added.connect(lambda _r: panel.cancel_button.click())
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as blocker:
        panel.check_button.click()
    results = blocker.args[0]
    assert 1 <= len(results) <= 2 < len(planned)
    assert len(fake_dns.resolver.questions) == len(results)
    assert panel.cancelled
    assert panel.status_label.text() == f"Cancelled after {len(results)} of {len(planned)} checks."
    shown = texts(panel)
    assert sum(t.startswith("Not checked (cancelled): ") for t in shown) == len(planned) - len(
        results
    )
    assert panel.check_button.isEnabled()
    assert not panel.cancel_button.isEnabled()


def test_bad_nameserver_is_reported_and_nothing_runs(qtbot):
    panel = make_panel(qtbot, ONPREM)
    panel.nameserver_edit.setText("dns.example.test")
    with qtbot.assertNotEmitted(panel.started):
        panel.check_button.click()
    assert "not a DNS server address" in panel.status_label.text()
    assert not panel.running


def test_missing_deployment_or_domains(qtbot):
    values: dict = {"sip_domains": [DOMAIN]}
    panel = make_panel(qtbot, values)
    assert panel.start() is False
    assert "deployment type" in panel.status_label.text()
    values.update({"deployment": "onprem", "sip_domains": []})
    assert panel.start() is False
    assert "SIP domain" in panel.status_label.text()
    assert not panel.running


def test_show_saved_results_as_plain_text(qtbot):
    panel = make_panel(qtbot, ONPREM)
    saved = [
        {
            "id": "a",
            "title": "T1",
            "status": "pass",
            "found": "<b>Fine</b>.",
            "action": "",
            "server": "127.0.0.1:53",
            "at": "2014-03-03T09:00:00+00:00",
        },
        {
            "id": "b",
            "title": "T2",
            "status": "warning",
            "found": "Hm.",
            "action": "Look.",
            "server": "",
            "at": "",
        },
        {"id": "c", "title": "broken", "status": "maybe"},
        "not a result",
    ]
    panel.show_results(saved)
    when = local_time("2014-03-03T09:00:00+00:00")
    assert texts(panel) == [
        f"Pass: T1\n<b>Fine</b>.\nChecked {when} · 127.0.0.1:53",
        "Warning: T2\nHm.\nWhat to do: Look.",
    ]
    assert len(panel.results) == 2
    assert panel.status_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.status_label.text().startswith(
        f"Last check, on {when}: 1 passed, 1 with a warning, 0 failed."
    )


def test_couldnt_check_is_neutral_and_says_what_to_try(qtbot, silent_dns):
    values = {"deployment": "o365-sbp", "sip_domains": [DOMAIN]}
    panel = make_panel(qtbot, values, nameserver=silent_dns)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as blocker:
        assert panel.start()
    assert {r["status"] for r in blocker.args[0]} == {"unknown"}
    shown = texts(panel)
    assert all(t.startswith("Couldn't check: ") for t in shown)
    assert not any("Fail" in t for t in shown)
    assert "\nWhat to try: You may be offline" in shown[0]
    style = panel.style()
    neutral = style.standardIcon(style.StandardPixmap.SP_MessageBoxQuestion).pixmap(16).toImage()
    fail = style.standardIcon(style.StandardPixmap.SP_MessageBoxCritical).pixmap(16).toImage()
    icon = panel.results_view.item(0).icon().pixmap(16).toImage()
    assert icon == neutral and icon != fail
    assert "0 failed, 4 couldn't be checked." in panel.status_label.text()


def test_results_saved_on_another_step_say_where_and_when(qtbot):
    titles = {"onprem-dns": "DNS records", "onprem-verify": "Verify"}
    panel = make_panel(qtbot, ONPREM, step_id="onprem-verify", step_title=titles.__getitem__)
    at = "2014-03-03T09:00:00+00:00"
    saved = [
        {
            "id": "a",
            "title": "T1",
            "status": "unknown",
            "found": "No answer.",
            "at": at,
            "step": "onprem-dns",
            "action": "Try again.",
        },
    ]
    panel.show_results(saved)
    when = local_time(at)
    assert texts(panel) == [
        f"Couldn't check: T1\nNo answer.\nWhat to try: Try again.\nChecked {when} · on the step "
        "“DNS records”"
    ]
    assert panel.status_label.text().startswith(
        f"Last check, made on the step “DNS records” on {when}: 0 passed"
    )
    # On the step that ran them, the time alone is added.
    panel.step_id = "onprem-dns"
    panel.show_results(saved)
    assert texts(panel)[0].endswith(f"Checked {when}")


def test_every_focusable_widget_has_an_accessible_name(qtbot):
    panel = make_panel(qtbot, ONPREM)
    focusable = [
        w for w in panel.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert panel.nameserver_edit in focusable
    assert panel.check_button in focusable
    assert [w for w in focusable if not w.accessibleName()] == []
    assert panel.nameserver_label.buddy() is panel.nameserver_edit
