"""Secrets (fields the playbook marks secret) in the OS keyring, never in setup files.

Everything keyring can do wrong is contained here:

* keyring is imported lazily, on the first call, never at import time;
* every call runs in a daemon thread and is given ``timeout`` seconds, so a locked wallet or a
  hanging D-Bus prompt can't freeze the window; after one timeout the keyring is not asked again
  in this run;
* "no keyring" (``NoKeyringError``, the fail and null backends) and keyrings.alt's plain-text or
  password-prompting file backends count as unavailable. Then values are kept in memory for this
  run only and ``unavailable`` holds one plain sentence to show the user. Nothing is written to disk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

SERVICE = "LyncSkypeWizard"
#: The fields whose values live in the keyring, never in a setup file. Declared here so the store
#: does not load the playbook to learn them; tests/test_content.py fails if the playbook's
#: ``secret = true`` fields differ from this set.
SECRET_FIELD_IDS: frozenset[str] = frozenset({"agreement_number"})
#: The Windows Credential Manager limit is ~1280 UTF-16 characters; stay well below it.
MAX_SECRET_CHARS = 1000
DEFAULT_TIMEOUT = 5.0

NO_KEYRING = (
    "No system keyring is available, so secret values such as the agreement number are kept "
    "only until you close the app and are never written to disk."
)
KEYRING_TIMEOUT = (
    "The system keyring did not answer (it may be locked), so secret values such as the "
    "agreement number are kept only until you close the app and are never written to disk."
)
PLAINTEXT_KEYRING = (
    "The only keyring available would store passwords in a plain file, so secret values such as "
    "the agreement number are kept only until you close the app instead."
)


class _Unavailable(Exception):
    """Internal: the keyring can't be used; ``args[0]`` is the sentence for the user."""


def _unsafe_reason(backend: Any) -> str:
    """Why this keyring backend must not be used, or "" if it is fine."""
    cls = type(backend)
    module = cls.__module__ or ""
    if module.startswith("keyrings.alt"):
        return PLAINTEXT_KEYRING
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return NO_KEYRING
    return ""


class SecretStore:
    """Secret field values by setup id and field id, in the keyring or (fallback) in memory."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self.unavailable: str = ""
        #: Values known in this run; None means "known not to be in the keyring".
        self._memory: dict[str, str | None] = {}
        self._backend: Any = None
        self._lock = threading.Lock()

    @staticmethod
    def key(setup_id: str, field_id: str) -> str:
        return f"setup:{setup_id}/{field_id}"

    # -- public API -----------------------------------------------------------------------------
    def get(self, setup_id: str, field_id: str) -> str | None:
        k = self.key(setup_id, field_id)
        if k in self._memory:
            return self._memory[k]
        if self.unavailable:
            return None
        try:
            value = self._call(lambda b: b.get_password(SERVICE, k))
        except _Unavailable:
            return None
        self._memory[k] = value if isinstance(value, str) else None
        return self._memory[k]

    def set(self, setup_id: str, field_id: str, value: str) -> None:
        """Keep ``value`` (empty: forget it). Raises ValueError for values over 1000 characters."""
        value = value or ""
        if len(value) > MAX_SECRET_CHARS:
            raise ValueError(
                f"This value is {len(value)} characters long; secret values can be at most "
                f"{MAX_SECRET_CHARS} characters. Check that you pasted the right text."
            )
        k = self.key(setup_id, field_id)
        self._memory[k] = value or None
        if self.unavailable:
            return
        try:
            if value:
                self._call(lambda b: b.set_password(SERVICE, k, value))
            else:
                self._call(lambda b: _delete_quietly(b, k))
        except _Unavailable:
            # The value stays in memory for this run; ``unavailable`` tells the user.
            self._memory[k] = value or None

    def delete_all(self, setup_id: str, field_ids: Iterable[str]) -> None:
        for fid in field_ids:
            self.set(setup_id, fid, "")

    def copy_all(self, from_id: str, to_id: str, field_ids: Iterable[str]) -> None:
        """Copy a setup's secrets to another setup (used when a setup is duplicated)."""
        for fid in field_ids:
            value = self.get(from_id, fid)
            if value:
                self.set(to_id, fid, value)

    # -- keyring access -------------------------------------------------------------------------
    def _call(self, action: Callable[[Any], Any]) -> Any:
        """Run ``action(backend)`` in a daemon thread, bounded by ``timeout``."""
        outcome: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                outcome["value"] = action(self._resolve())
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                outcome["error"] = exc
            finally:
                done.set()

        threading.Thread(target=work, name="keyring-call", daemon=True).start()
        if not done.wait(self.timeout):
            self._give_up(KEYRING_TIMEOUT)
        error = outcome.get("error")
        if isinstance(error, _Unavailable):
            self._give_up(str(error.args[0]))
        if error is not None:
            # KeyringError (NoKeyringError, InitError, PasswordSetError...), RuntimeError, and the
            # odd D-Bus or OS error of a backend: none may crash the app.
            self._give_up(_reason_for(error))
        return outcome.get("value")

    def _resolve(self) -> Any:
        """The backend to use (once per store), refusing unsafe ones. Runs in the worker thread."""
        with self._lock:
            if self._backend is not None:
                return self._backend
            import keyring

            backend = keyring.get_keyring()
            chained = getattr(backend, "backends", None)
            if type(backend).__name__ == "ChainerBackend" and isinstance(chained, list):
                safe = [b for b in chained if not _unsafe_reason(b)]
                if not safe:
                    raise _Unavailable(_unsafe_reason(chained[0]) if chained else NO_KEYRING)
                if len(safe) != len(chained):
                    backend = safe[0]  # the chain is ordered by priority
            else:
                reason = _unsafe_reason(backend)
                if reason:
                    raise _Unavailable(reason)
            self._backend = backend
            return backend

    def _give_up(self, reason: str) -> None:
        if not self.unavailable:
            self.unavailable = reason
        raise _Unavailable(reason)


def _delete_quietly(backend: Any, username: str) -> None:
    try:
        backend.delete_password(SERVICE, username)
    except Exception as exc:
        # Deleting a value that was never stored is not a problem with the keyring.
        if type(exc).__name__ == "PasswordDeleteError":
            return
        raise


def _reason_for(error: BaseException) -> str:
    if type(error).__name__ == "NoKeyringError":
        return NO_KEYRING
    return (
        "The system keyring reported an error, so secret values such as the agreement number are "
        "kept only until you close the app and are never written to disk."
    )
