"""What the printed checklist and the handover pack add from outside the setup document: the
consultant profile (Settings) and the evidence on the steps (notes and attachments).

Both are optional and never stop a checklist: a profile or evidence that can't be read prints as
none (the evidence panel tells the user when it can't read its files).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from wizard.output import checklist
from wizard.storage.errors import StoreError

#: Images up to this size print as thumbnails on the checklist; larger ones by name only.
THUMB_MAX_BYTES = 4 * 1024 * 1024
_MIME = {"png": "image/png", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Evidence:
    """A file attached to a step, for the pack."""

    step_id: str
    name: str
    data: bytes


def attachment(att: Any, data: bytes) -> checklist.Attachment:
    """How an attachment prints: images small (when not too large), other files by name."""
    mime = _MIME.get(att.kind)
    uri = ""
    if mime and len(data) <= THUMB_MAX_BYTES:
        uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return checklist.Attachment(att.name, "image" if mime else "file", len(data), uri)


def evidence(store: Any, setup_id: str) -> dict[str, Any]:
    """The setup's evidence as ``notes``, ``attachments`` and ``evidence`` keyword arguments."""
    from wizard.storage.evidence import EvidenceStore

    notes: dict[str, str] = {}
    attachments: dict[str, list[checklist.Attachment]] = {}
    files: list[Evidence] = []
    try:
        box = EvidenceStore.for_setup(store, setup_id)
        items = box.items()
    except (StoreError, OSError, ValueError):
        items = []
    for step_id, item in items:
        if item.note:
            notes[step_id] = item.note
        for att in item.files:
            try:
                data = box.read(att)
            except StoreError:
                continue
            attachments.setdefault(step_id, []).append(attachment(att, data))
            files.append(Evidence(step_id, att.name, data))
    return {"notes": notes, "attachments": attachments, "evidence": files}


def for_setup(store: Any, setup_id: str) -> dict[str, Any]:
    """Consultant and evidence, as keyword arguments for ``handover.build_files``."""
    return {"consultant": checklist.saved_consultant(), **evidence(store, setup_id)}


def for_checklist(store: Any, setup_id: str) -> dict[str, Any]:
    """Consultant and evidence, as keyword arguments for ``checklist.build``."""
    extras = for_setup(store, setup_id)
    extras.pop("evidence")
    return extras


def session_checklist(session: Any, include_secrets: bool = False) -> checklist.Checklist:
    """The GUI's checklist for an open session, with the consultant and the evidence."""
    return checklist.build(
        session.book,
        session.setup,
        values=session.values(),
        include_secrets=include_secrets,
        clock=session.clock,
        **for_checklist(session.store, session.setup.id),
    )
