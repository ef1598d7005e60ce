"""Screen readers and keyboards: every input is named, and a whole setup can be done by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from tests.gui_helpers import (
    ANSWERS_BY_FIELD,
    fill_by_label,
    make_window,
    page,
    press_next,
    start_new,
    view,
    walk_to_end,
)
from tests.test_gui_flow import BRANCHES


def _unnamed_focusable(root: QWidget) -> list[str]:
    bad = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            bad.append(f"{type(w).__name__} {w.objectName()!r} on {root.windowTitle()!r}")
    return bad


@pytest.mark.parametrize(("deployment", "label", "extra"), BRANCHES)
def test_every_focusable_widget_has_an_accessible_name(
    qtbot, data_dir, clock, deployment, label, extra
):
    window = make_window(qtbot, data_dir, clock)
    problems = _unnamed_focusable(window)
    start_new(window, "Contoso Ltd", label)
    answers = dict(ANSWERS_BY_FIELD)
    answers.update(extra)
    walk_to_end(window, answers)
    v = view(window)
    for step in v.session.steps():
        v.show_step(step.id)
        problems += [f"{step.id}: {p}" for p in _unnamed_focusable(window)]
    assert not problems, "\n".join(problems)


def _tab_to(qtbot, window, target: QWidget, limit: int = 80) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r}")


def _tick_by_keyboard(qtbot, window, p) -> None:
    """Tick the page's to-do items (Tab, Space); ticking the last one marks the step done."""
    if p.todo is not None:
        for box in p.todo.boxes.values():
            _tab_to(qtbot, window, box)
            qtbot.keyClick(box, Qt.Key.Key_Space)
            assert box.isChecked()
        assert p.done_box is None or p.done_box.isChecked()
    if p.done_box is not None and not p.done_box.isChecked():
        _tab_to(qtbot, window, p.done_box)
        qtbot.keyClick(p.done_box, Qt.Key.Key_Space)
        assert isinstance(p.done_box, QCheckBox) and p.done_box.isChecked()


def test_a_whole_setup_with_the_keyboard_alone(qtbot, data_dir, clock):
    # Ctrl+N: New setup. (Button mnemonics such as Alt+N also work on a desktop, but the
    # offscreen platform turns mnemonics off, so the test uses the explicit shortcuts.)
    window = _new_setup_by_keyboard(qtbot, data_dir, clock, "Keyboard Ltd")
    v = view(window)
    assert v.current_id == "deployment"
    # The first option has focus; arrow keys move through the options, Space picks one.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert v.session.setup.deployment == "o365-sbp"
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    for _ in range(40):
        step = v.session.book.step(v.current_id)
        if step.kind == "summary":
            break
        p = page(window)
        for fid in p.step.visible_fields(p.session.values()):
            editor = p.editors[fid]
            control = editor.focus_target()
            if fid not in ANSWERS_BY_FIELD or editor.value() not in (None, "", []):
                continue
            if not isinstance(control, (QLineEdit, QPlainTextEdit)):
                continue
            _tab_to(qtbot, window, control)
            qtbot.keyClicks(control, str(ANSWERS_BY_FIELD[fid]).split("\n")[0])
        _tick_by_keyboard(qtbot, window, p)
        before = v.current_id
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        assert v.current_id != before, p.problems()
    assert v.session.book.step(v.current_id).kind == "summary"
    steps = [s for s in v.session.steps() if s.kind != "summary"]
    assert all(v.session.setup.status_of(s.id) == "done" for s in steps)
    # every to-do item was ticked, and the ticks were saved
    assert all(v.session.setup.ticked(s.id) == list(s.checklist_ids) for s in steps if s.checklist)


def _name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None
    return iface.text(QAccessible.Text.Name)


@pytest.mark.parametrize(("deployment", "label", "extra"), BRANCHES)
def test_each_option_and_to_do_item_is_announced_by_its_own_text(
    qtbot, data_dir, clock, deployment, label, extra
):
    """A screen reader hears "Lync Server (on-premises)", not the form label "Deployment type"."""
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", label)
    answers = dict(ANSWERS_BY_FIELD)
    answers.update(extra)
    walk_to_end(window, answers)
    v = view(window)
    radios = todos = 0
    for step in v.session.steps():
        if step.kind == "summary":
            continue
        v.show_step(step.id)
        p = page(window)
        for editor in p.editors.values():
            group = getattr(editor, "group_box", None)
            for radio in editor.findChildren(QRadioButton):
                radios += 1
                assert _name(radio) == radio.text().replace("&", ""), f"{step.id}: {radio.text()}"
                # the group is named by the field's label, as a grouping
                assert group is not None and radio.parentWidget() is group
                assert _name(group) == editor.field.label
                assert QAccessible.queryAccessibleInterface(group).role() == (
                    QAccessible.Role.Grouping
                )
        if p.todo is not None:
            for key, box in p.todo.boxes.items():
                todos += 1
                assert _name(box) == p.todo.texts[key] == dict(step.todo())[key]
    assert todos > 0
    if deployment == "onprem":
        assert radios > 0


def test_the_first_deployment_option_is_not_named_after_the_form_label(qtbot, data_dir, clock):
    window = make_window(qtbot, data_dir, clock)
    window.start.new_button.click()
    fill_by_label(window, "Client or organisation name", "Contoso Ltd")
    press_next(window)
    radios = page(window).editors["deployment"].findChildren(QRadioButton)
    assert [_name(r) for r in radios] == [
        "Lync Server (on-premises)",
        "Office 365 Midsize or Enterprise",
        "Office 365 Small Business Premium",
        "Microsoft Teams today (Teams ↔ Teams (free))",
    ]
    assert _name(page(window).editors["deployment"].group_box) == "Deployment type"


def _new_setup_by_keyboard(qtbot, data_dir, clock, client: str):
    """Ctrl+N, type the client's name, Return: the window on the deployment choice."""
    window = make_window(qtbot, data_dir, clock)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: window.view is not None)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    qtbot.keyClicks(QApplication.focusWidget(), client)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    return window


def test_the_teams_free_branch_with_the_keyboard_alone(qtbot, data_dir, clock):
    """Choose Microsoft Teams today, answer a drop-down, a list and the test by keyboard only."""
    window = _new_setup_by_keyboard(qtbot, data_dir, clock, "Teams Ltd")
    v = view(window)
    assert v.current_id == "deployment"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert v.session.setup.deployment == "teams-free"
    next_page = (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), *next_page)
    assert v.current_id == "teams-applies"
    combo = page(window).editors["teams_homing"].focus_target()
    _tab_to(qtbot, window, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first option: all users in Microsoft 365
    assert v.session.values()["teams_homing"] == "cloud"
    qtbot.keyClick(QApplication.focusWidget(), *next_page)
    assert v.current_id == "teams-settings"
    scope = page(window).editors["teams_scope"].focus_target()
    _tab_to(qtbot, window, scope)
    qtbot.keyClick(scope, Qt.Key.Key_Down)  # everyone -> only some users
    assert v.session.values()["teams_scope"] == "some"
    for fid, text in (("teams_policy_name", "TeamsFreeChat"), ("teams_users", "anna@contoso.com")):
        control = page(window).editors[fid].focus_target()
        _tab_to(qtbot, window, control)
        qtbot.keyClicks(control, text)
    for _ in range(10):
        if v.session.book.step(v.current_id).kind == "summary":
            break
        p = page(window)
        _tick_by_keyboard(qtbot, window, p)
        before = v.current_id
        qtbot.keyClick(QApplication.focusWidget(), *next_page)
        assert v.current_id != before, p.problems()
    assert v.session.book.step(v.current_id).kind == "summary"
    values = v.session.values()
    assert values["teams_users"] == ["anna@contoso.com"]
    steps = [s for s in v.session.steps() if s.kind != "summary"]
    assert all(v.session.setup.status_of(s.id) == "done" for s in steps)
