"""Hostile values, files and paths given to the real command line (issue 10, defects 7, 8, 9).

Each command gives a clear message and exit code 2 (or does its job), never a traceback; no
output file destroys a setup or is written in place; an import neither hangs nor overwrites.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.cli_helpers import REPO, headless_env, no_traceback, run_cli
from wizard.storage.document import Setup
from wizard.storage.secrets import SERVICE, SecretStore
from wizard.storage.store import EXPORT_FORMAT, SetupStore

POSIX = os.name != "nt"
#: A name with a lone surrogate, a newline and a bare CR: each crashed a command before.
HOSTILE_NAME = "Con\udcfftoso\nLtd\rInc"


def strict_env(home: Path) -> dict[str, str]:
    """stdout/stderr that refuse what they can't encode, as on many real consoles."""
    env = headless_env(home)
    env["PYTHONIOENCODING"] = "utf-8:strict"
    return env


def hostile_export(tmp_path: Path) -> Path:
    setup = Setup.new(HOSTILE_NAME)
    setup.values.update(
        {
            "deployment": "onprem",
            "sip_domains": ["contoso.com", "x\rcontoso.com"],
            "access_edge_fqdn": "sip.contoso.com\nEVIL:1",
            "pic_submitted_on": "2014-03-01",
            "dns_ttl": "²",
        }
    )
    doc = {"format": EXPORT_FORMAT, "setup": setup.to_dict()}
    path = tmp_path / "hostile.lsw.json"
    path.write_bytes(json.dumps(doc, ensure_ascii=True).encode())  # "\udcff" as a JSON escape
    return path


# -- Defect 7: lone surrogates, invalid bytes, odd digits, line breaks ------------------------------


def test_every_command_survives_a_hostile_client_name(tmp_path):
    data, env = tmp_path / "data", strict_env(tmp_path)
    result = run_cli(data, "import", str(hostile_export(tmp_path)), env=env)
    no_traceback(result)
    assert result.returncode == 0 and "Imported" in result.stdout
    setup_id = SetupStore(data).entries()[0].id

    result = run_cli(data, "list", env=env)
    no_traceback(result)
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1  # one setup, one line: no line break got through

    for args in (
        ["export", setup_id, "--out", str(tmp_path / "again.json")],
        ["checklist", setup_id, "--out", str(tmp_path / "c.md")],
        ["checklist", setup_id, "--out", str(tmp_path / "c.html")],
        ["checklist", setup_id, "--out", str(tmp_path / "c.pdf")],
        ["remind", setup_id, "--out", str(tmp_path / "r.ics")],
    ):
        result = run_cli(data, *args, env=env)
        no_traceback(result)
        assert result.returncode == 0, (args, result.stderr)
        assert Path(args[-1]).stat().st_size > 0

    exported = json.loads((tmp_path / "again.json").read_bytes())
    assert exported["setup"]["values"]["client_name"] == HOSTILE_NAME  # kept exactly, escaped
    ics = (tmp_path / "r.ics").read_bytes()
    assert ics.count(b"\r") == ics.count(b"\r\n")  # no bare CR reaches the calendar
    calendar = Calendar.from_ical(ics)
    for event in calendar.walk("VEVENT"):
        assert "\n" not in str(event["SUMMARY"]) and "\r" not in str(event["SUMMARY"])
        assert "\r" not in str(event["DESCRIPTION"])
        assert "EVIL" not in str(event["SUMMARY"])


def test_remind_with_a_newline_in_the_client_name(tmp_path, clock):
    data = tmp_path / "data"
    setup = Setup.new("Contoso\nLtd", clock=clock)
    setup.values.update({"deployment": "onprem", "pic_submitted_on": "2014-03-01"})
    SetupStore(data, clock=clock).save(setup)
    result = run_cli(data, "remind", setup.id, "--out", str(tmp_path / "r.ics"))
    no_traceback(result)
    assert result.returncode == 0
    events = Calendar.from_ical((tmp_path / "r.ics").read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]).split(":")[0] for e in events] == ["Contoso Ltd"] * 2


@pytest.mark.parametrize(
    ("assignment", "words"),
    [
        (b"client_name=\xff", "invalid character"),
        (b"client_name=Contoso\nLtd", "line break"),
        ("dns_ttl=²".encode(), "TTL"),
        (b"access_edge_fqdn=sip.contoso.com\nEVIL", "line break"),
        (b"admin_email=\xed\xa0\x80@contoso.com", "invalid character"),
    ],
)
def test_hostile_set_values_are_refused_with_a_message(tmp_path, assignment, words):
    if not POSIX:
        pytest.skip("bytes arguments are POSIX")
    out = tmp_path / "c.md"
    result = run_cli(
        tmp_path / "data",
        "checklist",
        "--deployment",
        "onprem",
        "--set",
        assignment,
        "--out",
        str(out),
        env=strict_env(tmp_path),
    )
    no_traceback(result)
    assert result.returncode == 2
    assert words in result.stderr and result.stderr.startswith("lync-skype-wizard checklist: ")
    assert not out.exists()


@pytest.mark.parametrize(
    "assignment",
    [
        b"sip_domains=\xff.com",
        b"access_edge_fqdn=sip.contoso.com\nEVIL",
        b"access_edge_fqdn=sip\rEVIL.contoso.com",
    ],
)
def test_check_refuses_hostile_set_values_with_a_message(tmp_path, assignment):
    if not POSIX:
        pytest.skip("bytes arguments are POSIX")
    args = ["check", "--deployment", "onprem", "--set", b"sip_domains=contoso.com"]
    result = run_cli(tmp_path / "data", *args, "--set", assignment, env=strict_env(tmp_path))
    no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.startswith("lync-skype-wizard check: ")
    assert "line break" in result.stderr or "invalid character" in result.stderr


def test_invalid_bytes_in_an_imported_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"schema_version": 1, "id": "abc123", "values": {"client_name": "\xff"}}')
    result = run_cli(tmp_path / "data", "import", str(bad))
    no_traceback(result)
    assert result.returncode == 2
    assert "not UTF-8 text" in result.stderr


# -- Defect 8: output files -----------------------------------------------------------------------


@pytest.fixture
def saved_setup(tmp_path, clock):
    data = tmp_path / "data"
    setup = Setup.new("Contoso", clock=clock)
    setup.values.update(
        {"deployment": "onprem", "sip_domains": ["contoso.com"], "pic_submitted_on": "2014-03-01"}
    )
    SetupStore(data, clock=clock).save(setup)
    return data, setup


def test_outputs_are_refused_inside_the_data_folder(saved_setup, tmp_path):
    data, setup = saved_setup
    own = data / "setups" / f"{setup.id}.json"
    before = own.read_bytes()
    for args in (
        ["remind", setup.id, "--out", str(own)],
        ["export", setup.id, "--out", str(own)],
        ["checklist", setup.id, "--out", str(data / "setups" / "c.md")],
        ["checklist", setup.id, "--out", str(data / "locks" / "c.pdf")],
        ["export", setup.id, "--out", str(data / "setups" / ".." / "locks" / "x.json")],
    ):
        result = run_cli(data, *args)
        no_traceback(result)
        assert result.returncode == 2, args
        assert "the app's own" in result.stderr and "somewhere else" in result.stderr
    assert own.read_bytes() == before
    assert sorted(p.name for p in (data / "setups").iterdir()) == [f"{setup.id}.json"]


def test_a_setup_file_elsewhere_is_not_overwritten_but_an_export_is(saved_setup, tmp_path):
    data, setup = saved_setup
    copy = tmp_path / "copy.json"
    copy.write_bytes((data / "setups" / f"{setup.id}.json").read_bytes())
    result = run_cli(data, "remind", setup.id, "--out", str(copy))
    assert result.returncode == 2 and "is a saved setup file" in result.stderr
    result = run_cli(data, "export", setup.id, "--out", str(copy))
    assert result.returncode == 2
    export = tmp_path / "e.json"
    for _ in range(2):  # exporting again over an export is fine
        result = run_cli(data, "export", setup.id, "--out", str(export))
        assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("name", ["c.md", "c.html", "c.pdf", "r.ics", "e.json"])
def test_outputs_never_follow_a_link(saved_setup, tmp_path, name):
    data, setup = saved_setup
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    link = tmp_path / name
    link.symlink_to(victim)
    command = {"r.ics": "remind", "e.json": "export"}.get(name, "checklist")
    result = run_cli(data, command, setup.id, "--out", str(link))
    no_traceback(result)
    assert result.returncode == 2 and "is a link" in result.stderr
    assert victim.read_bytes() == b"keep me" and link.is_symlink()


def fsize_limited(limit: int):
    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.skipif(not POSIX, reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("name", ["c.md", "c.html", "r.ics", "e.json"])
def test_a_failed_write_leaves_the_previous_output_whole(saved_setup, tmp_path, name):
    """A real failure (the file size limit, as a full disk would): the good file stays."""
    data, setup = saved_setup
    out = tmp_path / name
    out.write_bytes(b"the previous good output " * 10)
    command = {"r.ics": "remind", "e.json": "export"}.get(name, "checklist")
    argv = [sys.executable, "-m", "wizard", "--data-dir", str(data), command, setup.id]
    result = subprocess.run(
        [*argv, "--out", str(out)],
        cwd=REPO,
        env=headless_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=fsize_limited(300),
        check=False,
    )
    no_traceback(result)
    assert result.returncode != 0
    assert out.read_bytes() == b"the previous good output " * 10
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_only_outputs_with_secrets_are_owner_only(saved_setup, tmp_path, memory_keyring):
    data, setup = saved_setup
    old = os.umask(0o022)
    try:
        masked = tmp_path / "masked.html"
        shown = [tmp_path / f"shown.{ext}" for ext in ("html", "md", "pdf")]
        assert run_cli(data, "checklist", setup.id, "--out", str(masked)).returncode == 0
        for out in shown:
            result = run_cli(data, "checklist", setup.id, "--out", str(out), "--include-secrets")
            assert result.returncode == 0, result.stderr
        assert run_cli(data, "export", setup.id, "--out", str(tmp_path / "e.json")).returncode == 0
        assert run_cli(data, "remind", setup.id, "--out", str(tmp_path / "r.ics")).returncode == 0
    finally:
        os.umask(old)
    for out in shown:  # every format of a checklist that may show the agreement number
        assert stat.S_IMODE(out.stat().st_mode) == 0o600, out.name
    for path in (masked, tmp_path / "e.json", tmp_path / "r.ics"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # no secret in these


# -- Defect 9: import -----------------------------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="FIFOs are POSIX")
def test_importing_a_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = run_cli(tmp_path / "data", "import", str(fifo), timeout=60)
    no_traceback(result)
    assert result.returncode == 2
    assert "is not a file (it is a folder, a pipe or a device)" in result.stderr


@pytest.mark.parametrize("depth", [600, 100_000])
def test_deeply_nested_old_files_give_a_message(tmp_path, depth):
    nested = "[" * depth + "]" * depth
    raw = '{"schema_version": 0, "id": "abc123", "created_at": "2014-02-10T08:30:00+00:00",'
    raw += '"updated_at": "2014-02-10T08:30:00+00:00", "answers": {"x": ' + nested + "}}"
    path = tmp_path / "deep.json"
    path.write_text(raw, encoding="utf-8")
    result = run_cli(tmp_path / "data", "import", str(path))
    no_traceback(result)
    assert result.returncode == 2
    assert "deep.json is not a setup exported by this app" in result.stderr


def test_a_huge_file_is_named_as_too_large(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as fh:
        fh.write(b'{"schema_version": 1, "pad": "')
        fh.truncate(100 * 2**20)  # sparse: no 100 MB written to the disk
    result = run_cli(tmp_path / "data", "import", str(path))
    no_traceback(result)
    assert result.returncode == 2
    assert "huge.json is 105 MB; a setup file is a few kilobytes" in result.stderr


def test_a_byte_order_mark_is_accepted(saved_setup, tmp_path):
    data, setup = saved_setup
    export = tmp_path / "e.json"
    assert run_cli(data, "export", setup.id, "--out", str(export)).returncode == 0
    with_bom = tmp_path / "bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + export.read_bytes())  # as Notepad saves it
    result = run_cli(tmp_path / "other", "import", str(with_bom))
    no_traceback(result)
    assert result.returncode == 0 and "Imported “Contoso”" in result.stdout


def test_an_import_while_the_setup_is_held_does_not_write(saved_setup, tmp_path):
    data, setup = saved_setup
    export = tmp_path / "e.json"
    assert run_cli(data, "export", setup.id, "--out", str(export)).returncode == 0
    other = tmp_path / "other"
    lock = SetupStore(other).open_lock(setup.id)  # another import (or a window) is at it
    try:
        result = run_cli(other, "import", str(export))
    finally:
        lock.release()
    no_traceback(result)
    assert result.returncode == 2 and "was not imported" in result.stderr
    assert not (other / "setups" / f"{setup.id}.json").exists()


def test_two_imports_at_once_never_both_write(saved_setup, tmp_path):
    data, setup = saved_setup
    export = tmp_path / "e.json"
    assert run_cli(data, "export", setup.id, "--out", str(export)).returncode == 0
    for round_ in range(3):
        target = tmp_path / f"target{round_}"
        results: list[subprocess.CompletedProcess[str]] = []

        def import_into(folder: Path = target, done: list = results) -> None:
            done.append(run_cli(folder, "import", str(export)))

        threads = [threading.Thread(target=import_into) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(r.returncode for r in results)
        assert codes == [0, 2], [r.stderr for r in results]
        loser = next(r for r in results if r.returncode == 2)
        assert "already exists" in loser.stderr or "was not imported" in loser.stderr
        no_traceback(loser)


def test_a_plain_text_agreement_number_moves_to_the_keyring(tmp_path, clock, memory_keyring):
    old = json.loads((Path(__file__).parent / "fixtures" / "setup-v0.json").read_text())
    old["answers"]["agreement_number"] = "AB-1234"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")

    store = SetupStore(tmp_path / "data", clock=clock)
    setup = store.import_setup(path, secrets=SecretStore())
    assert store.moved_secrets == ["agreement_number"]
    assert memory_keyring.get_password(SERVICE, f"setup:{setup.id}/agreement_number") == "AB-1234"
    assert b"AB-1234" not in store.path_of(setup.id).read_bytes()

    # an old file already in the data folder: loading moves it, the next save drops it
    data2 = tmp_path / "data2"
    (data2 / "setups").mkdir(parents=True)
    (data2 / "setups" / f"{old['id']}.json").write_text(json.dumps(old), encoding="utf-8")
    store2 = SetupStore(data2, clock=clock)
    loaded = store2.load(old["id"])
    assert "agreement_number" not in loaded.values
    key = f"setup:{old['id']}/agreement_number"
    assert memory_keyring.get_password(SERVICE, key) == "AB-1234"
    store2.save(loaded)
    for file in (data2 / "setups").iterdir():
        assert b"AB-1234" not in file.read_bytes(), file.name
