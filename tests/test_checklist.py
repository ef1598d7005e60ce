"""The checklist model and its HTML and Markdown renderers (no Qt)."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from tests.test_checklist_helpers import (
    SECRET,
    at,
    clock,
    filled_setup,
    fixed_book,
    secret_getter,
)
from wizard.checks.result import CheckResult
from wizard.content import flow, playbook
from wizard.content.ids import DEPLOYMENTS
from wizard.output import checklist
from wizard.output import html as checklist_html
from wizard.output import markdown as checklist_md
from wizard.storage.document import DONE, local_time

EVIL_NAME = "<img src=x> & Co | ``` `tick` *bold* _u_ [l](http://x) # h"


def shipped() -> playbook.Playbook:
    return playbook.load()


def expected_titles(book: playbook.Playbook, values: dict) -> list[str]:
    return [
        s.title
        for s in flow.applicable(book, values)
        if s.kind != "summary" and s.source != checklist.SETUP_SOURCE
    ]


class TextOf(HTMLParser):
    """The visible text of an HTML document, and every tag met."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("title", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("title", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def joined(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse_html(doc: str) -> TextOf:
    parser = TextOf()
    parser.feed(doc)
    parser.close()
    return parser


def in_order(text: str, parts: list[str]) -> bool:
    pos = 0
    for part in parts:
        found = text.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


# ---------------------------------------------------------------------------------------------
# Model


def test_filled_model_on_fixed_playbook(memory_keyring):
    book = fixed_book()
    setup = filled_setup(book)
    chk = checklist.build(book, setup, secret=secret_getter(setup, memory_keyring), clock=clock)

    assert [s.title for s in chk.steps] == expected_titles(book, setup.values)
    assert [s.number for s in chk.steps] == list(range(1, len(chk.steps) + 1))
    h = chk.header
    assert h.client_name == "Contoso Ltd"
    assert h.deployment_label == "Lync Server (on-premises)"
    assert h.server_version_label == "Skype for Business Server 2015"
    assert h.produced_on == "2014-03-20"
    assert chk.timeline is not None
    assert (chk.timeline.submitted_on, chk.timeline.expected_by) == ("2014-03-10", "2014-04-09")
    assert chk.timeline.confirmed_on == checklist.BLANK

    first = chk.steps[0]
    assert first.done and first.done_on == "2014-03-13" and first.status_text == "Done 2014-03-13"
    # the app's own first steps are not client work: kept for the small print only
    assert [s.id for s in chk.setup_steps] == ["client", "deployment"]
    assert chk.setup_steps[0].done_on == "2014-03-11"
    assert chk.steps[-1].status == "skipped"

    dns = next(s for s in chk.steps if s.id == "fx-dns")
    shown = {v.field_id: v.value for v in dns.values}
    assert shown["sip_domains"] == "contoso.com, fabrikam.com"
    assert shown["access_edge_fqdn"] == "sip.contoso.com"
    assert shown["dns_ttl"] == "3600"
    srv = dns.artefacts[0].text.splitlines()
    assert srv[0] == ("_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com.")
    assert "fabrikam.com." in srv[1]
    assert dns.items == (
        "Create the SRV record in the public zone",
        "Check it with nslookup from outside",
    )

    version = next(s for s in chk.steps if s.id == "fx-version")
    labels = {v.field_id: v.value for v in version.values}
    assert labels["server_version"] == "Skype for Business Server 2015"  # choice by its label
    assert labels["hybrid"] == "No"

    request = next(s for s in chk.steps if s.id == "fx-request")
    secret_line = next(v for v in request.values if v.field_id == "agreement_number")
    assert secret_line.masked and secret_line.value == checklist.MASK
    sheet = request.artefacts[0].text
    assert "Agreement number: ••••" in sheet and SECRET not in sheet
    assert not request.artefacts[0].missing  # masked, not "missing"


def test_include_secrets_prints_the_value(memory_keyring):
    book = fixed_book()
    setup = filled_setup(book)
    chk = checklist.build(
        book, setup, secret=secret_getter(setup, memory_keyring), include_secrets=True, clock=clock
    )
    request = next(s for s in chk.steps if s.id == "fx-request")
    assert any(v.value == SECRET for v in request.values)
    assert f"Agreement number: {SECRET}" in request.artefacts[0].text


def test_session_values_drive_the_checklist(tmp_path, memory_keyring):
    from wizard.session import Session
    from wizard.storage.store import SetupStore

    book = fixed_book()
    setup = filled_setup(book)
    session = Session(book, SetupStore(tmp_path), setup, clock=clock)
    session.set_value("agreement_number", SECRET)  # goes to the keyring, not the setup
    session.set_value("edge_public_ip", "198.51.100.7")
    html = checklist_html.for_session(session)
    text = parse_html(html).joined
    assert "198.51.100.7" in text and "••••" in text and SECRET not in html


def test_blank_model_has_lines_to_fill_in():
    book = fixed_book()
    chk = checklist.blank(book, "onprem", clock=clock)
    assert chk.blank and chk.header.client_name == ""
    assert [s.title for s in chk.steps] == expected_titles(book, {"deployment": "onprem"})
    assert all(s.status == "todo" and not s.done_on for s in chk.steps)
    dns = next(s for s in chk.steps if s.id == "fx-dns")
    edge = next(v for v in dns.values if v.field_id == "access_edge_fqdn")
    assert edge.blank and edge.value == checklist.BLANK
    ttl = next(v for v in dns.values if v.field_id == "dns_ttl")
    assert ttl.blank and ttl.hint == "default: 3600"
    version = next(s for s in chk.steps if s.id == "fx-version")
    sv = next(v for v in version.values if v.field_id == "server_version")
    assert "Skype for Business Server 2015" in sv.options
    assert "<Access Edge FQDN>" in dns.artefacts[0].text  # markers where values go
    assert chk.timeline is None  # the wait applies only to a submitted request (issue 9)


def test_blank_with_values_fills_them_in():
    book = fixed_book()
    chk = checklist.blank(
        book,
        "onprem",
        {"access_edge_fqdn": "sip.contoso.com", "sip_domains": ["contoso.com"]},
        clock=clock,
    )
    dns = next(s for s in chk.steps if s.id == "fx-dns")
    assert "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com." in (
        dns.artefacts[0].text
    )
    assert next(v for v in dns.values if v.field_id == "access_edge_fqdn").value == (
        "sip.contoso.com"
    )


def test_saved_checks_are_printed():
    """Results saved the way the checks panel saves them (CheckResult dicts; a step's panel
    stamps its step id into ``step``) print under that step; results without a step print in
    the general checks section."""
    book = fixed_book()
    setup = filled_setup(book)
    setup.checks = [
        CheckResult(
            id="srv",
            title="SRV record",
            status="pass",
            found="5061 sip.contoso.com.",
            server="8.8.8.8",
            at=at(19),
        ).to_dict(),
        CheckResult(
            id="cert",
            title="Certificate",
            status="fail",
            found="expired",
            action="Renew it",
            step="fx-dns",
        ).to_dict(),
    ]
    assert "step" in setup.checks[1]  # the key the panel and CheckResult write
    chk = checklist.build(book, setup, clock=clock)
    assert [c.title for c in chk.checks] == ["SRV record"]
    assert chk.checks[0].at == local_time(at(19)) and chk.checks[0].server == "8.8.8.8"
    assert chk.checks[0].at.startswith("2014-03-19 ")  # the date and the time of the check
    dns = next(s for s in chk.steps if s.id == "fx-dns")
    assert [c.title for c in dns.checks] == ["Certificate"]
    text = parse_html(checklist_html.render(chk)).joined
    assert "SRV record" in text and "Renew it" in text and "Fail" in text
    md = checklist_md.render(chk)
    assert "| Certificate | **Fail** | expired | Renew it |" in md


@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_shipped_content_every_branch(deployment, memory_keyring):
    book = shipped()
    setup = filled_setup(book, deployment)
    chk = checklist.build(book, setup, secret=secret_getter(setup, memory_keyring), clock=clock)
    titles = expected_titles(book, setup.values)
    assert [s.title for s in chk.steps] == titles
    done = [s for s in chk.steps if s.status == DONE]
    assert done and all(s.done_on for s in done)
    blank = checklist.blank(book, deployment, clock=clock)
    assert [s.title for s in blank.steps] == expected_titles(book, {"deployment": deployment})
    for model in (chk, blank):
        html = checklist_html.render(model)
        text = parse_html(html).joined
        assert in_order(
            text, [" ".join(t.split()) for t in titles if t in {s.title for s in model.steps}]
        )
        md = checklist_md.render(model)
        assert "## Sign-off" in md
        assert SECRET not in html and SECRET not in md


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_is_the_qt_subset_and_wraps_code(memory_keyring):
    book = fixed_book()
    setup = filled_setup(book)
    html = checklist_html.render(
        checklist.build(book, setup, secret=secret_getter(setup, memory_keyring), clock=clock)
    )
    parsed = parse_html(html)
    tags = {t for t, _ in parsed.tags}
    assert tags <= {
        "html",
        "head",
        "meta",
        "title",
        "body",
        "h1",
        "h2",
        "h3",
        "p",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "div",
        "style",
        "span",
        "b",
        "i",
        "br",
        "pre",
        "ul",
        "li",
    }
    pres = [a for t, a in parsed.tags if t == "pre"]
    assert pres and all("white-space: pre-wrap" in (a.get("style") or "") for a in pres)
    text = parsed.joined
    titles = expected_titles(book, setup.values)
    assert in_order(text, titles)
    assert "☑ Done 2014-03-13" in text
    assert "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com." in text
    assert "Performed by" in text and "Signature" in text
    assert not re.search(r"\dpx", html)  # points only: pixels shrink to nothing at 1200 dpi


def test_ascii_marks():
    book = fixed_book()
    chk = checklist.build(book, filled_setup(book), clock=clock, ascii_marks=True)
    text = parse_html(checklist_html.render(chk)).joined
    assert "[x] Done 2014-03-13" in text and "☑" not in text and "☐" not in text


# ---------------------------------------------------------------------------------------------
# Escaping, all formats (the PDF one is in test_checklist_pdf.py)


def evil_checklist(memory_keyring) -> checklist.Checklist:
    book = fixed_book()
    setup = filled_setup(book, client=EVIL_NAME)
    return checklist.build(book, setup, secret=secret_getter(setup, memory_keyring), clock=clock)


def test_html_escapes_user_text(memory_keyring):
    html = checklist_html.render(evil_checklist(memory_keyring))
    parsed = parse_html(html)
    assert "img" not in {t for t, _ in parsed.tags}
    assert not any(t == "a" for t, _ in parsed.tags)
    assert "<img src=x> & Co | ``` `tick`" in parsed.joined
    assert "&lt;img src=x&gt; &amp; Co" in html


def _fenced_blocks(md: str) -> tuple[list[str], list[str]]:
    """(code block bodies, lines outside code blocks) following CommonMark fence rules."""
    blocks, outside, body = [], [], None
    fence = ""
    for line in md.splitlines():
        if body is None:
            m = re.match(r"^(`{3,})", line)
            if m:
                fence, body = m.group(1), []
            else:
                outside.append(line)
        elif re.fullmatch(rf"`{{{len(fence)},}}\s*", line):
            blocks.append("\n".join(body))
            body = None
        else:
            body.append(line)
    assert body is None, "a code block was never closed"
    return blocks, outside


def test_markdown_escapes_user_text_and_fences_hold(memory_keyring):
    md = checklist_md.render(evil_checklist(memory_keyring))
    blocks, outside = _fenced_blocks(md)
    # the raw value (with its ```) is inside a code block that it did not close
    assert any(f"Company: {EVIL_NAME}" in b for b in blocks)
    prose = "\n".join(outside)
    assert not re.search(r"(?<!\\)<img", prose) and r"\<img src=x\>" in prose
    assert "```" not in prose
    assert r"\*bold\*" in prose and r"\_u\_" in prose and r"\[l\]" in prose
    # table rows keep their column count: the | in the name is escaped
    client_row = next(line for line in outside if line.startswith("| **Client**"))
    assert len(re.findall(r"(?<!\\)\|", client_row)) == 3
    for line in outside:  # no user text starts a heading
        if line.startswith("#"):
            assert re.match(r"^#{1,2} ", line)


def test_markdown_fence_is_longer_than_any_backtick_run():
    assert checklist_md.fence("plain").startswith("```\n")
    assert checklist_md.fence("a ```` b", "text").startswith("`````text\n")
    assert checklist_md.esc("# x\n- y") == r"\# x - y"
    assert checklist_md.esc("- item") == r"\- item"


def test_markdown_content():
    book = fixed_book()
    setup = filled_setup(book)
    md = checklist_md.render(checklist.build(book, setup, clock=clock))
    assert "# Lync–Skype Connect checklist" in md
    assert "## 1. Server version" in md and "— **☑ Done 2014-03-13**" in md
    assert md.count("Done 2014-03-13") == 1  # a step's status and date are shown once
    assert "Who is this setup for? done 2014-03-11" in md  # small print, not a step
    assert "Notes:" not in md and "Blank checklist" not in md
    assert "```dns\n_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com." in md
    assert "| SIP domains | contoso.com, fabrikam.com |" in md
    assert "- [ ] Create the SRV record in the public zone" in md


def test_default_filename_is_safe():
    book = fixed_book()
    chk = checklist.build(book, filled_setup(book, client='a/b:c*"d'), clock=clock)
    name = checklist.default_filename(chk, "pdf")
    assert name == "Checklist - a_b_c__d - 2014-03-20.pdf"


def test_notes_boxes_only_where_someone_writes():
    book = fixed_book()
    setup = filled_setup(book)
    filled = parse_html(checklist_html.render(checklist.build(book, setup, clock=clock))).joined
    assert "Notes" not in filled and "Blank checklist" not in filled

    noted = checklist.build(
        book, setup, clock=clock, notes={"fx-dns": "Records added by <Bob>\nTTL checked"}
    )
    text = parse_html(checklist_html.render(noted)).joined
    assert text.count("Notes") == 1 and "Records added by <Bob>" in text
    assert "Records added by" in checklist_md.render(noted)

    blank = checklist.blank(book, "onprem", clock=clock)
    text = parse_html(checklist_html.render(blank)).joined
    assert text.count("Notes") == len(blank.steps) and "Blank checklist to fill in by hand" in text


def test_cover_names_the_consultant_and_status_of_today():
    book = fixed_book()
    chk = checklist.build(
        book,
        filled_setup(book),
        clock=clock,
        consultant=checklist.Consultant(name="Ann Lee", company="Lee IT", email="ann@lee.example"),
    )
    chk = dataclasses.replace(
        chk, status=checklist.StatusNote(("Skype was retired.",), historical=True)
    )
    text = parse_html(checklist_html.render(chk)).joined
    assert in_order(
        text, ["Contoso Ltd", "Today's status", "Skype was retired.", "Ann Lee", "Lee IT"]
    )
    assert in_order(text, ["Ann Lee", "1. Server version"])
    md = checklist_md.render(chk)
    assert "Ann Lee, Lee IT, ann@lee.example" in md and "Skype was retired." in md
