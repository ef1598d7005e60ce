"""`lync-skype-wizard check` against a loopback DNS server and a loopback Access Edge."""

# The loopback fixtures are imported by name and used as test arguments (pytest's way of sharing
# fixtures without conftest.py), which F811 would flag on every test.
from __future__ import annotations

import json

import pytest

from tests.checks_fixtures import (
    DOMAIN,
    EDGE,
    good_o365_zone,
    good_onprem_zone,
)
from wizard.cli import main
from wizard.storage.document import Setup
from wizard.storage.store import SetupStore


def onprem_args(ns: str, *extra: str) -> list[str]:
    return [
        "check",
        "--deployment",
        "onprem",
        "--set",
        f"sip_domains={DOMAIN}",
        "--set",
        f"access_edge_fqdn={EDGE}",
        "--nameserver",
        ns,
        "--timeout",
        "0.5",
        *extra,
    ]


def test_all_pass_exit_0(fake_dns, tls_server, edge_ca_file, capsys):
    edge = tls_server("good")
    fake_dns.zone.update(good_onprem_zone())
    code = main(
        onprem_args(fake_dns.nameserver, "--port", str(edge.port), "--cafile", edge_ca_file)
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 0, out
    assert len(out) == 7
    assert all(line.startswith("PASS  ") for line in out)
    assert out[0] == (
        f"PASS  Federation SRV record for {DOMAIN} — _sipfederationtls._tcp.{DOMAIN} points to "
        f"{EDGE} on port 5061."
    )


def test_warning_alone_exits_0(fake_dns, tls_server, edge_ca_file, capsys):
    edge = tls_server("expiring")
    fake_dns.zone.update(good_onprem_zone())
    code = main(
        onprem_args(fake_dns.nameserver, "--port", str(edge.port), "--cafile", edge_ca_file)
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "WARN  Certificate validity dates — The certificate expires on" in out
    assert "Renew it now" in out


def test_failure_exits_1(fake_dns, tls_server, capsys):
    edge = tls_server("self-signed")
    fake_dns.zone.update(good_onprem_zone())
    code = main(onprem_args(fake_dns.nameserver, "--port", str(edge.port)))
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL  Certificate issued by a trusted CA — The certificate is self-signed" in out


def test_refused_port_exits_3(fake_dns, closed_port, capsys):
    fake_dns.zone.update(good_onprem_zone())
    code = main(onprem_args(fake_dns.nameserver, "--port", str(closed_port)))
    out = capsys.readouterr().out
    assert code == 3
    assert "COULDN'T CHECK  TLS on port" in out
    assert "refused the connection" in out
    assert "FAIL" not in out


def test_json_output(fake_dns, capsys):
    fake_dns.zone.update(good_o365_zone())
    code = main(
        [
            "check",
            "--deployment",
            "o365-sbp",
            "--set",
            f"sip_domains={DOMAIN}",
            "--nameserver",
            fake_dns.nameserver,
            "--json",
        ]
    )
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["status"] for r in doc] == ["pass"] * 4
    assert set(doc[0]) == {"id", "title", "status", "found", "action", "server", "at", "step"}
    assert doc[0]["server"] == fake_dns.nameserver


def test_dns_timeout_exits_3_couldnt_check_not_failed(silent_dns, capsys):
    code = main(onprem_args(silent_dns))
    out = capsys.readouterr().out
    assert code == 3
    assert "did not answer within 0.5 seconds" in out
    assert "FAIL" not in out
    assert all(line.startswith("COULDN'T CHECK  ") for line in out.splitlines())


def test_a_fail_outranks_couldnt_check(fake_dns, capsys):
    # the SRV record is missing (Fail); the Edge's port is then never tried (couldn't check)
    code = main(onprem_args(fake_dns.nameserver))
    out = capsys.readouterr().out
    assert "FAIL  Federation SRV record" in out
    assert "COULDN'T CHECK  TLS on port" in out
    assert code == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check"], "name a saved SETUP"),
        (["check", "nobody"], "no saved setup"),
        (["check", "--deployment", "cloud", "--set", "sip_domains=a.test"], "unknown deployment"),
        (["check", "--deployment", "onprem", "--set", "colour=red"], "unknown field 'colour'"),
        (["check", "--deployment", "onprem", "--set", "sip_domains"], "FIELD=VALUE"),
        (["check", "--deployment", "onprem"], "no SIP domains"),
        (["check", "--deployment", "onprem", "--set", "sip_domains=not a domain!"], "sip_domains"),
        (
            [
                "check",
                "--deployment",
                "onprem",
                "--set",
                "sip_domains=a.test",
                "--set",
                "access_edge_fqdn=*.a.test",
            ],
            "wildcard",
        ),
        (
            [
                "check",
                "--deployment",
                "onprem",
                "--set",
                "sip_domains=a.test",
                "--set",
                "edge_public_ip=300.1.1.1",
            ],
            "edge_public_ip",
        ),
        (
            [
                "check",
                "--deployment",
                "o365-sbp",
                "--set",
                "sip_domains=a.test",
                "--nameserver",
                "dns.example.test",
            ],
            "--nameserver",
        ),
        (
            ["check", "--deployment", "o365-sbp", "--set", "sip_domains=a.test", "--timeout", "0"],
            "--timeout",
        ),
        (
            [
                "check",
                "--deployment",
                "o365-sbp",
                "--set",
                "sip_domains=a.test",
                "--cafile",
                "/nonexistent/ca.pem",
            ],
            "--cafile",
        ),
        (["check", "x", "--deployment", "onprem"], "not both"),
    ],
)
def test_bad_arguments_exit_2(argv, message, data_dir, capsys):
    code = main(["--data-dir", str(data_dir), *argv])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert err.startswith("lync-skype-wizard check: ")


def test_saved_setup_is_checked_and_results_saved(fake_dns, data_dir, capsys):
    store = SetupStore(data_dir)
    setup = Setup.new("Contoso")
    setup.values.update({"deployment": "o365-enterprise", "sip_domains": [DOMAIN]})
    store.save(setup)
    zone = good_o365_zone()
    del zone[f"lyncdiscover.{DOMAIN}"]
    fake_dns.zone.update(zone)
    code = main(
        ["--data-dir", str(data_dir), "check", "contoso", "--nameserver", fake_dns.nameserver]
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [line[:4] for line in out] == ["PASS", "PASS", "PASS", "FAIL"]
    saved = store.load(setup.id).checks
    assert [c["status"] for c in saved] == ["pass", "pass", "pass", "fail"]
    assert saved[3]["id"] == f"o365-cname-lyncdiscover:{DOMAIN}"


def test_saved_setup_without_deployment_exit_2(data_dir, capsys):
    store = SetupStore(data_dir)
    setup = Setup.new("Fabrikam")
    store.save(setup)
    assert main(["--data-dir", str(data_dir), "check", setup.id]) == 2
    assert "no deployment type" in capsys.readouterr().err


# -- The setup's lock (issue 10, defect 4) ----------------------------------------------------------


def test_check_refuses_a_setup_open_in_the_window(fake_dns, data_dir, tmp_path):
    """The window holds the lock (a real one); the command, a real second process, neither runs
    nor writes: the window's edits can't be undone and its results can't be wiped."""
    from tests.cli_helpers import no_traceback, run_cli

    store = SetupStore(data_dir)
    setup = Setup.new("Contoso")
    setup.values.update({"deployment": "o365-enterprise", "sip_domains": [DOMAIN]})
    store.save(setup)
    fake_dns.zone.update(good_o365_zone())
    window = SetupStore(data_dir)
    lock = window.open_lock(setup.id)
    before = store.path_of(setup.id).read_bytes()

    result = run_cli(data_dir, "check", setup.id, "--nameserver", fake_dns.nameserver)
    no_traceback(result)
    assert result.returncode == 2
    assert "“Contoso” is open in another window" in result.stderr
    assert "close the setup and run this command again" in result.stderr
    assert result.stdout == ""  # no check ran
    assert store.path_of(setup.id).read_bytes() == before

    lock.release()  # the window closes the setup: now the command runs and saves
    result = run_cli(data_dir, "check", setup.id, "--nameserver", fake_dns.nameserver)
    assert result.returncode == 0, result.stderr
    assert [c["status"] for c in SetupStore(data_dir).load(setup.id).checks] == ["pass"] * 4


def test_check_holds_the_lock_while_it_runs(fake_dns, data_dir):
    """While the command checks and saves, the window can't take the setup."""
    from wizard.storage.store import SetupLocked

    store = SetupStore(data_dir)
    setup = Setup.new("Contoso")
    setup.values.update({"deployment": "o365-enterprise", "sip_domains": [DOMAIN]})
    store.save(setup)
    seen: list[str] = []
    real_resolve = fake_dns.resolver.resolve

    def resolve_and_probe(request, handler):  # runs in the DNS server's thread, mid-command
        try:
            SetupStore(data_dir).open_lock(setup.id).release()
            seen.append("free")
        except SetupLocked:
            seen.append("locked")
        return real_resolve(request, handler)

    fake_dns.zone.update(good_o365_zone())
    fake_dns.resolver.resolve = resolve_and_probe  # the test server, not the command under test
    argv = ["--data-dir", str(data_dir), "check", setup.id, "--nameserver", fake_dns.nameserver]
    assert main(argv) == 0
    assert seen and set(seen) == {"locked"}
    SetupStore(data_dir).open_lock(setup.id).release()  # and released afterwards
