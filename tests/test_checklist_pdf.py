"""The checklist on paper: PDF export, printing through QPrinter, the GUI helpers and the CLI.

PDFs are checked by their extracted text (pypdf), never by bytes: an offscreen PDF without fonts
is written without error and holds no text at all (LIBRARIES.md §1).
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest

from tests.gui_helpers import visible_dialog
from tests.test_checklist_helpers import (
    SECRET,
    clock,
    filled_setup,
    fixed_book,
    secret_getter,
)
from wizard.content import flow, playbook
from wizard.content.ids import DEPLOYMENTS
from wizard.output import checklist, pdf
from wizard.output import html as checklist_html
from wizard.storage.document import DONE

REPO = Path(__file__).resolve().parent.parent
SRV_CONTOSO = "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com."


def norm(text: str) -> str:
    # NFKC folds ligatures and non-breaking spaces; pypdf separates words with tabs/newlines
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_pages(path: Path) -> list[str]:
    return [norm(p.extract_text() or "") for p in pypdf.PdfReader(str(path)).pages]


def in_order(text: str, parts: list[str]) -> bool:
    pos = 0
    for part in parts:
        found = text.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def check_pages(pages: list[str]) -> None:
    n = len(pages)
    assert n >= 1
    assert f"Page 1 of {n}" in pages[0]
    for i, page in enumerate(pages, 1):
        assert f"Page {i} of {n}" in page


def make_pdf(tmp_path: Path, chk: checklist.Checklist, name: str = "c.pdf", **kw) -> Path:
    out = tmp_path / name
    pages = pdf.write_pdf(
        checklist_html.render(chk), out, kw.pop("page_size", "A4"), title="Checklist", **kw
    )
    assert out.stat().st_size > 0
    assert len(pypdf.PdfReader(str(out)).pages) == pages
    return out


# ---------------------------------------------------------------------------------------------
# Every branch of the shipped content, blank and filled in


@pytest.mark.parametrize("filled", [True, False], ids=["filled", "blank"])
@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_pdf_for_every_branch(qapp, tmp_path, memory_keyring, deployment, filled):
    book = playbook.load()
    if filled:
        setup = filled_setup(book, deployment)
        chk = checklist.build(book, setup, secret=secret_getter(setup, memory_keyring), clock=clock)
        values = setup.values
    else:
        chk = checklist.blank(book, deployment, clock=clock)
        values = {"deployment": deployment}
    pages = pdf_pages(make_pdf(tmp_path, chk))
    text = " ".join(pages)
    check_pages(pages)

    titles = [
        s.title
        for s in flow.applicable(book, values)
        if s.kind != "summary" and s.source != checklist.SETUP_SOURCE
    ]
    assert in_order(text, [f"{i}. {norm(t)}" for i, t in enumerate(titles, 1)])
    assert "Lync–Skype Connect checklist" in text and "Sign-off" in text
    label = book.field("deployment").choice_label(deployment)
    assert norm(label) in text
    assert SECRET not in text

    if filled:
        assert "Contoso Ltd" in text
        done = [s for s in chk.steps if s.status == DONE]
        assert done
        for s in done:
            assert f"☑ Done {s.done_on}" in text
        for s in chk.steps:  # every value the user entered is on paper
            for v in s.values:
                if not v.blank:
                    assert norm(v.value) in text, (s.id, v.field_id)
                if v.field_id == "agreement_number":
                    assert v.masked and "••••" in text
        if deployment == "onprem":
            assert "Skype for Business Server 2015" in text
            # the federation SRV record, one per SIP domain, to the Access Edge on 5061
            generated = [ln for s in chk.steps for a in s.artefacts for ln in a.text.splitlines()]
            srv = [ln for ln in generated if "_sipfederationtls._tcp.contoso.com." in ln]
            assert srv and all("5061" in ln and "sip.contoso.com." in ln for ln in srv)
            for ln in srv:
                assert norm(ln) in text
            assert "_sipfederationtls._tcp.fabrikam.com." in text
    else:
        assert "☐" in text and "________" in text and "Blank checklist" in text
        assert "☑" not in text


def test_onprem_filled_pdf_facts(qapp, tmp_path, memory_keyring):
    """Hard facts on the fixed playbook, whatever state the shipped content is in."""
    book = fixed_book()
    setup = filled_setup(book)
    chk = checklist.build(book, setup, secret=secret_getter(setup, memory_keyring), clock=clock)
    pages = pdf_pages(make_pdf(tmp_path, chk))
    text = " ".join(pages)
    check_pages(pages)
    titles = [
        s.title
        for s in flow.applicable(book, setup.values)
        if s.kind != "summary" and s.source != checklist.SETUP_SOURCE
    ]
    assert in_order(text, titles)
    assert "☑ Done 2014-03-13" in text and text.count("Done 2014-03-13") == 1
    # the setup id and the app's own first steps are small print at the end, not steps
    assert "1. Who is this setup for?" not in text and "1. Server version" in text
    assert in_order(text, ["Sign-off", f"Setup id {setup.id}", "Who is this setup for? done"])
    assert "Blank checklist" not in text and "Notes" not in text
    assert SRV_CONTOSO in text
    assert "_sipfederationtls._tcp.fabrikam.com. 3600 IN SRV 0 0 5061 sip.contoso.com." in text
    assert "sip.contoso.com. 3600 IN A 203.0.113.10" in text
    for value in (
        "contoso.com, fabrikam.com",
        "sip.contoso.com",
        "203.0.113.10",
        "Skype for Business Server 2015",
        "Volume Licensing agreement",
    ):
        assert value in text
    assert "Agreement number •••• (kept in the keyring)" in text
    assert SECRET not in text
    # the long PowerShell line wraps instead of being cut off at the margin
    assert "NameDecorationExcludedDomainList" in text and "hotmail.com'" in text
    assert "Performed by" in text and "Signature" in text
    meta = pypdf.PdfReader(str(tmp_path / "c.pdf")).metadata
    assert meta.title == "Checklist" and "Lync" in (meta.creator or "")


def test_user_text_is_printed_literally(qapp, tmp_path, memory_keyring):
    book = fixed_book()
    name = "<img src=x> | ``` & <b>bold</b>"
    setup = filled_setup(book, client=name)
    chk = checklist.build(book, setup, clock=clock)
    text = " ".join(pdf_pages(make_pdf(tmp_path, chk)))
    assert name in text


@pytest.mark.parametrize(("size", "mediabox"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_page_size(qapp, tmp_path, size, mediabox):
    chk = checklist.blank(fixed_book(), "onprem", clock=clock)
    out = make_pdf(tmp_path, chk, page_size=size)
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == mediabox


def test_default_page_size_follows_locale(qapp):
    from PySide6.QtCore import QLocale

    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert pdf.default_page_size() == "Letter"
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        assert pdf.default_page_size() == "A4"
    finally:
        QLocale.setDefault(before)


def test_unknown_page_size_is_refused(qapp, tmp_path):
    with pytest.raises(ValueError, match="page size"):
        pdf.write_pdf("<p>x</p>", tmp_path / "x.pdf", "A3")
    assert not (tmp_path / "x.pdf").exists()


# ---------------------------------------------------------------------------------------------
# Printing and the GUI helpers (no dialog is ever shown)


def _pdf_printer(path: Path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    pdf._setup_layout(printer, "A4")
    return printer


def test_print_button_path_prints_through_qprinter(qtbot, tmp_path, memory_keyring):
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    from wizard.pages import print_actions

    book = fixed_book()
    setup = filled_setup(book)
    html = checklist_html.render(
        checklist.build(book, setup, secret=secret_getter(setup, memory_keyring), clock=clock)
    )
    printer = _pdf_printer(tmp_path / "printed.pdf")
    dlg = print_actions.print_dialog(None, html, "Checklist", printer=printer)
    assert visible_dialog(qtbot, QPrintDialog) is dlg  # the real dialog, shown without blocking
    assert dlg.windowModality() == Qt.WindowModality.WindowModal
    # What pressing Print ends in. (Not accept(): that would first copy the dialog's widgets onto
    # the printer, and offscreen there is no printer to choose, so the output file name is lost.)
    dlg.done(QDialog.DialogCode.Accepted)
    del printer
    out = tmp_path / "printed.pdf"
    qtbot.waitUntil(lambda: out.is_file() and out.stat().st_size > 0)  # the printer has flushed
    pages = pdf_pages(tmp_path / "printed.pdf")
    check_pages(pages)
    text = " ".join(pages)
    assert SRV_CONTOSO in text and "☑ Done 2014-03-13" in text

    exported = pdf_pages(
        make_pdf(
            tmp_path,
            checklist.build(book, setup, secret=secret_getter(setup, memory_keyring), clock=clock),
        )
    )
    assert len(exported) == len(pages)  # paper and PDF paginate the same


def test_print_preview_draws_every_page(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    from wizard.pages import print_actions

    book = fixed_book()
    html = checklist_html.render(checklist.build(book, filled_setup(book), clock=clock))
    expected = pdf.write_pdf(html, tmp_path / "x.pdf", "A4")

    printer = pdf.new_printer("A4")
    widget = QPrintPreviewWidget(printer)
    qtbot.addWidget(widget)
    widget.paintRequested.connect(lambda p: print_actions.print_now(html, p))
    widget.updatePreview()
    assert widget.pageCount() == expected

    dlg = print_actions.print_preview(None, html)
    assert visible_dialog(qtbot, QPrintPreviewDialog) is dlg and dlg.printer_ref is not None
    preview = dlg.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == expected)  # the dialog drew every page
    dlg.reject()
    assert not dlg.isVisible()


def test_save_pdf_and_html_through_the_seam(qtbot, tmp_path, monkeypatch):
    from wizard.pages import print_actions

    book = fixed_book()
    chk = checklist.build(book, filled_setup(book), clock=clock)
    html = checklist_html.render(chk)
    asked = []

    def answer(parent, caption, default_path, file_filter):
        asked.append((caption, Path(default_path).name, file_filter))
        return str(tmp_path / "out")  # no extension: the right one is added

    monkeypatch.setattr(print_actions, "ask_save_path", answer)
    written = print_actions.save_pdf(None, html, checklist.default_filename(chk, "pdf"))
    assert written == tmp_path / "out.pdf"
    assert SRV_CONTOSO in " ".join(pdf_pages(written))
    assert asked[0][1] == "Checklist - Contoso Ltd - 2014-03-20.pdf"
    assert "*.pdf" in asked[0][2]
    written = print_actions.save_html(None, html, "c.html")
    assert written == tmp_path / "out.html" and written.read_text("utf-8") == html

    monkeypatch.setattr(print_actions, "ask_save_path", lambda *a: None)
    assert print_actions.save_pdf(None, html, "c.pdf") is None

    errors = []
    monkeypatch.setattr(
        print_actions, "ask_save_path", lambda *a: str(tmp_path / "missing" / "x.html")
    )
    monkeypatch.setattr(print_actions, "report_error", lambda parent, text: errors.append(text))
    assert print_actions.save_html(None, html, "c.html") is None
    assert errors and "could not be written" in errors[0]


def test_summary_actions_have_labels_and_callbacks():
    from wizard.pages import print_actions

    actions = print_actions.summary_actions()
    assert [label.replace("&", "") for label, _ in actions][:2] == ["Print preview…", "Print…"]
    assert all(callable(cb) for _, cb in actions)


# ---------------------------------------------------------------------------------------------
# The core stays Qt-free; the command line works with no display


def test_core_modules_do_not_import_qt():
    code = (
        "import sys\n"
        "import wizard.output.checklist, wizard.output.html, wizard.output.markdown, wizard.output.pdf\n"
        "import wizard.commands.checklist\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=60)


def headless_env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["HOME"] = str(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return env


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", "--data-dir", str(tmp_path / "data"), "checklist", *args],
        cwd=REPO,
        env=headless_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_headless_blank_and_saved(tmp_path):
    from wizard.storage.store import SetupStore

    out = tmp_path / "blank.pdf"
    r = cli(
        tmp_path,
        "--deployment",
        "onprem",
        "--set",
        "sip_domains=contoso.com,fabrikam.com",
        "--set",
        "access_edge_fqdn=sip.contoso.com",
        "--page-size",
        "Letter",
        "--out",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    assert "Wrote" in r.stdout
    pages = pdf_pages(out)
    check_pages(pages)
    text = " ".join(pages)
    assert "contoso.com, fabrikam.com" in text and "Blank checklist" in text

    book = playbook.load()
    setup = filled_setup(book, "onprem", client="Fabrikam Inc")
    SetupStore(tmp_path / "data").save(setup)
    for name in ("saved.pdf", "saved.html", "saved.md"):
        r = cli(tmp_path, "fabrikam inc", "--out", str(tmp_path / name))
        assert r.returncode == 0, r.stderr
    assert "Fabrikam Inc" in " ".join(pdf_pages(tmp_path / "saved.pdf"))
    assert "Fabrikam Inc" in (tmp_path / "saved.html").read_text("utf-8")
    assert "Fabrikam Inc" in (tmp_path / "saved.md").read_text("utf-8")


def test_cli_usage_errors_exit_2(tmp_path):
    r = cli(tmp_path, "nobody", "--out", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "nobody" in r.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--deployment", "onprem", "--out", "x.txt"], ".pdf, .html or .md"),
        (["--deployment", "onprem", "--set", "nope=1", "--out", "x.md"], "unknown field 'nope'"),
        (["--deployment", "onprem", "--set", "edge_public_ip=1.2.3", "--out", "x.md"], "IPv4"),
        (
            [
                "--deployment",
                "onprem",
                "--set",
                "sip_domains=contoso.com,bad_domain",
                "--out",
                "x.md",
            ],
            "bad_domain",
        ),
        (
            ["--deployment", "onprem", "--set", "server_version=2099", "--out", "x.md"],
            "must be one of",
        ),
        (["--deployment", "onprem", "--set", "hybrid", "--out", "x.md"], "FIELD=VALUE"),
        (["--out", "x.md"], "SETUP"),
        (["someone", "--deployment", "onprem", "--out", "x.md"], "not both"),
        (["someone", "--set", "client_name=x", "--out", "x.md"], "--deployment"),
        (["nobody", "--out", "x.md"], "nobody"),
    ],
)
def test_cli_rejects_bad_input(tmp_path, monkeypatch, capsys, args, message):
    from wizard import cli as cli_module

    monkeypatch.chdir(tmp_path)
    code = cli_module.main(["--data-dir", str(tmp_path / "data"), "checklist", *args])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_cli_unknown_deployment_exits_2(tmp_path, capsys):
    from wizard import cli as cli_module

    with pytest.raises(SystemExit) as exc:
        cli_module.main(["checklist", "--deployment", "lync-2003", "--out", str(tmp_path / "x.md")])
    assert exc.value.code == 2
    assert "lync-2003" in capsys.readouterr().err


def test_cli_markdown_with_values(tmp_path, monkeypatch, capsys):
    from wizard import cli as cli_module

    out = tmp_path / "x.md"
    code = cli_module.main(
        [
            "checklist",
            "--deployment",
            "onprem",
            "--set",
            "client_name=A | B ```",
            "--set",
            "hybrid=yes",
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    md = out.read_text("utf-8")
    assert r"A \| B \`\`\`" in md
