"""The outcome of one live check, as plain data that is shown, printed and saved in the setup.

A result always says what was found and what to do in one plain sentence each, so the page, the
command line and the PDF show the same words. ``server`` records which DNS server answered or which
address was contacted: with split-brain DNS the same question gets different answers inside and
outside the network, so a result means little without it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

PASS = "pass"
WARNING = "warning"
FAIL = "fail"
STATUSES = (PASS, WARNING, FAIL)

#: Words shown next to the icon (never colour alone) and on the command line.
STATUS_WORDS = {PASS: "Pass", WARNING: "Warning", FAIL: "Fail"}
STATUS_TAGS = {PASS: "PASS", WARNING: "WARN", FAIL: "FAIL"}

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
        for key in ("id", "title", "status", "found", "action", "server", "at"):
            value = doc.get(key, "")
            if not isinstance(value, str):
                raise TypeError(f"the check result field '{key}' must be text")
            values[key] = value
        return cls(**values)


def stamp(clock: Clock = utc_now) -> str:
    return clock().astimezone(_dt.UTC).isoformat(timespec="seconds")
