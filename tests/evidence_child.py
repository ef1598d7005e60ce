"""The child of tests/test_evidence.py's crash test: attaches files to a step until it is killed.

Usage: python tests/evidence_child.py DATA_DIR SETUP_ID

Prints "ready <count>" (the attachments already listed), then attaches numbered text files
forever: attachment n is named "n.txt" and holds a body whose length changes with n, so a torn
file can't pass for a whole one. After each attach returns it prints n.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wizard.storage.evidence import EvidenceStore
from wizard.storage.store import SetupStore

STEP = "onprem-dns"


def body(n: int) -> bytes:
    return (f"attachment {n}\n" * (n * 37 % 400 + 1)).encode()


def main(data_dir: str, setup_id: str) -> None:
    store = SetupStore(Path(data_dir), secret_fields=())
    store.open_lock(setup_id)  # held until the process dies
    box = EvidenceStore.for_setup(store, setup_id)
    n = len(box.of(STEP).files)
    out = sys.stdout
    out.write(f"ready {n}\n")
    out.flush()
    while True:
        n += 1
        box.add(STEP, f"{n}.txt", body(n))
        out.write(f"{n}\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
