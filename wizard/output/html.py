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


def status_word(status: str) -> str:
    return {"pass": "Pass", "warning": "Warning", "fail": "Fail"}.get(status, status.capitalize())


def _check_when(c: CheckLine) -> str:
    bits = [b for b in (c.at, c.server) if b]
    if not bits:
        return ""
    return f'<br/><span style="color: {_MUTED}; font-size: 7.5pt;">{e(", ".join(bits))}</span>'


def _checks_table(lines: tuple[CheckLine, ...]) -> str:
    head = (  # a <thead> row is repeated at the top of each page the table continues on
        f'<thead><tr bgcolor="{_HEAD_BG}"><th align="left" width="28%">Check</th>'
        '<th align="left" width="12%">Result</th><th align="left" width="30%">Found</th>'
        '<th align="left" width="30%">What to do</th></tr></thead>'
    )
    rows = "".join(
        f"<tr><td>{e(c.title)}{_check_when(c)}</td><td><b>{e(status_word(c.status))}</b></td>"
        f"<td>{e(c.found)}</td><td>{e(c.action)}</td></tr>"
        for c in lines
    )
    return _TABLE + head + rows + "</table>"


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
    for warning in step.warnings:
        out.append(f'<p style="margin-top: 4pt; color: {_WARN};"><b>Note:</b> {e(warning)}</p>')
    if step.items:
        open_box = chk.box(step.done)
        out.append(
            '<table cellspacing="0" cellpadding="2" border="0" style="margin-top: 4pt;">'
            + "".join(
                f'<tr><td valign="top">{open_box}</td><td>{e(item)}</td></tr>'
                for item in step.items
            )
            + "</table>"
        )
    out.append(_values(chk, step))
    out.extend(_artefact(a) for a in step.artefacts)
    if step.checks:
        out.append('<p style="margin-top: 6pt; margin-bottom: 2pt;"><b>Checks</b></p>')
        out.append(_checks_table(step.checks))
    out.append(
        f'<table width="100%" cellspacing="0" cellpadding="4" border="1" '
        f'style="border-collapse: collapse; border-color: {_BORDER}; border-style: dashed; '
        'margin-top: 4pt;">'
        f'<tr><td><span style="color: {_MUTED}; font-size: 8pt;">Notes</span><br/>&nbsp;<br/>'
        "&nbsp;</td></tr></table>"
    )
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
    if h.setup_id:
        rows.append(("Setup id", e(h.setup_id)))
    table = (
        _TABLE
        + "".join(
            f'<tr><td width="25%" bgcolor="{_HEAD_BG}"><b>{k}</b></td><td>{v}</td></tr>'
            for k, v in rows
        )
        + "</table>"
    )
    sub = "Blank checklist to fill in by hand" if chk.blank else e(h.client_name)
    return (
        f'<h1 style="font-size: 17pt; margin-bottom: 0;">{e(chk.title)}</h1>'
        f'<p style="font-size: 12pt; color: {_MUTED}; margin-top: 2pt;">{sub}</p>' + table
    )


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


def render(chk: Checklist) -> str:
    """The whole checklist as one HTML document."""
    title = chk.title + (f" – {chk.header.client_name}" if chk.header.client_name else "")
    parts = [
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">',
        f"<title>{e(title)}</title></head>",
        '<body style="font-size: 9.5pt;">',
        _header(chk),
        _timeline(chk),
        '<h2 style="font-size: 13pt; margin-top: 12pt;">Steps</h2>',
    ]
    parts.extend(_step(chk, s) for s in chk.steps)
    if chk.checks:
        parts.append('<h2 style="font-size: 13pt; margin-top: 12pt;">Connectivity checks</h2>')
        parts.append(_checks_table(chk.checks))
    parts.append(_signoff(chk))
    parts.append("</body></html>\n")
    return "".join(parts)


def for_session(session: object, include_secrets: bool = False) -> str:
    """The HTML for the GUI's open session: what Print…, Preview and Save call."""
    from wizard.output import checklist

    return render(checklist.for_session(session, include_secrets=include_secrets))
