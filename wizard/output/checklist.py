"""The printable checklist as data: what a consultant hands over, independent of the output format.

One model feeds three renderers (``checklist_html`` for print and PDF, ``checklist_md`` for a
ticket), so the printed page, the exported file and the ticket always say the same thing. The model
is built from the playbook and a setup through ``flow`` (which steps apply, their status) and
``templates`` (the generated commands and DNS lines), never from what a page happens to show.

A *blank* checklist is the same document for a deployment type without a saved setup: empty lines
where values go and ``<Label>`` markers in the artefacts, to fill in by hand.

Secrets (fields the playbook marks secret) are masked unless the caller asks for them explicitly.
Nothing here knows about Qt.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wizard import paths
from wizard.content import flow, validate
from wizard.content.playbook import HISTORICAL_DEPLOYMENTS, Field, Playbook, Step
from wizard.content.templates import render_step
from wizard.storage.document import DONE, SKIPPED, Clock, Setup, local_time, utc_now

#: What a masked secret looks like on paper.
MASK = "••••"
#: Where a value is written by hand.
BLANK = "________"

BOX_DONE = "☑"
BOX_OPEN = "☐"
ASCII_DONE = "[x]"
ASCII_OPEN = "[ ]"

TITLE = "Lync–Skype Connect checklist"
#: The playbook file of the app's own first steps (client name, deployment choice).
SETUP_SOURCE = "start"

#: A function that returns a secret field's value for the setup, or None.
SecretGetter = Callable[[str], "str | None"]


@dataclass(frozen=True)
class ValueLine:
    """One field of a step as printed: ``label: value``, or a blank/options to fill in."""

    field_id: str
    label: str
    value: str  # the printable value; BLANK when there is none
    blank: bool = False  # nothing entered: write it by hand
    secret: bool = False
    masked: bool = False
    options: tuple[str, ...] = ()  # for a blank choice or yes/no: the options to tick
    hint: str = ""  # e.g. "default: 3600"
    problem: str = ""  # the validation message when the entered value is not valid


@dataclass(frozen=True)
class ArtefactBlock:
    title: str
    kind: str  # powershell | dns | text
    text: str
    caption: str = ""
    missing: tuple[str, ...] = ()


#: Printed words of the live checks' outcomes ("unknown": nothing could be concluded).
CHECK_WORDS = {"pass": "Pass", "warning": "Warning", "fail": "Fail", "unknown": "Couldn't check"}


@dataclass(frozen=True)
class CheckLine:
    title: str
    status: str
    found: str = ""
    action: str = ""
    server: str = ""  # which DNS server answered / which address was contacted
    at: str = ""  # YYYY-MM-DD HH:MM (local time) of the check

    @property
    def word(self) -> str:
        return CHECK_WORDS.get(self.status, self.status.capitalize())

    @property
    def when(self) -> str:
        """ "Checked 2014-03-03 10:00, 192.0.2.53:53": when and where, for print."""
        bits = [f"Checked {self.at}" if self.at else "", self.server]
        return ", ".join(b for b in bits if b)


@dataclass(frozen=True)
class Attachment:
    """A file attached to a step as evidence: listed by name, images also shown small."""

    name: str
    kind: str  # image | file
    size: int = 0
    image_uri: str = ""  # a data: URL of the image, for the printed thumbnail


@dataclass(frozen=True)
class Consultant:
    """Who did the work (the consultant profile), printed on the cover."""

    name: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    logo_uri: str = ""  # a data: URL (PNG or SVG)

    @property
    def empty(self) -> bool:
        return not (self.name or self.company or self.email or self.phone or self.logo_uri)


@dataclass(frozen=True)
class StatusNote:
    """Today's status (status.toml), printed first: what ended and when, and where to read more."""

    sentences: tuple[str, ...]
    historical: bool
    details_label: str = ""
    details_url: str = ""


@dataclass(frozen=True)
class StepBlock:
    number: int
    id: str
    title: str
    summary: str
    status: str  # done | skipped | waiting | todo
    done_on: str = ""  # YYYY-MM-DD (local date) when done or skipped
    optional: bool = False
    items: tuple[str, ...] = ()  # the to-do items' text
    ticked: tuple[bool, ...] = ()  # per item: did the user tick it (never implied by "done")
    values: tuple[ValueLine, ...] = ()
    warnings: tuple[str, ...] = ()
    artefacts: tuple[ArtefactBlock, ...] = ()
    checks: tuple[CheckLine, ...] = ()
    note: str = ""  # what the user wrote on the step (evidence)
    attachments: tuple[Attachment, ...] = ()
    #: "Where (label): path" lines: the admin-centre or Control Panel path, as the page shows it
    where: tuple[str, ...] = ()
    #: era notes (what applied when), printed so the paper keeps the page's history
    era: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return self.status == DONE

    def todo(self) -> list[tuple[str, bool]]:
        """(item text, ticked) for each to-do item."""
        return [
            (item, i < len(self.ticked) and self.ticked[i]) for i, item in enumerate(self.items)
        ]

    @property
    def status_text(self) -> str:
        if self.status == DONE:
            return f"Done {self.done_on}".strip()
        if self.status == SKIPPED:
            return f"Skipped {self.done_on}".strip()
        if self.status == flow.WAITING:
            return "Waiting"
        return "Not done"


@dataclass(frozen=True)
class Timeline:
    """The on-premises activation wait: blank dates print as BLANK."""

    submitted_on: str
    expected_by: str
    confirmed_on: str
    text: str = ""


@dataclass(frozen=True)
class Header:
    client_name: str
    deployment: str  # the deployment id, or "" if not chosen
    deployment_label: str
    server_version_label: str
    produced_on: str
    setup_id: str = ""
    progress: str = ""


@dataclass(frozen=True)
class Checklist:
    title: str
    header: Header
    steps: tuple[StepBlock, ...]
    timeline: Timeline | None = None
    checks: tuple[CheckLine, ...] = ()  # saved check results not tied to one step
    blank: bool = False
    ascii_marks: bool = False
    signoff: tuple[str, ...] = ("Performed by", "Date", "Signature")
    consultant: Consultant | None = None
    status: StatusNote | None = None  # set by the status-of-today work (issue 9)
    #: The app's own first steps (who the setup is for, which deployment): for the appendix.
    setup_steps: tuple[StepBlock, ...] = ()

    def box(self, done: bool) -> str:
        if self.ascii_marks:
            return ASCII_DONE if done else ASCII_OPEN
        return BOX_DONE if done else BOX_OPEN


# ---------------------------------------------------------------------------------------------
# Building


def _local_date(stamp: str) -> str:
    try:
        when = _dt.datetime.fromisoformat(stamp)
        if when.tzinfo is not None:
            when = when.astimezone()  # OverflowError at the ends of the calendar
    except (ValueError, OverflowError):
        return ""
    return when.date().isoformat()


def _today(clock: Clock) -> _dt.date:
    now = clock()
    return (now.astimezone() if now.tzinfo else now).date()


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _format_value(fld: Field, value: Any) -> str:
    if fld.kind == "bool":
        return "Yes" if value else "No"
    if fld.kind == "choice":
        return fld.choice_label(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _value_line(
    book: Playbook,
    fid: str,
    values: Mapping[str, Any],
    given: Mapping[str, Any],
    blank: bool,
    include_secrets: bool,
) -> ValueLine:
    fld = book.fields[fid]
    # In a blank checklist only the values the caller gave count as entered; defaults are hints.
    value = given.get(fid) if blank else values.get(fid)
    hint = ""
    if fld.default is not None and fld.kind != "bool":
        hint = f"default: {_format_value(fld, fld.default)}"
    if _is_empty(value):
        options: tuple[str, ...] = ()
        if fld.kind == "choice":
            options = tuple(c.label for c in fld.choices)
        elif fld.kind == "bool":
            options = ("Yes", "No")
        return ValueLine(
            fid, fld.label, BLANK, blank=True, secret=fld.secret, options=options, hint=hint
        )
    if fld.secret and not include_secrets:
        return ValueLine(fid, fld.label, MASK, secret=True, masked=True)
    verdict = flow.field_verdict(book, values, fid)
    problem = "" if verdict.ok else verdict.message
    return ValueLine(fid, fld.label, _format_value(fld, value), secret=fld.secret, problem=problem)


def _mask_sentinel(fld: Field) -> str | None:
    """A stand-in value that passes the field's validation, swapped for MASK after rendering."""
    for candidate in ("MASKEDSECRET0", "masked.secret.invalid", "0"):
        if validate.check_value(fld.kind, candidate).ok:
            return candidate
    return None


def _render_artefacts(
    book: Playbook,
    step: Step,
    values: Mapping[str, Any],
    include_secrets: bool,
) -> tuple[ArtefactBlock, ...]:
    render_values = dict(values)
    swaps: list[tuple[str, str]] = []  # (text to find, replacement)
    if not include_secrets:
        for fid, fld in book.fields.items():
            real = render_values.get(fid)
            if not fld.secret or _is_empty(real):
                continue
            sentinel = _mask_sentinel(fld)
            if sentinel is None:
                render_values.pop(fid, None)
            else:
                render_values[fid] = sentinel
                swaps.append((sentinel, MASK))
            swaps.append((str(real), MASK))  # belt and braces: the real value never prints
    out = []
    for art in render_step(book, step, render_values):
        text = art.text
        for find, repl in swaps:
            if find:
                text = text.replace(find, repl)
        out.append(ArtefactBlock(art.title, art.kind, text, art.caption, tuple(art.missing)))
    return tuple(out)


def _checks(raw: Sequence[Mapping[str, Any]]) -> list[tuple[str, CheckLine]]:
    out = []
    for item in raw:
        if not isinstance(item, Mapping):
            continue
        line = CheckLine(
            title=str(item.get("title") or item.get("id") or "Check"),
            status=str(item.get("status") or ""),
            found=str(item.get("found") or ""),
            action=str(item.get("action") or ""),
            server=str(item.get("server") or ""),
            at=local_time(str(item.get("at") or "")),
        )
        out.append((str(item.get("step") or ""), line))
    return out


def _timeline(
    book: Playbook, setup: Setup | None, values: Mapping[str, Any], today: _dt.date
) -> Timeline | None:
    if flow.wait_step(book, values) is None:
        return None
    probe = setup if setup is not None else Setup("blank", "", "", values=dict(values))
    act = flow.activation(book, probe, today)
    if act is None:
        return Timeline(
            BLANK,
            BLANK,
            BLANK,
            text=(
                f"Activation can take up to {flow.ACTIVATION_MAX_DAYS} days after the request is "
                "submitted."
            ),
        )
    return Timeline(
        submitted_on=act.submitted_on.isoformat(),
        expected_by=act.expected_by.isoformat(),
        confirmed_on=act.confirmed_on.isoformat() if act.confirmed_on else BLANK,
        text=act.text,
    )


def build(
    book: Playbook,
    setup: Setup | None = None,
    *,
    values: Mapping[str, Any] | None = None,
    secret: SecretGetter | None = None,
    deployment: str | None = None,
    include_secrets: bool = False,
    clock: Clock = utc_now,
    ascii_marks: bool = False,
    consultant: Consultant | None = None,
    notes: Mapping[str, str] | None = None,
    attachments: Mapping[str, Sequence[Attachment]] | None = None,
) -> Checklist:
    """The checklist for a setup, or a blank one when ``setup`` is None.

    ``values`` are the field values to print (the GUI passes ``session.values()``, which already
    holds secrets and defaults); without them the setup's saved values are used. ``secret`` fetches
    a secret field's value (e.g. ``lambda fid: store.get(setup.id, fid)``) when ``values`` lack it.
    For a blank checklist, ``deployment`` picks the branch and ``values`` (optional) are printed
    where given; everything else is left to fill in by hand. ``consultant`` comes from the
    consultant profile; ``notes`` and ``attachments`` (by step id) from the setup's evidence.
    """
    notes = notes or {}
    attachments = attachments or {}
    blank = setup is None
    given: dict[str, Any] = dict(values if values is not None else (setup.values if setup else {}))
    if blank and deployment:
        given["deployment"] = deployment
    if secret is not None:
        for fid, fld in book.fields.items():
            if fld.secret and _is_empty(given.get(fid)):
                got = secret(fid)
                if got:
                    given[fid] = got
    vals = flow.values_with_defaults(book, given)
    today = _today(clock)

    applicable = flow.applicable(book, vals)
    printed = {s.id for s in applicable if s.kind != "summary"}
    step_checks: dict[str, list[CheckLine]] = {}
    loose: list[CheckLine] = []
    for sid, line in _checks(setup.checks if setup else []):
        if sid in printed:
            step_checks.setdefault(sid, []).append(line)
        else:
            loose.append(line)

    blocks: list[StepBlock] = []
    setup_steps: list[StepBlock] = []
    number = 0
    for step in applicable:
        if step.kind == "summary":
            continue
        own = step.source == SETUP_SOURCE  # the app's own first steps: not client work
        if not own:
            number += 1
        if setup is not None:
            status = flow.step_status(book, step, setup)
            state = setup.steps.get(step.id)
            done_on = _local_date(state.at) if state else ""
        else:
            status, done_on = flow.TODO, ""
        warnings = tuple(n.text for n in step.notes if n.kind == "warning" and n.when.holds(vals))
        ticks = set(setup.ticked(step.id)) if setup is not None else set()
        era = tuple(n.text for n in step.notes if n.kind == "era" and n.when.holds(vals))
        where = tuple(
            (f"Where ({nav.label}): " if nav.label else "Where: ") + nav.path
            for nav in step.nav
            if nav.when.holds(vals)
        )
        (setup_steps if own else blocks).append(
            StepBlock(
                number=0 if own else number,
                id=step.id,
                title=step.title,
                summary=step.summary,
                status=status,
                done_on=done_on,
                optional=step.optional,
                items=step.checklist,
                ticked=tuple(key in ticks for key in step.checklist_ids),
                values=tuple(
                    _value_line(book, fid, vals, given, blank, include_secrets)
                    for fid in step.visible_fields(vals)
                ),
                warnings=warnings,
                where=where,
                era=era,
                artefacts=_render_artefacts(book, step, vals, include_secrets),
                checks=tuple(step_checks.get(step.id, ())),
                note=str(notes.get(step.id) or "").strip(),
                attachments=tuple(attachments.get(step.id, ())),
            )
        )

    dep = vals.get("deployment")
    dep_label = book.fields["deployment"].choice_label(dep) if "deployment" in book.fields else ""
    version_label = ""
    if dep == "onprem" and "server_version" in book.fields and vals.get("server_version"):
        version_label = book.fields["server_version"].choice_label(vals["server_version"])
    progress = ""
    if setup is not None:
        done = sum(1 for b in blocks if b.status in (DONE, SKIPPED))
        progress = f"{done} of {len(blocks)} steps done"
    header = Header(
        client_name=str(vals.get("client_name") or ""),
        deployment=str(dep or ""),
        deployment_label=dep_label,
        server_version_label=version_label,
        produced_on=today.isoformat(),
        setup_id=setup.id if setup else "",
        progress=progress,
    )
    return Checklist(
        title=TITLE,
        header=header,
        steps=tuple(blocks),
        timeline=_timeline(book, setup, vals, today),
        checks=tuple(loose),
        blank=blank,
        ascii_marks=ascii_marks,
        consultant=consultant if consultant is not None and not consultant.empty else None,
        status=status_note(book, str(dep or "")),
        setup_steps=tuple(setup_steps),
    )


def status_note(book: Playbook, deployment: str) -> StatusNote | None:
    """Today's status for a deployment's checklist (status.toml ``[checklist]``), traced to
    DOMAIN.md section 9: printed first on every checklist, with the details link."""
    group = book.status.group_for(deployment)
    sentences = tuple(s.text for s in book.status.group(group))
    if not sentences:
        return None
    return StatusNote(
        sentences=sentences,
        historical=deployment in HISTORICAL_DEPLOYMENTS,
        details_label=book.status.details_label,
        details_url=book.status.details_url,
    )


def for_session(
    session: Any,
    include_secrets: bool = False,
    clock: Clock | None = None,
    consultant: Consultant | None = None,
) -> Checklist:
    """The checklist for the GUI's open session (``wizard.session.Session``)."""
    return build(
        session.book,
        session.setup,
        values=session.values(),
        include_secrets=include_secrets,
        clock=clock or session.clock,
        consultant=consultant,
    )


def blank(
    book: Playbook,
    deployment: str,
    values: Mapping[str, Any] | None = None,
    clock: Clock = utc_now,
) -> Checklist:
    """A checklist to fill in by hand for one deployment type."""
    return build(book, None, values=values or {}, deployment=deployment, clock=clock)


def saved_consultant(folder: Any = None) -> Consultant | None:
    """The consultant profile from Settings (``wizard.storage.profile``), or None if there is none.

    A profile that can't be read prints as no profile: a checklist is never refused for it.
    """
    from wizard.storage.profile import ProfileStore

    store = ProfileStore(folder)
    p = store.load()
    if p.empty:
        return None
    return Consultant(p.name, p.company, p.email, p.phone, store.logo_uri(p))


def default_filename(chk: Checklist, ext: str) -> str:
    """A file name like ``Checklist - Contoso Ltd - 2014-03-03.pdf`` (safe on every OS)."""
    name = chk.header.client_name or chk.header.deployment_label or "blank"
    safe = paths.safe_filename(name, "blank")
    return f"Checklist - {safe} - {chk.header.produced_on}.{ext.lstrip('.')}"


__all__ = [
    "BLANK",
    "MASK",
    "ArtefactBlock",
    "Attachment",
    "CheckLine",
    "Checklist",
    "Consultant",
    "Header",
    "StatusNote",
    "StepBlock",
    "Timeline",
    "ValueLine",
    "blank",
    "build",
    "default_filename",
    "for_session",
    "saved_consultant",
]
