"""The headless subcommands around saved setups: list, remind, export, import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from wizard import cli
from wizard.storage.document import Setup
from wizard.storage.store import EXPORT_FORMAT, SetupStore


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def saved(data_dir: Path, clock, name: str, **values) -> Setup:
    setup = Setup.new(name, clock=clock)
    setup.values.update(values)
    SetupStore(data_dir, clock=clock).save(setup)
    return setup


def onprem(data_dir, clock, name="Contoso", **extra) -> Setup:
    values = {
        "deployment": "onprem",
        "sip_domains": ["contoso.com"],
        "pic_submitted_on": "2014-03-01",
    }
    values.update(extra)
    return saved(data_dir, clock, name, **values)


def test_list_empty_folder(capsys, data_dir):
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "list")
    assert code == 0
    assert "No saved setups" in out and str(data_dir) in out


def test_list_shows_every_setup_and_damaged_files(capsys, data_dir, clock):
    a = onprem(data_dir, clock, "Contoso")
    clock.advance(days=1)
    b = saved(data_dir, clock, "Fabrikam")
    broken = data_dir / "setups" / "deadbeef0001.json"
    broken.write_text('{"schema_version": 1, "id": "deadbeef0001", "valu', encoding="utf-8")

    code, out, err = run(capsys, "--data-dir", str(data_dir), "list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    first, second, damaged = (line.split("\t") for line in lines)
    assert first[:3] == [b.id, "Fabrikam", "-"]
    assert first[4] == "Deployment type not chosen yet"
    assert second[:3] == [a.id, "Contoso", "onprem"]
    assert second[3].endswith(" steps") and " of " in second[3]
    assert second[4].startswith("Waiting for activation")
    assert damaged[0] == "deadbeef0001" and "could not be read" in damaged[2]
    assert "damaged-" in err  # the notice tells where the file went


def test_list_uses_the_environment_data_dir(capsys, data_dir, clock, monkeypatch):
    saved(data_dir, clock, "From env")
    monkeypatch.setenv("LYNC_SKYPE_WIZARD_DATA_DIR", str(data_dir))
    code, out, _ = run(capsys, "list")
    assert code == 0 and "From env" in out


def test_remind_writes_an_ics(capsys, data_dir, clock, tmp_path):
    setup = onprem(data_dir, clock, "Contoso")
    out_file = tmp_path / "reminders.ics"
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "remind", "contoso", "--out", str(out_file)
    )
    assert code == 0, err
    assert "2014-03-03" in out and "2014-03-31" in out
    cal = Calendar.from_ical(out_file.read_bytes())
    assert len(cal.events) == 2
    assert all(setup.id in str(e["UID"]) for e in cal.events)


def test_remind_unknown_setup_or_no_date(capsys, data_dir, clock, tmp_path):
    out_file = tmp_path / "r.ics"
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "remind", "nobody", "--out", str(out_file)
    )
    assert code == 2 and "nobody" in err and out == ""
    saved(data_dir, clock, "No date yet", deployment="onprem")
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "remind", "No date yet", "--out", str(out_file)
    )
    assert code == 2 and "submitted" in err
    assert not out_file.exists()


def test_export_then_import_elsewhere(capsys, data_dir, clock, tmp_path):
    setup = onprem(data_dir, clock, "Contoso")
    export = tmp_path / "contoso.json"
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "export", setup.id, "--out", str(export)
    )
    assert code == 0, err
    assert json.loads(export.read_bytes())["format"] == EXPORT_FORMAT

    elsewhere = tmp_path / "elsewhere"
    code, out, err = run(capsys, "--data-dir", str(elsewhere), "import", str(export))
    assert code == 0, err
    assert setup.id in out
    assert SetupStore(elsewhere).load(setup.id).client_name == "Contoso"


def test_export_unknown_setup(capsys, data_dir, tmp_path):
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "export", "nobody", "--out", str(tmp_path / "x")
    )
    assert code == 2 and "nobody" in err


def test_import_of_an_existing_setup_needs_a_choice(capsys, data_dir, clock, tmp_path):
    setup = onprem(data_dir, clock, "Contoso")
    export = tmp_path / "contoso.json"
    assert cli.main(["--data-dir", str(data_dir), "export", setup.id, "--out", str(export)]) == 0
    capsys.readouterr()

    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(export))
    assert code == 2
    assert "--replace" in err and "--keep-both" in err

    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(export), "--keep-both")
    assert code == 0, err
    assert len(SetupStore(data_dir).entries()) == 2

    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(export), "--replace")
    assert code == 0, err
    assert setup.id in out
    assert len(SetupStore(data_dir).entries()) == 2

    with pytest.raises(SystemExit) as info:
        cli.main(["--data-dir", str(data_dir), "import", str(export), "--replace", "--keep-both"])
    assert info.value.code == 2


def test_import_of_a_foreign_file(capsys, data_dir, tmp_path):
    junk = tmp_path / "notes.json"
    junk.write_text('{"hello": 1}', encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(junk))
    assert code == 2 and "not a setup exported by this app" in err
