"""The checklist as Markdown, for pasting into a ticket or a chat.

Same model as the printed checklist. User and playbook text is escaped so it shows as typed:
Markdown punctuation is backslash-escaped, ``|`` inside tables too, and generated commands go in
fenced blocks whose fence is longer than any run of backticks inside, so a value containing
```` ``` ```` can't close the block early. Task-list boxes (``- [x]``) render as checkboxes on
GitHub, GitLab, Jira (with the Markdown plugin) and most ticket systems.

Nothing here knows about Qt.
"""

from __future__ import annotations

import re

from wizard.output.checklist import BLANK, CheckLine, Checklist, StepBlock, ValueLine

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!])")
# Only what would start a block: "- x", "+ x", "1. x", "1) x" (a marker then a space or the end),
# ">" and "=". "203.0.113.10" is not a list item and stays as typed.
_LINE_START = re.compile(r"^(\s*)([-+](?=\s|$)|[=>]|\d+[.)](?=\s|$))")
_FENCE_LANG = {"powershell": "powershell", "dns": "dns", "text": "text"}


def esc(text: object) -> str:
    """Escape text for Markdown inline use (also safe inside a table cell)."""
    flat = " ".join(str(text).split())  # one line: a newline would end a table row or a list item
    out = _SPECIAL.sub(r"\\\1", flat)
    # "- x", "+ x", "1. x" or "=" at the start would turn into a list or a heading underline
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out, count=1)


def fence(body: str, lang: str = "") -> str:
    """A fenced code block that nothing in ``body`` can close."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{body}\n{ticks}"


def _value(v: ValueLine) -> str:
    if v.blank:
        text = " / ".join(f"☐ {esc(o)}" for o in v.options) if v.options else esc(BLANK)
        if v.hint:
            text += f" ({esc(v.hint)})"
        return text
    text = esc(v.value)
    if v.masked:
        text += " (kept in the keyring)"
    if v.problem:
        text += f" — ⚠ {esc(v.problem)}"
    return text


def _checks(lines: tuple[CheckLine, ...]) -> list[str]:
    out = ["| Check | Result | Found | What to do |", "|---|---|---|---|"]
    for c in lines:
        title = esc(c.title) + (f" ({esc(c.when)})" if c.when else "")
        word = f"*{esc(c.word)}*" if c.status == "unknown" else f"**{esc(c.word)}**"
        out.append(f"| {title} | {word} | {esc(c.found)} | {esc(c.action)} |")
    return out


def _step(chk: Checklist, step: StepBlock) -> list[str]:
    optional = " (optional)" if step.optional else ""
    out = [
        f"## {step.number}. {esc(step.title)}{optional}",
        "",
        f"*{esc(step.summary)}* — **{chk.box(step.done)} {esc(step.status_text)}**",
        "",
    ]
    out += [f"**{esc(w)}**  " for w in step.where] + ([""] if step.where else [])
    for era in step.era:
        out += [f"> **Timeline:** {esc(era)}", ""]
    for warning in step.warnings:
        out += [f"> **Note:** {esc(warning)}", ""]
    if step.items:
        out += [f"- [{'x' if ticked else ' '}] {esc(item)}" for item, ticked in step.todo()]
        out.append("")
    if step.values:
        out += ["| Field | Value |", "|---|---|"]
        out += [f"| {esc(v.label)} | {_value(v)} |" for v in step.values]
        out.append("")
    for a in step.artefacts:
        out.append(f"**{esc(a.title)}**")
        out.append("")
        if a.missing:
            out += [f"Incomplete: fill in {esc(', '.join(a.missing))} before using this.", ""]
        out += [fence(a.text, _FENCE_LANG.get(a.kind, "")), ""]
        if a.caption:
            out += [f"*{esc(a.caption)}*", ""]
    if step.checks:
        out += _checks(step.checks) + [""]
    if step.attachments:
        out += ["**Evidence:** " + ", ".join(esc(a.name) for a in step.attachments), ""]
    if step.note:
        out += ["**Notes:**", ""] + [f"> {esc(line)}" for line in step.note.splitlines()] + [""]
    elif chk.blank:
        out += ["Notes: ", ""]
    return out


def _status(chk: Checklist) -> list[str]:
    note = chk.status
    if note is None:
        return []
    head = "Today's status: historical procedure" if note.historical else "Today's status"
    out = [f"> **{head}**", ">"] + [f"> {esc(s)}" for s in note.sentences]
    if note.details_url:
        out += [">", f"> {esc(note.details_label or 'Details')}: <{note.details_url}>"]
    return [*out, ""]


def render(chk: Checklist) -> str:
    """The whole checklist as Markdown."""
    h = chk.header
    out = [f"# {esc(chk.title)}", ""]
    if chk.blank:
        out += ["*Blank checklist to fill in by hand*", ""]
    rows = [
        ("Client", esc(h.client_name) if h.client_name else esc(BLANK)),
        ("Deployment", esc(h.deployment_label) if h.deployment_label else esc(BLANK)),
    ]
    if h.server_version_label:
        rows.append(("Server version", esc(h.server_version_label)))
    if h.progress:
        rows.append(("Progress", esc(h.progress)))
    rows.append(("Produced on", esc(h.produced_on)))
    out += ["| | |", "|---|---|"] + [f"| **{k}** | {v} |" for k, v in rows] + [""]
    out += _status(chk)
    c = chk.consultant
    if c is not None:
        who = ", ".join(esc(x) for x in (c.name, c.company, c.email, c.phone) if x)
        out += [f"**Consultant:** {who}", ""]
    if chk.timeline:
        t = chk.timeline
        out += [
            "## Activation by Microsoft",
            "",
            "| Request submitted on | Expected by (30 days at most) | Activation confirmed on |",
            "|---|---|---|",
            f"| {esc(t.submitted_on)} | {esc(t.expected_by)} | {esc(t.confirmed_on)} |",
            "",
        ]
        if t.text:
            out += [esc(t.text), ""]
    for step in chk.steps:
        out += _step(chk, step)
    if chk.checks:
        out += ["## Connectivity checks", ""] + _checks(chk.checks) + [""]
    out += ["## Sign-off", ""]
    out += [f"- {esc(label)}: {esc(BLANK)}" for label in chk.signoff]
    about = [f"Setup id {esc(h.setup_id)}"] if h.setup_id else []
    about += [
        f"{esc(s.title)} {esc(s.status_text.lower())}"
        for s in chk.setup_steps
        if s.status_text != "Not done"
    ]
    if about:
        out += ["", "<sub>" + " · ".join(about) + "</sub>"]
    return "\n".join(out).rstrip() + "\n"
