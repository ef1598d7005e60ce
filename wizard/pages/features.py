"""Connects the feature modules (printing, live checks, reminders) to the generic pages.

The pages know nothing about these features; this module installs them as actions and extra
panels. Heavy parts (QtPrintSupport, the DNS/TLS checks, the calendar library, the keyring) load on
first use, so start-up never pays for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

#: Steps where a record or the certificate is configured get the same "Check now" panel.
CHECK_NOW_STEPS = ("onprem-certificate", "onprem-dns", "ent-dns", "sbp-dns")


def _for_selected_setup(
    action: Callable[[Any, QWidget], object],
) -> Callable[[Any, str | None], object]:
    """A summary-page checklist action, run for the setup selected on the start screen."""

    def call(screen: Any, setup_id: str | None) -> object:
        from wizard.pages import dialogs
        from wizard.session import Session
        from wizard.store import StoreError

        if not setup_id:
            dialogs.inform(screen, "Checklist", "Select a setup in the list first.")
            return None
        try:
            setup = screen.store.load(setup_id)
        except StoreError as exc:
            dialogs.inform(screen, "Checklist", str(exc), warning=True)
            return None
        session = Session(screen.book, screen.store, setup, screen.secrets, read_only=True)
        return action(session, screen)

    return call


def _checks_panel(page: Any) -> QWidget:
    """Live DNS and certificate checks for the page's setup; saved results shown at once."""
    from wizard.pages.checks_panel import ChecksPanel

    session = page.session
    panel = ChecksPanel(session.values, page)
    if session.setup.checks:
        panel.show_results(session.setup.checks)
    panel.finished.connect(session.record_checks)
    return panel


def install() -> None:
    from wizard.pages import activation_panel, print_actions, setup_actions
    from wizard.pages.start_screen import StartScreen
    from wizard.pages.step_page import StepPage
    from wizard.pages.summary_page import SummaryPage

    checklist_actions = print_actions.summary_actions()
    SummaryPage.actions = list(checklist_actions)
    StartScreen.checklist_actions = [
        (label, _for_selected_setup(action)) for label, action in checklist_actions
    ]
    StartScreen.actions = list(setup_actions.ACTIONS)
    StepPage.extras["wait"] = activation_panel.make
    StepPage.extras["verify"] = _checks_panel
    for step_id in CHECK_NOW_STEPS:
        StepPage.extras[step_id] = _checks_panel
