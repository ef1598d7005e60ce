"""Today's status (issue 9): what has ended and when, from ``resources/playbook/status.toml``.

The one place for every dated statement the app makes about the present. Each sentence names the
numbered facts of DOMAIN.md section 9 it rests on; an inference says "as far as is known". The
playbook attaches these sentences to its status notes; the start screen reads this file alone,
after the window shows, so the first screen needs neither the playbook nor its parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

#: The highest fact number of DOMAIN.md section 9; status sentences cite facts 1..this.
LAST_STATUS_FACT = 35


class StatusError(ValueError):
    """status.toml is malformed. The message names the file and the entry."""


def _text(raw: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise StatusError(f"{where}: '{key}' must be text")
    if required and not value.strip():
        raise StatusError(f"{where}: '{key}' is required")
    return value.strip()


@dataclass(frozen=True)
class StatusSentence:
    """One statement about what has ended and when, with the section 9 facts it rests on."""

    id: str
    text: str
    facts: tuple[int, ...]
    inference: bool = False


@dataclass(frozen=True)
class Status:
    """Today's status (status.toml): sentences, the groups shown in each place, the details link."""

    sentences: Mapping[str, StatusSentence] = field(default_factory=dict)
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: deployment id (or "none" for no deployment) -> the group printed on its checklist
    checklist: Mapping[str, str] = field(default_factory=dict)
    details_label: str = ""
    details_url: str = ""

    def group(self, name: str) -> tuple[StatusSentence, ...]:
        return tuple(self.sentences[sid] for sid in self.groups.get(name, ()))

    def text(self, name: str) -> str:
        return " ".join(s.text for s in self.group(name))

    def group_for(self, deployment: str | None) -> str:
        """The group shown for a deployment (its branch start and its printed checklist)."""
        return self.checklist.get(deployment or "none") or self.checklist.get("none", "")


def parse_status(text: str) -> Status:
    """status.toml: sentences with their facts, the groups, the checklist mapping."""
    import tomllib

    where = "status.toml"
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise StatusError(f"{where}: {exc}") from None
    sentences: dict[str, StatusSentence] = {}
    for sid, item in raw.get("sentences", {}).items():
        swhere = f"{where} [sentences.{sid}]"
        facts = item.get("facts")
        if not isinstance(facts, list) or not all(isinstance(f, int) for f in facts):
            raise StatusError(f"{swhere}: 'facts' must be a list of fact numbers")
        sentences[sid] = StatusSentence(
            id=sid,
            text=_text(item, "text", swhere),
            facts=tuple(facts),
            inference=bool(item.get("inference", False)),
        )
    groups: dict[str, tuple[str, ...]] = {}
    for name, ids in raw.get("groups", {}).items():
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise StatusError(f"{where} [groups] {name}: a list of sentence ids")
        groups[name] = tuple(ids)
    checklist = raw.get("checklist", {})
    if not isinstance(checklist, dict) or not all(isinstance(v, str) for v in checklist.values()):
        raise StatusError(f"{where} [checklist]: deployment = group name")
    return Status(
        sentences=sentences,
        groups=groups,
        checklist=dict(checklist),
        details_label=_text(raw, "details_label", where, required=False),
        details_url=_text(raw, "details_url", where, required=False),
    )


def lint_status(status: Status) -> list[str]:
    """Every status sentence cites section 9 facts; groups and the checklist map resolve."""
    problems: list[str] = []
    for sid, sentence in status.sentences.items():
        if not sentence.facts:
            problems.append(f"status.toml [sentences.{sid}]: cite at least one fact")
        for fact in sentence.facts:
            if not 1 <= fact <= LAST_STATUS_FACT:
                problems.append(f"status.toml [sentences.{sid}]: no fact {fact} in section 9")
        inferred = "as far as is known" in sentence.text.lower()
        if sentence.inference and not inferred:
            problems.append(f"status.toml [sentences.{sid}]: say 'as far as is known'")
    for name, ids in status.groups.items():
        for sid in ids:
            if sid not in status.sentences:
                problems.append(f"status.toml [groups] {name}: unknown sentence {sid!r}")
    for dep, name in status.checklist.items():
        if name not in status.groups:
            problems.append(f"status.toml [checklist] {dep}: unknown group {name!r}")
    if status.details_url and not status.details_url.startswith("https://"):
        problems.append("status.toml: details_url must be https")
    return problems


@cache
def load() -> Status:
    """The shipped status.toml, parsed once per process (only this file is read)."""
    from wizard import paths

    base = paths.resource_dir()
    if base is not None:
        text = (base / "playbook" / "status.toml").read_text(encoding="utf-8")
    else:
        from importlib import resources

        text = (
            resources.files("wizard.resources")
            .joinpath("playbook/status.toml")
            .read_text(encoding="utf-8")
        )
    return parse_status(text)
