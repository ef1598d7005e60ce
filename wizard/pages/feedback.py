"""Telling the user what happened: "Saved" in the status bar, and where a saved file went.

After a PDF, web page or calendar file is written, ``file_saved`` puts a notice in the window's
status bar: "Checklist saved: NAME in FOLDER" with Open and Show in folder. Nothing here is modal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from wizard.pages import dialogs


class ElidedLabel(QLabel):
    """One line of text, shortened in the middle with "…" when it doesn't fit (the whole text
    stays in the tooltip and the accessible name)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self.full_text, Qt.TextElideMode.ElideMiddle, self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()


def show_in_folder(path: Path) -> bool:
    """Open the file manager at ``path`` (selecting the file where the platform can)."""
    if sys.platform == "win32":
        subprocess.Popen(["explorer", "/select,", os.path.normpath(path)])
        return True
    if sys.platform == "darwin":
        subprocess.Popen(["open", "-R", str(path)])
        return True
    return dialogs.open_file(str(path.parent))


class FileNotice(QFrame):
    """ "WHAT saved: NAME in FOLDER" with Open, Show in folder and a close button."""

    def __init__(self, path: Path, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = ElidedLabel(f"{what} saved: {path.name} in {path.parent}", self)
        lay.addWidget(self.label, 1)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setAccessibleName(f"Open {path.name}")
        self.open_button.clicked.connect(lambda: dialogs.open_file(str(self.path)))
        lay.addWidget(self.open_button)
        self.folder_button = QPushButton(self.tr("Show in folder"), self)
        self.folder_button.setAccessibleName(f"Show {path.name} in its folder")
        self.folder_button.clicked.connect(lambda: show_in_folder(self.path))
        lay.addWidget(self.folder_button)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(self.tr("Dismiss this message"))
        self.close_button.clicked.connect(self.deleteLater)
        lay.addWidget(self.close_button)
        self.setAccessibleName(self.label.full_text)


def file_saved(parent: QWidget | None, path: Path, what: str) -> FileNotice | None:
    """Tell the user where ``path`` went (in the main window's status bar)."""
    window = parent.window() if parent is not None else None
    show = getattr(window, "show_file_notice", None)
    if show is None:
        return None
    notice: FileNotice = show(path, what)
    return notice
