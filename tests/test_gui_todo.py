"""The "To do" items of a step are real checkboxes: saved, restored, printed, and tied to "done"."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QCheckBox

from tests.gui_helpers import ANSWERS_BY_FIELD, make_window, page, start_new, view, walk_to_end
from wizard.pages import dialogs, print_actions
from wizard.pages.todo_list import TodoList

STEP = "sbp-dns"  # two to-do items: the SRV records and the CNAME records


def _on_step(qtbot, data_dir, clock, step_id: str = STEP):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    walk_to_end(window, ANSWERS_BY_FIELD)
    view(window).show_step(step_id)
    p = page(window)
    assert p.todo is not None and p.done_box is not None
    return window, p


def _boxes(todo: TodoList) -> list[QCheckBox]:
    return list(todo.boxes.values())


def test_ticks_survive_a_restart_and_print_on_the_checklist(
    qtbot, data_dir, clock, tmp_path, monkeypatch
):
    window, p = _on_step(qtbot, data_dir, clock)
    srv_box, cname_box = _boxes(p.todo)
    srv_text, cname_text = p.step.checklist
    qtbot.mouseClick(srv_box, Qt.MouseButton.LeftButton)
    assert srv_box.isChecked() and not cname_box.isChecked()
    assert not p.done_box.isChecked()  # one of two ticked: not done yet
    window.close()

    again = make_window(qtbot, data_dir, clock)
    again.start.continue_button.click()
    view(again).show_step(STEP)
    srv_again, cname_again = _boxes(page(again).todo)
    assert srv_again.isChecked() and not cname_again.isChecked()

    out = tmp_path / "checklist.pdf"
    monkeypatch.setattr(print_actions, "ask_save_path", lambda *a: str(out))
    view(again).home_button.click()
    again.start.checklist_menu_actions["Save as PDF"].trigger()
    text = " ".join(" ".join((pg.extract_text() or "").split()) for pg in PdfReader(out).pages)
    assert f"☑ {srv_text}" in text
    assert f"☐ {cname_text}" in text
    QGuiApplication.clipboard().clear()
    again.start.checklist_menu_actions["Copy as Markdown"].trigger()
    md = QGuiApplication.clipboard().text()
    assert f"- [x] {srv_text}" in md
    assert f"- [ ] {cname_text}" in md


def test_ticking_every_item_marks_the_step_done_and_unticking_undoes_it(qtbot, data_dir, clock):
    window, p = _on_step(qtbot, data_dir, clock)
    session = p.session
    srv_box, cname_box = _boxes(p.todo)
    srv_box.click()
    cname_box.click()
    assert p.done_box.isChecked()
    assert session.setup.status_of(STEP) == "done"
    cname_box.click()  # the "done" came from the ticks, so it goes with them
    assert not p.done_box.isChecked()
    assert session.setup.status_of(STEP) is None


def test_clicking_an_items_text_ticks_it(qtbot, data_dir, clock):
    _window, p = _on_step(qtbot, data_dir, clock)
    box = _boxes(p.todo)[0]
    label = next(
        lab for lab in p.todo.findChildren(type(p.todo.title)) if lab.text() == p.step.checklist[0]
    )
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert box.isChecked()
    assert p.session.setup.ticked(STEP) == [p.step.checklist_ids[0]]


def test_marking_done_with_unticked_items_asks_first(qtbot, data_dir, clock, monkeypatch):
    asked: list[tuple[str, str, list[str]]] = []
    answers: list[int | None] = [None, 1, 0]

    def choose(_parent, title, text, options):
        asked.append((title, text, options))
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "choose", choose)
    _window, p = _on_step(qtbot, data_dir, clock)
    setup = p.session.setup
    srv_box, cname_box = _boxes(p.todo)
    srv_box.click()

    # Cancel: nothing changes
    p.done_box.click()
    title, text, options = asked[-1]
    assert title == "Mark this step done?"
    assert "1 of the 2 to-do items of this step are not ticked" in text
    assert p.step.checklist[1] in text and p.step.checklist[0] not in text
    assert options == ["Tick them all and mark done", "Mark done, leave them unticked"]
    assert not p.done_box.isChecked() and setup.status_of(STEP) is None

    # Done, leaving the item unticked: the checklist will print it unticked
    p.done_box.click()
    assert p.done_box.isChecked() and setup.status_of(STEP) == "done"
    assert not cname_box.isChecked()
    assert setup.ticked(STEP) == [p.step.checklist_ids[0]]

    # Unticking another item leaves a "done" the user confirmed alone
    srv_box.click()
    assert setup.status_of(STEP) == "done"

    # Not done, then done with "tick them all"
    p.done_box.click()
    assert setup.status_of(STEP) is None
    p.done_box.click()
    assert srv_box.isChecked() and cname_box.isChecked()
    assert sorted(setup.ticked(STEP)) == sorted(p.step.checklist_ids)
    assert setup.status_of(STEP) == "done"
    assert len(asked) == 3


def test_done_with_every_item_ticked_does_not_ask(qtbot, data_dir, clock, monkeypatch):
    asked: list[object] = []
    monkeypatch.setattr(dialogs, "choose", lambda *a: asked.append(a))
    _window, p = _on_step(qtbot, data_dir, clock)
    for box in _boxes(p.todo):
        box.click()
    p.done_box.click()  # not done, although every item stays ticked
    assert p.session.setup.status_of(STEP) is None
    assert all(box.isChecked() for box in _boxes(p.todo))
    p.done_box.click()
    assert p.session.setup.status_of(STEP) == "done"
    assert asked == []


def test_the_focused_items_text_is_highlighted(qtbot, data_dir, clock):
    window, p = _on_step(qtbot, data_dir, clock)
    with qtbot.waitActive(window):
        window.activateWindow()
    first, second = _boxes(p.todo)
    label_1, label_2 = p.todo.labels.values()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    assert label_1.backgroundRole() == QPalette.ColorRole.Highlight and label_1.autoFillBackground()
    assert not label_2.autoFillBackground()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.waitUntil(second.hasFocus)
    assert label_2.autoFillBackground() and not label_1.autoFillBackground()


def test_a_step_without_inputs_starts_at_its_first_to_do_item(qtbot, data_dir, clock):
    window, _p = _on_step(qtbot, data_dir, clock)
    with qtbot.waitActive(window):
        window.activateWindow()
    view(window).show_step("sbp-external")
    p = page(window)
    assert not p.step.fields and p.todo is not None
    first = _boxes(p.todo)[0]
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert p.session.setup.ticked("sbp-external") == list(p.step.checklist_ids)
