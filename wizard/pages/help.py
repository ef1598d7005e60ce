"""The Help menu: a short guide, "Which deployment do I have?", shortcuts, folders, About.

Every window here is non-modal (``show()``, never ``exec()``): the user can keep the guide open
beside the wizard, and tests can read it. Texts that state facts about Lync come from the
playbook (the deployment field's help and choices), so they are written in one place.
"""

from __future__ import annotations

import html
import importlib.metadata as md
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from wizard import APP_DISPLAY_NAME, __version__
from wizard.content.playbook import Playbook

#: What the app ships with (its direct dependencies), for About.
BUNDLED = (
    "PySide6-Essentials",
    "shiboken6",
    "keyring",
    "platformdirs",
    "icalendar",
    "dnspython",
    "cryptography",
    "email-validator",
)

SHORTCUTS = (
    ("Ctrl+N", "New setup"),
    ("Return", "Next step (from a one-line field or a choice)"),
    ("Ctrl+Return or Alt+Right", "Next step (from anywhere)"),
    ("Alt+Left", "Previous step"),
    ("Alt+underlined letter", "Go to that field or button"),
    ("Tab / Shift+Tab", "Next / previous field, in the order they appear"),
    ("Space", "Tick a box or choose the option that has the focus"),
    ("Arrow keys", "Move between the options of a choice"),
    ("F1", "This user guide"),
    ("Ctrl+Q", "Quit (everything is already saved)"),
)


def log_dir() -> Path:
    """Where the log file is written (wizard.log's folder)."""
    from wizard import log

    return Path(log.log_dir())


def log_file() -> Path:
    from wizard import log

    return log.current_file() or log_dir() / log.LOG_NAME


def licence(dist: str) -> str:
    """A distribution's licence as its metadata states it ("" when not installed)."""
    try:
        meta = md.metadata(dist)
    except md.PackageNotFoundError:
        return ""
    text = (meta.get_all("License-Expression") or [""])[0]
    if not text:
        classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
        text = "; ".join(c.split(" :: ")[-1] for c in classifiers)
    if not text:
        lines = str((meta.get_all("License") or [""])[0]).strip().splitlines()
        text = lines[0][:80] if lines else ""
    return text or "see the package"


def bundled_licences() -> list[tuple[str, str, str]]:
    """(name, version, licence) for each bundled library that is installed."""
    out = []
    for dist in BUNDLED:
        try:
            version = md.version(dist)
        except md.PackageNotFoundError:
            continue
        out.append((dist, version, licence(dist)))
    return out


def _e(text: object) -> str:
    return html.escape(str(text))


def guide_html(data_dir: Path) -> str:
    return f"""
<h2>How the wizard works</h2>
<p>Choose <b>New setup</b> for each client, name it, and say which deployment they have. The
wizard then lists only the steps of that deployment in the sidebar. Each step says what to do,
asks for the values it needs, and writes the PowerShell commands and DNS records for
<i>those</i> values: press <b>Copy</b> and paste them. Tick <b>This step is done</b> when you
have done it, then press <b>Next</b>. The background of a step (history, why, what can go wrong)
is under <b>More about this step</b>.</p>
<p>Click any step in the sidebar to jump to it; steps you haven't reached say what they still
need. The summary page lists what is done and what is left, and prints the checklist.</p>
<h2>Where your data is kept</h2>
<p>Every change is saved at once (the status bar says <i>Saved</i>). Setups are files in
<br><code>{_e(data_dir)}</code><br>(Help → Open data folder). Secrets such as the agreement
number are kept in the system keyring (GNOME Keyring, KWallet, Windows Credential Manager or the
macOS Keychain), never in these files.</p>
<h2>Moving to another computer</h2>
<p>On the start screen, select a setup and choose <b>Export…</b>; on the other computer choose
<b>Import…</b>. Secrets are not exported: type them again there. To keep everything on a USB
stick, start the app with <code>--data-dir FOLDER</code>.</p>
"""


def deployment_html(book: Playbook) -> str:
    fld = book.field("deployment")
    parts = [f"<p>{_e(fld.help)}</p>"]
    for choice in fld.choices:
        parts.append(f"<h3>{_e(choice.label)}</h3><p>{_e(choice.description)}</p>")
    return "\n".join(parts)


def shortcuts_html() -> str:
    rows = "".join(
        f"<tr><td><b>{_e(k)}</b></td><td>&nbsp;&nbsp;{_e(v)}</td></tr>" for k, v in SHORTCUTS
    )
    return f"<table cellspacing='4'>{rows}</table>"


def about_html(data_dir: Path) -> str:
    libs = "".join(
        f"<tr><td>{_e(n)}</td><td>&nbsp;{_e(v)}&nbsp;</td><td>{_e(lic)}</td></tr>"
        for n, v, lic in bundled_licences()
    )
    return f"""
<h2>{_e(APP_DISPLAY_NAME)} {_e(__version__)}</h2>
<p>A guided setup for connecting Skype users with Microsoft Lync users.</p>
<p><b>Data folder:</b> <code>{_e(data_dir)}</code><br>
<b>Log folder:</b> <code>{_e(log_dir())}</code></p>
<h3>Bundled libraries and their licences</h3>
<table cellspacing='2'><tr><th align='left'>Library</th><th align='left'>Version</th>
<th align='left'>Licence</th></tr>{libs}</table>
<p>Qt is used under the GNU LGPL version 3.</p>
"""


class HelpWindow(QDialog):
    """A non-modal window with formatted, selectable text and a Close button."""

    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — {APP_DISPLAY_NAME}")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lay = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(True)
        self.text.setHtml(body)
        self.text.setAccessibleName(title)
        lay.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        lay.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.lineSpacing() * 30)

    def plain_text(self) -> str:
        return self.text.toPlainText()


def show(parent: QWidget, title: str, body: str) -> HelpWindow:
    window = HelpWindow(title, body, parent)
    window.show()
    return window
