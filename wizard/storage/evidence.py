"""Evidence on a step: a plain-text note and attached files (screenshots, PDFs, text).

Kept beside the setup, in ``setups/<id>.evidence/``: each attachment as its own file named by a
random id, and ``index.json`` listing the notes and attachments per step. Saving is crash-safe
in the same way as a setup (``safefile``): the attachment's file is written and synced first, the
index second, so at every moment the index only lists files that are complete. A file left
without an index entry by a crash is ignored and removed by the next save.

Limits: ``MAX_FILE_BYTES`` per attachment and ``MAX_SETUP_BYTES`` for all of a setup's files.
Types are checked by content, not by the name: PNG, JPEG, PDF, or UTF-8 text.
Nothing here knows about Qt.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.storage import safefile
from wizard.storage.errors import StoreError

INDEX = "index.json"
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_SETUP_BYTES = 50 * 1024 * 1024
MAX_NOTE_CHARS = 20_000
KINDS = {"png": ".png", "jpeg": ".jpg", "pdf": ".pdf", "txt": ".txt"}
_FILE_ID = re.compile(r"^[0-9a-f]{16}$")


class EvidenceError(StoreError):
    """An attachment that can't be kept (type, size), with a message for the user."""


@dataclass(frozen=True)
class Attachment:
    id: str
    name: str  # the name the user knows it by
    kind: str  # png | jpeg | pdf | txt
    size: int
    added_at: str = ""

    @property
    def file_name(self) -> str:
        return self.id + KINDS[self.kind]


@dataclass
class StepEvidence:
    note: str = ""
    files: list[Attachment] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.note and not self.files


def sniff(data: bytes) -> str | None:
    """The kind of file by its first bytes; None for anything not accepted."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if b"\0" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "txt"


def clean_name(name: str, kind: str) -> str:
    """A display name for the attachment: the file's own name, or one made up for a paste."""
    base = " ".join(Path(str(name)).name.split())[:120]
    if not base:
        base = {"png": "screenshot.png", "jpeg": "photo.jpg"}.get(kind, "attachment" + KINDS[kind])
    return base


class EvidenceStore:
    """One setup's evidence folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def for_setup(cls, store: Any, setup_id: str) -> EvidenceStore:
        """The evidence of a setup in a ``SetupStore``."""
        store.path_of(setup_id)  # checks the id
        return cls(Path(store.setups_dir) / f"{setup_id}.evidence")

    # -- reading -----------------------------------------------------------------------------------
    def _load(self) -> dict[str, StepEvidence]:
        try:
            raw = safefile.read_limited(self.folder / INDEX)
        except OSError as exc:
            raise StoreError(f"Could not read the evidence in {self.folder}: {exc}") from None
        if not raw:
            return {}
        try:
            doc = json.loads(raw)
        except ValueError:
            raise StoreError(
                f"The evidence list {self.folder / INDEX} is damaged; the attached files are "
                "still in that folder."
            ) from None
        return self._from_doc(doc)

    def _from_doc(self, doc: Any) -> dict[str, StepEvidence]:
        out: dict[str, StepEvidence] = {}
        steps = doc.get("steps") if isinstance(doc, dict) else None
        if not isinstance(steps, dict):
            return out
        for sid, raw in steps.items():
            if not isinstance(raw, dict):
                continue
            item = StepEvidence(note=str(raw.get("note") or ""))
            for f in raw.get("files") or []:
                try:
                    att = Attachment(
                        str(f["id"]),
                        str(f["name"]),
                        str(f["kind"]),
                        int(f["size"]),
                        str(f.get("added_at") or ""),
                    )
                except (KeyError, TypeError, ValueError):
                    continue
                if _FILE_ID.match(att.id) and att.kind in KINDS:
                    item.files.append(att)
            if not item.empty:
                out[str(sid)] = item
        return out

    def items(self) -> list[tuple[str, StepEvidence]]:
        return list(self._load().items())

    def of(self, step_id: str) -> StepEvidence:
        return self._load().get(step_id, StepEvidence())

    def read(self, att: Attachment) -> bytes:
        try:
            return (self.folder / att.file_name).read_bytes()
        except OSError as exc:
            raise StoreError(f"Could not read the attachment “{att.name}”: {exc}") from None

    def total_bytes(self) -> int:
        return sum(a.size for _, item in self.items() for a in item.files)

    # -- writing -----------------------------------------------------------------------------------
    def _save(self, items: Mapping[str, StepEvidence]) -> None:
        doc = {
            "version": 1,
            "steps": {
                sid: {
                    "note": item.note,
                    "files": [
                        {
                            "id": a.id,
                            "name": a.name,
                            "kind": a.kind,
                            "size": a.size,
                            "added_at": a.added_at,
                        }
                        for a in item.files
                    ],
                }
                for sid, item in items.items()
                if not item.empty
            },
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        try:
            safefile.atomic_write(self.folder / INDEX, data)
        except OSError as exc:
            raise safefile.save_error(self.folder / INDEX, exc) from None
        self._remove_strays(items)

    def _remove_strays(self, items: Mapping[str, StepEvidence]) -> None:
        """Files no entry lists (left by a crash between the two writes, or removed)."""
        keep = {a.file_name for item in items.values() for a in item.files} | {INDEX}
        for path in self.folder.iterdir():
            if path.name not in keep and (
                path.suffix in KINDS.values() or path.name.startswith(".")
            ):
                with contextlib.suppress(OSError):
                    path.unlink()

    def set_note(self, step_id: str, text: str) -> None:
        note = str(text or "").strip()
        if len(note) > MAX_NOTE_CHARS:
            raise EvidenceError(f"The note is too long (at most {MAX_NOTE_CHARS} characters).")
        items = self._load()
        items.setdefault(step_id, StepEvidence()).note = note
        self._save(items)

    def add(
        self, step_id: str, name: str, data: bytes, now: _dt.datetime | None = None
    ) -> Attachment:
        """Keep ``data`` as an attachment of the step; EvidenceError when it can't be kept."""
        kind = sniff(data)
        if kind is None:
            raise EvidenceError(
                f"“{name or 'This file'}” is not a PNG, JPEG, PDF or text file; only those can be "
                "attached."
            )
        if len(data) > MAX_FILE_BYTES:
            raise EvidenceError(
                f"“{name}” is {len(data) // (1024 * 1024)} MB; an attachment can be at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Attach a smaller file or a screenshot of "
                "the part that matters."
            )
        items = self._load()
        used = sum(a.size for item in items.values() for a in item.files)
        if used + len(data) > MAX_SETUP_BYTES:
            raise EvidenceError(
                f"This setup's attachments would exceed {MAX_SETUP_BYTES // (1024 * 1024)} MB. "
                "Remove some attachments first."
            )
        stamp = (now or _dt.datetime.now(_dt.UTC)).isoformat(timespec="seconds")
        att = Attachment(os.urandom(8).hex(), clean_name(name, kind), kind, len(data), stamp)
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            safefile.atomic_write(self.folder / att.file_name, data)
        except OSError as exc:
            raise safefile.save_error(self.folder / att.file_name, exc) from None
        items.setdefault(step_id, StepEvidence()).files.append(att)
        self._save(items)
        return att

    def add_file(self, step_id: str, path: Path) -> Attachment:
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise EvidenceError(
                    f"“{path.name}” is {size // (1024 * 1024)} MB; an attachment can be at most "
                    f"{MAX_FILE_BYTES // (1024 * 1024)} MB."
                )
            data = path.read_bytes()
        except OSError as exc:
            raise EvidenceError(f"Could not read {path}: {exc.strerror or exc}") from None
        return self.add(step_id, path.name, data)

    def remove(self, step_id: str, attachment_id: str) -> None:
        items = self._load()
        item = items.get(step_id)
        if item is None:
            return
        item.files = [a for a in item.files if a.id != attachment_id]
        self._save(items)

    # -- export and import ---------------------------------------------------------------------------
    def export_doc(self) -> dict[str, Any]:
        """The evidence as JSON-ready data (files base64-encoded), for ``export``."""
        out: dict[str, Any] = {}
        for sid, item in self.items():
            out[sid] = {
                "note": item.note,
                "files": [
                    {
                        "name": a.name,
                        "added_at": a.added_at,
                        "data": base64.b64encode(self.read(a)).decode("ascii"),
                    }
                    for a in item.files
                ],
            }
        return out

    def import_doc(self, doc: Any) -> None:
        """Replace this folder's evidence with an exported one (bad entries are skipped)."""
        if not isinstance(doc, dict):
            return
        self._save({})
        for sid, raw in doc.items():
            if not isinstance(raw, dict):
                continue
            if raw.get("note"):
                self.set_note(str(sid), str(raw["note"]))
            for f in raw.get("files") or []:
                try:
                    data = base64.b64decode(str(f["data"]), validate=True)
                except (KeyError, TypeError, ValueError):
                    continue
                try:
                    self.add(str(sid), str(f.get("name") or ""), data)
                except EvidenceError:
                    continue

    def __iter__(self) -> Iterator[tuple[str, StepEvidence]]:
        return iter(self.items())
