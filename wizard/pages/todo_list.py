"""A step's "To do" items as real checkboxes, saved with the setup.

Each item is a QCheckBox whose accessible name is the item's text (what a screen reader says),
with a wrapping label beside it: QCheckBox cannot wrap its text, and a long item must not widen
the page. Clicking the label toggles the box, as clicking a checkbox's own text does, and the label
is highlighted while its box has the keyboard focus (a box without text has only a tiny focus
mark). Ticks are
saved through the session under the items' stable keys (``checklist_ids`` in the playbook), never
by position. ``toggled(key, ticked)`` fires after a tick is saved; the step page decides what that
means for "This step is done".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from wizard.content.playbook import Step
from wizard.pages.widgets import heading
from wizard.session import Session


class _ItemLabel(QLabel):
    """The text of one to-do item; a click on it toggles its checkbox."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.box = box
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.show_focus(event.type() == QEvent.Type.FocusIn)
        return False

    def show_focus(self, focused: bool) -> None:
        """Highlight the text like a selected row (system colours, light or dark)."""
        self.setAutoFillBackground(focused)
        self.setBackgroundRole(
            QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Window
        )
        self.setForegroundRole(
            QPalette.ColorRole.HighlightedText if focused else QPalette.ColorRole.WindowText
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside and self.box.isEnabled():
            self.box.click()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class TodoList(QWidget):
    toggled = Signal(str, bool)  # item key, ticked

    def __init__(self, session: Session, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.step = step
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.title = heading(self.tr("To do"), 3, self)
        lay.addWidget(self.title)
        self.boxes: dict[str, QCheckBox] = {}
        self.texts: dict[str, str] = {}
        self.labels: dict[str, QLabel] = {}
        ticked = set(session.setup.ticked(step.id))
        for key, text in step.todo():
            box = QCheckBox(self)
            box.setAccessibleName(text)
            box.setAccessibleDescription(self.tr("To-do item of the step “{}”").format(step.title))
            box.setChecked(key in ticked)
            box.setEnabled(not session.read_only)
            box.toggled.connect(lambda on, k=key: self._on_toggled(k, on))
            row = QHBoxLayout()
            row.setSpacing(6)
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            label = _ItemLabel(text, box, self)
            row.addWidget(label, 1)
            lay.addLayout(row)
            self.labels[key] = label
            self.boxes[key] = box
            self.texts[key] = text

    def unticked(self) -> list[str]:
        """The text of every item not ticked, in order."""
        return [self.texts[k] for k, box in self.boxes.items() if not box.isChecked()]

    def all_ticked(self) -> bool:
        return all(box.isChecked() for box in self.boxes.values())

    def tick_all(self) -> None:
        """Tick every item (saved), without reporting each one."""
        for key, box in self.boxes.items():
            if not box.isChecked():
                box.blockSignals(True)
                box.setChecked(True)
                box.blockSignals(False)
                self.session.tick(self.step.id, key, True)

    def _on_toggled(self, key: str, on: bool) -> None:
        self.session.tick(self.step.id, key, on)
        self.toggled.emit(key, on)
