"""The evidence panel on a step: a note and attachments (a pasted screenshot, or a PNG, JPEG, PDF
or text file), kept beside the setup by ``wizard.storage.evidence`` and printed on the checklist.

Offered by ``features.evidence_panel`` on every step of the client's work. Questions and messages
go through ``dialogs`` (tests answer them); removing an attachment asks first. A read-only window
shows the evidence but can't change it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.pages import dialogs
from wizard.storage.errors import StoreError
from wizard.storage.evidence import Attachment, EvidenceStore

FILTER = "Evidence (*.png *.jpg *.jpeg *.pdf *.txt);;All files (*)"
NOTE_SAVE_MS = 600


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QBuffer.OpenModeFlag.WriteOnly)
    # The stubs want the format as bytes; PySide6 6.11 accepts only str at run time.
    image.save(buf, "PNG")  # type: ignore[call-overload]
    buf.close()
    return bytes(data.data())


class EvidencePanel(QGroupBox):
    def __init__(self, session: Any, step_id: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Evidence"), parent)
        self.session = session
        self.step_id = step_id
        self.box = EvidenceStore.for_setup(session.store, session.setup.id)
        self.setAccessibleName(self.tr("Evidence"))
        read_only = bool(getattr(session, "read_only", False))

        root = QVBoxLayout(self)
        note_label = QLabel(self.tr("&Note (printed on the checklist):"), self)
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(self.tr("Evidence note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        self.note.setReadOnly(read_only)
        note_label.setBuddy(self.note)
        root.addWidget(note_label)
        root.addWidget(self.note)

        self.files = QListWidget(self)
        self.files.setAccessibleName(self.tr("Attachments"))
        self.files.setMaximumHeight(self.files.fontMetrics().lineSpacing() * 5 + 12)
        root.addWidget(self.files)

        row = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("&Attach file…"), self)
        self.paste_button = QPushButton(self.tr("Paste &screenshot"), self)
        self.remove_button = QPushButton(self.tr("&Remove…"), self)
        for button in (self.attach_button, self.paste_button, self.remove_button):
            button.setEnabled(not read_only)
            row.addWidget(button)
        row.addStretch(1)
        root.addLayout(row)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # file names are user text
        self.status.setWordWrap(True)
        root.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_SAVE_MS)
        self._timer.timeout.connect(self.save_note)
        self.attach_button.clicked.connect(self.attach_file)
        self.paste_button.clicked.connect(self.paste_screenshot)
        self.remove_button.clicked.connect(self.remove_selected)
        self.load()
        #: The note typed but not saved yet, kept on the Python side so that it is saved even
        #: when the page is deleted before the timer fires (pages are replaced, not hidden).
        self._pending: list[str] = []
        self.note.textChanged.connect(self._note_changed)
        self.note.installEventFilter(self)
        self.destroyed.connect(
            lambda *_a, box=self.box, sid=step_id, pending=self._pending: _save_pending(
                box, sid, pending
            )
        )

    # -- reading ---------------------------------------------------------------------------------
    def load(self) -> None:
        try:
            item = self.box.of(self.step_id)
        except StoreError as exc:
            self.status.setText(str(exc))
            return
        self.note.blockSignals(True)
        self.note.setPlainText(item.note)
        self.note.blockSignals(False)
        self._show(item.files)

    def _show(self, files: list[Attachment]) -> None:
        self.files.clear()
        for att in files:
            entry = QListWidgetItem(f"{att.name} ({_size(att.size)})", self.files)
            entry.setData(256, att.id)  # Qt.UserRole
        self.remove_button.setEnabled(bool(files) and not self.note.isReadOnly())

    def names(self) -> list[str]:
        return [self.files.item(i).text().rsplit(" (", 1)[0] for i in range(self.files.count())]

    # -- changing ---------------------------------------------------------------------------------
    def _report(self, exc: StoreError) -> None:
        dialogs.inform(self, self.tr("Evidence"), str(exc), warning=True)

    def _note_changed(self) -> None:
        self._pending[:] = [self.note.toPlainText()]
        self._timer.start()

    def save_note(self) -> bool:
        self._timer.stop()
        try:
            self.box.set_note(self.step_id, self.note.toPlainText())
        except StoreError as exc:
            self.status.setText(str(exc))  # the text stays in the box: nothing is lost
            return False
        self._pending.clear()
        self.status.setText("")
        return True

    def flush(self) -> None:
        """Save a note still waiting for its timer (leaving the box, the page or the window)."""
        if self._timer.isActive():
            self.save_note()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: Any) -> None:
        self.flush()
        super().hideEvent(event)

    def add(self, name: str, data: bytes) -> Attachment | None:
        try:
            att = self.box.add(self.step_id, name, data)
        except StoreError as exc:
            self._report(exc)
            return None
        self.load()
        self.status.setText(self.tr("Attached {0}.").format(att.name))
        return att

    def attach_file(self) -> Attachment | None:
        chosen = dialogs.open_path(self, self.tr("Attach a file"), "", FILTER)
        if not chosen:
            return None
        try:
            att = self.box.add_file(self.step_id, Path(chosen))
        except StoreError as exc:
            self._report(exc)
            return None
        self.load()
        return att

    def paste_screenshot(self) -> Attachment | None:
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            dialogs.inform(
                self,
                self.tr("Evidence"),
                self.tr(
                    "There is no picture on the clipboard. Take a screenshot (for example with "
                    "Print Screen or Windows+Shift+S), then paste it here."
                ),
            )
            return None
        return self.add("screenshot.png", png_bytes(image))

    def remove_selected(self) -> bool:
        entry = self.files.currentItem()
        if entry is None:
            if self.files.count() == 0:
                return False
            entry = self.files.item(self.files.count() - 1)
        name = entry.text().rsplit(" (", 1)[0]
        if not dialogs.confirm(
            self,
            self.tr("Remove attachment"),
            self.tr("Remove “{0}” from this step? The file is deleted from the setup.").format(
                name
            ),
            self.tr("Remove"),
        ):
            return False
        try:
            self.box.remove(self.step_id, str(entry.data(256)))
        except StoreError as exc:
            self._report(exc)
            return False
        self.load()
        return True


def _save_pending(box: EvidenceStore, step_id: str, pending: list[str]) -> None:
    if pending:
        try:
            box.set_note(step_id, pending[0])
        except StoreError:  # pragma: no cover - the panel is gone; nowhere left to say it
            return
        pending.clear()


def make(page: Any) -> QWidget:
    return EvidencePanel(page.session, page.step.id, page)
