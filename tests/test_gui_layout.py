"""Every page of every branch, rendered at 800×600 and 1366×768, light and dark, as a user sees it.

A page fails when a label's text doesn't fit its box (cut off or squashed), a button's text is
cut, a command box hides part of its text without a scrollbar, the page needs a horizontal
scrollbar, text is hard to read on its background, the window has a black band, or, at 1366×768,
the main part of a step (above "More about this step") doesn't fit on one screen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTextEdit, QWidget

from tests.gui_helpers import ANSWERS_BY_FIELD, make_window, start_new, view, walk_to_end
from tests.test_gui_flow import BRANCHES
from wizard.pages import theme
from wizard.pages.feedback import ElidedLabel
from wizard.pages.step_page import StepPage
from wizard.pages.widgets import CommandText

SIZES = [(800, 600), (1366, 768)]
#: Set to a folder to keep a PNG of every rendered page (for looking at them).
SHOTS = os.environ.get("LSW_LAYOUT_SHOTS", "")


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _shown(w: QWidget) -> bool:
    return w.isVisible() and w.width() > 0 and w.height() > 0


def label_problem(lab: QLabel) -> str:
    """Why this label's text doesn't fit ("" when it does)."""
    if isinstance(lab, ElidedLabel) or not lab.text() or not _shown(lab):
        return ""
    hint = lab.sizeHint()
    if lab.wordWrap():
        needed = lab.heightForWidth(lab.width())
        if needed > lab.height() + 1:
            return f"wrapped text needs {needed}px height, has {lab.height()}"
    else:
        if hint.width() > lab.width() + 1:
            return f"text needs {hint.width()}px width, has {lab.width()}"
        if hint.height() > lab.height() + 1:
            return f"text needs {hint.height()}px height, has {lab.height()}"
    pal = lab.palette()
    # Selected text (a focused to-do item) uses the system's highlight pair as it is.
    if lab.backgroundRole() == QPalette.ColorRole.Highlight:
        return ""
    if _contrast(pal.color(lab.foregroundRole()), pal.color(lab.backgroundRole())) < 4.5:
        return "text contrast below 4.5:1"
    return ""


def button_problem(button: QAbstractButton) -> str:
    if not button.text() or not _shown(button):
        return ""
    needed = button.sizeHint().width()
    if needed > button.width() + 1:
        return f"button text needs {needed}px width, has {button.width()}"
    return ""


def command_problem(box: QTextEdit) -> str:
    """A command box must show all its text, wrap it, or offer a visible scrollbar."""
    if not _shown(box):
        return ""
    doc = box.document()
    viewport = box.viewport()
    no_wrap = box.lineWrapMode() == box.LineWrapMode.NoWrap
    wide = doc.idealWidth() > viewport.width() + 1
    if no_wrap and wide and not box.horizontalScrollBar().isVisible():
        return "text wider than the box, no scrollbar, no wrap"
    if doc.size().height() > viewport.height() + 1 and not box.verticalScrollBar().isVisible():
        return "text taller than the box, no scrollbar"
    if doc.size().width() > viewport.width() + 1 and not box.horizontalScrollBar().isVisible():
        return "text cut at the right edge"
    return ""


def black_band(window: QWidget) -> bool:
    """True when a whole row of the rendered window is pure black (a rendering hole)."""
    image = window.grab().toImage()
    black = QColor(0, 0, 0).rgb()
    for y in range(0, image.height(), 12):
        if all(image.pixel(x, y) == black for x in range(0, image.width(), 24)):
            return True
    return False


def page_problems(window: QWidget, size: tuple[int, int]) -> list[str]:
    v = view(window)  # type: ignore[arg-type]
    out = []
    for lab in window.findChildren(QLabel):
        problem = label_problem(lab)
        if problem:
            out.append(f"label {lab.text()[:60]!r}: {problem}")
    for button in window.findChildren(QAbstractButton):
        problem = button_problem(button)
        if problem:
            out.append(f"button {button.text()!r}: {problem}")
    for box in window.findChildren(CommandText):
        problem = command_problem(box)
        if problem:
            out.append(f"command box {box.accessibleName()!r}: {problem}")
    if v.scroll_area.horizontalScrollBar().isVisible():
        out.append("the page needs a horizontal scrollbar")
    page = v.page
    if size == (1366, 768) and isinstance(page, StepPage):
        main = page.main_part_height()
        room = v.scroll_area.viewport().height()
        if main > room:
            out.append(f"main part is {main}px tall, the window shows {room}px")
    if black_band(window):
        out.append("a black band in the window")
    return out


def _settle(window: QWidget) -> None:
    for _ in range(3):
        QApplication.processEvents()
    window.layout().activate()


@pytest.fixture
def dark_or_light(qapp):
    th = theme.setup(qapp)

    def use(dark: bool) -> None:
        th.force(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        assert theme.is_dark() == dark

    yield use
    th.force(Qt.ColorScheme.Unknown)
    qapp.setPalette(QPalette())


@pytest.mark.parametrize(
    ("deployment", "label", "extra"),
    [BRANCHES[0], BRANCHES[2], BRANCHES[3], BRANCHES[4]],
    ids=["onprem-2015", "onprem-discovery", "o365-enterprise", "o365-sbp"],
)
def test_every_page_fits_at_800x600_and_1366x768_light_and_dark(
    qtbot, data_dir, clock, dark_or_light, deployment, label, extra
):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", label)
    answers = dict(ANSWERS_BY_FIELD)
    answers.update(extra)
    walk_to_end(window, answers)
    v = view(window)
    steps = [s.id for s in v.session.steps()]
    problems: list[str] = []
    for dark in (False, True):
        dark_or_light(dark)
        for size in SIZES:
            window.resize(*size)
            for step_id in steps:
                v.show_step(step_id)
                _settle(window)
                assert (window.width(), window.height()) == size
                where = f"{step_id} at {size[0]}x{size[1]} {'dark' if dark else 'light'}"
                problems += [f"{where}: {p}" for p in page_problems(window, size)]
                if SHOTS:
                    folder = Path(SHOTS)
                    folder.mkdir(parents=True, exist_ok=True)
                    name = f"{deployment}-{step_id}-{size[0]}-{'dark' if dark else 'light'}.png"
                    window.grab().save(str(folder / name))
                    v.page.grab().save(str(folder / f"page-{name}"))
    assert not problems, "\n".join(problems)


def test_the_checks_catch_a_clipped_label_and_a_cut_off_command(qtbot):
    """The detectors themselves: a label squeezed narrower than its text, a no-wrap command
    box without a scrollbar."""
    holder = QWidget()
    qtbot.addWidget(holder)
    lab = QLabel("Licensing agreement type *:", holder)
    lab.setGeometry(0, 0, 40, 30)
    box = CommandText(holder)
    box.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
    box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    box.setPlainText("Set-CsAccessEdgeConfiguration -AllowFederatedUsers $true " * 3)
    box.setGeometry(0, 40, 200, 60)
    holder.resize(300, 200)
    holder.show()
    qtbot.waitExposed(holder)
    assert "needs" in label_problem(lab)
    assert "no scrollbar" in command_problem(box)
    lab.resize(lab.sizeHint())
    assert label_problem(lab) == ""
