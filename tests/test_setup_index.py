"""The setup index lists what is in the files, never what it remembers: changes behind the app's
back, a damaged index and a process killed while saving all show correctly at the next start."""

from __future__ import annotations

import datetime as _dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.children import ready_child
from tests.gui_helpers import make_window
from wizard.content import listing, playbook
from wizard.storage.document import Setup
from wizard.storage.index import INDEX_NAME
from wizard.storage.store import SetupStore

CHILD = Path(__file__).with_name("crash_child.py")


def _store(data_dir, clock=None) -> SetupStore:
    store = SetupStore(data_dir, clock=clock) if clock else SetupStore(data_dir)
    listing.attach(store, playbook.load)
    return store


def _today() -> _dt.date:
    return _dt.date(2014, 3, 10)


def _fresh(data_dir) -> tuple[list[listing.Row], int]:
    store = SetupStore(data_dir)
    rows = listing.rows(store, playbook.load, _today())
    return rows, store.index.last_reads


def _saved(data_dir, *names: str) -> list[Setup]:
    store = _store(data_dir)
    out = []
    for name in names:
        setup = Setup.new(name)
        setup.values.update({"deployment": "onprem", "sip_domains": [f"{name.lower()}.com"]})
        store.save(setup)
        out.append(setup)
    return out


def test_a_trusted_index_lists_without_reading_any_setup_file(data_dir):
    _saved(data_dir, "Contoso", "Fabrikam")
    rows, reads = _fresh(data_dir)
    assert sorted(r.client for r in rows) == ["Contoso", "Fabrikam"]
    assert reads == 0
    assert {r.deployment for r in rows} == {"Lync Server (on-premises)"}
    assert all(r.progress.endswith("steps") for r in rows)


def test_changes_behind_the_apps_back_show_at_the_next_start(data_dir):
    contoso, fabrikam, tailspin = _saved(data_dir, "Contoso", "Fabrikam", "Tailspin")
    _fresh(data_dir)
    folder = data_dir / "setups"
    # Another process renames Contoso (a plain store, knowing nothing of the summary).
    other = SetupStore(data_dir)
    other.index.write = lambda: None  # type: ignore[method-assign]  # its index write is lost
    other.rename(contoso.id, "Contoso Group")
    # A file copied in from another PC.
    copied = Setup.new("Woodgrove")
    copied.values["deployment"] = "o365-sbp"
    SetupStore(data_dir / "elsewhere").save(copied)
    copied_file = data_dir / "elsewhere" / "setups" / f"{copied.id}.json"
    os.replace(copied_file, folder / copied_file.name)
    # One removed by hand, one edited by hand (same length, mtime kept: only the inode differs).
    (folder / f"{fabrikam.id}.json").unlink()
    path = folder / f"{tailspin.id}.json"
    st = path.stat()
    text = path.read_text(encoding="utf-8").replace("Tailspin", "Tailspun")
    path.unlink()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))

    rows, reads = _fresh(data_dir)
    assert sorted(r.client for r in rows) == ["Contoso Group", "Tailspun", "Woodgrove"]
    assert reads == 3
    woodgrove = next(r for r in rows if r.client == "Woodgrove")
    assert woodgrove.deployment == "Office 365 Small Business Premium"
    assert _fresh(data_dir)[1] == 0  # and the index is up to date again


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": "x"}', b"[1, 2]"])
def test_a_damaged_or_missing_index_is_rebuilt(data_dir, damage):
    _saved(data_dir, "Contoso", "Fabrikam")
    index = data_dir / INDEX_NAME
    index.write_bytes(damage)
    rows, reads = _fresh(data_dir)
    assert sorted(r.client for r in rows) == ["Contoso", "Fabrikam"] and reads == 2
    assert json.loads(index.read_bytes())["format"] == "lync-skype-wizard-index"
    index.unlink()
    assert len(_fresh(data_dir)[0]) == 2


def test_a_lying_entry_is_not_believed(data_dir):
    (contoso,) = _saved(data_dir, "Contoso")
    index = data_dir / INDEX_NAME
    doc = json.loads(index.read_bytes())
    entry = doc["entries"][contoso.id]
    entry[0] = "Mallory"
    entry[8] += 1  # the mtime: an entry that does not match the file
    index.write_text(json.dumps(doc))
    rows, reads = _fresh(data_dir)
    assert [r.client for r in rows] == ["Contoso"] and reads == 1


def test_the_start_screen_shows_a_file_changed_by_another_process(qtbot, data_dir, clock):
    (contoso,) = _saved(data_dir, "Contoso")
    window = make_window(qtbot, data_dir, clock)
    assert [r[0] for r in window.start.shown_rows()] == ["Contoso"]
    window.close()
    script = (
        "import sys; from pathlib import Path; from wizard.storage.store import SetupStore; "
        f"SetupStore(Path(sys.argv[1])).rename({contoso.id!r}, 'Contoso Group')"
    )
    subprocess.run([sys.executable, "-c", script, str(data_dir)], check=True, timeout=60)
    again = make_window(qtbot, data_dir, clock)
    assert [r[0] for r in again.start.shown_rows()] == ["Contoso Group"]


@pytest.mark.slow
def test_killing_a_saving_process_leaves_an_index_that_tells_the_truth(tmp_path):
    rng = random.Random(int(os.environ.get("CRASH_TEST_SEED", str(random.randrange(1 << 30)))))
    data = tmp_path / "data"
    setup = Setup.new("state 0")
    setup.values["counter"] = 0
    SetupStore(data, secret_fields=()).save(setup)
    for attempt in range(25):
        with ready_child(CHILD, data, setup.id) as (child, ready):
            time.sleep(rng.uniform(0, 0.03))  # the random moment is the point of the test
            child.kill()
            child.wait()
        store = SetupStore(data, secret_fields=())
        truth = store.load(setup.id).client_name
        (entry,) = store.index.listing(store.load, "", None)
        assert entry.client_name == truth, (attempt, store.index.last_reads)
        if attempt % 5 == 0:  # now and then the index itself was what the kill hit
            assert json.loads((data / INDEX_NAME).read_bytes())["entries"]
