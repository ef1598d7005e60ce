"""The printed checklist's pages, read back from the PDF: no near-empty page, no step block that
fits on a page split over two, the sign-off whole; and the page planner's rules on their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import pdf_layout
from tests.test_checklist_helpers import clock, filled_setup, secret_getter
from wizard.content import playbook
from wizard.content.ids import DEPLOYMENTS
from wizard.output import checklist, pagination, pdf
from wizard.output import html as checklist_html

#: No page of a checklist holds less than this share of its body height.
MIN_FILL = 0.3
#: A step block whose text is shorter than this share of a page must not be split.
FITS = 0.85


def _checklist(book, deployment: str, filled: bool, keyring) -> checklist.Checklist:
    if filled:
        setup = filled_setup(book, deployment)
        return checklist.build(book, setup, secret=secret_getter(setup, keyring), clock=clock)
    return checklist.blank(book, deployment, clock=clock)


@pytest.mark.parametrize("page_size", pdf.PAGE_SIZES)
@pytest.mark.parametrize("filled", [True, False], ids=["filled", "blank"])
@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_pages_are_full_and_blocks_whole(
    qapp, tmp_path, memory_keyring, deployment, filled, page_size
):
    book = playbook.load()
    chk = _checklist(book, deployment, filled, memory_keyring)
    out = tmp_path / "c.pdf"
    pdf.write_pdf(checklist_html.render(chk), out, page_size)
    pages = pdf_layout.read(out)
    assert len(pages) >= 2  # the cover, then the steps

    for page in pages:
        share = pdf_layout.fill(page)
        assert share >= MIN_FILL, f"page {page.number + 1} is only {share:.0%} full"

    heads = [f"{s.number}. {s.title}" for s in chk.steps]
    sections = pdf_layout.sections(pages, heads)
    # the cover is a page of its own: the first step starts page 2
    assert sections[0].name.startswith("1. ") and sections[0].pages[0] == 1

    steps = [s for s in sections if not s.name.startswith(pdf_layout.AFTER_STEPS)]
    assert len(steps) == len(chk.steps)
    body = pdf_layout.body_height(pages[1])
    for s in steps:
        if len(s.pages) > 1:
            assert s.height() > FITS * body, f"{s.name!r} fits on one page but is split"

    signoff = next(s for s in sections if s.name == "Sign-off")
    assert signoff.pages == [len(pages) - 1]
    assert any(r.text.startswith("Signature") for r in signoff.runs)


def test_a_step_longer_than_a_page_breaks_between_items(qapp, tmp_path):
    """Forty values in one step: the break falls between table rows, never through one."""
    html = checklist_html.render(
        checklist.Checklist(
            title="T",
            header=checklist.Header("Client", "onprem", "On-premises", "", "2014-03-20"),
            steps=(
                checklist.StepBlock(
                    1,
                    "long",
                    "A long step",
                    "Many values",
                    "todo",
                    values=tuple(
                        checklist.ValueLine(f"f{i}", f"Label {i}", f"value number {i}")
                        for i in range(80)
                    ),
                ),
            ),
        )
    )
    out = tmp_path / "long.pdf"
    pdf.write_pdf(html, out, "A4")
    pages = pdf_layout.read(out)
    labels = {}
    for page in pages:
        for run in page.body:
            if run.text.startswith(("Label ", "value number ")):
                labels.setdefault(run.text.split()[-1], set()).add((run.page, run.text))
    for number, runs in labels.items():
        # a row's label and value are on one page
        assert len({p for p, _ in runs}) == 1, f"row {number} is split over pages"
    assert len({p for runs in labels.values() for p, _ in runs}) >= 2


# -- the planner's rules, without Qt ---------------------------------------------------------------


def test_plan_moves_a_fitting_block_to_the_next_page():
    blocks = [pagination.Block(60), pagination.Block(50, cuts=((25, 0),))]
    pages = pagination.plan(blocks, 100)
    assert [[(s.block, s.top, s.bottom) for s in p] for p in pages] == [[(0, 0, 60)], [(1, 0, 50)]]


def test_plan_cuts_a_long_block_at_its_best_place():
    cuts = ((20, 0), (45, 2), (70, 1), (90, 3))
    pages = pagination.plan([pagination.Block(150, cuts=cuts)], 100)
    assert [(s.top, s.bottom) for s in pages[0]] == [(0, 70)]  # rows beat lines; never a heading
    assert [(s.top, s.bottom) for s in pages[1]] == [(70, 150)]


def test_plan_new_page_and_with_previous():
    blocks = [
        pagination.Block(30),
        pagination.Block(30, new_page=True),
        pagination.Block(50),
        pagination.Block(30, with_previous=True),
    ]
    pages = pagination.plan(blocks, 100)
    assert [[s.block for s in p] for p in pages] == [[0], [1], [2, 3]]
    assert pagination.fill(pages[2], 100) == pytest.approx(0.8)


def test_plan_rejects_a_page_without_height():
    with pytest.raises(ValueError, match="."):
        pagination.plan([pagination.Block(1)], 0)


def test_html_without_marks_is_one_block():
    assert pdf.split_blocks("<html><body><p>x</p></body></html>") == [
        ("<html><body><p>x</p></body></html>", set())
    ]
    parts = pdf.split_blocks(
        '<html><head></head><body style="a"><!--lsw:block--><p>1</p>'
        "<!--lsw:block new-page--><p>2</p></body></html>"
    )
    assert [flags for _, flags in parts] == [set(), {"new-page"}]
    assert all(p.startswith('<html><head></head><body style="a">') for p, _ in parts)


def test_layout_reader_finds_footer(qapp, tmp_path: Path):
    out = tmp_path / "x.pdf"
    pdf.write_pdf("<p>Hello</p>", out, "A4")
    (page,) = pdf_layout.read(out)
    assert page.footer_y > 0 and [r.text for r in page.body] == ["Hello"]
