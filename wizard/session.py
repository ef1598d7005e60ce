"""One open setup: the single place where user input changes the setup and gets saved.

Pages call ``set_value`` / ``mark`` / ``visit``; the session routes secret fields to the keyring,
everything else into the setup, and saves at once. A failed save never loses the change: it stays
in memory, ``save_error`` says what happened, and the next change (or ``retry_save``) tries again.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from wizard.content import flow
from wizard.content.playbook import Playbook, Step
from wizard.storage.document import Clock, Setup, utc_now
from wizard.storage.secrets import SecretStore
from wizard.storage.store import SetupStore, StoreError


class Session:
    def __init__(
        self,
        book: Playbook,
        store: SetupStore,
        setup: Setup,
        secrets: SecretStore | None = None,
        clock: Clock = utc_now,
        read_only: bool = False,
    ) -> None:
        self.book = book
        self.store = store
        self.setup = setup
        self.secrets = secrets or SecretStore()
        self.clock = clock
        self.read_only = read_only
        self.save_error: str = ""
        self.listeners: list[Callable[[], None]] = []
        self._secret_cache: dict[str, str | None] = {}

    # -- reading ------------------------------------------------------------------------------
    def secret_fields(self) -> list[str]:
        return [fid for fid, f in self.book.fields.items() if f.secret]

    def values(self) -> dict[str, Any]:
        """Saved values plus secrets, with defaults: what validation and templates see."""
        vals = flow.values_with_defaults(self.book, self.setup.values)
        for fid in self.secret_fields():
            secret = self._secret(fid)
            if secret:
                vals[fid] = secret
        return vals

    def _secret(self, fid: str) -> str | None:
        """A secret, read from the keyring once per session (a locked keyring is slow)."""
        if fid not in self._secret_cache:
            self._secret_cache[fid] = self.secrets.get(self.setup.id, fid)
        return self._secret_cache[fid]

    def get(self, fid: str) -> Any:
        return self.values().get(fid)

    def steps(self) -> list[Step]:
        return flow.applicable(self.book, self.values())

    def today(self) -> _dt.date:
        return self.clock().astimezone().date()

    # -- changing -----------------------------------------------------------------------------
    def set_value(self, fid: str, value: Any) -> None:
        if self.read_only:
            return
        fld = self.book.fields[fid]
        if fld.secret:
            if (self._secret(fid) or "") != (value or ""):
                self._secret_cache[fid] = str(value or "") or None
                try:
                    self.secrets.set(self.setup.id, fid, str(value or ""))
                except ValueError as exc:  # e.g. too long for the platform's keyring
                    self.save_error = str(exc)
            self.setup.values.pop(fid, None)
            for listener in list(self.listeners):
                listener()
            return
        current = self.setup.values.get(fid)
        if value in (None, "", []):
            if fid not in self.setup.values:
                return
            self.setup.values.pop(fid)
        elif current == value:
            return
        else:
            self.setup.values[fid] = value
        self._changed()

    def mark(self, step_id: str, status: str | None) -> None:
        if self.read_only or self.setup.status_of(step_id) == status:
            return
        self.setup.mark(step_id, status, self.clock)
        self._changed()

    def visit(self, step_id: str) -> None:
        if self.read_only or self.setup.current_step == step_id:
            return
        self.setup.visit(step_id)
        self._changed()

    def record_checks(self, results: list[dict[str, Any]]) -> None:
        if self.read_only:
            return
        self.setup.checks = results
        self._changed()

    def _changed(self) -> None:
        self.setup.touch(self.clock)
        self.retry_save()
        for listener in list(self.listeners):
            listener()

    def retry_save(self) -> bool:
        try:
            self.store.save(self.setup)
        except StoreError as exc:
            self.save_error = str(exc)
            return False
        self.save_error = ""
        return True
