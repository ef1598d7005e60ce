"""Connects the feature modules (printing, live checks, reminders) to the generic pages.

The pages know nothing about these features; this module installs them as actions and extra
panels. Every callback imports its module on first use, so start-up never loads the PDF or
printing machinery, the DNS/TLS checks or the calendar library.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

_SUMMARY_LABELS = (
    "Print pre&view…",
    "&Print…",
    "Save as P&DF…",
    "Save as &HTML…",
    "Copy as &Markdown",
)


def _summary_action(index: int) -> Callable[[Any, QWidget], object]:
    def call(session: Any, parent: QWidget) -> object:
        from wizard.pages import print_actions

        return print_actions.summary_actions()[index][1](session, parent)

    return call


def _start_checklist_action(index: int) -> Callable[[Any, str | None], object]:
    """The same checklist actions for a setup selected on the start screen (opened read-only)."""

    def call(screen: Any, setup_id: str | None) -> object:
        from wizard.pages import dialogs, print_actions
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
        return print_actions.summary_actions()[index][1](session, screen)

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


#: Steps where a record or the certificate is configured get the same "Check now" panel.
CHECK_NOW_STEPS = ("onprem-certificate", "onprem-dns", "ent-dns", "sbp-dns")


def install() -> None:
    from wizard.pages import activation_panel, setup_actions
    from wizard.pages.start_screen import StartScreen
    from wizard.pages.step_page import StepPage
    from wizard.pages.summary_page import SummaryPage

    StartScreen.actions = list(setup_actions.ACTIONS)
    StepPage.extras["wait"] = activation_panel.make
    StepPage.extras["verify"] = _checks_panel
    for step_id in CHECK_NOW_STEPS:
        StepPage.extras[step_id] = _checks_panel

    SummaryPage.actions = [(label, _summary_action(i)) for i, label in enumerate(_SUMMARY_LABELS)]
    StartScreen.checklist_actions = [
        (label, _start_checklist_action(i)) for i, label in enumerate(_SUMMARY_LABELS)
    ]
