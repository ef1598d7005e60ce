"""The contract of the playbook files: every table's keys, the type of each, which are required.

``check(name, text, doc)`` walks one parsed TOML file against the model below and returns every
problem at once, each naming the file, the line and the key path, with a suggestion for a near
miss (``whenn`` → did you mean ``when``?). The loader (``playbook.parse``) refuses content with any
problem; ``lync-skype-wizard lint-content`` prints them. The model is plain data, so adding a key
for the content is one line here (and a paragraph in docs/content.md). The value types and the
messages are in ``wizard.content.spec``.

References between the files (a step naming an unknown field, a placeholder with no field) are
checked after loading, by ``playbook.lint``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wizard.content.spec import (
    Flag,
    Integer,
    ListOf,
    MapOf,
    Path,
    Problem,
    Scalar,
    Spec,
    Table,
    Text,
    TextOr,
)

FIELD_KINDS = frozenset(
    {
        "text",
        "choice",
        "bool",
        "date",
        "email",
        "email-list",
        "fqdn",
        "domain",
        "domain-list",
        "ipv4",
        "agreement",
        "policy-name",
        "sip-uri",
        "sip-uri-list",
        "ttl",
    }
)
STEP_KINDS = frozenset({"task", "choice", "wait", "verify", "summary"})
ARTEFACT_KINDS = frozenset({"powershell", "dns", "text"})
NOTE_KINDS = frozenset({"info", "warning", "era", "status"})
CONDITION_OPS = frozenset({"equals", "not_equals", "in", "not_in", "is_set", "is_true"})
#: The panels a step can ask for with ``checks = "..."``: "dns" is "Check now" (DNS records and,
#: on premises, the Access Edge certificate).
CHECK_PANELS = frozenset({"dns"})
FIELD_STYLES = frozenset({"cards"})

STEP_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
FIELD_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ConditionSpec(Spec):
    """``{field = "x", equals = 1}``, ``{all = [...]}``/``{any = [...]}``, or a list (all of)."""

    what = "a condition (a table, or a list of them)"

    def check(self, value: Any, path: Path, out: list[tuple[Path, str]]) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                self.check(item, (*path, i), out)
            return
        _CONDITION.check(value, path, out)
        if not isinstance(value, dict):
            return
        ops = [k for k in value if k in CONDITION_OPS]
        if "all" in value or "any" in value:
            if "field" in value or ops:
                out.append((path, 'a condition has either "all"/"any" or "field" with a test'))
        elif "field" not in value:
            out.append((path, 'a condition needs "field" (or "all"/"any")'))
        elif len(ops) != 1:
            out.append(
                (path, f"a condition needs exactly one test of: {', '.join(sorted(CONDITION_OPS))}")
            )


CONDITION = ConditionSpec()
_TEXT = Text()
_NONEMPTY = Text(required_text=True)
_FIELD_REF_ID = Text(
    required_text=True,
    pattern=FIELD_ID,
    pattern_says="is not a field id (lowercase_with_underscores)",
)
_CONDITION = Table(
    "condition",
    {
        "field": _FIELD_REF_ID,
        "equals": Scalar(),
        "not_equals": Scalar(),
        "in": ListOf(Scalar()),
        "not_in": ListOf(Scalar()),
        "is_set": Flag(),
        "is_true": Flag(),
        "all": ListOf(CONDITION),
        "any": ListOf(CONDITION),
    },
)

CHOICE = Table(
    "choice",
    {"value": _NONEMPTY, "label": _NONEMPTY, "description": _TEXT},
    frozenset({"value", "label"}),
)
FIELD = Table(
    "field",
    {
        "label": _NONEMPTY,
        "kind": Text(required_text=True, choices=FIELD_KINDS, kind_of="field kind"),
        "required": Flag(),
        "secret": Flag(),
        "help": _TEXT,
        "placeholder": _TEXT,
        "default": Scalar(),
        "choices": ListOf(CHOICE),
        "style": Text(choices=FIELD_STYLES, kind_of="style"),
    },
    frozenset({"label", "kind"}),
)
FIELD_REF = TextOr(
    Table(
        "field reference",
        {"id": _FIELD_REF_ID, "when": CONDITION, "required": Flag()},
        frozenset({"id"}),
    )
)
NOTE = Table(
    "note",
    {
        "kind": Text(choices=NOTE_KINDS, kind_of="note kind"),
        "text": _NONEMPTY,
        "when": CONDITION,
        # kind = "status": the status.toml group whose sentences are the text (no "text" then)
        "status": _NONEMPTY,
    },
)
NAV = Table("nav path", {"path": _NONEMPTY, "label": _TEXT, "when": CONDITION}, frozenset({"path"}))
LINK = Table(
    "link",
    {
        "label": _NONEMPTY,
        "url": Text(
            required_text=True,
            pattern=re.compile(r"^https://"),
            pattern_says="must start with https://",
        ),
        "when": CONDITION,
    },
    frozenset({"label", "url"}),
)
LINE = TextOr(
    Table(
        "line",
        {"text": _TEXT, "when": CONDITION, "each": _FIELD_REF_ID, "unique": Flag()},
        frozenset({"text"}),
    )
)
ARTEFACT = Table(
    "artefact",
    {
        "id": _NONEMPTY,
        "title": _NONEMPTY,
        "kind": Text(choices=ARTEFACT_KINDS, kind_of="artefact kind"),
        "caption": _TEXT,
        "lines": ListOf(LINE),
        "when": CONDITION,
    },
    frozenset({"id", "title", "lines"}),
)
STEP = Table(
    "step",
    {
        "id": Text(
            required_text=True,
            pattern=STEP_ID,
            pattern_says="is not a step id (lowercase words joined by hyphens)",
        ),
        "title": _NONEMPTY,
        "kind": Text(choices=STEP_KINDS, kind_of="step kind"),
        "summary": _NONEMPTY,
        "body": _TEXT,
        "more": _TEXT,  # background, history, troubleshooting: behind "More about this step"
        "fields": ListOf(FIELD_REF),
        "optional": Flag(),
        "auto_done": Flag(),
        "when": CONDITION,
        "notes": ListOf(NOTE),
        "nav": ListOf(NAV),
        "artefacts": ListOf(ARTEFACT),
        "links": ListOf(LINK),
        "checklist": ListOf(_TEXT),
        "checklist_ids": ListOf(
            Text(
                required_text=True,
                pattern=re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
                pattern_says="must be lower-case a-z, 0-9 and - (a to-do key)",
            )
        ),
        "checks": Text(choices=CHECK_PANELS, kind_of="checks panel"),
        "wait_from": _FIELD_REF_ID,
    },
    frozenset({"id", "title", "summary"}),
)

INDEX_FILE = Table(
    "playbook.toml",
    {"schema": Integer(), "title": _NONEMPTY, "sequence": ListOf(_NONEMPTY)},
    frozenset({"title", "sequence"}),
)
FIELDS_FILE = Table(
    "fields.toml",
    {
        "fields": MapOf(
            FIELD, FIELD_ID, "is not a field id (lowercase letters, digits and underscores)"
        )
    },
    frozenset({"fields"}),
)
STEPS_FILE = Table("step file", {"when": CONDITION, "steps": ListOf(STEP)}, frozenset({"steps"}))


_WORD_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SENTENCE = Table(
    "status sentence",
    {"facts": ListOf(Integer()), "text": _NONEMPTY, "inference": Flag()},
    frozenset({"facts", "text"}),
)
#: status.toml: today's status, each sentence with the DOMAIN.md section 9 facts it rests on.
STATUS_FILE = Table(
    "status.toml",
    {
        "details_label": _TEXT,
        "details_url": Text(
            pattern=re.compile(r"^https://"), pattern_says="must start with https://"
        ),
        "sentences": MapOf(SENTENCE, _WORD_ID, "is not a sentence id (lowercase words and -)"),
        "groups": MapOf(ListOf(_NONEMPTY), _WORD_ID, "is not a group name"),
        "checklist": MapOf(_NONEMPTY, _WORD_ID, "is not a deployment id"),
    },
    frozenset({"sentences", "groups", "checklist"}),
)


def model_for(name: str) -> Table:
    """The model of a playbook file by its stem: playbook, fields, status, or a step file."""
    return {"playbook": INDEX_FILE, "fields": FIELDS_FILE, "status": STATUS_FILE}.get(
        name, STEPS_FILE
    )


# ---------------------------------------------------------------------------------------------
# Checking a file, with lines and context for the messages


def check(name: str, text: str, doc: Mapping[str, Any]) -> list[Problem]:
    """Every problem of one parsed file (``name`` is its stem, ``text`` its TOML source)."""
    found: list[tuple[Path, str]] = []
    model_for(name).check(dict(doc), (), found)
    lines = text.splitlines()
    return [
        Problem(
            file=f"{name}.toml",
            path=path,
            message=message,
            line=_line_of(lines, path),
            context=_context(doc, path),
        )
        for path, message in found
    ]


def _context(doc: Mapping[str, Any], path: Path) -> str:
    if len(path) >= 2 and path[0] == "steps" and isinstance(path[1], int):
        steps = doc.get("steps")
        if isinstance(steps, list) and path[1] < len(steps) and isinstance(steps[path[1]], dict):
            sid = steps[path[1]].get("id")
            if isinstance(sid, str):
                return f"step {sid!r}"
    if len(path) >= 2 and path[0] == "fields":
        return f"[{path[1]}]"
    return ""


_STEP_HEADER = re.compile(r"^\s*\[\[\s*steps\s*\]\]")


def _line_of(lines: list[str], path: Path) -> int | None:
    """The line (1-based) of the key a path ends in; best effort, None when not found."""
    start, end = 0, len(lines)
    if len(path) >= 2 and path[0] == "steps" and isinstance(path[1], int):
        headers = [i for i, ln in enumerate(lines) if _STEP_HEADER.match(ln)]
        if path[1] < len(headers):
            start = headers[path[1]]
            end = headers[path[1] + 1] if path[1] + 1 < len(headers) else len(lines)
    elif len(path) >= 2 and path[0] == "fields":
        header = re.compile(
            rf'^\s*\[\s*fields\.(?:{re.escape(str(path[1]))}|"{re.escape(str(path[1]))}")\s*\]'
        )
        for i, ln in enumerate(lines):
            if header.match(ln):
                start = i
                break
    keys = [p for p in path[2:] if isinstance(p, str)] or [p for p in path if isinstance(p, str)][
        -1:
    ]
    if not keys:
        return start + 1 if start or path else None
    key = re.compile(rf"(?<![\w.-]){re.escape(keys[-1])}\s*=")
    for i in range(start, end):
        if key.search(lines[i]):
            return i + 1
    return start + 1
