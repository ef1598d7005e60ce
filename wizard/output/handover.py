"""The handover pack: one .zip a consultant leaves with the client, to finish or audit the work
without the app.

Inside: the checklist as PDF and as HTML, a README.txt that says what each file is, one
PowerShell script per step that has commands, the DNS records as zone-file snippets (one per zone)
and as a CSV for DNS control panels, the reminders (.ics) when there is a wait, and the evidence
attached to the steps. Nothing secret goes in: the checklist is built without the keyring, so the
agreement number never reaches a file.

Qt-free, except that the PDF is drawn by ``wizard.output.pdf`` (which loads Qt when called).
The archive is written to a temp file beside the target and moved into place (``safefile``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wizard import APP_DISPLAY_NAME, __version__, paths
from wizard.content.playbook import Playbook
from wizard.output import checklist
from wizard.output import html as checklist_html
from wizard.output.extras import Evidence
from wizard.storage import safefile
from wizard.storage.document import Clock, Setup, utc_now

#: Files stored as they are in the zip (already compressed).
PACKED = (".pdf", ".png", ".jpg", ".jpeg", ".zip")
#: UTF-8 with a byte order mark: Windows PowerShell 5.1 reads BOM-less scripts as ANSI.
BOM = "\ufeff"
#: Verbs of commands that only read or show (or connect); anything else changes settings.
READ_VERBS = frozenset(
    {
        "Get",
        "Test",
        "Format",
        "Select",
        "Where",
        "Sort",
        "Measure",
        "Out",
        "Write",
        "Import",
        "Connect",
        "Resolve",
        "Find",
        "Show",
        "Compare",
        "Group",
        "ForEach",
    }
)
READ_ONLY_HEAD = "# --- Read-only: shows settings, changes nothing ---"
CHANGES_HEAD = "# --- CHANGES SETTINGS: run these deliberately, once ---"
_CMDLET = re.compile(r"(?<![\w$.-])([A-Za-z]+)-[A-Za-z]+\b")
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"`]|`.)*\"")
_PLACEHOLDER = re.compile(r"<[^<>\n]+>")
#: Characters not allowed in a file name on Windows (and "/" everywhere).
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)


@dataclass(frozen=True)
class PackFile:
    name: str  # path inside the archive, "/" separated
    data: bytes
    what: str  # one line for the README


#: Writes HTML as a PDF file: (html, path, page_size, title) -> pages.
PdfWriter = Callable[[str, Path, "str | None", str], int]


def safe_name(name: str, fallback: str = "file", limit: int = 80) -> str:
    """One path component that is valid on Windows, macOS and Linux."""
    text = _UNSAFE.sub("_", name).strip(" .")
    if _RESERVED.match(text):
        text = "_" + text
    if len(text) > limit:
        stem, dot, ext = text.rpartition(".")
        text = (stem[: limit - len(ext) - 1] + "." + ext) if dot and len(ext) <= 8 else text[:limit]
    return text or fallback


def _is_read_only(command: str) -> bool:
    """True when every cmdlet in the command (outside quoted text) only reads."""
    bare = _QUOTED.sub("''", command)
    verbs = [m.group(1) for m in _CMDLET.finditer(bare)]
    return all(v.capitalize() in READ_VERBS for v in verbs)


def _commands(text: str) -> list[list[str]]:
    """The script's lines grouped into commands: backtick continuations and comments go along."""
    out: list[list[str]] = []
    pending: list[str] = []  # comments waiting for the command they describe
    current: list[str] | None = None
    for line in text.splitlines():
        if current is not None:
            current.append(line)
            if not line.rstrip().endswith("`"):
                current = None
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            pending.append(line)
            continue
        current = [*pending, line]
        pending = []
        out.append(current)
        if not line.rstrip().endswith("`"):
            current = None
    if pending:
        out.append(pending)
    return out


def script_body(text: str) -> list[str]:
    """The commands with section comments where they switch between reading and changing.

    A command with a ``<placeholder>`` still to fill in is commented out with a note, so the
    script never runs half-filled (``<`` is also an operator in PowerShell).
    """
    out: list[str] = []
    section = ""
    for cmd in _commands(text):
        code = [ln for ln in cmd if ln.strip() and not ln.lstrip().startswith("#")]
        if not code:
            out += cmd
            continue
        kind = READ_ONLY_HEAD if _is_read_only(" ".join(code)) else CHANGES_HEAD
        if kind != section:
            out += ["", kind]
            section = kind
        if any(_PLACEHOLDER.search(ln) for ln in code):
            missing = sorted({m.group(0) for ln in code for m in _PLACEHOLDER.finditer(ln)})
            out.append(f"# Fill in {', '.join(missing)} and remove the leading '# ' to run:")
            out += [ln if ln.lstrip().startswith("#") else "# " + ln for ln in cmd]
        else:
            out += cmd
    return out


def _comment(text: str) -> str:
    return "# " + " ".join(str(text).split())


def powershell_scripts(chk: checklist.Checklist) -> list[PackFile]:
    """One .ps1 per step that has PowerShell, UTF-8 with BOM, CRLF line ends."""
    files = []
    h = chk.header
    for step in chk.steps:
        arts = [a for a in step.artefacts if a.kind == "powershell"]
        if not arts:
            continue
        lines = [
            _comment(f"{h.client_name or 'Client'} - step {step.number}: {step.title}"),
            _comment(f"Deployment: {h.deployment_label}"),
        ]
        if h.server_version_label:
            lines.append(_comment(f"Server version: {h.server_version_label}"))
        lines += [
            _comment(f"Produced on {h.produced_on} by {APP_DISPLAY_NAME} {__version__}"),
            _comment(step.summary),
        ]
        intro = len(lines)
        changes = False
        for art in arts:
            lines += ["", "#" * 72, _comment(art.title)]
            if art.caption:
                lines.append(_comment(art.caption))
            body = script_body(art.text)
            changes = changes or CHANGES_HEAD in body
            lines += body
        lines[intro:intro] = (
            [
                "# Read each section before running it. Lines under 'CHANGES SETTINGS' change",
                "# the configuration; lines under 'Read-only' only show it.",
            ]
            if changes
            else ["# This script only reads: it changes nothing."]
        )
        name = f"scripts/{step.number:02d} - {safe_name(step.title, 'step', 60)}.ps1"
        text = BOM + "\r\n".join(lines).rstrip() + "\r\n"
        files.append(
            PackFile(name, text.encode("utf-8"), f"PowerShell for step {step.number}, {step.title}")
        )
    return files


# -- DNS -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DnsRecord:
    zone: str  # e.g. "contoso.com."
    name: str  # absolute, e.g. "_sipfederationtls._tcp.contoso.com."
    ttl: int
    rtype: str
    rdata: str  # as in a zone file
    priority: str = ""
    weight: str = ""
    port: str = ""
    target: str = ""

    @property
    def host(self) -> str:
        """The name relative to its zone, "@" for the zone itself (what control panels ask)."""
        if self.name == self.zone:
            return "@"
        return self.name[: -len(self.zone) - 1]


def _zone_for(name: str, domains: Sequence[str]) -> str:
    labels = name.rstrip(".").split(".")
    for d in sorted(domains, key=len, reverse=True):
        if name == d or name.endswith("." + d):
            return d
    return ".".join(labels[-2:]) + "."


def dns_records(chk: checklist.Checklist, sip_domains: Sequence[str] = ()) -> list[DnsRecord]:
    """The DNS records of the checklist's DNS artefacts (complete lines only), parsed."""
    import dns.name
    import dns.rdata
    import dns.rdataclass
    import dns.rdatatype

    domains = [d.rstrip(".").lower() + "." for d in sip_domains if d]
    out: list[DnsRecord] = []
    seen: set[tuple[str, str, str]] = set()
    for step in chk.steps:
        for art in step.artefacts:
            if art.kind != "dns":
                continue
            for line in art.text.splitlines():
                parts = line.split()
                if len(parts) < 5 or line.lstrip().startswith(";") or _PLACEHOLDER.search(line):
                    continue
                name, ttl, klass, rtype, *rest = parts
                if klass.upper() != "IN" or not ttl.isdigit():
                    continue
                try:
                    owner = dns.name.from_text(name).to_text().lower()
                    rd = dns.rdata.from_text(
                        dns.rdataclass.IN, dns.rdatatype.from_text(rtype), " ".join(rest)
                    )
                except Exception:  # noqa: BLE001 - a line that is not a record is left out
                    continue
                key = (owner, rtype.upper(), rd.to_text())
                if key in seen:
                    continue
                seen.add(key)
                fields = {}
                if rtype.upper() == "SRV":
                    fields = {
                        "priority": str(rd.priority),  # type: ignore[attr-defined]
                        "weight": str(rd.weight),  # type: ignore[attr-defined]
                        "port": str(rd.port),  # type: ignore[attr-defined]
                        "target": rd.target.to_text(),  # type: ignore[attr-defined]
                    }
                else:
                    fields = {"target": rd.to_text()}
                out.append(
                    DnsRecord(
                        _zone_for(owner, domains),
                        owner,
                        int(ttl),
                        rtype.upper(),
                        rd.to_text(),
                        **fields,
                    )
                )
    return out


def zone_snippets(records: Sequence[DnsRecord], produced_on: str, client: str) -> dict[str, str]:
    """Zone-file text per zone, with absolute names (paste into the zone, or import it)."""
    zones: dict[str, list[DnsRecord]] = {}
    for r in records:
        zones.setdefault(r.zone, []).append(r)
    out = {}
    for zone, recs in zones.items():
        lines = [
            f"; DNS records for {zone} - {client or 'client'}",
            f"; Produced on {produced_on} by {APP_DISPLAY_NAME}. Add them to the public zone.",
            f"$ORIGIN {zone}",
        ]
        lines += [f"{r.name} {r.ttl} IN {r.rtype} {r.rdata}" for r in recs]
        out[zone] = "\n".join(lines) + "\n"
    return out


CSV_COLUMNS = (
    "Zone",
    "Type",
    "Host",
    "Name",
    "TTL",
    "Priority",
    "Weight",
    "Port",
    "Target",
    "Service",
    "Protocol",
)


def dns_csv(records: Sequence[DnsRecord]) -> str:
    """The records as CSV, one per row, in the columns DNS control panels ask for."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        service = protocol = ""
        if r.rtype == "SRV":
            labels = r.name.split(".")
            if len(labels) > 2 and labels[0].startswith("_") and labels[1].startswith("_"):
                service, protocol = labels[0], labels[1]
        writer.writerow(
            [
                r.zone.rstrip("."),
                r.rtype,
                r.host,
                r.name.rstrip("."),
                r.ttl,
                r.priority,
                r.weight,
                r.port,
                r.target.rstrip(".") if r.rtype in ("SRV", "CNAME") else r.target,
                service,
                protocol,
            ]
        )
    return buf.getvalue()


# -- the pack ----------------------------------------------------------------------------------------


def _default_pdf_writer(html: str, path: Path, page_size: str | None, title: str) -> int:
    from wizard.output import pdf

    return pdf.write_pdf(html, path, page_size, title=title)


def _readme(chk: checklist.Checklist, files: Sequence[PackFile]) -> str:
    h = chk.header
    c = chk.consultant
    lines = [
        f"Handover pack: Lync-Skype connectivity for {h.client_name or 'the client'}",
        f"Deployment: {h.deployment_label}"
        + (f", {h.server_version_label}" if h.server_version_label else ""),
        f"Produced on {h.produced_on} with {APP_DISPLAY_NAME} {__version__}.",
    ]
    if h.progress:
        lines.append(f"Progress: {h.progress}.")
    if c is not None:
        who = ", ".join(x for x in (c.name, c.company, c.email, c.phone) if x)
        lines.append(f"Prepared by: {who}")
    lines += [
        "",
        "Nothing secret is in this pack: the agreement number and other secrets stay in the",
        "consultant's keyring and show as •••• or <placeholder>.",
        "",
        "What each file is:",
        "",
    ]
    width = max(len(f.name) for f in files) if files else 0
    lines += [f"  {f.name.ljust(width)}  {f.what}" for f in files]
    lines += [
        "",
        "PowerShell scripts are UTF-8 with a byte order mark. Each one says which lines only read",
        "settings and which change them; read a script before you run it, in the shell it names.",
    ]
    return "\r\n".join(lines) + "\r\n"


def build_files(
    book: Playbook,
    setup: Setup,
    *,
    consultant: checklist.Consultant | None = None,
    notes: dict[str, str] | None = None,
    evidence: Iterable[Evidence] = (),
    attachments: dict[str, Sequence[checklist.Attachment]] | None = None,
    page_size: str | None = None,
    clock: Clock = utc_now,
    pdf_writer: PdfWriter | None = None,
    secret: checklist.SecretGetter | None = None,
) -> list[PackFile]:
    """Every file of the pack, README first.

    ``secret`` (the keyring) only tells the checklist that a secret exists, so it prints as ••••
    rather than as a blank to fill in; secrets are always masked (``include_secrets`` is never
    set here).
    """
    chk = checklist.build(
        book,
        setup,
        clock=clock,
        consultant=consultant,
        notes=notes,
        attachments=attachments,
        secret=secret,
        include_secrets=False,
    )
    base = checklist.default_filename(chk, "").rstrip(".")
    title = chk.title + (f" – {chk.header.client_name}" if chk.header.client_name else "")
    html = checklist_html.render(chk)
    files: list[PackFile] = []
    with tempfile.TemporaryDirectory(prefix="lsw-pack-") as tmp:
        target = Path(tmp) / "checklist.pdf"
        (pdf_writer or _default_pdf_writer)(html, target, page_size, title)
        files.append(PackFile(f"{base}.pdf", target.read_bytes(), "The checklist, to print"))
    files.append(PackFile(f"{base}.html", html.encode("utf-8"), "The same checklist as a web page"))
    files += powershell_scripts(chk)
    domains = [str(d) for d in setup.values.get("sip_domains") or []]
    records = dns_records(chk, domains)
    for zone, text in zone_snippets(
        records, chk.header.produced_on, chk.header.client_name
    ).items():
        files.append(
            PackFile(
                f"dns/{safe_name(zone.rstrip('.'), 'zone')}.zone",
                text.encode("utf-8"),
                f"DNS records for {zone.rstrip('.')} in zone-file format",
            )
        )
    if records:
        files.append(
            PackFile(
                "dns/records.csv",
                dns_csv(records).encode("utf-8"),
                "The DNS records as CSV, for DNS control panels",
            )
        )
    try:
        from wizard.output import reminders

        ics = reminders.calendar_bytes(setup, clock)
    except ValueError:  # no request submitted: nothing to remind about
        pass
    else:
        files.append(PackFile("reminders.ics", ics, "Calendar reminders for the activation wait"))
    numbers = {s.id: s.number for s in chk.steps}
    used: set[str] = set()
    for item in evidence:
        number = numbers.get(item.step_id, 0)
        name = f"evidence/{number:02d} - {safe_name(item.name, 'attachment')}"
        stem, dot, ext = name.rpartition(".")
        n = 2
        while name.lower() in used:
            name = f"{stem} ({n}).{ext}" if dot else f"{name} ({n})"
            n += 1
        used.add(name.lower())
        step = f"step {number}" if number else "the setup"
        files.append(PackFile(name, item.data, f"Evidence attached to {step}"))
    readme = PackFile("README.txt", b"", "This file")
    text = _readme(chk, [readme, *files])
    return [PackFile("README.txt", text.encode("utf-8"), readme.what), *files]


def archive_bytes(files: Sequence[PackFile], clock: Clock = utc_now) -> bytes:
    """The files as one .zip (deflated; names in UTF-8)."""
    now = clock()
    stamp = (now.year, now.month, now.day, now.hour, now.minute, now.second)
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for f in files:
            info = zipfile.ZipInfo(f.name, date_time=stamp)
            packed = f.name.lower().endswith(PACKED)
            # PDFs and images are compressed already: deflating them again only costs time
            info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, f.data)
    return buf.getvalue()


def write(out: Path, files: Sequence[PackFile], clock: Clock = utc_now) -> Path:
    """Write the pack at ``out`` atomically (a temp file beside it, then moved into place)."""
    safefile.atomic_write(out, archive_bytes(files, clock))
    return out


def default_filename(setup: Setup, clock: Clock = utc_now) -> str:
    now = clock()
    day = (now.astimezone() if now.tzinfo else now).date().isoformat()
    name = paths.safe_filename(setup.client_name or "setup", "setup")
    return f"Handover - {name} - {day}.zip"


def today(clock: Clock = utc_now) -> _dt.date:
    now = clock()
    return (now.astimezone() if now.tzinfo else now).date()
