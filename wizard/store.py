"""Saved setups on disk: one JSON file per setup in the data folder.

PROVISIONAL: a simple atomic save. Being hardened (backups, quarantine, migrations, locks).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from wizard.engagement import Clock, Setup, SetupFormatError, utc_now


class StoreError(Exception):
    """A setup could not be read or written. ``str()`` is a message for the user."""


@dataclass
class SetupEntry:
    """One row of the start screen: a loadable setup, or a broken file with its message."""

    id: str
    path: Path
    setup: Setup | None
    error: str = ""


class SetupStore:
    def __init__(self, data_dir: Path, clock: Clock = utc_now) -> None:
        self.dir = Path(data_dir)
        self.clock = clock
        self.notices: list[str] = []

    @property
    def setups_dir(self) -> Path:
        return self.dir / "setups"

    def path_of(self, setup_id: str) -> Path:
        return self.setups_dir / f"{setup_id}.json"

    def entries(self) -> list[SetupEntry]:
        out = []
        if not self.setups_dir.is_dir():
            return out
        for path in sorted(self.setups_dir.glob("*.json")):
            sid = path.stem
            try:
                out.append(SetupEntry(sid, path, self.load(sid)))
            except StoreError as exc:
                out.append(SetupEntry(sid, path, None, str(exc)))
        out.sort(key=lambda e: e.setup.updated_at if e.setup else "", reverse=True)
        return out

    def load(self, setup_id: str) -> Setup:
        path = self.path_of(setup_id)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            return Setup.from_dict(doc)
        except FileNotFoundError:
            raise StoreError(f"There is no saved setup '{setup_id}'.") from None
        except (OSError, ValueError, SetupFormatError) as exc:
            raise StoreError(f"The setup file {path} could not be read: {exc}") from None

    def save(self, setup: Setup) -> None:
        self.setups_dir.mkdir(parents=True, exist_ok=True)
        data = json.dumps(setup.to_dict(), ensure_ascii=False, sort_keys=True, indent=1)
        path = self.path_of(setup.id)
        try:
            fd, tmp = tempfile.mkstemp(dir=self.setups_dir, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise StoreError(
                f"Could not save to {path}: {exc.strerror or exc}. Your changes are still in the "
                "window; free some space or choose another data folder, then try again."
            ) from None

    def delete(self, setup_id: str) -> None:
        self.path_of(setup_id).unlink(missing_ok=True)

    def find(self, ref: str) -> Setup:
        """A setup by id, or by client name (case-insensitive) when that is unambiguous."""
        entries = [e for e in self.entries() if e.setup is not None]
        for e in entries:
            if e.id == ref:
                assert e.setup is not None
                return e.setup
        named = [e for e in entries if e.setup and e.setup.client_name.lower() == ref.lower()]
        if len(named) == 1 and named[0].setup is not None:
            return named[0].setup
        if len(named) > 1:
            ids = ", ".join(e.id for e in named)
            raise StoreError(f"Several setups are called '{ref}' ({ids}); use the id instead.")
        raise StoreError(f"There is no saved setup with the id or client name '{ref}'.")
