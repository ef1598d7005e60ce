"""Keyboard order and mnemonics that follow the screen.

Pages are rebuilt and their banners, links and command boxes are added after the fields, so
creation order (Qt's default tab order) no longer matches what the user sees. ``follow_layout`` sets
the tab order from the layouts, top to bottom. ``unique_mnemonics`` gives every label and button on
a page its own Alt+letter, keeping the designer's letter where it is free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QWidget,
)

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str:
    """The Alt+letter of a text ("" if none), lower case; "&&" is a literal ampersand."""
    m = _MNEMONIC.search(text.replace("&&", ""))
    return m.group(1).lower() if m else ""


def _candidates(plain: str) -> Iterator[int]:
    """Positions to try: starts of words first, then every other letter or digit."""
    starts = [
        i for i, c in enumerate(plain) if c.isalnum() and (i == 0 or not plain[i - 1].isalnum())
    ]
    yield from starts
    yield from (i for i, c in enumerate(plain) if c.isalnum() and i not in starts)


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with a free mnemonic: its own if free, else the first free letter; adds it to
    ``taken``. Without a free letter the text keeps its own (a shared Alt+letter still moves
    the focus between its owners, which beats none)."""
    own = mnemonic(text)
    if own and own not in taken:
        taken.add(own)
        return text
    plain = re.sub(r"&(?!&)", "", text.replace("&&", "\0")).replace("\0", "&&")
    for i in _candidates(plain):
        letter = plain[i].lower()
        if letter not in taken and (i == 0 or plain[i - 1] != "&"):
            taken.add(letter)
            return plain[:i] + "&" + plain[i:]
    return text


def _mnemonic_widgets(root: QWidget) -> list[QWidget]:
    out: list[QWidget] = []
    for w in layout_widgets(root):
        if (
            isinstance(w, QLabel)
            and w.buddy() is not None
            and mnemonic(w.text())
            or isinstance(w, QAbstractButton)
            and mnemonic(w.text())
        ):
            out.append(w)
    return out


def unique_mnemonics(root: QWidget, reserved: Iterable[str] = ()) -> None:
    """Re-letter the mnemonics of ``root``'s labels and buttons so none repeats or hits
    ``reserved`` (the window's menus and buttons)."""
    taken = {r.lower() for r in reserved}
    widgets = _mnemonic_widgets(root)
    keep: dict[int, str] = {}
    for w in widgets:  # first pass: keep every designer's letter that is free and not repeated
        letter = mnemonic(w.text())  # type: ignore[attr-defined]
        if letter not in taken and letter not in keep.values():
            keep[id(w)] = letter
    taken |= set(keep.values())
    for w in widgets:
        if id(w) not in keep:
            w.setText(with_mnemonic(w.text(), taken))  # type: ignore[attr-defined]


def layout_widgets(root: QWidget) -> list[QWidget]:
    """Every widget under ``root``, in the order its layouts place them (top to bottom)."""
    out: list[QWidget] = []

    def visit_widget(w: QWidget) -> None:
        out.append(w)
        inner = w.layout()
        if inner is not None:
            visit_layout(inner)

    def visit_layout(lay: QLayout) -> None:
        items: list[QLayoutItem | None]
        if isinstance(lay, QFormLayout):
            items = []
            for row in range(lay.rowCount()):
                for role in (
                    QFormLayout.ItemRole.LabelRole,
                    QFormLayout.ItemRole.FieldRole,
                    QFormLayout.ItemRole.SpanningRole,
                ):
                    items.append(lay.itemAt(row, role))
        else:
            items = [lay.itemAt(i) for i in range(lay.count())]
        for item in items:
            if item is None:
                continue
            widget, sub = item.widget(), item.layout()
            if widget is not None:
                visit_widget(widget)
            elif sub is not None:
                visit_layout(sub)

    top = root.layout()
    if top is not None:
        visit_layout(top)
    return out


def follow_layout(root: QWidget) -> list[QWidget]:
    """Make Tab visit ``root``'s focusable widgets in layout order; returns that order."""
    chain = [
        w
        for w in layout_widgets(root)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None
    ]
    for a, b in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(a, b)
    return chain
