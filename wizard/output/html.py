"""The checklist as one HTML string, for printing, PDF export and saving as a web page.

The HTML keeps to the subset Qt's rich text engine understands (tables, h1-h3, p, pre, inline
styles, border-collapse) because the same string is laid out by ``QTextDocument`` for print and
PDF. Sizes are in points, never pixels, so they come out the same at 96 dpi on screen and at
1200 dpi in a PDF. Everything that comes from the user or the playbook is escaped: a client called
``<img src=x>`` prints as those characters.

Nothing here knows about Qt.
"""

from __future__ import annotations

import html

from wizard.output.checklist import (
    BLANK,
    ArtefactBlock,
    CheckLine,
    Checklist,
    StepBlock,
    ValueLine,
)

_KIND_LABEL = {
    "powershell": "PowerShell",
    "dns": "DNS records",
    "text": "Text",
}

_BORDER = "#9aa3ad"
_HEAD_BG = "#e6ecf2"
_CODE_BG = "#f3f4f6"
_MUTED = "#4a5560"
_WARN = "#8a4b00"

#: Printed widths of a step's image thumbnail and of the consultant's logo, in points.
THUMB_PT = 160
LOGO_PT = 120
APP_NAME = "Lync–Skype Connect"

_TABLE = (
    f'<table width="100%" cellspacing="0" cellpadding="4" border="1" '
    f'style="border-collapse: collapse; border-color: {_BORDER}; border-style: solid; '
    f'margin-top: 3pt; margin-bottom: 3pt;">'
)


def e(text: object) -> str:
    """Escape anything shown as text (user values, playbook text, dates)."""
    return html.escape(str(text), quote=True)


def _value_cell(chk: Checklist, v: ValueLine) -> str:
    if v.blank:
        if v.options:
            box = chk.box(False)
            # short lists (Yes / No) on one line; longer ones one option per line, so no label
            # is broken in the middle
            sep = "&nbsp;&nbsp;&nbsp;" if all(len(o) <= 12 for o in v.options) else "<br/>"
            cell = sep.join(f"{box}&nbsp;{e(o)}" for o in v.options)
        else:
            cell = e(BLANK * 3)
        if v.hint:
            cell += f'<br/><span style="color: {_MUTED}; font-size: 8pt;">({e(v.hint)})</span>'
        return cell
    cell = e(v.value)
    if v.masked:
        cell += f' <span style="color: {_MUTED}; font-size: 8pt;">(kept in the keyring)</span>'
    if v.problem:
        cell += f'<br/><span style="color: {_WARN}; font-size: 8pt;">{e(v.problem)}</span>'
    return cell


def _values(chk: Checklist, step: StepBlock) -> str:
    if not step.values:
        return ""
    rows = "".join(
        f'<tr><td width="34%" style="color: {_MUTED};">{e(v.label)}</td>'
        f"<td>{_value_cell(chk, v)}</td></tr>"
        for v in step.values
    )
    return _TABLE + rows + "</table>"


def _artefact(a: ArtefactBlock) -> str:
    kind = _KIND_LABEL.get(a.kind, a.kind)
    # "(PowerShell)" after the title, unless the title already says so
    first_word = kind.split()[0].lower()
    label = (
        ""
        if first_word in a.title.lower()
        else f' <span style="color: {_MUTED};">({e(kind)})</span>'
    )
    out = [f'<p style="margin-top: 6pt; margin-bottom: 2pt;"><b>{e(a.title)}</b>{label}</p>']
    if a.missing:
        out.append(
            f'<p style="margin: 0; color: {_WARN};">Incomplete: fill in '
            f"{e(', '.join(a.missing))} before using this.</p>"
        )
    out.append(
        f'<table width="100%" cellspacing="0" cellpadding="5" border="1" bgcolor="{_CODE_BG}" '
        f'style="border-collapse: collapse; border-color: {_BORDER}; border-style: solid;">'
        f"<tr><td><pre style=\"white-space: pre-wrap; font-family: 'DejaVu Sans Mono', "
        f'monospace; font-size: 7.5pt; margin: 0;">{e(a.text)}</pre></td></tr></table>'
    )
    if a.caption:
        out.append(
            f'<p style="margin-top: 2pt; color: {_MUTED}; font-size: 8pt;"><i>{e(a.caption)}</i></p>'
        )
    return "".join(out)


def _check_when(c: CheckLine) -> str:
    if not c.when:
        return ""
    return f'<br/><span style="color: {_MUTED}; font-size: 7.5pt;">{e(c.when)}</span>'


def _check_word(c: CheckLine) -> str:
    """Fail in bold; "Couldn't check" in grey italics, so the two are never confused on paper."""
    if c.status == "unknown":
        return f'<i style="color: {_MUTED};">{e(c.word)}</i>'
    return f"<b>{e(c.word)}</b>"


def _checks_table(lines: tuple[CheckLine, ...]) -> str:
    head = (  # a <thead> row is repeated at the top of each page the table continues on
        f'<thead><tr bgcolor="{_HEAD_BG}"><th align="left" width="28%">Check</th>'
        '<th align="left" width="12%">Result</th><th align="left" width="30%">Found</th>'
        '<th align="left" width="30%">What to do</th></tr></thead>'
    )
    rows = "".join(
        f"<tr><td>{e(c.title)}{_check_when(c)}</td><td>{_check_word(c)}</td>"
        f"<td>{e(c.found)}</td><td>{e(c.action)}</td></tr>"
        for c in lines
    )
    return _TABLE + head + rows + "</table>"


def block(flags: str = "") -> str:
    """The mark where a block the PDF keeps together on one page starts (``pdf.split_blocks``)."""
    return f"<!--lsw:block{' ' + flags if flags else ''}-->"


def _notes_box(text: str) -> str:
    body = e(text).replace("\n", "<br/>") if text else "&nbsp;<br/>&nbsp;"
    return (
        f'<table width="100%" cellspacing="0" cellpadding="4" border="1" '
        f'style="border-collapse: collapse; border-color: {_BORDER}; border-style: dashed; '
        'margin-top: 4pt;">'
        f'<tr><td><span style="color: {_MUTED}; font-size: 8pt;">Notes</span><br/>{body}'
        "</td></tr></table>"
    )


def _attachments(step: StepBlock) -> str:
    if not step.attachments:
        return ""
    rows = []
    for a in step.attachments:
        thumb = (
            f'<img src="{e(a.image_uri)}" width="{THUMB_PT}" />'
            if a.kind == "image" and a.image_uri
            else ""
        )
        rows.append(f'<tr><td valign="top">{thumb}</td><td valign="top">{e(a.name)}</td></tr>')
    return (
        '<p style="margin-top: 6pt; margin-bottom: 2pt;"><b>Evidence</b></p>'
        '<table cellspacing="0" cellpadding="3" border="0">' + "".join(rows) + "</table>"
    )


def _step_items(chk: Checklist, step: StepBlock) -> str:
    """The step's to-do items (engineer "ticks" prints only what the user ticked)."""
    if not step.items:
        return ""
    return (
        '<table cellspacing="0" cellpadding="2" border="0" style="margin-top: 4pt;">'
        + "".join(
            f'<tr><td valign="top">{chk.box(ticked)}</td><td>{e(item)}</td></tr>'
            for item, ticked in step.todo()
        )
        + "</table>"
    )


def _step(chk: Checklist, step: StepBlock) -> str:
    box = chk.box(step.done)
    optional = ' <span style="font-weight: normal;">(optional)</span>' if step.optional else ""
    out = [
        (
            f'<table width="100%" cellspacing="0" cellpadding="5" border="0" bgcolor="{_HEAD_BG}" '
            'style="margin-top: 12pt; border-collapse: collapse;"><tr>'
            f'<td width="72%"><span style="font-size: 11.5pt; font-weight: bold;">'
            f"{step.number}.&nbsp;{e(step.title)}</span>{optional}<br/>"
            f'<span style="color: {_MUTED};">{e(step.summary)}</span></td>'
            f'<td width="28%" align="right" valign="middle">'
            f'<span style="font-size: 13pt;">{box}</span>&nbsp;{e(step.status_text)}</td>'
            "</tr></table>"
        )
    ]
    for where in step.where:
        out.append(f'<p style="margin-top: 4pt; margin-bottom: 0;"><b>{e(where)}</b></p>')
    for era in step.era:
        out.append(f'<p style="margin-top: 4pt; color: {_MUTED};"><b>Timeline:</b> {e(era)}</p>')
    for warning in step.warnings:
        out.append(f'<p style="margin-top: 4pt; color: {_WARN};"><b>Note:</b> {e(warning)}</p>')
    out.append(_step_items(chk, step))
    out.append(_values(chk, step))
    out.extend(_artefact(a) for a in step.artefacts)
    if step.checks:
        out.append('<p style="margin-top: 6pt; margin-bottom: 2pt;"><b>Checks</b></p>')
        out.append(_checks_table(step.checks))
    out.append(_attachments(step))
    if chk.blank or step.note:  # a box to write in, or what the user wrote
        out.append(_notes_box(step.note))
    return "".join(out)


def _header(chk: Checklist) -> str:
    h = chk.header
    rows: list[tuple[str, str]] = [
        ("Client", e(h.client_name) if h.client_name else e(BLANK * 3)),
        ("Deployment", e(h.deployment_label) if h.deployment_label else e(BLANK * 3)),
    ]
    if h.server_version_label:
        rows.append(("Server version", e(h.server_version_label)))
    elif h.deployment == "onprem":
        rows.append(("Server version", e(BLANK * 3)))
    if h.progress:
        rows.append(("Progress", e(h.progress)))
    rows.append(("Produced on", e(h.produced_on)))
    table = (
        _TABLE
        + "".join(
            f'<tr><td width="25%" bgcolor="{_HEAD_BG}"><b>{k}</b></td><td>{v}</td></tr>'
            for k, v in rows
        )
        + "</table>"
    )
    sub = (
        '<p style="font-size: 12pt; color: {m}; margin-top: 2pt;">{t}</p>'.format(
            m=_MUTED, t="Blank checklist to fill in by hand"
        )
        if chk.blank
        else f'<p style="font-size: 14pt; margin-top: 2pt;"><b>{e(h.client_name)}</b></p>'
        if h.client_name
        else ""
    )
    return f'<h1 style="font-size: 17pt; margin-bottom: 0;">{e(chk.title)}</h1>' + sub + table


def _consultant(chk: Checklist) -> str:
    c = chk.consultant
    if c is None:
        return ""
    lines = [f"<b>{e(c.name)}</b>" if c.name else "", e(c.company), e(c.email), e(c.phone)]
    text = "<br/>".join(x for x in lines if x)
    logo = (
        f'<td width="30%" valign="middle"><img src="{e(c.logo_uri)}" width="{LOGO_PT}" /></td>'
        if c.logo_uri
        else ""
    )
    return (
        '<h2 style="font-size: 13pt; margin-top: 12pt;">Consultant</h2>'
        '<table width="100%" cellspacing="0" cellpadding="4" border="0"><tr>'
        f'{logo}<td valign="middle">{text}</td></tr></table>'
    )


def _status(chk: Checklist) -> str:
    note = chk.status
    if note is None:
        return ""
    head = "Today's status: historical procedure" if note.historical else "Today's status"
    link = ""
    if note.details_url:
        link = (
            f'<br/><span style="color: {_MUTED}; font-size: 8pt;">'
            f"{e(note.details_label or 'Details')}: {e(note.details_url)}</span>"
        )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="6" border="1" '
        f'style="border-collapse: collapse; border-color: {_WARN}; border-style: solid; '
        'margin-top: 8pt;">'
        f"<tr><td><b>{e(head)}</b><br/>{e(' '.join(note.sentences))}{link}</td></tr></table>"
    )


def _contents(chk: Checklist) -> str:
    if not chk.steps:
        return ""
    rows = "".join(
        f'<tr><td width="6%" align="right">{s.number}.</td><td>{e(s.title)}'
        + (f' <span style="color: {_MUTED};">(optional)</span>' if s.optional else "")
        + "</td></tr>"
        for s in chk.steps
    )
    return (
        '<h2 style="font-size: 13pt; margin-top: 12pt;">Steps in this checklist</h2>'
        '<table width="100%" cellspacing="0" cellpadding="2" border="0">' + rows + "</table>"
    )


def _cover(chk: Checklist) -> str:
    """The first page: who and what, today's status, the consultant, the wait, the steps."""
    return _header(chk) + _status(chk) + _consultant(chk) + _timeline(chk) + _contents(chk)


def _timeline(chk: Checklist) -> str:
    t = chk.timeline
    if t is None:
        return ""
    return (
        '<h2 style="font-size: 13pt; margin-top: 12pt;">Activation by Microsoft</h2>'
        + _TABLE
        + f'<tr bgcolor="{_HEAD_BG}"><th align="left">Request submitted on</th>'
        '<th align="left">Expected by (30 days at most)</th>'
        '<th align="left">Activation confirmed on</th></tr>'
        f"<tr><td>{e(t.submitted_on)}</td><td>{e(t.expected_by)}</td>"
        f"<td>{e(t.confirmed_on)}</td></tr></table>"
        + (f'<p style="color: {_MUTED}; margin-top: 2pt;">{e(t.text)}</p>' if t.text else "")
    )


def _signoff(chk: Checklist) -> str:
    # One row, so the block is never split across two pages.
    width = 100 // max(1, len(chk.signoff))
    cells = "".join(
        f'<td width="{width}%" valign="top"><span style="color: {_MUTED}; font-size: 8pt;">'
        f"{e(label)}</span><br/>&nbsp;<br/>&nbsp;<br/>&nbsp;</td>"
        for label in chk.signoff
    )
    return (
        '<h2 style="font-size: 13pt; margin-top: 16pt;">Sign-off</h2>'
        + _TABLE
        + f"<tr>{cells}</tr></table>"
    )


def _appendix(chk: Checklist) -> str:
    """Small print: the setup id and the app's own first steps, which are not the client's work."""
    bits = []
    if chk.header.setup_id:
        bits.append(f"Setup id {e(chk.header.setup_id)}")
    for s in chk.setup_steps:
        if s.status_text != "Not done":
            bits.append(f"{e(s.title)} {e(s.status_text.lower())}")
    if not bits:
        return ""
    return (
        f'<p style="margin-top: 14pt; color: {_MUTED}; font-size: 7.5pt;">'
        f"Produced with {e(APP_NAME)}. " + " · ".join(bits) + "</p>"
    )


def render(chk: Checklist) -> str:
    """The whole checklist as one HTML document.

    ``<!--lsw:block-->`` marks start the parts the PDF keeps together on a page: the cover (a
    page of its own), each step, the checks, and the sign-off (which takes the block before it
    along rather than stand alone). A browser ignores them; ``page-break-inside`` asks it to
    keep a step together too.
    """
    title = chk.title + (f" – {chk.header.client_name}" if chk.header.client_name else "")
    parts = [
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        "<style>div.keep { page-break-inside: avoid; }</style></head>",
        '<body style="font-size: 9.5pt;">',
        block(),
        _cover(chk),
    ]
    for i, s in enumerate(chk.steps):
        parts.append(block("new-page" if i == 0 else ""))
        parts.append('<div class="keep">')
        if i == 0:
            parts.append('<h2 style="font-size: 13pt; margin-top: 0;">Steps</h2>')
        parts.append(_step(chk, s))
        parts.append("</div>")
    if chk.checks:
        parts.append(block("new-page" if not chk.steps else ""))
        parts.append('<h2 style="font-size: 13pt; margin-top: 12pt;">Connectivity checks</h2>')
        parts.append(_checks_table(chk.checks))
    parts.append(block("with-previous"))
    parts.append('<div class="keep">' + _signoff(chk) + _appendix(chk) + "</div>")
    parts.append("</body></html>\n")
    return "".join(parts)


def for_session(session: object, include_secrets: bool = False) -> str:
    """The HTML for the GUI's open session: what Print…, Preview and Save call."""
    from wizard.output import checklist

    return render(checklist.for_session(session, include_secrets=include_secrets))
