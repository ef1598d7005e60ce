"""Every question the app asks in a dialog goes through here, so tests can answer it.

Tests monkeypatch these functions; the suite forbids QDialog.exec, so a dialog that bypasses this
module fails the test loudly instead of hanging it.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(_plain())
    yes_btn = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_btn


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> int | None:
    """Ask the user to pick one of several buttons; None when cancelled."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(_plain())
    buttons = [box.addButton(o, QMessageBox.ButtonRole.AcceptRole) for o in options]
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def inform(parent: QWidget | None, title: str, text: str, warning: bool = False) -> None:
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(_plain())
    box.exec()


def get_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def save_path(parent: QWidget | None, caption: str, default: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, caption, default, filters)
    return path or None


def open_path(parent: QWidget | None, caption: str, default: str, filters: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, caption, default, filters)
    return path or None


def open_url(url: str) -> bool:
    """Open a link in the user's browser (patched in tests)."""
    return QDesktopServices.openUrl(QUrl(url))


def open_file(path: str) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def _plain():
    from PySide6.QtCore import Qt

    return Qt.TextFormat.PlainText
