"""A setup (an "engagement"): one client's answers and progress, as a versioned plain document.

This is the truth that pages edit, the store saves, and the checklist and checks read. It holds the
position (current step and visited path) as well as the answers, so a setup resumes where it was
left weeks later. ``ticks`` holds the to-do items the user ticked, per step, by the items' stable
keys from the playbook (``checklist_ids``), never by position. Secrets are never part of it:
fields marked secret live in the keyring.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 2
#: Timestamps are written by the app (now, UTC); outside these years a file was tampered with.
STAMP_MIN_YEAR = 1970
STAMP_MAX_YEAR = 9000

DONE = "done"
SKIPPED = "skipped"
STEP_STATES = (DONE, SKIPPED)

#: The clock used for timestamps. Tests replace it to jump days ahead.
Clock = Callable[[], _dt.datetime]


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def local_time(stamp: str) -> str:
    """A saved ISO 8601 stamp as local ``YYYY-MM-DD HH:MM`` for people; "" if it is not a time."""
    when = parse_stamp(stamp) if isinstance(stamp, str) else None
    if when is None:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


class SetupFormatError(ValueError):
    """A saved setup does not have the expected shape. The message says which part is wrong."""


class NewerVersionError(SetupFormatError):
    """A setup written by a newer version of the app; it is left untouched."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"This setup was saved by a newer version of the app (file format {found}; this "
            f"version reads up to {supported}). Update the app to open it. The file was not changed."
        )
        self.found = found
        self.supported = supported


@dataclass
class StepState:
    status: str
    at: str  # ISO 8601 UTC timestamp

    def to_dict(self) -> dict[str, str]:
        return {"status": self.status, "at": self.at}


@dataclass
class Setup:
    id: str
    created_at: str
    updated_at: str
    values: dict[str, Any] = field(default_factory=dict)
    steps: dict[str, StepState] = field(default_factory=dict)
    current_step: str | None = None
    visited: list[str] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    #: step id -> keys of the to-do items ticked on that step, in the order they were ticked
    ticks: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def new(cls, client_name: str = "", clock: Clock = utc_now) -> Setup:
        now = clock().isoformat(timespec="seconds")
        setup = cls(id=os.urandom(6).hex(), created_at=now, updated_at=now)
        if client_name:
            setup.values["client_name"] = client_name
        return setup

    # -- convenience ------------------------------------------------------------------------
    @property
    def client_name(self) -> str:
        """The client name as shown everywhere (blanks at the ends stripped)."""
        return str(self.values.get("client_name") or "").strip()

    @property
    def deployment(self) -> str | None:
        value = self.values.get("deployment")
        return str(value) if value else None

    def status_of(self, step_id: str) -> str | None:
        state = self.steps.get(step_id)
        return state.status if state else None

    def mark(self, step_id: str, status: str | None, clock: Clock = utc_now) -> None:
        if status is None:
            self.steps.pop(step_id, None)
        else:
            if status not in STEP_STATES:
                raise ValueError(status)
            self.steps[step_id] = StepState(status, clock().isoformat(timespec="seconds"))

    def ticked(self, step_id: str) -> list[str]:
        return list(self.ticks.get(step_id, ()))

    def set_tick(self, step_id: str, key: str, on: bool) -> bool:
        """Tick or untick one to-do item; True when that changed anything."""
        keys = self.ticks.get(step_id, [])
        if on == (key in keys):
            return False
        keys = [*keys, key] if on else [k for k in keys if k != key]
        if keys:
            self.ticks[step_id] = keys
        else:
            self.ticks.pop(step_id, None)
        return True

    def visit(self, step_id: str) -> None:
        self.current_step = step_id
        if step_id not in self.visited:
            self.visited.append(step_id)

    def touch(self, clock: Clock = utc_now) -> None:
        self.updated_at = clock().isoformat(timespec="seconds")

    # -- serialisation ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "values": dict(self.values),
            "steps": {k: v.to_dict() for k, v in self.steps.items()},
            "current_step": self.current_step,
            "visited": list(self.visited),
            "checks": list(self.checks),
            "ticks": {k: list(v) for k, v in self.ticks.items()},
        }

    @classmethod
    def from_dict(cls, doc: Any) -> Setup:
        """Build a setup from a document of the current schema version, checking every part."""
        if not isinstance(doc, dict):
            raise SetupFormatError("The file does not contain a setup (expected a JSON object).")
        version = doc.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise SetupFormatError("The file has no valid 'schema_version'.")
        if version > SCHEMA_VERSION:
            raise NewerVersionError(version, SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise SetupFormatError(f"Format {version} must be migrated before it is read.")

        def want(key: str, kind: type | tuple[type, ...], optional: bool = False) -> Any:
            value = doc.get(key)
            if value is None and optional:
                return None
            if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
                raise SetupFormatError(f"The field '{key}' is missing or has the wrong type.")
            return value

        sid = want("id", str)
        if not sid or not all(c.isalnum() or c in "-_" for c in sid):
            raise SetupFormatError("The setup id is empty or has characters other than a-z, 0-9.")
        values = want("values", dict)
        for key, value in values.items():
            if not isinstance(key, str) or not _plain_value(value):
                raise SetupFormatError(f"The value of '{key}' has an unsupported type.")
        steps: dict[str, StepState] = {}
        for key, raw in want("steps", dict).items():
            if (
                not isinstance(raw, dict)
                or raw.get("status") not in STEP_STATES
                or not isinstance(raw.get("at"), str)
            ):
                raise SetupFormatError(f"The progress of step '{key}' is not readable.")
            steps[key] = StepState(raw["status"], raw["at"])
        visited = want("visited", list)
        if not all(isinstance(v, str) for v in visited):
            raise SetupFormatError("The list of visited steps is not readable.")
        checks = doc.get("checks", [])
        if not isinstance(checks, list) or not all(isinstance(c, dict) for c in checks):
            raise SetupFormatError("The saved check results are not readable.")
        ticks = want("ticks", dict)
        for key, keys in ticks.items():
            if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
                raise SetupFormatError(f"The ticked to-do items of step '{key}' are not readable.")
        # Check results are flat (id, title, status, found, ...): nested parts are dropped, so
        # a hostile file can't make saving or printing recurse without end.
        checks = [{str(k): v for k, v in c.items() if _scalar(v)} for c in checks]
        for stamp in ("created_at", "updated_at"):
            if parse_stamp(want(stamp, str)) is None:
                raise SetupFormatError(f"'{stamp}' is not a date and time.")
        return cls(
            id=sid,
            created_at=doc["created_at"],
            updated_at=doc["updated_at"],
            values=dict(values),
            steps=steps,
            current_step=want("current_step", str, optional=True),
            visited=list(visited),
            checks=list(checks),
            ticks={k: list(v) for k, v in ticks.items() if v},
        )


def parse_stamp(text: str) -> _dt.datetime | None:
    """A saved timestamp, or None if it is not one, or so near the ends of the calendar (years 1
    and 9999) that converting it to local time would overflow."""
    try:
        when = _dt.datetime.fromisoformat(text)
    except (ValueError, TypeError):
        return None
    return when if STAMP_MIN_YEAR <= when.year <= STAMP_MAX_YEAR else None


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, bool, int, float))


def _plain_value(value: Any) -> bool:
    if _scalar(value):
        return True
    if isinstance(value, list):
        return all(isinstance(v, str) for v in value)
    return False
