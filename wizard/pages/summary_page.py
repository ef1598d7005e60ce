"""The last page: what is done, what is left, and the ways to print the checklist."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.content.playbook import Step
from wizard.pages import features
from wizard.pages.step_page import paragraphs
from wizard.pages.widgets import heading, plain_label, std_icon
from wizard.session import Session
from wizard.storage.document import DONE, SKIPPED


class SummaryPage(QWidget):
    jump = Signal(str)

    def __init__(self, session: Session, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.step = step
        setup = session.setup
        root = QVBoxLayout(self)
        root.setContentsMargins(18, 12, 18, 12)
        root.addWidget(heading(step.title, 1, self))
        for text, _ in paragraphs(step.body):
            root.addWidget(plain_label(text, self))

        steps = [s for s in session.steps() if s.kind != "summary"]
        done = [s for s in steps if setup.status_of(s.id) in (DONE, SKIPPED)]
        left = [s for s in steps if s not in done]
        prog = session.progress()
        root.addWidget(plain_label(f"{setup.client_name}: {prog.text} done.", self))
        act = session.activation()
        if act:
            root.addWidget(plain_label(act.text, self))

        root.addWidget(heading(self.tr("Done"), 2, self))
        self.done_list = self._list(done, self.tr("Steps done"))
        root.addWidget(self.done_list)
        root.addWidget(heading(self.tr("Still to do"), 2, self))
        if left:
            self.left_list = self._list(left, self.tr("Steps still to do"))
            root.addWidget(self.left_list)
        else:
            root.addWidget(plain_label(self.tr("Nothing: every step is done."), self))

        self.buttons: dict[str, QPushButton] = {}
        self.checklist_actions = features.checklist_actions()
        if self.checklist_actions:
            root.addWidget(heading(self.tr("Checklist"), 2, self))
            # A grid, not one row: five buttons don't fit side by side in a narrow window.
            row = QGridLayout()
            for i, (label, callback) in enumerate(self.checklist_actions):
                button = QPushButton(label, self)
                button.setAccessibleName(label.replace("&", ""))
                button.clicked.connect(lambda _=False, cb=callback: cb(self.session, self))
                self.buttons[label.replace("&", "")] = button
                row.addWidget(button, i // 3, i % 3)
            row.setColumnStretch(3, 1)
            root.addLayout(row)
        root.addStretch(1)

    def _list(self, steps: list[Step], name: str) -> QListWidget:
        lst = QListWidget(self)
        lst.setAccessibleName(name)
        for s in steps:
            status = self.session.step_status(s)
            state = self.session.setup.steps.get(s.id)
            when = f", {state.at[:10]}" if state else ""
            word = {"done": "Done", "skipped": "Skipped", "waiting": "Waiting"}.get(status, "To do")
            item = QListWidgetItem(std_icon(self, status), f"{s.title} — {word}{when}: {s.summary}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            lst.addItem(item)
        lst.itemActivated.connect(lambda it: self.jump.emit(it.data(Qt.ItemDataRole.UserRole)))
        lst.itemDoubleClicked.connect(lambda it: self.jump.emit(it.data(Qt.ItemDataRole.UserRole)))
        lst.setMaximumHeight(max(60, min(len(steps), 10) * 24 + 8))
        return lst

    def first_input(self) -> QWidget | None:
        return None
