"""The evidence panel on a step: a note, attachments from a file or the clipboard, removal that
asks first; what it keeps is on the printed checklist and survives reopening the setup."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QImage

from tests.gui_helpers import make_window, start_new, view
from wizard.output import extras
from wizard.output import html as checklist_html
from wizard.pages import dialogs
from wizard.pages.evidence_panel import EvidencePanel
from wizard.storage.store import SetupStore


def go_to_step_with_evidence(window) -> EvidencePanel:
    wizard = view(window)
    for _ in range(10):
        panel = getattr(wizard.page, "evidence", None)
        if panel is not None:
            return panel
        wizard.next_button.click()
    raise AssertionError("no step with an evidence panel")


def test_note_and_attachments_are_kept_and_printed(qtbot, data_dir, clock, tmp_path, monkeypatch):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    panel = go_to_step_with_evidence(window)
    step_id = panel.step_id

    panel.note.setPlainText("Checked by <Ann>")
    qtbot.waitUntil(lambda: panel.box.of(step_id).note == "Checked by <Ann>")
    panel._timer.setInterval(600_000)  # from here only leaving the page can save the note
    panel.note.setPlainText("Checked by <Ann> at once")
    box = panel.box
    view(window).back_button.click()  # leaving the page saves what the timer hasn't yet
    qtbot.waitUntil(lambda: box.of(step_id).note == "Checked by <Ann> at once")
    view(window).next_button.click()
    panel = view(window).page.evidence
    assert panel.note.toPlainText() == "Checked by <Ann> at once"
    panel.note.setPlainText("Checked by <Ann>")
    panel.flush()

    attached = tmp_path / "nslookup.txt"
    attached.write_text("Server: 127.0.0.1", "utf-8")
    monkeypatch.setattr(dialogs, "open_path", lambda *a: str(attached))
    panel.attach_button.click()
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    QGuiApplication.clipboard().setImage(image)
    panel.paste_button.click()
    assert panel.names() == ["nslookup.txt", "screenshot.png"]

    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    panel.files.setCurrentRow(0)
    panel.remove_button.click()
    assert asked and "nslookup.txt" in asked[0] and panel.names()[0] == "nslookup.txt"
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    panel.remove_button.click()
    assert panel.names() == ["screenshot.png"]

    session = view(window).session
    html = checklist_html.render(extras.session_checklist(session))
    assert "Checked by &lt;Ann&gt;" in html and "screenshot.png" in html
    assert 'src="data:image/png;base64,' in html

    # after a restart (a new store on the same folder) the evidence is all there
    view(window).home_button.click()
    box = extras.evidence(SetupStore(data_dir), session.setup.id)
    assert box["notes"][step_id] == "Checked by <Ann>"
    assert [e.name for e in box["evidence"]] == ["screenshot.png"]


def test_a_file_that_is_not_evidence_is_refused_with_a_message(
    qtbot, data_dir, clock, tmp_path, monkeypatch
):
    window = make_window(qtbot, data_dir, clock)
    start_new(window, "Contoso Ltd", "Lync Server (on-premises)")
    panel = go_to_step_with_evidence(window)
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ\x90\x00\x03")
    shown = []
    monkeypatch.setattr(dialogs, "open_path", lambda *a: str(exe))
    monkeypatch.setattr(dialogs, "inform", lambda *a, **k: shown.append(a[2]))
    panel.attach_button.click()
    assert shown and "PNG, JPEG, PDF or text" in shown[0]
    assert panel.names() == []
    QGuiApplication.clipboard().clear()
    panel.paste_button.click()
    assert "no picture on the clipboard" in shown[-1]
