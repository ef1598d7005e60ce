"""The outcome of one live check, as plain data that is shown, printed and saved in the setup.

A result always says what was found and what to do in one plain sentence each, so the page, the
command line and the PDF show the same words. ``server`` records which DNS server answered or which
address was contacted: with split-brain DNS the same question gets different answers inside and
outside the network, so a result means little without it.

Four outcomes: Pass, Warning and Fail are conclusions about what was found; "Couldn't check"
(``UNKNOWN``) says that nothing could be concluded (a DNS server that did not answer, a refused or
silent connection, no network), with the reason and what to try. It is never shown as a Fail.
Every result carries ``at``, the time it was checked, and ``step``, the wizard step that ran it
("" from the command line), so saved results are never shown as if they were new.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

# Re-exported: the panel shows each result's time with it.
from wizard.storage.document import local_time as local_time

PASS = "pass"
WARNING = "warning"
FAIL = "fail"
UNKNOWN = "unknown"
STATUSES = (PASS, WARNING, FAIL, UNKNOWN)

#: Words shown next to the icon (never colour alone) and on the command line.
STATUS_WORDS = {PASS: "Pass", WARNING: "Warning", FAIL: "Fail", UNKNOWN: "Couldn't check"}
STATUS_TAGS = {PASS: "PASS", WARNING: "WARN", FAIL: "FAIL", UNKNOWN: "COULDN'T CHECK"}

#: The advice every "couldn't check" result ends with when the network may be the cause.
OFFLINE_HINT = "You may be offline: check this computer's network connection, then check again."

Clock = Callable[[], _dt.datetime]


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


@dataclass(frozen=True)
class PlannedCheck:
    """A check that a run will perform, so a page can list it as pending before it runs."""

    id: str
    title: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title}


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    status: str
    found: str
    action: str = ""
    server: str = ""
    at: str = ""
    step: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown check status {self.status!r}")

    @property
    def word(self) -> str:
        return STATUS_WORDS[self.status]

    def line(self) -> str:
        """One line for the command line: ``PASS  title — found. action.``"""
        text = f"{STATUS_TAGS[self.status]}  {self.title} — {self.found}"
        if self.action:
            text += f" {self.action}"
        return text

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, doc: Any) -> CheckResult:
        """Read a saved result; raises TypeError/ValueError when the document is not a result."""
        if not isinstance(doc, dict):
            raise TypeError("a saved check result must be an object")
        values: dict[str, str] = {}
        for key in ("id", "title", "status", "found", "action", "server", "at", "step"):
            value = doc.get(key, "")
            if not isinstance(value, str):
                raise TypeError(f"the check result field '{key}' must be text")
            values[key] = value
        return cls(**values)


def stamp(clock: Clock = utc_now) -> str:
    return clock().astimezone(_dt.UTC).isoformat(timespec="seconds")
