"""Bytes <-> setup: the JSON saved for a setup (secrets dropped), and reading any supported format."""

from __future__ import annotations

import json
from collections.abc import Iterable

from wizard.storage import migrations
from wizard.storage.document import Setup, SetupFormatError


def encode(setup: Setup, secret_fields: Iterable[str] = ()) -> bytes:
    """The bytes saved for a setup: sorted UTF-8 JSON with ``schema_version``, secrets dropped."""
    doc = setup.to_dict()
    hidden = set(secret_fields)
    if hidden:
        doc["values"] = {k: v for k, v in doc["values"].items() if k not in hidden}
    try:
        text = json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1)
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # a lone surrogate from a paste: escape it instead of failing
        return json.dumps(doc, ensure_ascii=True, sort_keys=True, indent=1).encode() + b"\n"


def decode(raw: bytes) -> Setup:
    """A setup from saved bytes of any supported format. Raises SetupFormatError (or its
    subclass NewerVersionError) with a message for the user; never anything else."""
    return decode_with_version(raw)[0]


def decode_with_version(raw: bytes) -> tuple[Setup, int]:
    """The setup and the format version the bytes were in."""
    try:
        doc = json.loads(raw.decode("utf-8-sig"))  # a BOM from an editor (Notepad) is fine
    except UnicodeDecodeError:
        raise SetupFormatError("The file is not text (it is not valid UTF-8).") from None
    except json.JSONDecodeError as exc:
        raise SetupFormatError(
            f"The file is not complete JSON (line {exc.lineno}, column {exc.colno})."
        ) from None
    except (ValueError, RecursionError):
        raise SetupFormatError("The file is not readable JSON.") from None
    try:
        version = migrations.version_of(doc)
        return Setup.from_dict(migrations.upgrade(doc)), version
    except SetupFormatError:
        raise
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
        raise SetupFormatError(f"The file does not have the shape of a setup ({exc}).") from None


def label(setup: Setup | None, setup_id: str) -> str:
    if setup is not None and setup.client_name:
        return f"The setup “{setup.client_name}”"
    return f"The setup {setup_id}"
