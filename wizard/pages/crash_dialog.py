"""The crash report: what went wrong, where the log is, and "Copy details" for a support ticket.

``CrashReporter.report`` may be called from any thread (it is the target of the exception hooks
in ``wizard.log``); it hands over to the GUI thread through a queued signal. The dialog is
non-modal (``show()``), so an error never blocks the window, and several errors in a row add to
the one dialog instead of stacking new ones.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.pages.widgets import plain_label


class CrashDialog(QDialog):
    def __init__(self, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setModal(False)
        lay = QVBoxLayout(self)
        self.summary = plain_label("", self)
        lay.addWidget(self.summary)
        where = (
            f"The details are also in the log file:\n{log_file}"
            if log_file is not None
            else "The app could not write a log file on this computer."
        )
        self.where = plain_label(
            "Your setups are saved as you go; you can keep working, or close the app and start "
            "it again. " + where,
            self,
        )
        lay.addWidget(self.where)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        lay.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.setAccessibleName(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(640, 420)

    def add(self, summary: str, details: str) -> None:
        self.summary.setText(f"An unexpected error happened: {summary}")
        text = self.details.toPlainText()
        self.details.setPlainText(f"{text}\n\n{details}" if text else details)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("Copied"))


class CrashReporter(QObject):
    """Shows uncaught exceptions in a CrashDialog, on the GUI thread."""

    reported = Signal(str, str)

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: CrashDialog | None = None
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, summary: str, details: str) -> None:
        """Any thread: queue the report for the GUI thread."""
        self.reported.emit(summary, details)

    def _show(self, summary: str, details: str) -> None:
        if self.dialog is None:
            self.dialog = CrashDialog(self.log_file, QApplication.activeWindow())
            self.dialog.finished.connect(self._forget)
        self.dialog.add(summary, details)
        self.dialog.show()

    def _forget(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
