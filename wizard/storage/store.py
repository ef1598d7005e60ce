"""Saved setups on disk: one JSON file per setup, written so that weeks of progress survive.

Layout of the data folder::

    setups/<id>.json                   the setup (0600; folder 0700 on POSIX)
    setups/<id>.json.bak               the previous good copy, rotated before every replace
    setups/<id>.json.damaged-<stamp>   a file that could not be read, moved aside (never overwritten)
    setups/<id>.json.v<N>              the original of a file upgraded from the older format N
    locks/<id>.lock                    held (filelock) while a window has the setup open

A save serialises to bytes first, does nothing when the bytes are unchanged, writes a temp file in
the same folder, flushes and fsyncs it, hard-links the current good file to ``.bak`` and replaces
the file with ``os.replace`` (retried briefly on Windows, where scanners hold files open), then
fsyncs the folder on POSIX. At no moment is there no complete ``<id>.json``.

A load that finds a file it cannot parse or validate moves it aside, restores the ``.bak`` if that
is good, and adds a message to ``notices``. Files from a newer app are refused and left alone;
older formats are upgraded by ``wizard.storage.migrations``. Secrets never reach these files.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard import __version__
from wizard.storage import locks, migrations
from wizard.storage.codec import decode, decode_with_version, encode, label
from wizard.storage.document import (
    SCHEMA_VERSION,
    Clock,
    NewerVersionError,
    Setup,
    SetupFormatError,
    utc_now,
)
from wizard.storage.errors import ImportConflict, SetupLocked, StoreError
from wizard.storage.index import SetupIndex, Summarize
from wizard.storage.locks import SetupLock
from wizard.storage.safefile import (
    IS_WINDOWS,
    FileTooLarge,
    NotRegularFile,
    atomic_write,
    fsync_dir,
    move_aside,
    read_limited,
    read_regular,
    save_error,
)

__all__ = ["ImportConflict", "SetupLock", "SetupLocked", "StoreError", "decode", "encode"]

#: Setup ids are file names: keep them to letters, digits, "-" and "_".
SETUP_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: The "format" of an exported setup file.
EXPORT_FORMAT = "lync-skype-wizard-setup"
#: An export carries the setup's evidence (attachments, base64): allow for its size limit.
MAX_IMPORT_BYTES = 96 * 1024 * 1024
#: Import modes when the imported setup's id already exists.
REPLACE = "replace"
KEEP_BOTH = "keep-both"
#: Leftover temp files older than this are removed when the setups are listed.
STALE_TEMP_SECONDS = 24 * 3600

#: Windows only: antivirus, the indexer or OneDrive briefly hold the target open and os.replace


@dataclass
class SetupEntry:
    """One row of the start screen: a loadable setup, or a broken file with its message."""

    id: str
    path: Path
    setup: Setup | None
    error: str = ""


# ---------------------------------------------------------------------------------------------
# The store


class SetupStore:
    def __init__(
        self,
        data_dir: Path,
        clock: Clock = utc_now,
        *,
        secret_fields: Iterable[str] | None = None,
        secrets: Any = None,
    ) -> None:
        self.dir = Path(data_dir)
        #: Where plain-text secrets found in older files go (a SecretStore; made when needed).
        self.secrets = secrets
        self.clock = clock
        #: Messages for the user about recoveries (shown once, then cleared by the GUI).
        self.notices: list[str] = []
        self._secret_fields = frozenset(secret_fields) if secret_fields is not None else None
        self._held: dict[str, SetupLock] = {}
        #: The last bytes known to be a good file per setup (skips re-validating on save).
        self._good: dict[str, bytes] = {}
        self._dirs_ready = False
        # The start screen's index (wizard.storage.index), updated after every save and delete.
        # ``summarize`` is set by the caller that knows the playbook (progress, state).
        self.index = SetupIndex(self.setups_dir, SETUP_ID)
        self.summarize: Summarize | None = None
        #: The secret fields the last import moved from the file into the keyring.
        self.moved_secrets: list[str] = []
        #: Setups whose file on disk still holds plain-text secrets (until the next save).
        self._plain_secrets: set[str] = set()

    # -- paths ----------------------------------------------------------------------------------
    @property
    def setups_dir(self) -> Path:
        return self.dir / "setups"

    @property
    def locks_dir(self) -> Path:
        return self.dir / "locks"

    def path_of(self, setup_id: str) -> Path:
        if not SETUP_ID.match(setup_id or ""):
            raise StoreError(f"“{setup_id}” is not a setup id (letters, digits, - and _ only).")
        return self.setups_dir / f"{setup_id}.json"

    def backup_of(self, setup_id: str) -> Path:
        return self.path_of(setup_id).with_suffix(".json.bak")

    def lock_path(self, setup_id: str) -> Path:
        self.path_of(setup_id)  # validates the id
        return self.locks_dir / f"{setup_id}.lock"

    def secret_fields(self) -> frozenset[str]:
        """Field ids never written to disk (``SECRET_FIELD_IDS`` unless given to the constructor)."""
        if self._secret_fields is None:
            from wizard.storage.secrets import SECRET_FIELD_IDS

            self._secret_fields = SECRET_FIELD_IDS
        return self._secret_fields

    def _ensure_dirs(self) -> None:
        for folder in (self.dir, self.setups_dir, self.locks_dir):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not self._dirs_ready and not IS_WINDOWS:
            for folder in (self.setups_dir, self.locks_dir):
                with contextlib.suppress(OSError):
                    if folder.stat().st_mode & 0o077:
                        folder.chmod(0o700)
        self._dirs_ready = True

    # -- listing --------------------------------------------------------------------------------
    def entries(self) -> list[SetupEntry]:
        """Every setup, newest first; unreadable ones with their message (and no setup)."""
        if not self.setups_dir.is_dir():
            return []
        ids: set[str] = set()
        odd: list[SetupEntry] = []
        now = time.time()
        for path in self.setups_dir.iterdir():
            name = path.name
            if name.startswith("."):
                if name.endswith(".tmp"):
                    with contextlib.suppress(OSError):
                        if now - path.stat().st_mtime > STALE_TEMP_SECONDS:
                            path.unlink()
                continue
            if name.endswith(".json"):
                sid = name[: -len(".json")]
            elif name.endswith(".json.bak"):
                sid = name[: -len(".json.bak")]
            else:
                continue
            if SETUP_ID.match(sid):
                ids.add(sid)
            elif name.endswith(".json"):
                odd.append(
                    SetupEntry(sid, path, None, f"{path.name} is not a setup file of this app.")
                )
        out: list[SetupEntry] = []
        for sid in ids:
            path = self.path_of(sid)
            try:
                out.append(SetupEntry(sid, path, self.load(sid)))
            except StoreError as exc:
                out.append(SetupEntry(sid, path, None, str(exc)))
        out.sort(key=lambda e: (e.setup.updated_at if e.setup else "", e.id), reverse=True)
        return out + sorted(odd, key=lambda e: e.id)

    def exists(self, setup_id: str) -> bool:
        return self.path_of(setup_id).exists() or self.backup_of(setup_id).exists()

    # -- loading --------------------------------------------------------------------------------
    def load(self, setup_id: str) -> Setup:
        """The saved setup. Recovers from a damaged or missing file using the backup (with a
        notice); refuses files from a newer app. Raises StoreError with a message for the user."""
        path = self.path_of(setup_id)
        try:
            raw = read_limited(path)
        except OSError as exc:
            raise StoreError(f"Could not read {path}: {exc.strerror or exc}.") from None
        problem = ""
        if raw is not None:
            try:
                setup, version = decode_with_version(raw)
            except NewerVersionError as exc:
                raise StoreError(str(exc)) from None
            except SetupFormatError as exc:
                problem = str(exc)
            else:
                if setup.id == setup_id:
                    self._good[setup_id] = raw
                    moved = self._adopt_secrets(setup)
                    if version < SCHEMA_VERSION:
                        self._keep_original_format(path, raw, version, scrub=moved)
                    return setup
                problem = f"It contains the setup {setup.id}, not {setup_id}."
        return self._recover(setup_id, path, raw, problem)

    def _recover(self, setup_id: str, path: Path, raw: bytes | None, problem: str) -> Setup:
        """The main file is missing (``raw`` None) or unreadable: fall back to the backup."""
        backup = self.backup_of(setup_id)
        try:
            bak_raw = read_limited(backup)
        except OSError:
            bak_raw = None
        good: Setup | None = None
        bak_problem = "there is no backup copy"
        if bak_raw is not None:
            try:
                good = decode(bak_raw)
            except NewerVersionError as exc:
                if raw is None:
                    raise StoreError(str(exc)) from None
                bak_problem = "the backup copy is from a newer version of the app"
            except SetupFormatError as exc:
                bak_problem = f"the backup copy is not readable either: {exc}"
            if good is not None and good.id != setup_id:
                good, bak_problem = None, "the backup copy belongs to another setup"
        if raw is None and bak_raw is None:
            raise StoreError(f"There is no saved setup '{setup_id}'.")
        if raw is None and good is None:
            raise StoreError(f"The setup file {path.name} is missing, and {bak_problem}.")
        what = label(good, setup_id)
        moved: Path | None = None
        try:
            self._ensure_dirs()
            if raw is not None:
                stamp = self.clock().astimezone(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
                moved = move_aside(path, f".damaged-{stamp}")
            if good is not None and bak_raw is not None:
                atomic_write(path, bak_raw)
        except OSError as exc:
            raise StoreError(
                f"The setup file {path} could not be read ({problem or 'it is missing'}), and "
                f"repairing it failed: {exc.strerror or exc}."
            ) from None
        if good is None:
            message = (
                f"The setup file {path.name} could not be read ({problem}) and {bak_problem}. "
                f"The unreadable file was kept as {moved}."
            )
            self.notices.append(message)
            raise StoreError(message)
        assert bak_raw is not None
        self._good[setup_id] = bak_raw
        self._adopt_secrets(good)
        when = good.updated_at.replace("T", " ")[:16]
        if moved is not None:
            self.notices.append(
                f"{what} could not be read ({problem}), so the previous copy, saved {when} UTC, "
                f"was restored. The unreadable file was kept as {moved}. The last changes "
                "before that may be missing; please check them."
            )
        else:
            self.notices.append(
                f"{what} was missing its file, so the backup copy saved {when} UTC was "
                "restored. The last changes before that may be missing; please check them."
            )
        return good

    def _keep_original_format(
        self, path: Path, raw: bytes, version: int, scrub: bool = False
    ) -> None:
        """After upgrading an older file, keep its original once, so nothing is lost by it
        (less the plain-text secrets, once they are in the keyring)."""
        original = path.with_name(f"{path.name}.v{version}")
        if original.exists():
            return
        with contextlib.suppress(OSError):
            atomic_write(original, self._without_secrets(raw) if scrub else raw)

    def _without_secrets(self, raw: bytes) -> bytes:
        try:
            doc = json.loads(raw.decode("utf-8-sig"))
        except (ValueError, RecursionError):
            return raw
        for key in ("values", "answers"):
            if isinstance(doc.get(key), dict):
                for fid in self.secret_fields():
                    doc[key].pop(fid, None)
        return json.dumps(doc, ensure_ascii=True, sort_keys=True, indent=1).encode() + b"\n"

    def _adopt_secrets(self, setup: Setup) -> bool:
        """Move plain-text secrets of an older file into the keyring (unless it already holds
        one for that field); the next save writes the file without them. True if any moved."""
        found = self.take_secrets(setup)
        if not found:
            return False
        self._plain_secrets.add(setup.id)
        secrets = self._secret_store()
        fresh = {fid: v for fid, v in found.items() if not secrets.get(setup.id, fid)}
        self._keep_secrets(setup.id, fresh, secrets)
        return True

    def _secret_store(self) -> Any:
        if self.secrets is None:
            from wizard.storage.secrets import SecretStore

            self.secrets = SecretStore()
        return self.secrets

    # -- saving ---------------------------------------------------------------------------------
    def save(self, setup: Setup) -> bool:
        """Write the setup durably if it changed; True if the file was written.

        The previous good file becomes ``<id>.json.bak``. On failure the old file is intact and
        StoreError says what happened in plain words.
        """
        path = self.path_of(setup.id)
        try:
            data = encode(setup, self.secret_fields())
        except (TypeError, ValueError) as exc:  # a value JSON can't hold: a bug, not the disk
            raise StoreError(
                f"{label(setup, setup.id)} could not be saved: one of its values has an "
                f"unsupported type ({exc}). Your changes are still in the window."
            ) from None
        try:
            self._ensure_dirs()
            current = read_limited(path)
            if current == data:
                return False
            backup: Path | None = self.backup_of(setup.id)
            if current is not None and current != self._good.get(setup.id):
                try:
                    decode(current)
                except NewerVersionError as exc:
                    raise StoreError(
                        f"{label(setup, setup.id)} was not saved: the file on disk was written "
                        f"by a newer version of the app meanwhile. {exc}"
                    ) from None
                except SetupFormatError:
                    # Never overwrite what we could not read, and never make it the backup.
                    stamp = self.clock().astimezone(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
                    moved = move_aside(path, f".damaged-{stamp}")
                    self.notices.append(
                        f"The file {path.name} had become unreadable; it was kept as {moved} "
                        "and your setup was saved again."
                    )
                    backup = None
            if backup is not None and current is not None and setup.id in self._plain_secrets:
                # the file held plain-text secrets (now in the keyring): back it up without them
                atomic_write(backup, self._without_secrets(current))
                backup = None
            atomic_write(path, data, backup)
            self._plain_secrets.discard(setup.id)
        except OSError as exc:
            raise save_error(path, exc) from None
        self._good[setup.id] = data
        self.index.saved(setup, path, self.summarize)
        return True

    # -- single instance ------------------------------------------------------------------------
    def open_lock(self, setup_id: str) -> SetupLock:
        """Take the setup for this window. Raises SetupLocked if another window has it
        (offer read-only then). Release with ``lock.release()`` or a ``with`` block."""
        lock_path = self.lock_path(setup_id)
        if setup_id in self._held:
            raise SetupLocked(setup_id, self._label_of(setup_id))

        def forget() -> None:
            self._held.pop(setup_id, None)

        try:
            self._ensure_dirs()
            lock = locks.acquire(lock_path, forget)
        except locks.LockBusy:
            raise SetupLocked(setup_id, self._label_of(setup_id)) from None
        except OSError as exc:
            hint = ""
            if lock_path.is_symlink():
                hint = " It is a link to another file, which is never followed; delete the link."
            raise StoreError(
                f"Could not open the lock file {lock_path}: {exc.strerror or exc}.{hint}"
            ) from None
        self._held[setup_id] = lock
        self._remove_temp_files(setup_id)
        return lock

    @contextlib.contextmanager
    def _exclusive(self, setup_id: str) -> Iterator[None]:
        """Hold the setup's lock for an operation, unless this store already holds it."""
        if setup_id in self._held:
            yield
            return
        with self.open_lock(setup_id):
            yield

    def _label_of(self, setup_id: str) -> str:
        try:
            raw = read_limited(self.path_of(setup_id))
            return label(decode(raw) if raw else None, setup_id)
        except (OSError, SetupFormatError):
            return label(None, setup_id)

    def _remove_temp_files(self, setup_id: str) -> None:
        """Temp files a killed save left behind (only safe while holding the lock)."""
        with contextlib.suppress(OSError):
            for tmp in self.setups_dir.glob(f".{setup_id}.json*.tmp"):
                with contextlib.suppress(OSError):
                    tmp.unlink()

    # -- operations on whole setups --------------------------------------------------------------
    def rename(self, setup_id: str, client_name: str) -> Setup:
        """Change the client name of a setup that is not open (for an open one, use the session)."""
        name = " ".join(client_name.split())
        if not name:
            raise ValueError("Enter a client name.")
        with self._exclusive(setup_id):
            setup = self.load(setup_id)
            if setup.client_name != name:
                setup.values["client_name"] = name
                setup.touch(self.clock)
                self.save(setup)
        return setup

    def duplicate(
        self,
        setup_id: str,
        secrets: Any = None,
        secret_fields: Iterable[str] | None = None,
    ) -> Setup:
        """A copy with a new id, called "Copy of …", its secrets copied too."""
        source = self.load(setup_id)
        copy = self._with_new_id(source)
        copy.values["client_name"] = f"Copy of {source.client_name or source.id}"
        self.save(copy)
        if secrets is not None:
            fields = self.secret_fields() if secret_fields is None else secret_fields
            secrets.copy_all(source.id, copy.id, fields)
        return copy

    def delete(
        self,
        setup_id: str,
        secrets: Any = None,
        secret_fields: Iterable[str] | None = None,
    ) -> None:
        """Delete the setup, its backups and copies, and (if given) its secrets."""
        self.path_of(setup_id)
        with self._exclusive(setup_id):
            if self.setups_dir.is_dir():
                for path in self.setups_dir.glob(f"{setup_id}.json*"):
                    try:
                        path.unlink()
                    except FileNotFoundError:
                        pass
                    except OSError as exc:
                        raise save_error(path, exc, "delete") from None
                import shutil

                shutil.rmtree(self.setups_dir / f"{setup_id}.evidence", ignore_errors=True)
                fsync_dir(self.setups_dir)
            self.index.removed(setup_id)
            if secrets is not None:
                fields = self.secret_fields() if secret_fields is None else secret_fields
                secrets.delete_all(setup_id, list(fields))

    def find(self, ref: str) -> Setup:
        """A setup by id, or by client name (case-insensitive) when that is unambiguous."""
        if SETUP_ID.match(ref or "") and self.exists(ref):
            return self.load(ref)
        entries = [e for e in self.entries() if e.setup is not None]
        named = [e for e in entries if e.setup and e.setup.client_name.lower() == ref.lower()]
        if len(named) == 1 and named[0].setup is not None:
            return named[0].setup
        if len(named) > 1:
            ids = ", ".join(e.id for e in named)
            raise StoreError(f"Several setups are called '{ref}' ({ids}); use the id instead.")
        raise StoreError(f"There is no saved setup with the id or client name '{ref}'.")

    # -- export and import ------------------------------------------------------------------------
    def export_bytes(self, setup: Setup) -> bytes:
        doc = {
            "format": EXPORT_FORMAT,
            "exported_at": self.clock().isoformat(timespec="seconds"),
            "app_version": __version__,
            "setup": json.loads(encode(setup, self.secret_fields())),
        }
        from wizard.storage.evidence import EvidenceStore  # notes and attachments, if any

        evidence = EvidenceStore.for_setup(self, setup.id).export_doc()
        if evidence:
            doc["evidence"] = evidence
        try:
            return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode() + b"\n"
        except UnicodeEncodeError:  # a lone surrogate from a paste: escaped, so it round-trips
            return json.dumps(doc, ensure_ascii=True, sort_keys=True, indent=1).encode() + b"\n"

    def export(self, setup_id: str, out: Path) -> Path:
        """Write the setup, without secrets, to one JSON file another PC can import."""
        from wizard.storage.outputs import write_output

        setup = self.load(setup_id)
        out = Path(out)
        try:
            return write_output(out, self.export_bytes(setup), data_dir=self.dir)
        except OSError as exc:
            raise save_error(out, exc, "write") from None

    def read_import(self, file: Path) -> Setup:
        """The setup in an exported file (or a bare setup file). Raises StoreError.

        Plain-text secrets found in the file (older versions kept the agreement number there)
        are left in ``values`` for ``import_setup`` to move into the keyring."""
        file = Path(file)
        choose = "Choose the file you exported (it ends in .lsw.json or .json)."
        try:
            raw = read_regular(file, MAX_IMPORT_BYTES)
        except FileNotFoundError:
            raise StoreError(f"The file {file} does not exist.") from None
        except NotRegularFile:
            raise StoreError(
                f"{file} is not a file (it is a folder, a pipe or a device). {choose}"
            ) from None
        except FileTooLarge as exc:
            raise StoreError(
                f"{file.name} is {exc.size / 1e6:,.0f} MB; a setup file is a few kilobytes "
                f"and an export with attachments at most {MAX_IMPORT_BYTES // 2**20} MB, so this is not one. {choose}"
            ) from None
        except OSError as exc:
            raise StoreError(f"Could not read {file}: {exc.strerror or exc}.") from None
        not_ours = f"{file.name} is not a setup exported by this app."
        try:
            # A byte order mark is accepted: Notepad adds one when an export is edited and saved.
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise StoreError(
                f"{not_ours} It is not UTF-8 text (an invalid byte at position {exc.start}). "
                f"{choose}"
            ) from None
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StoreError(
                f"{not_ours} It is not complete JSON (line {exc.lineno}, column {exc.colno}); "
                f"it may be damaged or cut short. {choose}"
            ) from None
        except RecursionError:
            raise StoreError(f"{not_ours} Its JSON is nested far too deeply. {choose}") from None
        except ValueError:
            raise StoreError(f"{not_ours} {choose}") from None
        if isinstance(doc, dict) and doc.get("format") == EXPORT_FORMAT:
            doc = doc.get("setup")
        elif not (isinstance(doc, dict) and "schema_version" in doc):
            raise StoreError(f"{not_ours} {choose}")
        try:
            return Setup.from_dict(migrations.upgrade(doc))
        except SetupFormatError as exc:
            if isinstance(exc, NewerVersionError):
                raise StoreError(str(exc).replace(" The file was not changed.", "")) from None
            raise StoreError(f"{not_ours[:-1]}, or it is damaged: {exc}") from None
        except RecursionError:
            raise StoreError(f"{not_ours} Its JSON is nested far too deeply. {choose}") from None

    def take_secrets(self, setup: Setup) -> dict[str, str]:
        """Remove plain-text secret values from ``setup`` (older files held them) and return
        them, for the keyring. Non-text values are dropped: no secret is ever a number."""
        found: dict[str, str] = {}
        for fid in self.secret_fields():
            value = setup.values.pop(fid, None)
            if isinstance(value, str) and value.strip():
                found[fid] = value.strip()
        return found

    def import_setup(self, file: Path, mode: str | None = None, secrets: Any = None) -> Setup:
        """Import a setup. If its id exists: ``mode=None`` raises ImportConflict, REPLACE
        overwrites (the old one stays as .bak), KEEP_BOTH saves it under a new id. The
        evidence in the file (notes, attachments) comes along.

        The check for an existing setup and the save happen under the setup's lock, so two
        imports of one file at once can't both write it: the second finds it (ImportConflict)
        or finds it being written (StoreError). Plain-text secrets found in the file go to
        ``secrets`` (a SecretStore; a new one if None) and are listed in ``moved_secrets``."""
        setup = self._import_setup(file, mode, secrets)
        from wizard.storage.evidence import EvidenceStore

        try:
            doc = json.loads(
                (read_limited(Path(file), MAX_IMPORT_BYTES) or b"{}").decode("utf-8-sig")
            )
        except (OSError, ValueError, RecursionError):  # read once already; changed meanwhile
            doc = None
        if isinstance(doc, dict) and isinstance(doc.get("evidence"), dict):
            EvidenceStore.for_setup(self, setup.id).import_doc(doc["evidence"])
        return setup

    def _import_setup(self, file: Path, mode: str | None, secrets: Any) -> Setup:
        setup = self.read_import(file)
        if mode not in (None, REPLACE, KEEP_BOTH):
            raise ValueError(mode)
        found = self.take_secrets(setup)
        if mode == KEEP_BOTH and self.exists(setup.id):
            setup = self._with_new_id(setup, keep_times=True)
        try:
            with self._exclusive(setup.id):
                if self.exists(setup.id) and mode is None:
                    try:
                        existing: Setup | None = self.load(setup.id)
                    except StoreError:
                        existing = None
                    raise ImportConflict(setup, existing)
                self.save(setup)
        except SetupLocked:
            raise StoreError(
                f"{label(setup, setup.id)} is open in a window of the app or being imported by "
                "another command right now, so it was not imported. Close it there (or wait for "
                "the other import), then import again."
            ) from None
        self.moved_secrets = self._keep_secrets(setup.id, found, secrets)
        return setup

    def _keep_secrets(self, setup_id: str, found: dict[str, str], secrets: Any) -> list[str]:
        """Put plain-text secrets into the keyring (never into a file); the field ids moved."""
        if not found:
            return []
        secrets = secrets if secrets is not None else self._secret_store()
        for fid, value in found.items():
            try:
                secrets.set(setup_id, fid, value)
            except ValueError as exc:  # longer than a keyring takes
                self.notices.append(f"The secret value '{fid}' in the file was not kept: {exc}")
                continue
        if getattr(secrets, "unavailable", ""):
            self.notices.append(
                f"{secrets.unavailable} The agreement number found in the file is kept only "
                "until the app closes; enter it again later."
            )
        return list(found)

    def _with_new_id(self, setup: Setup, keep_times: bool = False) -> Setup:
        fresh = Setup.new(clock=self.clock)
        while self.exists(fresh.id):  # pragma: no cover - 48 random bits
            fresh = Setup.new(clock=self.clock)
        doc = setup.to_dict()
        doc["id"] = fresh.id
        if not keep_times:
            doc["created_at"] = doc["updated_at"] = fresh.created_at
        return Setup.from_dict(doc)
