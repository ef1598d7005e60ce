"""The feature panels and actions the generic pages offer: printing, live checks, reminders.

Pages ask this module when they are built; every feature module is imported on first use, so
start-up never loads QtPrintSupport, the DNS/TLS checks, the calendar library or the keyring.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the start screen shows before the playbook is loaded
    from wizard.content.playbook import Step

PanelFactory = Callable[[Any], QWidget]


def _checks_panel(page: Any) -> QWidget:
    """Live DNS and certificate checks for the page's setup; saved results shown at once."""
    from wizard.pages.checks_panel import ChecksPanel

    session = page.session
    book = session.book

    def step_title(step_id: str) -> str:
        return book.step(step_id).title if book.has_step(step_id) else step_id

    panel = ChecksPanel(session.values, page, step_id=page.step.id, step_title=step_title)
    if session.setup.checks:
        panel.show_results(session.setup.checks)
    panel.finished.connect(session.record_checks)
    return panel


def _activation_panel(page: Any) -> QWidget:
    """The wait panel; "Activation confirmed" fills the step's date field and marks it done."""
    from wizard.pages.activation_panel import ActivationPanel

    panel = ActivationPanel(page.session, page)
    panel.confirmed.connect(lambda day: page.fill("activation_confirmed_on", day, done=True))
    return panel


def extra_panel(step: Step) -> PanelFactory | None:
    """The panel a step page shows below its inputs, as the content asks: ``checks = "dns"``
    for "Check now", ``wait_from`` for the activation wait."""
    if step.checks == "dns":
        return _checks_panel
    if step.wait_from:
        return _activation_panel
    return None


def evidence_panel(step: Any) -> PanelFactory | None:
    """The evidence panel (a note and attachments) on every step of the client's work."""
    if step.kind == "summary" or step.source == "start":
        return None

    def make(page: Any) -> QWidget:
        from wizard.pages import evidence_panel as panel

        return panel.make(page)

    return make


def checklist_actions() -> list[tuple[str, Callable[[Any, QWidget], object]]]:
    """(label, callback(session, parent)): print preview, print, PDF, HTML, Markdown, and the
    handover pack."""
    from wizard.pages import handover_action, print_actions  # PDF and print, on first use

    return [*print_actions.summary_actions(), (handover_action.LABEL, handover_action.save_pack)]


def _for_selected_setup(
    action: Callable[[Any, QWidget], object],
) -> Callable[[Any, str | None], object]:
    """A checklist action, run for the setup selected on the start screen (opened read-only)."""

    def call(screen: Any, setup_id: str | None) -> object:
        from wizard.pages import dialogs
        from wizard.storage.errors import StoreError

        if not setup_id:
            dialogs.inform(screen, "Checklist", "Select a setup in the list first.")
            return None
        try:
            setup = screen.workspace.load(setup_id)
        except StoreError as exc:
            dialogs.inform(screen, "Checklist", str(exc), warning=True)
            return None
        session = screen.workspace.session(setup, read_only=True)
        return action(session, screen)

    return call


def _consultant_profile(screen: Any, _setup_id: str | None) -> object:
    from wizard.pages import settings_dialog

    return settings_dialog.open_profile(screen)


def start_screen_checklist_actions() -> list[tuple[str, Callable[[Any, str | None], object]]]:
    actions = [(label, _for_selected_setup(action)) for label, action in checklist_actions()]
    return [*actions, ("Consultant &profile…", _consultant_profile)]
