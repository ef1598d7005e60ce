"""Today's status (issue 9): one place in the content, traced to DOMAIN.md section 9, shown
everywhere a user starts: the start screen, the deployment choice, each branch, every checklist.

Every statement about what ended and when lives in resources/playbook/status.toml with the section 9
facts it rests on. These tests read the content, the generated Markdown/HTML and the PDF text.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from html import escape as html_escape
from pathlib import Path

import pypdf
import pytest

from tests.gui_helpers import make_window, page, start_new
from wizard.content import flow, playbook
from wizard.content.playbook import (
    DEPLOYMENTS,
    HISTORICAL_DEPLOYMENTS,
    PlaybookError,
    parse,
    read_files,
)
from wizard.content.status import LAST_STATUS_FACT
from wizard.output import checklist, pdf
from wizard.output import html as checklist_html
from wizard.output import markdown as checklist_md
from wizard.pages.widgets import Banner

FILES = read_files()
BOOK = parse(FILES)
RAW = tomllib.loads(FILES["status"])

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: A date or a year in prose: "15 August 2019", "July 2021", "2025".
DATED = re.compile(rf"\b(?:\d{{1,2}} )?(?:{MONTHS})? ?(?:19|20)\d\d\b")
#: The dates of today's status (facts 3, 4, 5, 7): said in status.toml and nowhere else.
STATUS_DATES = (
    "31 July 2021",
    "5 May 2025",
    "May 2025",
    "13 April 2021",
    "11 April 2023",
    "14 October 2025",
)


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


# ---------------------------------------------------------------------------------------------
# The content: one place, every dated sentence traced to a fact


def test_every_dated_status_sentence_cites_section_9_facts():
    sentences = RAW["sentences"]
    assert sentences, "status.toml has no sentences"
    dated = 0
    for sid, item in sentences.items():
        facts = item.get("facts", [])
        if DATED.search(item["text"]):
            dated += 1
            assert facts, f"{sid}: a dated statement without a fact reference"
        assert all(1 <= f <= LAST_STATUS_FACT for f in facts), f"{sid}: {facts}"
    # facts 1, 3, 4, 5 and 7 each have a dated sentence
    cited = {f for item in sentences.values() if DATED.search(item["text"]) for f in item["facts"]}
    assert {1, 3, 4, 5, 7} <= cited
    assert dated >= 4


def test_the_network_is_gone_only_as_far_as_is_known():
    """Fact 6 is an inference: every sentence saying the network is gone hedges it."""
    for sid, item in RAW["sentences"].items():
        text = item["text"].lower()
        if "no longer exists" in text or "can't produce" in text:
            assert "as far as is known" in text, sid
            assert item.get("inference") is True, sid


def test_the_status_dates_are_in_one_place():
    for name, text in FILES.items():
        if name == "status":
            continue
        for date in STATUS_DATES:
            assert date not in text, f"{name}.toml states {date!r}; put it in status.toml"


def test_a_status_sentence_without_facts_is_refused():
    broken = FILES["status"].replace("facts = [3]", "facts = []")
    with pytest.raises(PlaybookError, match=r"status\.toml \[sentences\.online-retired\]"):
        parse({**FILES, "status": broken})
    unknown = FILES["status"].replace("facts = [3]", "facts = [99]")
    with pytest.raises(PlaybookError, match="no fact 99"):
        parse({**FILES, "status": unknown})
    unhedged = FILES["status"].replace("As far as is known, the", "The")
    with pytest.raises(PlaybookError, match="as far as is known"):
        parse({**FILES, "status": unhedged})


def test_the_deployment_choice_and_every_branch_start_with_the_status():
    assert any(n.kind == "status" for n in BOOK.step("deployment").notes)
    for dep in DEPLOYMENTS:
        ids = flow.applicable_ids(BOOK, {"deployment": dep})
        first = BOOK.step(ids[ids.index("deployment") + 1])
        notes = [n for n in first.notes if n.kind == "status" and n.when.holds({"deployment": dep})]
        assert notes, f"{dep}: the branch's first step {first.id} lacks the status note"
        group = "historical" if dep in HISTORICAL_DEPLOYMENTS else "teams"
        assert notes[0].status == group
        if dep in HISTORICAL_DEPLOYMENTS:
            assert "historical" in notes[0].text and "as far as is known" in notes[0].text.lower()


def test_historical_choices_say_so():
    choices = {c.value: c for c in BOOK.field("deployment").choices}
    for dep in HISTORICAL_DEPLOYMENTS:
        assert choices[dep].description.startswith("Historical procedure.")
    assert "Microsoft Teams" in choices["teams-free"].label


# ---------------------------------------------------------------------------------------------
# Printed checklists: Markdown, HTML and PDF, every deployment and a blank one


def _status_text(dep: str) -> list[str]:
    group = BOOK.status.group_for(dep)
    return [s.text for s in BOOK.status.group(group)]


@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_every_checklist_starts_with_the_status(deployment):
    chk = checklist.blank(BOOK, deployment)
    md = checklist_md.render(chk)
    html = checklist_html.render(chk)
    first_step = md.index("## ")  # the first step or the activation block follows the status
    for sentence in _status_text(deployment):
        assert sentence in md[:first_step], sentence
        assert html_escape(sentence) in html, sentence
    assert BOOK.status.details_url in md and BOOK.status.details_url in html
    if deployment in HISTORICAL_DEPLOYMENTS:
        assert "Today's status: historical procedure" in md
    else:
        assert "historical procedure" not in md[:first_step]


@pytest.mark.parametrize("deployment", [*DEPLOYMENTS, None])
def test_every_pdf_checklist_prints_the_status(qapp, tmp_path, deployment):
    book = playbook.load()
    chk = checklist.build(book, None, deployment=deployment)
    out = tmp_path / "c.pdf"
    pdf.write_pdf(checklist_html.render(chk), out, "A4", title="Checklist")
    first = norm(pypdf.PdfReader(str(out)).pages[0].extract_text() or "")
    assert "Today's status" in first
    for sentence in _status_text(deployment or ""):
        assert norm(sentence) in first, sentence


# ---------------------------------------------------------------------------------------------
# The window: start screen and the first page of each branch


def test_start_screen_shows_the_status_with_a_details_link(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    assert window.start.status_note is not None  # added when the screen shows
    banners = [b for b in window.start.findChildren(Banner) if b.kind == "status"]
    assert len(banners) == 1 and banners[0].isVisible()
    text = banners[0].label.text()
    for sentence in _status_text(""):
        assert sentence in text
    assert banners[0].accessibleName() == text
    links = [
        b
        for b in window.start.status_note.findChildren(type(window.start.new_button))
        if b.toolTip() == BOOK.status.details_url
    ]
    assert links and links[0].accessibleName().startswith("Open in browser: ")


BRANCH_LABELS = {c.value: c.label for c in BOOK.field("deployment").choices}


@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_first_page_of_each_branch_shows_the_status(qtbot, data_dir, clock, deployment):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", BRANCH_LABELS[deployment])
    banners = [b for b in page(window).findChildren(Banner) if b.kind == "status"]
    assert banners, f"{deployment}: no status note on {page(window).step.id}"
    for sentence in _status_text(deployment):
        assert sentence in banners[0].label.text()


def test_readme_does_not_advertise_the_historical_procedure_as_current():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    intro = readme.split("## Install", 1)[0]
    assert "Microsoft Teams" in intro and "historical" in intro.lower()
