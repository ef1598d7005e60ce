"""The pages' one way into the core: a ``Workspace`` of saved setups and the ``Session`` of one.

Pages never import ``wizard.content.flow`` or ``wizard.storage.store`` (an import-linter contract
pins it); they ask these two classes.

``Workspace`` is what the start screen and its actions use before a setup is open: the list of
saved setups with their progress, and rename, duplicate, delete, export, import, lock and load.

``Session`` is one open setup, the single place where user input changes the setup and gets saved.
Pages call ``set_value`` / ``mark`` / ``visit``; the session routes secret fields to the keyring,
everything else into the setup. It also answers the pages' questions about the flow (next step,
status, verdicts, activation).

Saving follows a dirty flag: ``set_value`` (a keystroke) only marks the setup dirty, and the caller
decides when to ``save`` (the window: after a short idle pause, on leaving the field or the page,
and on close). Discrete actions (``mark``, ``visit``, ``record_checks``) save at once. A failed save
never loses the change: it stays in memory, ``save_error`` says what happened, and the next
``save`` tries again.

The keyring is never asked on the caller's thread, and the caller never waits for a write: secret
values go to one background worker that writes only the latest value of each field (a burst of
typing is one or two keyring writes). Secrets are read ahead by the same worker when the session
opens. ``background_listeners`` are called *from the worker thread* after each keyring write (the
window turns that into a queued Qt signal). ``close`` saves and waits (bounded) for the worker.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.content import listing
from wizard.storage.document import DONE, Clock, Setup, utc_now
from wizard.storage.locks import SetupLock
from wizard.storage.secrets import MAX_SECRET_CHARS, SecretStore
from wizard.storage.store import KEEP_BOTH, REPLACE, SetupEntry, SetupStore, StoreError

if TYPE_CHECKING:
    from wizard.content import flow, validate
    from wizard.content.flow import Activation, Progress
    from wizard.content.playbook import Playbook, Step
else:

    class _Flow:
        """``wizard.content.flow``, imported on first use: the start screen lists the saved
        setups from their index and needs neither the flow nor the playbook (start-up time)."""

        def __getattr__(self, name: str) -> Any:
            from wizard.content import flow as module

            return getattr(module, name)

    flow = _Flow()


def __getattr__(name: str) -> Any:
    """``Activation`` and ``Progress`` (the flow's), imported when first asked for."""
    if name in ("Activation", "Progress"):
        return getattr(flow, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


logger = logging.getLogger(__name__)


__all__ = [
    "KEEP_BOTH",
    "REPLACE",
    "Activation",
    "Overview",
    "Progress",
    "Session",
    "SetupEntry",
    "SetupLock",
    "SetupStore",
    "Workspace",
]


@dataclass(frozen=True)
class Overview:
    """One saved setup as the start screen lists it."""

    progress: Progress
    status: str
    activation: Activation | None


class Workspace:
    """The saved setups, before (and besides) the one that is open. Qt-free; errors are the
    storage layer's (``StoreError`` and its kinds), each a message for the user."""

    def __init__(
        self,
        book: Playbook | None,
        store: SetupStore,
        secrets: SecretStore | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._book = book
        self.store = store
        self.secrets = secrets or SecretStore()
        self.clock = clock
        if store.secrets is None:  # plain-text secrets of older files go to the same keyring
            store.secrets = self.secrets
        listing.attach(store, lambda: self.book)  # saves keep the start screen's index current

    @property
    def book(self) -> Playbook:
        """The playbook (None given: the shipped one, loaded when first needed; listing the
        saved setups does not need it)."""
        if self._book is None:
            from wizard.content import playbook

            self._book = playbook.load()
        return self._book

    def rows(self, today: _dt.date | None = None) -> list[listing.Row]:
        """The saved setups as the start screen lists them, from the index (checked against
        the files)."""
        return listing.rows(self.store, lambda: self.book, today or self.today())

    @property
    def notices(self) -> list[str]:
        """What the store had to repair or set aside, for the start screen's banners."""
        return list(self.store.notices)

    def entries(self) -> list[SetupEntry]:
        return self.store.entries()

    def today(self) -> _dt.date:
        return self.clock().astimezone().date()

    def overview(self, setup: Setup, today: _dt.date | None = None) -> Overview:
        today = today or self.today()
        prog = flow.progress(self.book, setup)
        return Overview(
            progress=prog,
            status=flow.status_line(self.book, setup, today, prog),
            activation=flow.activation(self.book, setup, today),
        )

    def load(self, setup_id: str) -> Setup:
        return self.store.load(setup_id)

    def open_lock(self, setup_id: str) -> SetupLock:
        return self.store.open_lock(setup_id)

    def rename(self, setup_id: str, client_name: str) -> Setup:
        return self.store.rename(setup_id, client_name)

    def duplicate(self, setup_id: str) -> Setup:
        return self.store.duplicate(setup_id, secrets=self.secrets)

    def delete(self, setup_id: str) -> None:
        self.store.delete(setup_id, secrets=self.secrets)

    def export(self, setup_id: str, out: Path) -> Path:
        return self.store.export(setup_id, out)

    def import_setup(self, file: Path, mode: str | None = None) -> Setup:
        """``mode``: None (refuse a clash with ``ImportConflict``), ``REPLACE`` or ``KEEP_BOTH``."""
        return self.store.import_setup(file, mode=mode, secrets=self.secrets)

    def session(self, setup: Setup, read_only: bool = False) -> Session:
        return Session(
            self.book, self.store, setup, self.secrets, clock=self.clock, read_only=read_only
        )


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
        self.dirty = False
        self.listeners: list[Callable[[], None]] = []
        #: Called from the secrets worker thread after a keyring write (never from the caller's).
        self.background_listeners: list[Callable[[], None]] = []
        #: Called after every save attempt with "" (saved) or the error in words.
        self.save_listeners: list[Callable[[str], None]] = []
        self._secret_cache: dict[str, str | None] = {}
        self._pending_secrets: dict[str, str] = {}
        self._pending_lock = threading.Lock()
        self._worker: ThreadPoolExecutor | None = None
        self._last_write: Future[None] | None = None
        self._prefetch: Future[dict[str, str | None]] | None = None
        if self.secret_fields():
            self._prefetch = self._pool().submit(self._read_secrets)

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
        """A secret, read from the keyring once per session, by the worker (a locked keyring is
        slow: SecretStore bounds each call, and gives up on the keyring after one timeout)."""
        if fid not in self._secret_cache:
            read = self._prefetch.result() if self._prefetch is not None else {}
            self._secret_cache.setdefault(fid, read.get(fid))
        return self._secret_cache[fid]

    def _read_secrets(self) -> dict[str, str | None]:
        from wizard import log

        found = {fid: self.secrets.get(self.setup.id, fid) for fid in self.secret_fields()}
        for value in found.values():
            log.hide(value)
        return found

    def _pool(self) -> ThreadPoolExecutor:
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="secrets")
        return self._worker

    def get(self, fid: str) -> Any:
        return self.values().get(fid)

    def steps(self) -> list[Step]:
        return flow.applicable(self.book, self.values())

    def today(self) -> _dt.date:
        return self.clock().astimezone().date()

    # -- the flow, as the pages ask it -----------------------------------------------------------
    def resume_step(self) -> Step:
        """Where this setup reopens."""
        return flow.resume_step(self.book, self.setup)

    def next_step(self, current: str) -> Step | None:
        return flow.next_step(self.book, self.values(), current)

    def previous_step(self, current: str) -> Step | None:
        return flow.previous_step(self.book, self.values(), current)

    def step_status(self, step: Step) -> str:
        """done, skipped, waiting or todo."""
        return flow.step_status(self.book, step, self.setup)

    def progress(self) -> Progress:
        return flow.progress(self.book, self.setup)

    def activation(self) -> Activation | None:
        """The wait for Microsoft's activation as of today, or None when nothing is waited for."""
        return flow.activation(self.book, self.setup, self.today())

    def field_verdict(
        self, fid: str, values: dict[str, Any] | None = None, step: Step | None = None
    ) -> validate.Verdict:
        """The verdict on one field as of the user's today; with ``step``, a field that step
        declares optional may stay empty."""
        vals = self.values() if values is None else values
        return flow.field_verdict(self.book, vals, fid, self.today(), step)

    def step_problems(self, step: Step) -> dict[str, str]:
        """Errors that block leaving the step forward, by field id."""
        values = self.values()
        found = flow.step_problems(self.book, step, values, self.today())
        if self.setup.status_of(step.id) == DONE:
            # A secret lives only in the keyring: after a restart without one it is empty again.
            # The step was done with it, so the empty secret doesn't hold the user back.
            for fid in self.secret_fields():
                if fid in found and not values.get(fid):
                    del found[fid]
        return found

    # -- changing -----------------------------------------------------------------------------
    def set_value(self, fid: str, value: Any) -> None:
        if self.read_only:
            return
        fld = self.book.fields[fid]
        if fld.secret:
            text = str(value or "")
            if (self._secret(fid) or "") != text:
                self._secret_cache[fid] = text or None
                self._queue_secret(fid, text)
            if self.setup.values.pop(fid, None) is not None:
                self.dirty = True
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
        self.setup.touch(self.clock)
        self.dirty = True
        for listener in list(self.listeners):
            listener()

    def mark(self, step_id: str, status: str | None) -> None:
        if self.read_only or self.setup.status_of(step_id) == status:
            return
        self.setup.mark(step_id, status, self.clock)
        self._changed()

    def tick(self, step_id: str, key: str, on: bool) -> None:
        """Tick or untick one to-do item of a step (by its stable key) and save."""
        if self.read_only:
            return
        if self.setup.set_tick(step_id, key, on):
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
        self.dirty = True
        self.save()
        for listener in list(self.listeners):
            listener()

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> bool:
        """Write the setup if it has unsaved changes. True when nothing is left unsaved."""
        if self.read_only or not self.dirty:
            return not self.save_error
        try:
            written = self.store.save(self.setup)
        except StoreError as exc:
            self.save_error = str(exc)
            logger.warning("setup %s not saved: %s", self.setup.id, exc)
            self._saved(self.save_error)
            return False
        logger.debug("setup %s %s", self.setup.id, "saved" if written else "unchanged")
        self.dirty = False
        self.save_error = ""
        self._saved("")
        return True

    retry_save = save

    def close(self, timeout: float | None = None) -> bool:
        """Save, then wait (at most the keyring's own timeout) for pending keyring writes."""
        saved = self.save()
        self.background_listeners.clear()
        if self._worker is not None:
            last = self._last_write
            if last is not None:
                wait = self.secrets.timeout + 1 if timeout is None else timeout
                # A failed or slow write is reported through secrets.unavailable.
                with contextlib.suppress(Exception):
                    last.result(timeout=wait)
            self._worker.shutdown(wait=False)
            self._worker = None
        return saved

    # -- secrets, written in the background -------------------------------------------------------
    def _queue_secret(self, fid: str, text: str) -> None:
        if len(text) > MAX_SECRET_CHARS:
            # Refused at once (the keyring would be asked for nothing); kept in this window only.
            self.save_error = (
                f"This value is {len(text)} characters long; secret values can be at most "
                f"{MAX_SECRET_CHARS} characters. Check that you pasted the right text."
            )
            return
        with self._pending_lock:
            first = not self._pending_secrets
            self._pending_secrets[fid] = text
        if first:
            self._last_write = self._pool().submit(self._write_secrets)

    def _write_secrets(self) -> None:
        """Worker thread: write the latest value of every pending secret field."""
        from wizard import log

        with self._pending_lock:
            pending, self._pending_secrets = self._pending_secrets, {}
        for fid, text in pending.items():
            log.hide(text)
            logger.debug("secret field %s of setup %s to the keyring", fid, self.setup.id)
            with contextlib.suppress(ValueError):  # too long: refused in _queue_secret already
                self.secrets.set(self.setup.id, fid, text)
        for listener in list(self.background_listeners):
            listener()

    def _saved(self, error: str) -> None:
        for listener in list(self.save_listeners):
            listener(error)
