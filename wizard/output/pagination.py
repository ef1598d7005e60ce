"""Where the printed checklist's pages break: a Qt-free plan over measured blocks.

The PDF writer lays each block of the checklist (the cover, one step, the checks, the sign-off)
out on its own, measures its height and the places it may be cut (between items, between table
rows, between lines), and asks ``plan`` where each page starts and ends. The rules, in order:

* a block that fits on a page is never split: if it does not fit in what is left of the page, it
  starts the next page;
* a block longer than a page is cut at its best place: between items rather than between table
  rows, rather than between lines; never right after a heading; the piece left for the next page
  is not a sliver (``min_tail``) when a better cut exists;
* a block marked ``new_page`` starts a page; a block marked ``with_previous`` (the sign-off) takes
  the block before it along to the next page rather than stand alone there.

Heights are in any unit (the writer uses device pixels).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Badness of a cut: between items, between table rows, between lines, right after a heading.
BETWEEN_ITEMS = 0
BETWEEN_ROWS = 1
BETWEEN_LINES = 2
AFTER_HEADING = 3


@dataclass(frozen=True)
class Block:
    height: float
    cuts: tuple[tuple[float, int], ...] = ()  # (y inside the block, badness)
    new_page: bool = False
    with_previous: bool = False
    name: str = ""


@dataclass(frozen=True)
class Slice:
    """Part of a block drawn on a page: block rows ``top``..``bottom`` at page height ``y``."""

    block: int
    top: float
    bottom: float
    y: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _choose_cut(
    block: Block, start: float, limit: float, min_tail: float, min_head: float
) -> float | None:
    """The best cut in (start + min_head, limit]; None when there is none."""
    options = [(y, bad) for y, bad in block.cuts if start + min_head < y <= limit]
    if not options:
        return None
    # a sliver left for the next page is worse than a cut one class worse
    roomy = [(y, bad) for y, bad in options if block.height - y >= min_tail]
    pool = roomy or options
    # don't fall back to a cut near the top of the page when a slightly worse one fills it better
    span = limit - start
    full = [(y, bad) for y, bad in pool if y - start >= 0.5 * span] or pool
    best = min(bad for _, bad in full)
    return max(y for y, bad in full if bad == best)


def plan(
    blocks: Sequence[Block],
    page_height: float,
    min_tail: float | None = None,
) -> list[list[Slice]]:
    """The pages, each a list of slices top to bottom."""
    if page_height <= 0:
        raise ValueError("page height must be positive")
    tail = page_height * 0.15 if min_tail is None else min_tail
    min_head = page_height * 0.05
    pages: list[list[Slice]] = [[]]
    used = 0.0

    def new_page() -> None:
        nonlocal used
        pages.append([])
        used = 0.0

    for index, block in enumerate(blocks):
        if block.new_page and pages[-1]:
            new_page()
        start = 0.0
        while True:
            rest = block.height - start
            room = page_height - used
            if rest <= room + 1e-6:
                pages[-1].append(Slice(index, start, block.height, used))
                used += rest
                break
            if rest <= page_height and pages[-1]:
                if (
                    block.with_previous
                    and start == 0.0
                    and _carry_previous(pages, page_height, rest)
                ):
                    used = sum(s.height for s in pages[-1])
                    continue
                new_page()  # fits on a page of its own: never split it
                continue
            cut = _choose_cut(block, start, start + room, tail, min_head if pages[-1] else 0.0)
            if cut is None:
                if pages[-1]:
                    new_page()
                    continue
                cut = start + room  # no place to cut at all: cut where the page ends
            pages[-1].append(Slice(index, start, cut, used))
            new_page()
            start = cut
    return [p for p in pages if p] or [[]]


def _carry_previous(pages: list[list[Slice]], page_height: float, rest: float) -> bool:
    """Move the last slice of this page to a new page, to go with a ``with_previous`` block.

    Only when it leaves something on this page and the two fit on the new page together.
    """
    page = pages[-1]
    if len(page) < 2:
        return False
    last = page[-1]
    if last.height + rest > page_height:
        return False
    page.pop()
    pages.append([Slice(last.block, last.top, last.bottom, 0.0)])
    return True


def fill(page: Sequence[Slice], page_height: float) -> float:
    """How much of the page the slices cover (0..1)."""
    return sum(s.height for s in page) / page_height
