"""Evidence on a step: kept beside the setup, limited, in exports, and safe from a crash."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from tests import evidence_child
from tests.children import ready_child
from wizard.storage import evidence as ev
from wizard.storage.document import Setup
from wizard.storage.evidence import EvidenceError, EvidenceStore
from wizard.storage.store import KEEP_BOTH, SetupStore

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
PDF = b"%PDF-1.4\n%%EOF\n"
CHILD = Path(__file__).with_name("evidence_child.py")


def saved(data: Path, client: str = "Contoso Ltd") -> tuple[SetupStore, Setup]:
    store = SetupStore(data)
    setup = Setup.new(client)
    store.save(setup)
    return store, setup


def test_evidence_survives_a_restart(tmp_path):
    store, setup = saved(tmp_path / "data")
    box = EvidenceStore.for_setup(store, setup.id)
    box.set_note("onprem-dns", "Checked with nslookup from outside")
    png = box.add("onprem-dns", "screen.png", PNG)
    box.add("onprem-dns", "", JPEG)  # a paste has no name
    box.add("onprem-certificate", "cert.pdf", PDF)
    box.add("onprem-certificate", "notes.txt", "Zertifikat geprüft".encode())
    assert (tmp_path / "data" / "setups" / f"{setup.id}.evidence").is_dir()

    again = EvidenceStore.for_setup(SetupStore(tmp_path / "data"), setup.id)  # a new process
    dns = again.of("onprem-dns")
    assert dns.note == "Checked with nslookup from outside"
    assert [(a.name, a.kind) for a in dns.files] == [("screen.png", "png"), ("photo.jpg", "jpeg")]
    assert again.read(dns.files[0]) == PNG
    cert = again.of("onprem-certificate")
    assert [a.kind for a in cert.files] == ["pdf", "txt"]
    assert again.total_bytes() == len(PNG) + len(JPEG) + len(PDF) + len(
        "Zertifikat geprüft".encode()
    )

    again.remove("onprem-dns", png.id)
    assert [a.name for a in again.of("onprem-dns").files] == ["photo.jpg"]
    assert not (again.folder / png.file_name).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00", "PNG, JPEG, PDF or text"),
        (b"\xff\xfe\x00bad", "PNG, JPEG, PDF or text"),
    ],
)
def test_only_images_pdf_and_text_are_kept(tmp_path, data, message):
    store, setup = saved(tmp_path / "data")
    box = EvidenceStore.for_setup(store, setup.id)
    with pytest.raises(EvidenceError, match=message):
        box.add("onprem-dns", "tool.exe", data)
    assert box.items() == []


def test_size_limits_per_file_and_per_setup(tmp_path, monkeypatch):
    store, setup = saved(tmp_path / "data")
    box = EvidenceStore.for_setup(store, setup.id)
    monkeypatch.setattr(ev, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(ev, "MAX_SETUP_BYTES", 150)
    with pytest.raises(EvidenceError, match="at most"):
        box.add("s", "big.txt", b"x" * 101)
    box.add("s", "a.txt", b"x" * 100)
    with pytest.raises(EvidenceError, match="Remove some attachments"):
        box.add("s", "b.txt", b"x" * 60)
    assert [a.name for a in box.of("s").files] == ["a.txt"]


def test_export_and_import_carry_the_evidence(tmp_path):
    store, setup = saved(tmp_path / "one")
    box = EvidenceStore.for_setup(store, setup.id)
    box.set_note("onprem-dns", "Done by the DNS team")
    box.add("onprem-dns", "screen.png", PNG)
    out = store.export(setup.id, tmp_path / "contoso.json")
    assert "evidence" in json.loads(out.read_text("utf-8"))

    other = SetupStore(tmp_path / "two")
    imported = other.import_setup(out)
    got = EvidenceStore.for_setup(other, imported.id)
    assert got.of("onprem-dns").note == "Done by the DNS team"
    (att,) = got.of("onprem-dns").files
    assert att.name == "screen.png" and got.read(att) == PNG

    copy = other.import_setup(out, KEEP_BOTH)  # a second copy gets its own evidence
    assert copy.id != imported.id
    assert EvidenceStore.for_setup(other, copy.id).of("onprem-dns").note == "Done by the DNS team"

    other.delete(copy.id)
    assert not (tmp_path / "two" / "setups" / f"{copy.id}.evidence").exists()
    assert EvidenceStore.for_setup(other, imported.id).of("onprem-dns").files


def test_a_damaged_index_is_reported_not_overwritten(tmp_path):
    store, setup = saved(tmp_path / "data")
    box = EvidenceStore.for_setup(store, setup.id)
    box.add("s", "a.txt", b"hello")
    (box.folder / ev.INDEX).write_text("{not json", "utf-8")
    with pytest.raises(ev.StoreError, match="damaged"):
        box.items()
    with pytest.raises(ev.StoreError):
        box.add("s", "b.txt", b"more")
    assert (box.folder / ev.INDEX).read_text("utf-8") == "{not json"


KILLS = 25


@pytest.mark.slow
def test_killing_an_attachment_save_loses_nothing(tmp_path):
    rng = random.Random()
    data = tmp_path / "data"
    store, setup = saved(data)
    EvidenceStore.for_setup(store, setup.id).set_note(evidence_child.STEP, "kept throughout")
    acknowledged = 0
    problems: list[str] = []
    for attempt in range(KILLS):
        with ready_child(CHILD, data, setup.id) as (child, ready):
            time.sleep(rng.uniform(0, 0.05))
            child.kill()
            rest = child.stdout.read()
            child.wait()
        numbers = [int(x) for x in rest.split() if x.isdigit()]
        if numbers:
            acknowledged = numbers[-1]
        box = EvidenceStore.for_setup(SetupStore(data), setup.id)
        item = box.of(evidence_child.STEP)
        if item.note != "kept throughout":
            problems.append(f"kill {attempt}: the note is gone")
        names = [a.name for a in item.files]
        listed = [int(n.split(".")[0]) for n in names]
        if listed != list(range(1, len(listed) + 1)):
            problems.append(f"kill {attempt}: attachments out of order or missing: {listed}")
        if len(listed) < acknowledged:
            problems.append(f"kill {attempt}: {acknowledged} acknowledged, {len(listed)} listed")
        for att in item.files:
            n = int(att.name.split(".")[0])
            if box.read(att) != evidence_child.body(n):
                problems.append(f"kill {attempt}: {att.name} is not whole")
    assert not problems, problems
    assert acknowledged > 0
    # files left by a killed save are unlisted, and cleared by the next save
    box = EvidenceStore.for_setup(SetupStore(data), setup.id)
    box.add(evidence_child.STEP, "last.txt", b"last")
    listed = {a.file_name for a in box.of(evidence_child.STEP).files} | {ev.INDEX}
    assert {p.name for p in box.folder.iterdir()} == listed
