"""Render a step's artefacts (PowerShell, DNS zone lines, request sheets) for one setup's values.

Only validated values reach the output. A value that is missing or invalid is replaced by a visible
marker such as ``<Access Edge FQDN>`` and the artefact is reported incomplete, so a half-filled
form never produces a command that looks runnable. PowerShell text values are quoted with single
quotes (no expansion); values that must stay bare (names, booleans) are checked against strict
patterns first.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wizard.content import ids, validate
from wizard.content.playbook import PLACEHOLDER, Artefact, Playbook, Step

#: Microsoft account domains that Lync treats as native (DOMAIN.md 4.2).
MICROSOFT_MSA_DOMAINS = ("live.com", "hotmail.com", "outlook.com", "msn.com")


def ps_quote(text: str) -> str:
    """A PowerShell single-quoted string literal: nothing inside is expanded.

    PowerShell also treats the typographic quotes U+2018/U+2019/U+201A/U+201B as single quotes, so
    they are doubled like the ASCII one.
    """
    out = []
    for ch in text:
        out.append(ch)
        if ch in "'\u2018\u2019\u201a\u201b":
            out.append(ch)
    return "'" + "".join(out) + "'"


def msn_address(email: str) -> str:
    """What a Lync user types for a Microsoft account (DOMAIN.md 4.2)."""
    local, _, domain = email.strip().rpartition("@")
    domain = domain.lower()
    if not local or domain in MICROSOFT_MSA_DOMAINS:
        return email.strip()
    return f"{local}({domain})@msn.com"


def _plus_days(days: int) -> Callable[[str], str]:
    def add(value: str) -> str:
        day = validate.parse_date(value)
        if day is None:  # templates get validated values; never fail on a stale one
            return str(value)
        return (day + _dt.timedelta(days=days)).isoformat()

    return add


#: Filters usable in templates as ``{{field|name}}``. Each takes a validated value. The names are
#: declared in ``wizard.content.ids.FILTERS`` (what the content loader accepts); a test ties them.
FILTERS: dict[str, Callable[[Any], str]] = {
    "ps": lambda v: ps_quote(str(v)),
    "psbool": lambda v: "$true" if v else "$false",
    "fqdn": lambda v: validate.normalise_fqdn(str(v)),
    "dot": lambda v: validate.normalise_fqdn(str(v)) + ".",
    "sipuri": lambda v: validate.normalise_sip_uri(str(v)),
    "pssip": lambda v: ps_quote(validate.normalise_sip_uri(str(v))),
    "msn": lambda v: msn_address(str(v)),
    "plus2": _plus_days(2),
    "plus30": _plus_days(30),
    "label": lambda v: str(v),
    "yesno": lambda v: "Yes" if v else "No",
    # a list as PowerShell array items: 'a@x.com','b@x.com' (each validated, single-quoted)
    "pslist": lambda v: ",".join(ps_quote(str(x).strip()) for x in v),
}

#: Filters that take a whole list value rather than its comma-joined text.
LIST_FILTERS = {"pslist"}


def _edge_for(domain: Any, values: Mapping[str, Any]) -> str | None:
    """The Access Edge name a SIP domain's SRV record points at (rule C7, validate.srv_target)."""
    return validate.srv_target(str(domain), str(values.get(ids.ACCESS_EDGE_FQDN) or ""))


def _admin_for(domain: Any, values: Mapping[str, Any]) -> str | None:
    """The administrator e-mail of one SIP domain on the request sheet: the first domain uses
    ``admin_email``; each later one its line of ``admin_emails``, else ``admin_email``."""
    domains = [validate.normalise_fqdn(str(d)) for d in values.get(ids.SIP_DOMAINS) or []]
    own = [str(e).strip() for e in values.get(ids.ADMIN_EMAILS) or []]
    name = validate.normalise_fqdn(str(domain))
    index = domains.index(name) if name in domains else 0
    if 0 < index <= len(own) and validate.check_email(own[index - 1]).ok:
        return own[index - 1]
    fallback = str(values.get(ids.ADMIN_EMAIL) or "").strip()
    return fallback if fallback and validate.check_email(fallback).ok else None


#: Filters that also read other values of the setup: (value, values) -> text, or None when
#: what they need is missing (shown as the marker of ``CONTEXT_NEEDS[name]``).
CONTEXT_FILTERS: dict[str, Callable[[Any, Mapping[str, Any]], str | None]] = {
    "edgefor": _edge_for,
    "adminfor": _admin_for,
}
CONTEXT_NEEDS = {"edgefor": ids.ACCESS_EDGE_FQDN, "adminfor": ids.ADMIN_EMAIL}
ALL_FILTERS = {*FILTERS, *CONTEXT_FILTERS}

_ITEM_KIND = {"domain-list": "domain", "sip-uri-list": "sip-uri", "email-list": "email"}


@dataclass
class Rendered:
    id: str
    title: str
    kind: str
    text: str
    caption: str = ""
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def _valid(book: Playbook, fid: str, value: Any) -> bool:
    fld = book.fields[fid]
    if value is None or value == "" or value == []:
        return fld.kind == "bool"
    if fld.kind == "bool":
        return isinstance(value, bool)
    if fld.kind == "choice":
        return value in {c.value for c in fld.choices}
    return validate.check_value(fld.kind, value).ok


def _substitute(
    book: Playbook,
    text: str,
    values: Mapping[str, Any],
    item: tuple[str, Any] | None,
    missing: list[str],
) -> str:
    def repl(match: re.Match[str]) -> str:
        name, filt = match.group(1), match.group(2)
        if name == "item" and item is not None:
            list_field, value = item
            kind = _ITEM_KIND.get(book.fields[list_field].kind, "text")
            ok = validate.check_value(kind, value).ok
            label = book.fields[list_field].label
        else:
            fld = book.fields[name]
            value = values.get(name, fld.default)
            if value is None and fld.kind == "bool":
                value = False
            ok = _valid(book, name, value)
            label = fld.label
            if fld.kind == "choice" and filt == "label" and ok:
                return fld.choice_label(value)
        if not ok:
            if label not in missing:
                missing.append(label)
            return f"<{label}>"
        if filt in CONTEXT_FILTERS:
            got = CONTEXT_FILTERS[filt](value, values)
            if got is None:
                need = book.fields[CONTEXT_NEEDS[filt]].label
                if need not in missing:
                    missing.append(need)
                return f"<{need}>"
            return got
        if _is_list(book, name) and item is None and filt not in LIST_FILTERS:
            value = ", ".join(str(v) for v in value)
        return FILTERS[filt](value) if filt else str(value)

    return PLACEHOLDER.sub(repl, text)


def _is_list(book: Playbook, name: str) -> bool:
    return name in book.fields and book.fields[name].kind.endswith("-list")


def _with_defaults(book: Playbook, values: Mapping[str, Any]) -> dict[str, Any]:
    """Field defaults under the given values, so line conditions see what placeholders see."""
    return book.with_defaults(values)


def render_artefact(book: Playbook, art: Artefact, values: Mapping[str, Any]) -> Rendered:
    missing: list[str] = []
    values = _with_defaults(book, values)
    out: list[str] = []
    for line in art.lines:
        if not line.when.holds(values):
            continue
        if line.each:
            items = values.get(line.each) or []
            texts = [_substitute(book, line.text, values, (line.each, it), missing) for it in items]
            if not items and book.fields[line.each].required:  # an empty optional list: no line
                texts = [_substitute(book, line.text, values, (line.each, ""), missing)]
        else:
            texts = [_substitute(book, line.text, values, None, missing)]
        # unique lines are printed once per artefact (e.g. a certificate name two domains share)
        out.extend(t for t in texts if not (line.unique and t in out))
    return Rendered(
        id=art.id,
        title=art.title,
        kind=art.kind,
        text="\n".join(out),
        caption=art.caption,
        missing=missing,
    )


def render_step(book: Playbook, step: Step, values: Mapping[str, Any]) -> list[Rendered]:
    """The artefacts of a step that apply to these values, rendered."""
    vals = _with_defaults(book, values)
    return [render_artefact(book, art, vals) for art in step.artefacts if art.when.holds(vals)]


def render_text(book: Playbook, text: str, values: Mapping[str, Any]) -> str:
    """Substitute placeholders in prose (notes, body); invalid values show as ``<Label>``."""
    return _substitute(book, text, values, None, [])
