"""To-do ticks and check results as saved and printed: the setup document, its upgrade from format
1, the playbook's stable item keys, and the checklist in HTML, Markdown and PDF."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.test_checklist_helpers import at, clock, filled_setup
from tests.test_checklist_pdf import in_order, make_pdf, norm, pdf_pages
from wizard.content import playbook
from wizard.content.playbook import PlaybookError
from wizard.output import checklist
from wizard.output import html as checklist_html
from wizard.output import markdown as checklist_md
from wizard.storage import migrations
from wizard.storage.document import DONE, Setup, SetupFormatError, local_time

FIXTURES = Path(__file__).parent / "fixtures"
PLAYBOOK_DIR = Path(__file__).resolve().parent.parent / "resources" / "playbook"


# -- the setup document ----------------------------------------------------------------------------


def test_ticks_are_saved_by_key_and_read_back():
    setup = Setup.new("Contoso Ltd", clock=clock)
    assert setup.set_tick("onprem-dns", "srv-records", True)
    assert not setup.set_tick("onprem-dns", "srv-records", True)  # already ticked
    assert setup.set_tick("onprem-dns", "port-5061-open", True)
    assert setup.set_tick("onprem-dns", "srv-records", False)
    doc = json.loads(json.dumps(setup.to_dict()))
    assert doc["ticks"] == {"onprem-dns": ["port-5061-open"]}
    again = Setup.from_dict(doc)
    assert again.ticked("onprem-dns") == ["port-5061-open"]
    assert again.ticked("onprem-edge") == []
    again.set_tick("onprem-dns", "port-5061-open", False)
    assert again.to_dict()["ticks"] == {}  # no empty lists left behind


@pytest.mark.parametrize("ticks", [[], {"a": "b"}, {"a": [1]}, None])
def test_unreadable_ticks_are_refused_with_a_message(ticks):
    doc = Setup.new("Contoso Ltd", clock=clock).to_dict()
    doc["ticks"] = ticks
    with pytest.raises(SetupFormatError, match="tick|'ticks'"):
        Setup.from_dict(doc)


def test_format_1_is_upgraded_with_nothing_ticked():
    doc = json.loads((FIXTURES / "setup-v1.json").read_bytes())
    before = json.dumps(doc, sort_keys=True)
    upgraded = migrations.upgrade(doc)
    assert json.dumps(doc, sort_keys=True) == before  # the caller's document is untouched
    setup = Setup.from_dict(upgraded)
    assert setup.ticks == {}
    assert setup.status_of("client") == DONE  # a done step stays done; its items stay unticked
    assert setup.values["client_name"] == "Contoso – Zürich"


def test_format_2_fixture_keeps_its_ticks():
    setup = Setup.from_dict(json.loads((FIXTURES / "setup-v2.json").read_bytes()))
    assert setup.ticked("client-skype-users") == ["microsoft-account"]
    assert "microsoft-account" in playbook.load().step("client-skype-users").checklist_ids


# -- stable keys in the content --------------------------------------------------------------------


def test_every_shipped_to_do_item_has_an_explicit_stable_key():
    """Keys come from ``checklist_ids`` in the TOML, not from the text or the position."""
    for path in sorted(PLAYBOOK_DIR.glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        for step in doc.get("steps", []):
            if step.get("checklist"):
                assert len(step.get("checklist_ids", [])) == len(step["checklist"]), (
                    f"{path.name} {step['id']}: give every to-do item a key in checklist_ids"
                )
    for step in playbook.load().steps:
        assert len(set(step.checklist_ids)) == len(step.checklist)


def _book_with(checklist_lines: str) -> playbook.Playbook:
    shipped = playbook.read_files()
    step = f'[[steps]]\nid = "x-step"\ntitle = "X"\nsummary = "X"\n{checklist_lines}\n'
    return playbook.parse(
        {
            "playbook": 'title = "T"\nsequence = ["start", "x"]\n',
            "fields": shipped["fields"],
            "start": shipped["start"],
            "status": shipped["status"],
            "x": step,
        }
    )


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ('checklist = ["A", "B"]\nchecklist_ids = ["a"]', "one key per 'checklist' item"),
        ('checklist = ["A", "B"]\nchecklist_ids = ["a", "a"]', "duplicate key"),
        ('checklist = ["A"]\nchecklist_ids = ["Not A Key"]', "must be lower-case"),
    ],
)
def test_bad_to_do_keys_are_content_errors(lines, message):
    with pytest.raises(PlaybookError, match=message):
        _book_with(lines)


def test_rewording_an_item_keeps_its_tick():
    before = _book_with('checklist = ["Create the record"]\nchecklist_ids = ["record"]')
    after = _book_with('checklist = ["Publish the SRV record"]\nchecklist_ids = ["record"]')
    assert before.step("x-step").todo() == [("record", "Create the record")]
    assert after.step("x-step").todo() == [("record", "Publish the SRV record")]


# -- printed ---------------------------------------------------------------------------------------


def _onprem_dns_partly_ticked() -> tuple[playbook.Playbook, Setup]:
    book = playbook.load()
    setup = filled_setup(book, "onprem")
    # done, but only the SRV item was ticked: the other two must print unticked
    setup.mark("onprem-dns", DONE, clock=clock)
    setup.set_tick("onprem-dns", "srv-records", True)
    return book, setup


def test_ticks_print_only_what_the_user_ticked_html_and_markdown():
    book, setup = _onprem_dns_partly_ticked()
    chk = checklist.build(book, setup, clock=clock)
    dns = next(s for s in chk.steps if s.id == "onprem-dns")
    assert dns.done
    assert [t for _item, t in dns.todo()] == [True, False, False]
    html = checklist_html.render(chk)
    srv, a_record, port = book.step("onprem-dns").checklist
    assert f"☑</td><td>{checklist_html.e(srv)}" in html
    assert f"☐</td><td>{checklist_html.e(a_record)}" in html
    assert f"☐</td><td>{checklist_html.e(port)}" in html
    md = checklist_md.render(chk)
    assert f"- [x] {checklist_md.esc(srv)}" in md
    assert f"- [ ] {checklist_md.esc(a_record)}" in md
    # a step that is done with nothing ticked prints no ticked item
    client = next(s for s in chk.steps if s.done and s.items and s.id != "onprem-dns")
    assert not any(t for _i, t in client.todo())


def test_ticks_on_the_pdf(qapp, tmp_path):
    book, setup = _onprem_dns_partly_ticked()
    text = " ".join(pdf_pages(make_pdf(tmp_path, checklist.build(book, setup, clock=clock))))
    srv, a_record, _port = book.step("onprem-dns").checklist
    assert f"☑ {norm(srv)}" in text
    assert f"☐ {norm(a_record)}" in text


def _setup_with_checks() -> tuple[playbook.Playbook, Setup]:
    book = playbook.load()
    setup = filled_setup(book, "onprem")
    setup.checks = [
        {
            "id": "srv-federation:contoso.com",
            "title": "Federation SRV record for contoso.com",
            "status": "fail",
            "found": "_sipfederationtls._tcp.contoso.com does not exist in DNS.",
            "action": "Create the SRV record.",
            "server": "192.0.2.53:53",
            "at": at(19),
            "step": "onprem-dns",
        },
        {
            "id": "edge-port",
            "title": "TLS on port 5061 of sip.contoso.com",
            "status": "unknown",
            "found": "Port 5061 did not answer within 5 seconds.",
            "action": "You may be offline.",
            "server": "203.0.113.10:5061",
            "at": at(19),
            "step": "onprem-dns",
        },
    ]
    return book, setup


def test_check_results_print_with_their_time_and_couldnt_check_apart_from_fail():
    book, setup = _setup_with_checks()
    chk = checklist.build(book, setup, clock=clock)
    dns = next(s for s in chk.steps if s.id == "onprem-dns")
    assert [c.word for c in dns.checks] == ["Fail", "Couldn't check"]
    when = local_time(at(19))
    assert when.startswith("2014-03-19 ")
    html = checklist_html.render(chk)
    assert f"Checked {when}, 192.0.2.53:53" in html
    assert "<b>Fail</b>" in html and "Couldn&#x27;t check</i>" in html
    md = checklist_md.render(chk)
    assert (
        f"| TLS on port 5061 of sip.contoso.com (Checked {when}, 203.0.113.10:5061) | "
        "*Couldn't check* |"
    ) in md
    assert "| **Fail** |" in md


def test_check_results_on_the_pdf(qapp, tmp_path):
    book, setup = _setup_with_checks()
    text = " ".join(pdf_pages(make_pdf(tmp_path, checklist.build(book, setup, clock=clock))))
    when = local_time(at(19))
    assert text.count(f"Checked {when}") == 2
    assert "Couldn't check" in text
    assert in_order(text, ["Federation SRV record for contoso.com", "Fail"])
