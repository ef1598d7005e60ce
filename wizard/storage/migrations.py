"""Upgrades of saved setups from older file formats, one small registered step per version.

A setup file carries ``schema_version``. ``upgrade`` applies ``MIGRATIONS[n]`` (format n to n+1)
until the document has the current ``SCHEMA_VERSION``; ``Setup.from_dict`` then validates it. Each
step works on a deep copy, so a step that fails leaves the caller's document (and the file on disk)
as it was. A file from a newer version is refused with ``NewerVersionError`` and never touched.

Every format that ever shipped keeps a fixture in ``tests/fixtures/setup-v<N>.json``.

Format history:

* 0 (pre-release): answers at the top level under ``"answers"``; no ``"visited"`` path and no
  ``"checks"``; step progress under ``"progress"`` as ``{step: {"status", "at"}}``.
* 1: ``"values"``, ``"steps"``, ``"visited"`` (the path through the wizard), ``"checks"``.
* 2: ``"ticks"``: the to-do items ticked per step (``{step: [item key, ...]}``). Format 1 had no
  ticks (a step marked done printed every item as ticked); nothing is ticked after the upgrade, so
  the checklist shows only what the user really ticked.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from wizard.storage.document import SCHEMA_VERSION, NewerVersionError, SetupFormatError

Document = dict[str, Any]


def _v0_to_v1(doc: Document) -> Document:
    """0 -> 1: "answers" becomes "values", "progress" becomes "steps", add "visited" and "checks".

    Version 0 did not record the path through the wizard. The best reconstruction is the steps
    that have progress, in the order they were marked, followed by the step on screen.
    """
    answers = doc.pop("answers", {})
    if not isinstance(answers, dict):
        raise SetupFormatError("The answers in this older setup file are not readable.")
    progress = doc.pop("progress", {})
    if not isinstance(progress, dict):
        raise SetupFormatError("The step progress in this older setup file is not readable.")
    doc["values"] = answers
    doc["steps"] = progress

    def marked_at(item: tuple[str, Any]) -> str:
        state = item[1]
        return str(state.get("at", "")) if isinstance(state, dict) else ""

    visited = [step for step, _ in sorted(progress.items(), key=marked_at)]
    current = doc.get("current_step")
    if isinstance(current, str) and current not in visited:
        visited.append(current)
    doc["visited"] = visited
    doc.setdefault("checks", [])
    doc["schema_version"] = 1
    return doc


def _v1_to_v2(doc: Document) -> Document:
    """1 -> 2: add "ticks" (none: format 1 never recorded which to-do items were done)."""
    doc.setdefault("ticks", {})
    doc["schema_version"] = 2
    return doc


#: ``MIGRATIONS[n]`` turns a format-n document into a format-(n+1) document.
MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
}


def version_of(doc: Any) -> int:
    """The ``schema_version`` of a parsed document, or SetupFormatError."""
    if not isinstance(doc, dict):
        raise SetupFormatError("The file does not contain a setup (expected a JSON object).")
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SetupFormatError("The file has no valid 'schema_version'.")
    return version


def upgrade(doc: Any) -> Document:
    """The document in the current format. The argument is never modified.

    Raises NewerVersionError for a file from a newer app, SetupFormatError when a step fails.
    """
    version = version_of(doc)
    if version > SCHEMA_VERSION:
        raise NewerVersionError(version, SCHEMA_VERSION)
    if version == SCHEMA_VERSION:
        return doc
    current: Document = copy.deepcopy(doc)
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:  # pragma: no cover - guarded by a test over MIGRATIONS
            raise SetupFormatError(f"This app cannot upgrade setups saved in format {version}.")
        try:
            current = step(current)
        except SetupFormatError:
            raise
        except Exception as exc:  # noqa: BLE001 - a step met a shape it did not expect
            raise SetupFormatError(
                f"This setup is in the older format {version} and could not be upgraded "
                f"({type(exc).__name__})."
            ) from None
        version += 1
        if version_of(current) != version:  # pragma: no cover - a broken step
            raise SetupFormatError(f"The upgrade from format {version - 1} went wrong.")
    return current
