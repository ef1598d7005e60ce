"""The child of tests/test_crash.py: saves one setup in a tight loop until it is killed.

Usage: python tests/crash_child.py DATA_DIR SETUP_ID

It takes the setup's lock (the previous child was killed holding it), prints "ready <counter>",
then saves distinct states forever: state n has values counter=n, client_name="state n" and a
padding whose length changes with n, so a torn or mixed write can't look valid. After each save
returns it prints n, so the parent knows the last state that was acknowledged.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wizard.storage.store import SetupStore


def state(setup, n: int) -> None:
    setup.values["counter"] = n
    setup.values["client_name"] = f"state {n}"
    setup.values["padding"] = "x" * (n * 37 % 1500)


def main(data_dir: str, setup_id: str) -> None:
    store = SetupStore(Path(data_dir), secret_fields=())
    store.open_lock(setup_id)  # held until the process dies
    setup = store.load(setup_id)
    n = int(setup.values.get("counter", 0))
    out = sys.stdout
    out.write(f"ready {n}\n")
    out.flush()
    while True:
        n += 1
        state(setup, n)
        store.save(setup)
        out.write(f"{n}\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
