"""Secrets: in the keyring when one works, in memory for this run when not, never on disk."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import PasswordDeleteError, PasswordSetError

from tests.fakes import MemoryKeyring
from wizard.storage.document import Setup
from wizard.storage.secrets import MAX_SECRET_CHARS, SERVICE, SecretStore
from wizard.storage.store import SetupStore

ROOT = Path(__file__).parent.parent


def one_sentence(text: str) -> bool:
    return bool(text) and text.endswith(".") and text.count(". ") == 0 and "\n" not in text


def test_round_trip_through_the_keyring(memory_keyring):
    secrets = SecretStore()
    secrets.set("abc", "agreement_number", "AG-0042")
    assert memory_keyring.store[(SERVICE, "setup:abc/agreement_number")] == "AG-0042"
    assert SecretStore().get("abc", "agreement_number") == "AG-0042"  # next run
    assert secrets.unavailable == ""


def test_empty_value_deletes(memory_keyring):
    secrets = SecretStore()
    secrets.set("abc", "agreement_number", "AG-0042")
    secrets.set("abc", "agreement_number", "")
    assert memory_keyring.store == {}
    assert SecretStore().get("abc", "agreement_number") is None
    assert secrets.get("abc", "agreement_number") is None


def test_deleting_what_was_never_stored_is_fine():
    class StrictKeyring(MemoryKeyring):
        def delete_password(self, service, username):
            if (service, username) not in self.store:
                raise PasswordDeleteError("not found")
            super().delete_password(service, username)

    keyring.set_keyring(StrictKeyring())
    secrets = SecretStore()
    secrets.delete_all("abc", ["agreement_number", "other"])
    assert secrets.unavailable == ""


def test_no_keyring_keeps_values_for_this_run_only():
    keyring.set_keyring(fail.Keyring())
    secrets = SecretStore()
    assert secrets.get("abc", "agreement_number") is None  # no crash
    secrets.set("abc", "agreement_number", "AG-0042")
    assert secrets.get("abc", "agreement_number") == "AG-0042"
    assert one_sentence(secrets.unavailable)
    assert "keyring" in secrets.unavailable and "close the app" in secrets.unavailable
    assert SecretStore().get("abc", "agreement_number") is None  # gone in the next run
    secrets.delete_all("abc", ["agreement_number"])
    assert secrets.get("abc", "agreement_number") is None


def test_null_keyring_counts_as_unavailable():
    keyring.set_keyring(null.Keyring())
    secrets = SecretStore()
    secrets.set("abc", "agreement_number", "AG-0042")
    assert secrets.get("abc", "agreement_number") == "AG-0042"
    assert one_sentence(secrets.unavailable)


def test_keyring_errors_never_crash():
    class Broken(MemoryKeyring):
        def set_password(self, service, username, password):
            raise PasswordSetError("the wallet said no")

        def get_password(self, service, username):
            raise RuntimeError("D-Bus went away")

    keyring.set_keyring(Broken())
    secrets = SecretStore()
    assert secrets.get("abc", "agreement_number") is None
    secrets.set("abc", "agreement_number", "AG-0042")
    assert secrets.get("abc", "agreement_number") == "AG-0042"
    assert one_sentence(secrets.unavailable)


class PlaintextKeyring(MemoryKeyring):
    """Looks like keyrings.alt's plaintext file backend."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


def test_plaintext_keyring_is_refused():
    plain = PlaintextKeyring()
    keyring.set_keyring(plain)
    secrets = SecretStore()
    secrets.set("abc", "agreement_number", "AG-0042")
    assert plain.store == {}  # nothing went to the "plain file"
    assert secrets.get("abc", "agreement_number") == "AG-0042"
    assert "plain file" in secrets.unavailable and one_sentence(secrets.unavailable)


def test_a_chain_with_a_plaintext_keyring_uses_only_the_safe_one():
    good, plain = MemoryKeyring(), PlaintextKeyring()

    class ChainerBackend(KeyringBackend):
        priority = 10  # type: ignore[assignment]
        backends: ClassVar[list[KeyringBackend]] = [good, plain]

        def get_password(self, service, username):  # pragma: no cover - must not be used
            raise AssertionError("the chain itself must not be used")

        def set_password(self, service, username, password):  # pragma: no cover
            raise AssertionError("the chain itself must not be used")

    keyring.set_keyring(ChainerBackend())
    secrets = SecretStore()
    secrets.set("abc", "agreement_number", "AG-0042")
    assert good.store and not plain.store
    assert secrets.unavailable == ""


def test_a_locked_wallet_cannot_freeze_the_app():
    release = threading.Event()
    calls = []

    class Locked(MemoryKeyring):
        def get_password(self, service, username):
            calls.append(username)
            release.wait(30)  # an unlock prompt nobody answers

        set_password = get_password  # type: ignore[assignment]

    keyring.set_keyring(Locked())
    secrets = SecretStore(timeout=0.2)
    try:
        started = time.monotonic()
        assert secrets.get("abc", "agreement_number") is None
        secrets.set("abc", "agreement_number", "AG-0042")
        assert secrets.get("abc", "agreement_number") == "AG-0042"
        assert secrets.get("abc", "other") is None
        assert time.monotonic() - started < 5
        assert len(calls) == 1  # after one timeout the keyring is not asked again this run
        assert "did not answer" in secrets.unavailable and one_sentence(secrets.unavailable)
    finally:
        release.set()


def test_too_long_values_are_refused(memory_keyring):
    secrets = SecretStore()
    secrets.set("abc", "agreement_number", "x" * MAX_SECRET_CHARS)
    with pytest.raises(ValueError, match=f"at most {MAX_SECRET_CHARS} characters"):
        secrets.set("abc", "agreement_number", "x" * (MAX_SECRET_CHARS + 1))
    assert secrets.get("abc", "agreement_number") == "x" * MAX_SECRET_CHARS


def test_copy_all(memory_keyring):
    secrets = SecretStore()
    secrets.set("a", "agreement_number", "AG-1")
    secrets.copy_all("a", "b", ["agreement_number", "unset"])
    assert SecretStore().get("b", "agreement_number") == "AG-1"
    assert SecretStore().get("b", "unset") is None


def test_keyring_is_not_imported_at_import_time():
    code = (
        "import sys, wizard.storage.secrets, wizard.storage.store, wizard.session;"
        "wizard.storage.secrets.SecretStore();"
        "print('keyring' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# The secret never reaches a file: not the setup, not the backup, not the export


def saved_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


@pytest.mark.parametrize("backend", ["memory", "none"])
def test_secret_is_in_no_file_after_save_and_export(tmp_path, clock, backend):
    from wizard.content import playbook
    from wizard.session import Session

    if backend == "none":
        keyring.set_keyring(fail.Keyring())
    secret = "AGREEMENT-7f3a9c-SECRET"
    data = tmp_path / "data"
    store = SetupStore(data, clock=clock)
    book = playbook.load()
    secret_fields = [fid for fid, f in book.fields.items() if f.secret]
    assert secret_fields, "the playbook marks at least one field secret"
    setup = Setup.new("Contoso", clock=clock)
    session = Session(book, store, setup, SecretStore(), clock=clock)
    session.set_value("deployment", "onprem")
    for fid in secret_fields:
        session.set_value(fid, secret)
    session.set_value("client_name", "Contoso Ltd")  # a second save: rotates the .bak
    assert session.get(secret_fields[0]) == secret
    setup.values[secret_fields[0]] = secret  # even if a caller slips it into the values
    store.save(setup)
    copy = store.duplicate(setup.id, session.secrets)
    out = store.export(setup.id, tmp_path / "export.json")
    files = saved_files(data, out.parent)
    assert out in files and store.path_of(setup.id) in files and store.path_of(copy.id) in files
    for path in files:
        raw = path.read_bytes()
        assert secret.encode() not in raw, path
        assert secret.encode("utf-16-le") not in raw, path
