"""Drive the app like a user: find inputs by their visible labels, type, press Next."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from wizard.content import playbook
from wizard.pages.main_window import MainWindow
from wizard.pages.step_page import StepPage
from wizard.pages.wizard_view import WizardView
from wizard.storage.store import SetupStore

#: A complete, valid set of answers, by visible label (as an admin would read the form).
ANSWERS_BY_FIELD: dict[str, Any] = {
    "client_name": "Contoso Ltd",
    "server_version": "Skype for Business Server 2015",
    "provisioning_route": "A provisioning request at pic.lync.com (historical, while the site was open)",
    "sip_domains": "contoso.com\nfabrikam.com",
    "access_edge_fqdn": "sip.contoso.com",
    "edge_public_ip": "203.0.113.10",
    "dns_ttl": "3600",
    "agreement_type": "Volume Licensing agreement",
    "agreement_number": "V-1234567",
    "admin_email": "lync-admin@contoso.com",
    "pic_submitted_on": "2014-03-01",
    "activation_confirmed_on": "",
    "policy_scope": "Everyone (change the global policy)",
    "site_name": "Redmond",
    "policy_name": "SkypeUsers",
    "policy_users": "sip:anna@contoso.com",
    "verification_level": "All communications (AlwaysVerifiable, the default)",
    "test_account": "tester@gmail.com",
    "test_sip_uri": "sip:anna@contoso.com",
    "teams_homing": "All our users are in Microsoft 365 (cloud only)",
    "teams_policy_name": "TeamsFreeChat",
    "teams_users": "anna@contoso.com\nbob@contoso.com",
    "teams_test_user": "anna@contoso.com",
    "teams_test_account": "tester@outlook.com",
}


def make_window(qtbot, data_dir, clock, secrets=None) -> MainWindow:
    window = MainWindow(playbook.load(), SetupStore(data_dir, clock=clock), secrets, clock=clock)
    qtbot.addWidget(window)
    window.show()
    return window


def view(window: MainWindow) -> WizardView:
    assert window.view is not None, "no setup is open"
    return window.view


def page(window: MainWindow) -> StepPage:
    p = view(window).page
    assert isinstance(p, StepPage), f"not a step page: {p!r}"
    return p


def control_for_label(container: QWidget, label: str) -> QWidget:
    """The input whose visible label (or checkbox/radio text) is ``label``."""
    wanted = label.replace("&", "").rstrip(" *:").strip()
    for lab in container.findChildren(QLabel):
        text = lab.text().replace("&", "").rstrip(" *:").strip()
        if text == wanted and lab.buddy() is not None and lab.isVisibleTo(container):
            return lab.buddy()
    for button in container.findChildren(QAbstractButton):
        if button.text().replace("&", "") == wanted and button.isVisibleTo(container):
            return button
    raise LookupError(f"no visible input labelled {label!r}")


def set_control(control: QWidget, value: Any) -> None:
    """Put a value into a control the way a user would (choose, type, tick)."""
    if isinstance(control, QRadioButton):
        # A choice shown as radio buttons: pick the one whose text is the value.
        for sibling in control.parentWidget().findChildren(QRadioButton):
            if sibling.text() == value:
                sibling.setChecked(True)
                return
        raise LookupError(f"no option {value!r}")
    if isinstance(control, QComboBox):
        index = control.findText(str(value))
        assert index >= 0, (
            f"no option {value!r} in {[control.itemText(i) for i in range(control.count())]}"
        )
        control.setCurrentIndex(index)
    elif isinstance(control, QCheckBox):
        control.setChecked(bool(value))
    elif isinstance(control, QPlainTextEdit):
        control.setPlainText(str(value))
    elif isinstance(control, QLineEdit):
        control.clear()
        control.insert(str(value))
    else:
        raise TypeError(f"don't know how to fill {control!r}")


def fill_by_label(window: MainWindow, label: str, value: Any) -> QWidget:
    control = control_for_label(page(window), label)
    set_control(control, value)
    return control


def fill_page(window: MainWindow, answers: dict[str, Any]) -> None:
    """Fill every visible, empty input of the current page from ``answers`` (by field id)."""
    p = page(window)
    book = window.book
    for fid in p.step.visible_fields(p.session.values()):
        if fid not in answers:
            continue
        fld = book.field(fid)
        if fld.kind == "bool":
            continue  # booleans keep their defaults unless a test sets them
        current = p.editors[fid].value()
        if current not in (None, "", []):
            continue
        fill_by_label(window, fld.label, answers[fid])


def press_next(window: MainWindow) -> None:
    view(window).next_button.click()


def walk_to_end(window: MainWindow, answers: dict[str, Any], limit: int = 60) -> list[str]:
    """Fill and press Next until the summary; returns the step ids seen, in order."""
    seen: list[str] = []
    for _ in range(limit):
        v = view(window)
        seen.append(v.current_id)
        if v.session.book.step(v.current_id).kind == "summary":
            return seen
        fill_page(window, answers)
        before = v.current_id
        press_next(window)
        assert v.current_id != before, f"Next did not leave {before}: {page(window).problems()}"
    raise AssertionError(f"no summary after {limit} steps: {seen}")


def start_new(window: MainWindow, client: str, deployment_label: str) -> None:
    window.start.new_button.click()
    fill_by_label(window, "Client or organisation name", client)
    press_next(window)
    control = control_for_label(page(window), deployment_label)
    assert isinstance(control, QRadioButton)
    control.setChecked(True)
    press_next(window)


def visible_dialog(qtbot, cls: type) -> QWidget:
    """The one visible top-level window of class ``cls``, once the event loop has shown it."""
    from PySide6.QtWidgets import QApplication

    found: list[QWidget] = []

    def shown() -> None:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()
        ]
        assert len(found) == 1, found

    qtbot.waitUntil(shown)
    return found[0]


def go_to_step(window: MainWindow, step_id: str, limit: int = 40) -> None:
    """Press Next (filling valid answers) until ``step_id`` is on screen."""
    for _ in range(limit):
        if view(window).current_id == step_id:
            return
        fill_page(window, ANSWERS_BY_FIELD)
        press_next(window)
    raise AssertionError(f"never reached {step_id}")
