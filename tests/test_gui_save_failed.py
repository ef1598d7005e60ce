"""A save that fails in the window: the user is told in words, nothing is lost, quitting asks,
and once the disk is back the next change saves everything. The failure is real (the setup's
file has become a folder), not a patched store."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.gui_helpers import make_window, page, start_new, view
from wizard.pages import dialogs
from wizard.storage.store import SetupStore


def _shown_text(widget) -> str:
    return " | ".join(lab.text() for lab in widget.findChildren(QLabel) if lab.isVisible())


def test_a_failed_save_is_shown_kept_and_saved_when_the_disk_is_back(
    qtbot, data_dir, clock, monkeypatch
):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Office 365 Small Business Premium")
    session = view(window).session
    step_id = view(window).current_id
    path = window.store.path_of(session.setup.id)
    assert path.is_file()

    path.unlink()
    path.mkdir()  # the disk now refuses to write the setup
    todo = page(window).todo
    assert todo is not None
    key, box = next(iter(todo.boxes.items()))
    box.setChecked(True)  # a to-do item ticked: saved at once, or tried
    qtbot.waitUntil(lambda: "Could not save" in _shown_text(view(window)))
    assert "Your changes are still in the window" in _shown_text(view(window))

    questions: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, title, *a: questions.append(title))
    window.close()  # the user says no to "Quit without saving"
    assert questions == ["Changes not saved"] and window.isVisible()
    assert box.isChecked() and session.setup.ticked(step_id) == [key]  # nothing is lost

    path.rmdir()  # space freed, the folder usable again
    session.visit(step_id)  # no change: nothing to save yet, the error stays
    assert session.save_error
    view(window).go_back()  # the next change (a step visited) saves everything
    qtbot.waitUntil(lambda: "Could not save" not in _shown_text(view(window)))
    saved = SetupStore(data_dir, clock=clock).load(session.setup.id)
    assert saved.ticked(step_id) == [key]
