"""The playbook: every step, field, condition and template of the wizard, loaded from TOML data.

The content lives in ``resources/playbook/``; this module turns it into immutable objects and checks
its structure, so that a mistake in the content is reported with the file and step it is in. Nothing
here knows about Qt. ``flow`` decides which steps apply; ``templates`` renders the artefacts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from wizard.content.ids import DEPLOYMENTS as DEPLOYMENTS  # declared there; kept importable here
from wizard.content.ids import HISTORICAL_DEPLOYMENTS as HISTORICAL_DEPLOYMENTS
from wizard.content.schema import (
    ARTEFACT_KINDS,
    CONDITION_OPS,
    FIELD_KINDS,
    NOTE_KINDS,
    STEP_ID,
    STEP_KINDS,
)
from wizard.content.source import read_files

# Today's status lives in its own module (the start screen reads it without the playbook);
# LAST_STATUS_FACT and StatusSentence are re-exported for the content's users.
from wizard.content.status import (  # noqa: F401
    LAST_STATUS_FACT,
    Status,
    StatusError,
    StatusSentence,
    lint_status,
    parse_status,
)

#: ``{{field}}`` or ``{{field|filter}}`` in templates and prose.
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*(?:\|\s*([a-z_][a-z0-9_]*)\s*)?\}\}")
#: A to-do item's stable key (``checklist_ids``): saved in setups, so never reused for another item.
TODO_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class PlaybookError(ValueError):
    """The content is malformed. ``problems`` lists each problem, naming the file, the step or
    field and the key path; ``str()`` joins them."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Condition:
    """A declarative test of saved values; ``all``/``any`` combine, leaves test one field."""

    field: str | None = None
    op: str | None = None
    value: Any = None
    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()

    def holds(self, values: Mapping[str, Any]) -> bool:
        if self.all or self.any:
            return all(c.holds(values) for c in self.all) and (
                not self.any or any(c.holds(values) for c in self.any)
            )
        if self.field is None:
            return True
        current = values.get(self.field)
        if self.op == "equals":
            return bool(current == self.value)
        if self.op == "not_equals":
            return bool(current != self.value)
        if self.op == "in":
            return current in self.value
        if self.op == "not_in":
            return current not in self.value
        if self.op == "is_set":
            is_set = current not in (None, "", [], False)
            return is_set == bool(self.value)
        if self.op == "is_true":
            return (current is True) == bool(self.value)
        raise PlaybookError(f"unknown condition operator {self.op!r}")

    def fields(self) -> set[str]:
        names = {self.field} if self.field else set()
        for c in (*self.all, *self.any):
            names |= c.fields()
        return names


ALWAYS = Condition()


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str
    required: bool = True
    secret: bool = False
    help: str = ""
    placeholder: str = ""
    default: Any = None
    choices: tuple[Choice, ...] = ()
    style: str = ""

    def choice_label(self, value: Any) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return "" if value is None else str(value)

    def shaped(self, value: Any) -> Any:
        """``value`` if it has this field's shape (a number for a text field becomes its text),
        else None: a saved file may hold anything, and what has the wrong shape counts as unset
        (validation then asks for it again) instead of reaching code that expects the shape."""
        if value is None or isinstance(value, bool):
            return value if self.kind == "bool" else None
        if self.kind == "bool":
            return None
        if self.kind.endswith("-list"):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            return value if ok else None
        if isinstance(value, str):
            return value
        if self.kind != "choice" and isinstance(value, (int, float)):
            return str(value)
        return None


@dataclass(frozen=True)
class Line:
    text: str
    when: Condition = ALWAYS
    each: str | None = None
    #: print the line only if the artefact doesn't hold the same text already
    unique: bool = False


@dataclass(frozen=True)
class Artefact:
    id: str
    title: str
    kind: str
    lines: tuple[Line, ...]
    when: Condition = ALWAYS
    caption: str = ""


@dataclass(frozen=True)
class Note:
    kind: str
    text: str
    when: Condition = ALWAYS
    #: For ``kind = "status"``: the status group (status.toml) whose sentences are the text.
    status: str = ""


@dataclass(frozen=True)
class NavPath:
    path: str
    label: str = ""
    when: Condition = ALWAYS


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    when: Condition = ALWAYS


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    kind: str
    summary: str
    body: str
    source: str
    #: Background, history and troubleshooting, shown behind "More about this step".
    more: str = ""
    fields: tuple[str, ...] = ()
    optional: bool = False
    when: Condition = ALWAYS
    notes: tuple[Note, ...] = ()
    nav: tuple[NavPath, ...] = ()
    artefacts: tuple[Artefact, ...] = ()
    links: tuple[Link, ...] = ()
    checklist: tuple[str, ...] = ()
    #: A stable key per ``checklist`` item (``checklist_ids`` in the TOML): ticks are saved by key,
    #: so rewording or reordering the items keeps what the user ticked.
    checklist_ids: tuple[str, ...] = ()
    field_when: Mapping[str, Condition] = field(default_factory=dict)
    #: Fields that this step shows but does not require (``{id = ..., required = false}``).
    optional_fields: frozenset[str] = frozenset()
    auto_done: bool = False
    #: The live checks panel this step shows ("dns": "Check now"), or "" for none.
    checks: str = ""
    #: For a wait step: the date field the days are counted from (the wait starts when it is set).
    wait_from: str = ""

    def visible_fields(self, values: Mapping[str, Any]) -> list[str]:
        """The step's fields that apply to these values, in order."""
        return [f for f in self.fields if self.field_when.get(f, ALWAYS).holds(values)]

    def todo(self) -> list[tuple[str, str]]:
        """The to-do items as (key, text), in order."""
        return list(zip(self.checklist_ids, self.checklist, strict=True))


@dataclass(frozen=True)
class Playbook:
    title: str
    fields: Mapping[str, Field]
    steps: tuple[Step, ...]
    sources: tuple[str, ...] = field(default=())
    status: Status = field(default_factory=Status)

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def with_defaults(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Saved values over the field defaults; a value without its field's shape (a list in
        a choice field, a number in a list field: a saved file may hold anything) is unset."""
        out = {fid: f.default for fid, f in self.fields.items() if f.default is not None}
        for key, value in values.items():
            fld = self.fields.get(key)
            shaped = fld.shaped(value) if fld is not None else value
            if shaped is not None:
                out[key] = shaped
        return out

    def has_step(self, step_id: str) -> bool:
        return any(s.id == step_id for s in self.steps)

    def field(self, field_id: str) -> Field:
        return self.fields[field_id]


# ---------------------------------------------------------------------------------------------
# Parsing


def _condition(raw: Any, where: str) -> Condition:
    if raw is None:
        return ALWAYS
    if isinstance(raw, list):
        return Condition(all=tuple(_condition(r, where) for r in raw))
    if not isinstance(raw, dict):
        raise PlaybookError(f"{where}: a condition must be a table, got {raw!r}")
    if "all" in raw or "any" in raw:
        return Condition(
            all=tuple(_condition(r, where) for r in raw.get("all", [])),
            any=tuple(_condition(r, where) for r in raw.get("any", [])),
        )
    if "field" not in raw:
        raise PlaybookError(f"{where}: a condition needs 'field'")
    ops = [k for k in raw if k != "field"]
    if len(ops) != 1 or ops[0] not in CONDITION_OPS:
        raise PlaybookError(
            f"{where}: a condition needs exactly one of {sorted(CONDITION_OPS)}, got {ops}"
        )
    op = ops[0]
    value = raw[op]
    if op in ("in", "not_in"):
        if not isinstance(value, list):
            raise PlaybookError(f"{where}: '{op}' takes a list")
        value = tuple(value)
    return Condition(field=str(raw["field"]), op=op, value=value)


def _text(raw: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise PlaybookError(f"{where}: '{key}' must be text")
    if required and not value.strip():
        raise PlaybookError(f"{where}: '{key}' is required")
    return value.strip()


def _parse_field(fid: str, raw: Mapping[str, Any]) -> Field:
    where = f"fields.toml [{fid}]"
    kind = _text(raw, "kind", where)
    if kind not in FIELD_KINDS:
        raise PlaybookError(f"{where}: unknown kind {kind!r}")
    choices = tuple(
        Choice(
            value=str(c["value"]),
            label=_text(c, "label", where),
            description=_text(c, "description", where, required=False),
        )
        for c in raw.get("choices", [])
    )
    if kind == "choice" and not choices:
        raise PlaybookError(f"{where}: a choice field needs choices")
    return Field(
        id=fid,
        label=_text(raw, "label", where),
        kind=kind,
        required=bool(raw.get("required", kind != "bool")),
        secret=bool(raw.get("secret", False)),
        help=_text(raw, "help", where, required=False),
        placeholder=_text(raw, "placeholder", where, required=False),
        default=raw.get("default"),
        choices=choices,
        style=_text(raw, "style", where, required=False),
    )


def _parse_step(raw: Mapping[str, Any], source: str, file_when: Condition, status: Status) -> Step:
    sid = raw.get("id", "?")
    where = f"{source}.toml step {sid!r}"
    if not isinstance(sid, str) or not STEP_ID.match(sid):
        raise PlaybookError(f"{where}: the id must be lowercase words joined by hyphens")
    kind = raw.get("kind", "task")
    if kind not in STEP_KINDS:
        raise PlaybookError(f"{where}: unknown kind {kind!r}")
    when = _condition(raw.get("when"), where)
    if file_when is not ALWAYS:
        when = Condition(all=(file_when, when)) if when is not ALWAYS else file_when
    artefacts = []
    for a in raw.get("artefacts", []):
        awhere = f"{where} artefact {a.get('id', '?')!r}"
        akind = a.get("kind", "text")
        if akind not in ARTEFACT_KINDS:
            raise PlaybookError(f"{awhere}: unknown kind {akind!r}")
        lines = []
        for ln in a.get("lines", []):
            if isinstance(ln, str):
                lines.append(Line(text=ln))
            else:
                lines.append(
                    Line(
                        text=str(ln.get("text", "")),
                        when=_condition(ln.get("when"), awhere),
                        each=ln.get("each"),
                        unique=bool(ln.get("unique", False)),
                    )
                )
        if not lines:
            raise PlaybookError(f"{awhere}: an artefact needs lines")
        artefacts.append(
            Artefact(
                id=_text(a, "id", awhere),
                title=_text(a, "title", awhere),
                kind=akind,
                lines=tuple(lines),
                when=_condition(a.get("when"), awhere),
                caption=_text(a, "caption", awhere, required=False),
            )
        )
    notes = []
    for n in raw.get("notes", []):
        nkind = n.get("kind", "info")
        if nkind not in NOTE_KINDS:
            raise PlaybookError(f"{where}: unknown note kind {nkind!r}")
        if nkind == "status":
            group = _text(n, "status", where)
            if group not in status.groups:
                raise PlaybookError(f"{where}: status note names unknown group {group!r}")
            notes.append(
                Note(
                    kind=nkind,
                    text=status.text(group),
                    when=_condition(n.get("when"), where),
                    status=group,
                )
            )
            continue
        notes.append(
            Note(kind=nkind, text=_text(n, "text", where), when=_condition(n.get("when"), where))
        )
    nav = tuple(
        NavPath(
            path=_text(n, "path", where),
            label=_text(n, "label", where, required=False),
            when=_condition(n.get("when"), where),
        )
        for n in raw.get("nav", [])
    )
    links = tuple(
        Link(
            label=_text(n, "label", where),
            url=_text(n, "url", where),
            when=_condition(n.get("when"), where),
        )
        for n in raw.get("links", [])
    )
    field_ids: list[str] = []
    field_when: dict[str, Condition] = {}
    optional_fields: set[str] = set()
    for ref in raw.get("fields", []):
        if isinstance(ref, str):
            field_ids.append(ref)
        elif isinstance(ref, dict) and isinstance(ref.get("id"), str):
            field_ids.append(ref["id"])
            field_when[ref["id"]] = _condition(ref.get("when"), where)
            if ref.get("required") is False:
                optional_fields.add(ref["id"])
        else:
            raise PlaybookError(f"{where}: a field reference must be an id or {{id, when}}")
    checklist = raw.get("checklist", [])
    if not isinstance(checklist, list) or not all(isinstance(c, str) for c in checklist):
        raise PlaybookError(f"{where}: 'checklist' must be a list of text")
    # Without explicit keys, each item's key is made from its text (a rewording then loses the
    # tick); the shipped content gives explicit keys (a content test requires them).
    checklist_ids = raw.get("checklist_ids", [todo_key(c) for c in checklist])
    if not isinstance(checklist_ids, list) or not all(isinstance(c, str) for c in checklist_ids):
        raise PlaybookError(f"{where}: 'checklist_ids' must be a list of text")
    if len(checklist_ids) != len(checklist):
        raise PlaybookError(
            f"{where}: 'checklist_ids' must give one key per 'checklist' item "
            f"({len(checklist)} items, {len(checklist_ids)} keys)"
        )
    return Step(
        id=sid,
        title=_text(raw, "title", where),
        kind=kind,
        summary=_text(raw, "summary", where),
        body=_text(raw, "body", where, required=False),
        more=_text(raw, "more", where, required=False),
        source=source,
        fields=tuple(field_ids),
        field_when=field_when,
        optional_fields=frozenset(optional_fields),
        auto_done=bool(raw.get("auto_done", False)),
        checks=str(raw.get("checks", "")),
        wait_from=str(raw.get("wait_from", "")),
        optional=bool(raw.get("optional", False)),
        when=when,
        notes=tuple(notes),
        nav=nav,
        artefacts=tuple(artefacts),
        links=links,
        checklist=tuple(checklist),
        checklist_ids=tuple(checklist_ids),
    )


def todo_key(text: str) -> str:
    """A key made from a to-do item's text, for content without ``checklist_ids``."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:8]) or "item"


def read_docs(files: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The playbook files (text keyed by stem) as TOML tables, checked against the contract
    (``wizard.content.schema``): PlaybookError lists every problem, with file, key path and line."""
    import tomllib  # only when the cache below misses

    from wizard.content import schema

    problems: list[str] = []
    for needed in ("playbook", "fields"):
        if needed not in files:
            problems.append(f"missing playbook file {needed}.toml")
    docs: dict[str, dict[str, Any]] = {}
    for name, text in files.items():
        try:
            docs[name] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{name}.toml: not valid TOML: {exc}")
            continue
        problems += [str(p) for p in schema.check(name, text, docs[name])]
    sequence = docs.get("playbook", {}).get("sequence", [])
    sequence = sequence if isinstance(sequence, list) else []
    for i, source in enumerate(sequence):
        if isinstance(source, str) and source not in files:
            problems.append(
                f"playbook.toml, sequence[{i}]: names {source}.toml, which does not exist"
            )
    for name in sorted(set(files) - {"playbook", "fields", "status"} - set(sequence)):
        problems.append(f"{name}.toml is not read: add {name!r} to playbook.toml's sequence")
    if problems:
        raise PlaybookError(problems)
    return docs


def parse(files: Mapping[str, str]) -> Playbook:
    """Build a playbook from the text of its TOML files, keyed by file stem."""
    docs = read_docs(files)
    index = docs["playbook"]
    raw_fields = docs["fields"].get("fields", {})
    fields = {fid: _parse_field(fid, raw) for fid, raw in raw_fields.items()}
    try:
        status = parse_status(files.get("status", ""))
    except StatusError as exc:
        raise PlaybookError(str(exc)) from None
    steps: list[Step] = []
    sequence = index.get("sequence", [])
    for source in sequence:
        doc = docs[source]
        file_when = _condition(doc.get("when"), f"{source}.toml")
        for raw in doc.get("steps", []):
            steps.append(_parse_step(raw, source, file_when, status))
    book = Playbook(
        title=str(index.get("title", "")),
        fields=fields,
        steps=tuple(steps),
        sources=tuple(sequence),
        status=status,
    )
    problems = lint(book)
    if problems:
        raise PlaybookError(problems)
    return book


def placeholders(text: str) -> list[tuple[str, str | None]]:
    """The ``{{name|filter}}`` placeholders in a template line."""
    return [(m.group(1), m.group(2)) for m in PLACEHOLDER.finditer(text)]


def _hint(name: str, known: Any) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _unknown(what: str, name: str, known: Any) -> str:
    return f"unknown {what} {name!r}{_hint(name, known)}"


def _condition_values(book: Playbook, cond: Condition) -> list[str]:
    """A test that can never hold: a misspelt choice value ("2013cu5"), is_true on a non-bool."""
    if cond.all or cond.any:
        return [p for c in (*cond.all, *cond.any) for p in _condition_values(book, c)]
    fld = book.fields.get(cond.field or "")
    if fld is None:
        return []
    if cond.op == "is_true" and fld.kind != "bool":
        return [f"condition: is_true tests a true/false field, and {fld.id!r} is a {fld.kind}"]
    if fld.kind != "choice" or cond.op not in ("equals", "not_equals", "in", "not_in"):
        return []
    allowed = {c.value for c in fld.choices}
    wanted = cond.value if cond.op in ("in", "not_in") else (cond.value,)
    return [
        f"condition: {fld.id!r} has no choice {value!r}{_hint(str(value), allowed)}"
        for value in wanted
        if value not in allowed
    ]


def lint(book: Playbook) -> list[str]:
    """Structural problems of a parsed playbook: ids, references, placeholders."""
    from wizard.content.ids import FILTERS  # the filters are code; the names are declared there

    problems: list[str] = lint_status(book.status)
    seen: set[str] = set()
    for step in book.steps:
        where = f"{step.source}.toml step {step.id!r}"
        if step.id in seen:
            problems.append(f"{where}: duplicate step id")
        seen.add(step.id)
        for i, fid in enumerate(step.fields):
            if fid not in book.fields:
                problems.append(f"{where}, fields[{i}]: {_unknown('field', fid, book.fields)}")
        if step.kind == "wait" and not step.wait_from:
            problems.append(f"{where}: a wait step needs wait_from (the date field it counts from)")
        if step.wait_from and step.kind != "wait":
            problems.append(f'{where}: wait_from is for wait steps (kind = "wait")')
        if step.wait_from and step.wait_from not in book.fields:
            problems.append(f"{where}, wait_from: {_unknown('field', step.wait_from, book.fields)}")
        elif step.wait_from and book.fields[step.wait_from].kind != "date":
            problems.append(f"{where}, wait_from: {step.wait_from!r} is not a date field")
        conds = [step.when]
        conds += [n.when for n in step.notes] + [n.when for n in step.nav]
        conds += [lk.when for lk in step.links] + list(step.field_when.values())
        for art in step.artefacts:
            conds.append(art.when)
            for line in art.lines:
                conds.append(line.when)
                names = {"item"} if line.each else set()
                if line.each and line.each not in book.fields:
                    problems.append(f"{where}: 'each' names unknown field {line.each!r}")
                elif line.each and not book.fields[line.each].kind.endswith("-list"):
                    problems.append(f"{where}: 'each' names {line.each!r}, which is not a list")
                for name, filt in placeholders(line.text):
                    if name not in book.fields and name not in names:
                        problems.append(
                            f"{where}: placeholder {{{{{name}}}}} is not a field"
                            + _hint(name, book.fields)
                        )
                    if filt is not None and filt not in FILTERS:
                        problems.append(f"{where}: {_unknown('filter', filt, FILTERS)}")
        # Prose is rendered with templates.render_text too: an unknown name there would crash
        # the page instead of showing a marker, so it is checked here like artefact lines.
        prose = [step.body, step.more, *(n.text for n in step.notes), *(n.path for n in step.nav)]
        prose += list(step.checklist)
        if len(set(step.checklist_ids)) != len(step.checklist_ids):
            problems.append(f"{where}: duplicate key in 'checklist_ids'")
        for key in step.checklist_ids:
            if not TODO_KEY.fullmatch(key):
                problems.append(f"{where}: to-do key {key!r} must be lower-case a-z, 0-9 and -")
        for text in prose:
            for name, filt in placeholders(text):
                if name not in book.fields:
                    problems.append(
                        f"{where}: placeholder {{{{{name}}}}} is not a field"
                        + _hint(name, book.fields)
                    )
                if filt is not None and filt not in FILTERS:
                    problems.append(f"{where}: {_unknown('filter', filt, FILTERS)}")
        for cond in conds:
            for fid in cond.fields():
                if fid not in book.fields:
                    problems.append(
                        f"{where}: condition names {_unknown('field', fid, book.fields)}"
                    )
            problems += [f"{where}: {p}" for p in _condition_values(book, cond)]
        for link in step.links:
            if not link.url.startswith("https://"):
                problems.append(f"{where}: link {link.url!r} must be https")
    for fid, fld in book.fields.items():
        choice_values = {c.value for c in fld.choices}
        if fld.kind == "choice" and fld.default is not None and fld.default not in choice_values:
            problems.append(f"fields.toml [{fid}]: default is not one of the choices")
    return problems


@cache
def load() -> Playbook:
    """The shipped playbook, parsed once per process, when it is first needed.

    There is no cache between runs (an earlier pickle cache could go stale with the code and
    would run code when loaded): parsing costs about 20-30 ms, paid when the first setup is opened
    or the start screen must recompute a setup's progress, never before the first window shows
    (tests/test_startup.py).
    """
    return parse(read_files())
