"""The waiting step's panel: day N of up to 30, the 24-48 hour hint, confirm, calendar reminders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from wizard import paths
from wizard.pages import dialogs, feedback
from wizard.pages.widgets import Banner
from wizard.session import Session


class ActivationPanel(QWidget):
    """Shows the wait; "Activation confirmed" is told to the page (``confirmed``, with today's
    date as ISO text), which records it like any other input and marks its step done."""

    confirmed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 4)
        self.status = Banner("info", "", self)
        lay.addWidget(self.status)
        self.hint = Banner("info", "", self)
        lay.addWidget(self.hint)
        row = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("&Activation confirmed"), self)
        self.confirm_button.setAccessibleName(self.tr("Activation confirmed"))
        self.confirm_button.setToolTip(
            self.tr("Record today as the day Microsoft's side was confirmed working")
        )
        self.confirm_button.clicked.connect(self.confirm)
        row.addWidget(self.confirm_button)
        self.remind_button = QPushButton(self.tr("Add &reminders to my calendar…"), self)
        self.remind_button.setAccessibleName(self.tr("Add reminders to my calendar"))
        self.remind_button.clicked.connect(self.add_reminders)
        row.addWidget(self.remind_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        act = self.session.activation()
        if act is None:
            self.status.set_text(
                "Enter the date you submitted the request (on the previous step) to start "
                "counting the days."
            )
            self.hint.hide()
            self.confirm_button.setEnabled(False)
            self.remind_button.setEnabled(False)
            return
        self.status.set_text(act.text)
        self.confirm_button.setEnabled(act.confirmed_on is None and not self.session.read_only)
        self.remind_button.setEnabled(act.confirmed_on is None)
        if act.past_typical:
            self.hint.set_text(
                "Requests changed after April 2019 typically completed within 24 to 48 hours. "
                "Run the checks on the verification step; if federation still fails, open a "
                "case with Microsoft support."
            )
            self.hint.show()
        else:
            self.hint.hide()

    def confirm(self) -> None:
        self.confirmed.emit(self.session.today().isoformat())
        self.refresh()

    def add_reminders(self) -> None:
        from wizard.output import reminders

        setup = self.session.setup
        name = paths.safe_filename(setup.client_name)
        default = str(paths.documents_dir() / f"{name} reminders.ics")
        chosen = dialogs.save_path(
            self, self.tr("Save calendar reminders"), default, "Calendar (*.ics)"
        )
        if not chosen:
            return
        try:
            out = reminders.write_calendar(setup, Path(chosen), self.session.clock)
        except (ValueError, OSError) as exc:
            dialogs.inform(self, self.tr("Calendar reminders"), str(exc), warning=True)
            return
        feedback.file_saved(self, out, "Calendar reminders")
        dialogs.open_file(str(out))  # the calendar app offers to add the events
