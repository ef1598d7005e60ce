"""The handover pack: what unpacks from it, and the `handover` command's exits."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import dns.rdatatype
import dns.zone
import pypdf
import pytest

from tests import ps_rules
from tests.test_checklist_helpers import SECRET, clock, filled_setup
from wizard.content import playbook
from wizard.content.playbook import DEPLOYMENTS
from wizard.output import extras, handover
from wizard.storage.evidence import EvidenceStore
from wizard.storage.secrets import SecretStore
from wizard.storage.store import SetupStore

REPO = Path(__file__).resolve().parent.parent
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
WINDOWS_BAD = set('<>:"\\|?*')


def saved_onprem(tmp_path: Path, client: str = "Contoso Ltd"):
    book = playbook.load()
    store = SetupStore(tmp_path / "data", clock=clock)
    setup = filled_setup(book, "onprem", client=client)
    setup.values["agreement_number"] = SECRET  # even if it were in the values, it stays out
    store.save(setup)
    SecretStore().set(setup.id, "agreement_number", SECRET)
    return book, store, store.load(setup.id)


def unpack(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        return {info.filename: zf.read(info) for info in zf.infolist()}


def test_pack_of_a_filled_onprem_setup(qapp, tmp_path, memory_keyring):
    book, store, setup = saved_onprem(tmp_path)
    box = EvidenceStore.for_setup(store, setup.id)
    box.set_note("onprem-dns", "Records added by the DNS team")
    box.add("onprem-dns", "zone screenshot.png", PNG)
    secrets = SecretStore()
    files = handover.build_files(
        book,
        setup,
        clock=clock,
        secret=lambda fid: secrets.get(setup.id, fid),  # known to exist, printed masked
        **extras.evidence(store, setup.id),
    )
    out = handover.write(tmp_path / "pack.zip", files, clock)
    got = unpack(out)
    names = list(got)

    assert names[0] == "README.txt"
    readme = got["README.txt"].decode("utf-8")
    for name in names:  # the README says what each file is
        assert name in readme
    pdfs = [n for n in names if n.endswith(".pdf")]
    htmls = [n for n in names if n.endswith(".html")]
    assert pdfs == ["Checklist - Contoso Ltd - 2014-03-20.pdf"]
    assert htmls == ["Checklist - Contoso Ltd - 2014-03-20.html"]
    pdf_text = " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(got[pdfs[0]])).pages
    )
    assert "Contoso Ltd" in pdf_text and "Records added by the DNS team" in pdf_text
    assert "•••• (kept in the keyring)" in pdf_text  # the agreement number exists, masked
    assert "Contoso Ltd" in got[htmls[0]].decode("utf-8")
    assert "reminders.ics" in names and b"BEGIN:VCALENDAR" in got["reminders.ics"]
    assert "evidence/07 - zone screenshot.png" in names
    assert got["evidence/07 - zone screenshot.png"] == PNG

    # one script per step with PowerShell commands
    chk_steps = [
        s
        for s in handover.checklist.build(book, setup, clock=clock).steps
        if any(a.kind == "powershell" for a in s.artefacts)
    ]
    scripts = sorted(n for n in names if n.endswith(".ps1"))
    assert len(scripts) == len(chk_steps) >= 4
    assert all(n.startswith("scripts/") for n in scripts)
    for name, step in zip(scripts, chk_steps, strict=True):
        raw = got[name]
        assert raw.startswith(b"\xef\xbb\xbf"), name  # UTF-8 with BOM
        text = raw.decode("utf-8-sig")
        head = text.split("\r\n")[:6]
        assert "Contoso Ltd" in head[0] and step.title in head[0]
        assert any("Skype for Business Server 2015" in h for h in head)
        assert any("2014-03-20" in h for h in head)
        if ps_rules.parser_available():
            path = tmp_path / "s.ps1"
            path.write_bytes(raw)
            assert ps_rules.parse_with_powershell(str(path)) == [], name
        assert ps_rules.problems(text) == [], name
        changes = [ln for ln in text.splitlines() if ln.startswith(("Set-", "New-", "Remove-"))]
        if changes:
            assert handover.CHANGES_HEAD in text
            # every changing command sits under the CHANGES heading, after any read-only one
            for ln in changes:
                before = text[: text.index(ln)]
                assert before.rfind(handover.CHANGES_HEAD) > before.rfind(handover.READ_ONLY_HEAD)
        else:
            assert "This script only reads" in text

    # nothing secret anywhere in the pack
    for name, data in got.items():
        assert SECRET.encode() not in data, name

    # the zone snippets read back with dnspython's zone parser
    zones = {n: got[n].decode() for n in names if n.endswith(".zone")}
    assert set(zones) == {"dns/contoso.com.zone", "dns/fabrikam.com.zone"}
    found = set()
    for name, text in zones.items():
        origin = name[len("dns/") : -len(".zone")] + "."
        zone = dns.zone.from_text(text, origin=origin, relativize=False, check_origin=False)
        for owner, rdataset in zone.iterate_rdatasets():
            for rd in rdataset:
                found.add((owner.to_text(), dns.rdatatype.to_text(rdataset.rdtype), rd.to_text()))
    assert found == {
        ("_sipfederationtls._tcp.contoso.com.", "SRV", "0 0 5061 sip.contoso.com."),
        # C7 (issue 9): the second domain points at its own name, with an A record for it
        ("_sipfederationtls._tcp.fabrikam.com.", "SRV", "0 0 5061 sip.fabrikam.com."),
        ("sip.contoso.com.", "A", "203.0.113.10"),
        ("sip.fabrikam.com.", "A", "203.0.113.10"),
    }
    rows = list(csv.DictReader(io.StringIO(got["dns/records.csv"].decode("utf-8"))))
    srv = [r for r in rows if r["Type"] == "SRV" and r["Zone"] == "contoso.com"]
    assert srv == [
        {
            "Zone": "contoso.com",
            "Type": "SRV",
            "Host": "_sipfederationtls._tcp",
            "Name": "_sipfederationtls._tcp.contoso.com",
            "TTL": "3600",
            "Priority": "0",
            "Weight": "0",
            "Port": "5061",
            "Target": "sip.contoso.com",
            "Service": "_sipfederationtls",
            "Protocol": "_tcp",
        }
    ]


def test_names_in_the_archive_are_safe_everywhere(qapp, tmp_path, memory_keyring):
    book, store, setup = saved_onprem(tmp_path, client='CON: A/B <"x"> | y?*.')
    box = EvidenceStore.for_setup(store, setup.id)
    box.add("onprem-dns", "aux.txt", b"note")
    box.add("onprem-dns", "aux.txt", b"another")
    files = handover.build_files(book, setup, clock=clock, **extras.evidence(store, setup.id))
    names = [f.name for f in files]
    assert len({n.lower() for n in names}) == len(names)  # no clash on case-blind systems
    for name in names:
        for part in name.split("/"):
            assert not (set(part) & WINDOWS_BAD), name
            assert part == part.strip(" .") and part, name
            assert part.split(".")[0].lower() not in {"con", "prn", "aux", "nul"}, name
            assert len(part) <= 100


def test_placeholder_commands_are_commented_out():
    body = handover.script_body(
        "Get-CsTenant\nGrant-CsExternalAccessPolicy -Identity <Users to change> -PolicyName X"
    )
    text = "\n".join(body)
    assert ps_rules.problems(text) == []
    assert "# Grant-CsExternalAccessPolicy -Identity <Users to change>" in text
    assert "# Fill in <Users to change>" in text
    assert body.index(handover.READ_ONLY_HEAD) < body.index(handover.CHANGES_HEAD)


def test_read_only_is_decided_by_every_command_in_the_pipeline():
    assert handover._is_read_only("Get-CsX | Where-Object { $_.A -eq 'Set-Thing' } | Format-List")
    assert not handover._is_read_only("Get-CsPublicProvider | Remove-CsPublicProvider")
    assert handover._is_read_only("nslookup -type=SRV _sipfederationtls._tcp.contoso.com")


@pytest.mark.parametrize(
    ("script", "ok"),
    [
        ("Write-Host 'it''s fine'", True),
        ('Write-Host "say `"hi`" and ""yo"""', True),
        ("Get-X | Where-Object { ($_.A -eq 1) -and $_.B[0] }", True),
        ("New-Thing -A 1 `\n  -B 2", True),
        ("# a comment with ' and {\nGet-X", True),
        ("<# block ' { #>\nGet-X", True),
        ("Write-Host 'never ends", False),
        ("Write-Host 'it's'", False),
        ('Write-Host "a`"', False),
        ("Get-X | Where-Object { $_.A ", False),
        ("Get-X )", False),
        ("Get-X ( ]", False),
        ("Grant-X -Identity <Users>", False),
        ("New-Thing -A 1 ` \n  -B 2", False),
        ("<# never closed", False),
    ],
)
def test_powershell_rules_catch_what_breaks_a_script(script, ok):
    assert (ps_rules.problems(script) == []) is ok, ps_rules.problems(script)


def test_safe_name():
    assert handover.safe_name('a<b>:c"d/e\\f|g?h*') == "a_b__c_d_e_f_g_h_"
    assert handover.safe_name("CON") == "_CON"
    assert handover.safe_name("lpt1.txt") == "_lpt1.txt"
    assert handover.safe_name(" . ") == "file"
    long = handover.safe_name("x" * 200 + ".png")
    assert len(long) <= 80 and long.endswith(".png")


# -- the command ------------------------------------------------------------------------------------


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "wizard", "--data-dir", str(tmp_path / "data"), "handover", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_command_writes_the_pack_and_refuses_to_overwrite(tmp_path, memory_keyring):
    _, _, setup = saved_onprem(tmp_path)
    out = tmp_path / "pack.zip"
    r = run_cli(tmp_path, "contoso ltd", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "Wrote" in r.stdout
    assert "README.txt" in unpack(out)

    before = out.read_bytes()
    r = run_cli(tmp_path, setup.id, "--out", str(out))
    assert r.returncode == 2 and "--force" in r.stderr
    assert out.read_bytes() == before
    r = run_cli(tmp_path, setup.id, "--out", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pack.zip")]  # no temp left


def handover_main(tmp_path: Path, setup: str, out: Path) -> int:
    from wizard import cli

    return cli.main(["--data-dir", str(tmp_path / "data"), "handover", setup, "--out", str(out)])


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/pack.zip", "does not exist"),
        ("pack.txt", ".zip"),
        ("folder.zip", "is a folder"),
    ],
)
def test_command_usage_errors_exit_2(tmp_path, capsys, target, message):
    saved_onprem(tmp_path)
    (tmp_path / "folder.zip").mkdir()
    assert handover_main(tmp_path, "Contoso Ltd", tmp_path / target) == 2
    assert message in capsys.readouterr().err


def test_command_bad_setup_exits_2(tmp_path, capsys):
    assert handover_main(tmp_path, "nobody", tmp_path / "p.zip") == 2
    assert "nobody" in capsys.readouterr().err
    assert not (tmp_path / "p.zip").exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc (Linux)")
def test_command_unwritable_place_exits_2(tmp_path, capsys):
    """/proc can't hold files, even for root: the write fails and is reported."""
    saved_onprem(tmp_path)
    assert handover_main(tmp_path, "Contoso Ltd", Path("/proc/pack.zip")) == 2
    err = capsys.readouterr().err
    assert "can't write" in err or "could not write" in err


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root can write anywhere")
def test_command_unwritable_folder_exits_2(tmp_path, capsys):
    saved_onprem(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code = handover_main(tmp_path, "Contoso Ltd", locked / "p.zip")
    finally:
        locked.chmod(0o700)
    assert code == 2 and "can't write" in capsys.readouterr().err


@pytest.mark.parametrize("filled", [True, False], ids=["filled", "new"])
@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_every_branchs_scripts_pass_the_rules(deployment, filled):
    """Filled in, or just started (every value still a <placeholder>): each script parses."""
    from wizard.output import checklist
    from wizard.storage.document import Setup

    book = playbook.load()
    if filled:
        setup = filled_setup(book, deployment)
    else:
        setup = Setup.new("New client", clock=clock)
        setup.values["deployment"] = deployment
    scripts = handover.powershell_scripts(checklist.build(book, setup, clock=clock))
    for f in scripts:
        text = f.data.decode("utf-8-sig")
        assert ps_rules.problems(text) == [], (f.name, ps_rules.problems(text))
        assert text.startswith("# New client" if not filled else "# Contoso Ltd")
