"""Typed models of TOML tables, checked with messages a content author can act on.

The building blocks of ``wizard.content.schema``: value types (``Text``, ``Flag``, ``ListOf``,
``Table`` …) that walk a parsed TOML document and collect ``(key path, message)`` pairs, with a
did-you-mean for an unknown key or choice, and ``line_of`` to find the line a key path is on.
Nothing here knows the playbook.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    path: Path
    message: str
    line: int | None = None
    context: str = ""  # "step 'onprem-dns'" or "[client_name]", as playbook.lint says it

    def __str__(self) -> str:
        where = self.file
        if self.context:
            where += f" {self.context}"
        if self.path:
            where += f", {key_path(self.path)}"
        if self.line:
            where += f" (line {self.line})"
        return f"{where}: {self.message}"


def key_path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# ---------------------------------------------------------------------------------------------
# The model: a few value types, and tables made of them


class Spec:
    what = "a value"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        raise NotImplementedError


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return f'text "{value}"'
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _wrong(spec: Spec, value: Any) -> str:
    return f"must be {spec.what}, not {_describe(value)}"


def _one_of(value: str, allowed: frozenset[str], what: str) -> str:
    close = difflib.get_close_matches(value, sorted(allowed), n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'unknown {what} "{value}" (one of: {", ".join(sorted(allowed))}){hint}'


@dataclass(frozen=True)
class Text(Spec):
    required_text: bool = False  # not empty or blank
    choices: frozenset[str] = frozenset()
    pattern: re.Pattern[str] | None = None
    pattern_says: str = ""
    kind_of: str = "value"  # for "unknown kind ..." messages

    @property
    def what(self) -> str:  # type: ignore[override]
        return "text"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        if not isinstance(value, str):
            out.append((path, _wrong(self, value)))
        elif self.required_text and not value.strip():
            out.append((path, "must not be empty"))
        elif self.choices and value not in self.choices:
            out.append((path, _one_of(value, self.choices, self.kind_of)))
        elif self.pattern is not None and not self.pattern.match(value):
            out.append((path, f'"{value}" {self.pattern_says}'))


class Flag(Spec):
    what = "true or false"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        if not isinstance(value, bool):
            out.append((path, _wrong(self, value)))


class Integer(Spec):
    what = "a whole number"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            out.append((path, _wrong(self, value)))


class Scalar(Spec):
    what = "text, a number or true/false"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        if not isinstance(value, str | int | float | bool):
            out.append((path, _wrong(self, value)))


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec

    @property
    def what(self) -> str:  # type: ignore[override]
        return f"a list of {self.item.what}"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        if not isinstance(value, list):
            out.append((path, _wrong(self, value)))
            return
        for i, item in enumerate(value):
            self.item.check(item, (*path, i), out)


@dataclass(frozen=True)
class Table(Spec):
    name: str
    keys: Mapping[str, Spec] = field(default_factory=dict)
    required: frozenset[str] = frozenset()

    @property
    def what(self) -> str:  # type: ignore[override]
        return f"a table ({self.name})"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        if not isinstance(value, dict):
            out.append((path, _wrong(self, value)))
            return
        for key in sorted(self.required - value.keys()):
            out.append((path, f'{self.name}: the key "{key}" is missing'))
        for key, item in value.items():
            spec = self.keys.get(key)
            if spec is None:
                close = difflib.get_close_matches(key, sorted(self.keys), n=1, cutoff=0.6)
                hint = f'did you mean "{close[0]}"?' if close else f"known: {', '.join(self.keys)}"
                out.append(((*path, key), f"unknown key in a {self.name}; {hint}"))
            else:
                spec.check(item, (*path, key), out)


@dataclass(frozen=True)
class MapOf(Spec):
    """A table whose keys are ids (``[fields.client_name]``)."""

    item: Spec
    key_pattern: re.Pattern[str]
    key_says: str
    what = "a table"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        if not isinstance(value, dict):
            out.append((path, _wrong(self, value)))
            return
        for key, item in value.items():
            if not self.key_pattern.match(key):
                out.append(((*path, key), f'"{key}" {self.key_says}'))
            self.item.check(item, (*path, key), out)


@dataclass(frozen=True)
class TextOr(Spec):
    """Plain text, or a table for the same thing with options (``"id"`` or ``{id = ..., when}``)."""

    table: Table

    @property
    def what(self) -> str:  # type: ignore[override]
        return f"text or {self.table.what}"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        if isinstance(value, str):
            return
        if isinstance(value, dict):
            self.table.check(value, path, out)
        else:
            out.append((path, _wrong(self, value)))
