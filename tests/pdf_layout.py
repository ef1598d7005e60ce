"""Read the layout of a checklist PDF back from the file: where each piece of text sits on its page.

pypdf's ``visitor_text`` gives every text run with its matrices; the run's baseline is at
``(tm x cm)``'s y. The footer ("Page N of M") sits below the body; everything above it is content.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pypdf

#: Headings that end the step list.
AFTER_STEPS = ("Connectivity checks", "Sign-off")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Run:
    page: int
    x: float
    y: float
    text: str


@dataclass
class Page:
    number: int
    height: float
    runs: list[Run] = field(default_factory=list)
    footer_y: float = 0.0

    @property
    def body(self) -> list[Run]:
        return [r for r in self.runs if r.y > self.footer_y + 1]


def read(path: Path) -> list[Page]:
    pages = []
    for i, page in enumerate(pypdf.PdfReader(str(path)).pages):
        runs: list[Run] = []

        def visit(text, cm, tm, _font, _size, runs=runs, i=i):
            text = norm(text)
            if text:
                x = tm[4] * cm[0] + cm[4]
                y = tm[5] * cm[3] + cm[5]
                runs.append(Run(i, x, y, text))

        page.extract_text(visitor_text=visit)
        p = Page(i, float(page.mediabox.height), runs)
        footers = [r.y for r in runs if r.text.startswith("Page ") and " of " in r.text]
        p.footer_y = max(footers) if footers else 0.0
        pages.append(p)
    return pages


def body_height(page: Page, margin_pt: float = 15 / 25.4 * 72) -> float:
    """The height the body can use: the page less the top margin, down to the footer line."""
    return page.height - margin_pt - page.footer_y


def fill(page: Page, line_pt: float = 12.0) -> float:
    """The share of the body's height that holds text (top of the first line to the last)."""
    body = page.body
    if not body:
        return 0.0
    top = max(r.y for r in body) + line_pt
    bottom = min(r.y for r in body)
    return (top - bottom) / body_height(page)


@dataclass
class Section:
    """A step block (or the sign-off) as laid out: the runs it holds, page by page."""

    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return sorted({r.page for r in self.runs})

    def height(self, line_pt: float = 12.0) -> float:
        total = 0.0
        for p in self.pages:
            ys = [r.y for r in self.runs if r.page == p]
            total += max(ys) - min(ys) + line_pt
        return total


def sections(pages: list[Page], heads: list[str]) -> list[Section]:
    """The step blocks in reading order, then the sign-off, read from the text.

    ``heads`` are the step headings in order ("1. Server version"); a run that begins the next
    expected heading (a long title wraps) starts that step's section.
    """
    out: list[Section] = []
    current: Section | None = None
    expected = list(heads)
    for page in pages:
        for run in page.body:
            if run.text.startswith(AFTER_STEPS):
                current = Section(run.text)
                out.append(current)
                expected = []
            elif expected and len(run.text) > 3 and norm(expected[0]).startswith(run.text):
                current = Section(expected.pop(0))
                out.append(current)
            if current is not None:
                current.runs.append(run)
    return out
