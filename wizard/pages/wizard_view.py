"""The guided flow for one open setup: a sidebar of every step, the current page, Back/Next.

Navigation asks the session (``wizard.content.flow`` underneath) which steps apply and what comes
next; the view itself decides nothing. Steps that were visited can be jumped to from the sidebar;
the others are listed so the admin sees the whole branch, but are reached through Next.

Saving: an edit only marks the session dirty. The view saves ``SAVE_IDLE_MS`` after the last edit
(the timer restarts on each keystroke), at the latest ``SAVE_MAX_MS`` after the first unsaved edit
(so steady typing is saved too), when an input loses the focus, on every page change and when the
setup is closed (``close_session``: All setups, another setup, quitting). So a crash or a power cut
loses at most the last ``SAVE_MAX_MS`` of typing, usually only what came after the last short pause.
A keystroke updates the sidebar items in place; nothing is rebuilt unless what it shows changed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from wizard.pages import keyboard
from wizard.pages.step_page import StepPage
from wizard.pages.summary_page import SummaryPage
from wizard.pages.widgets import Banner, clear_layout, plain_label, std_icon
from wizard.session import Session
from wizard.storage.document import DONE, SKIPPED

logger = logging.getLogger(__name__)

STATUS_WORDS = {
    "todo": "To do",
    "current": "Current",
    DONE: "Done",
    "waiting": "Waiting",
    SKIPPED: "Skipped",
}


#: Save this long after the last keystroke (restarted on each edit).
SAVE_IDLE_MS = 600
#: ... and at the latest this long after the first unsaved edit, however fast the typing.
SAVE_MAX_MS = 2000


class WizardView(QWidget):
    closed = Signal()  # the user went back to the start screen
    secrets_written = Signal()  # emitted from the session's worker thread; handled on the GUI's

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.page: QWidget | None = None
        self.current_id = ""
        self._banner_messages: list[tuple[str, str]] | None = None
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_IDLE_MS)
        self.save_timer.timeout.connect(self.save_now)
        self.max_timer = QTimer(self)
        self.max_timer.setSingleShot(True)
        self.max_timer.setInterval(SAVE_MAX_MS)
        self.max_timer.timeout.connect(self.save_now)
        self.secrets_written.connect(self._refresh_banners, Qt.ConnectionType.QueuedConnection)
        session.background_listeners.append(self.secrets_written.emit)

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.banners = QVBoxLayout()
        self.banners.setContentsMargins(8, 6, 8, 0)
        root.addLayout(self.banners)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter = split
        self.sidebar = QListWidget(split)
        self.sidebar.setAccessibleName(self.tr("Steps of this setup"))
        self.sidebar.setIconSize(QSize(16, 16))
        self.sidebar.setWordWrap(True)
        self.sidebar.setMinimumWidth(self.fontMetrics().averageCharWidth() * 28)
        self.sidebar.itemActivated.connect(self._on_sidebar)
        self.sidebar.itemClicked.connect(self._on_sidebar)
        self.scroll_area = QScrollArea(split)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAccessibleName(self.tr("Current step"))
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        split.addWidget(self.sidebar)
        split.addWidget(self.scroll_area)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 740])
        root.addWidget(split, 1)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 4, 8, 8)
        self.home_button = QPushButton(self.tr("All &setups"), self)
        self.home_button.setAccessibleName(self.tr("All setups"))
        self.home_button.clicked.connect(self.closed)
        buttons.addWidget(self.home_button)
        self.position_label = plain_label("", self, wrap=False)
        buttons.addWidget(self.position_label, 1, Qt.AlignmentFlag.AlignCenter)
        self.back_button = QPushButton(self.tr("< &Back"), self)
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("&Next >"), self)
        self.next_button.setAccessibleName(self.tr("Next"))
        self.next_button.clicked.connect(self.go_next)
        self.next_button.setDefault(True)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        root.addLayout(buttons)

        QShortcut(QKeySequence("Ctrl+Return"), self, self.go_next)
        QShortcut(QKeySequence("Alt+Right"), self, self.go_next)
        QShortcut(QKeySequence("Alt+Left"), self, self.go_back)

        start = session.resume_step()
        self.show_step(start.id)

    # -- navigation -----------------------------------------------------------------------
    def show_step(self, step_id: str) -> None:
        book = self.session.book
        step = book.step(step_id)
        logger.info("setup %s: step %s", self.session.setup.id, step_id)
        self.save_now()
        self.current_id = step_id
        self.session.visit(step_id)
        if step.kind == "summary":
            page: QWidget = SummaryPage(self.session, step, self)
            page.jump.connect(self.show_step)  # type: ignore[attr-defined]
        else:
            page = StepPage(self.session, step, self)
            page.changed.connect(self._on_page_changed)
            page.left.connect(self.save_now)
        old = self.scroll_area.takeWidget()
        if isinstance(old, StepPage):
            old.detach()
        if old is not None:
            old.deleteLater()
        keyboard.unique_mnemonics(page, self.reserved_mnemonics())
        self.scroll_area.setWidget(page)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.page = page
        self.refresh()
        self.focus_first()

    def reserved_mnemonics(self) -> set[str]:
        """Alt+letters the window already uses: its menus and the buttons under every page."""
        buttons = (self.home_button, self.back_button, self.next_button)
        taken = {keyboard.mnemonic(b.text()) for b in buttons} | {"n"}  # Next and Finish
        window = self.window()
        if isinstance(window, QMainWindow):
            taken |= {keyboard.mnemonic(a.text()) for a in window.menuBar().actions()}
        return taken - {""}

    def focus_first(self) -> None:
        """Put the keyboard focus on the page's first input (or Next), where a user starts."""
        page = self.page
        target = page.first_input() if isinstance(page, StepPage) else None
        (target or self.next_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def go_next(self) -> None:
        page = self.page
        if isinstance(page, StepPage):
            if not page.validate_for_next():
                return
            if page.step.auto_done:
                self.session.mark(page.step.id, DONE)
        nxt = self.session.next_step(self.current_id)
        if nxt is None:
            self.closed.emit()
            return
        self.show_step(nxt.id)

    def go_back(self) -> None:
        prev = self.session.previous_step(self.current_id)
        if prev is not None:
            self.show_step(prev.id)

    def _on_sidebar(self, item: QListWidgetItem) -> None:
        """Any step can be opened from the sidebar, as in an installer's hub."""
        step_id = item.data(Qt.ItemDataRole.UserRole)
        if step_id and step_id != self.current_id:
            self.show_step(step_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return goes Next, as the default button does in a dialog: from a choice, a tick box
        a one-line field or the page itself. Multi-line fields keep it for a new line; a focused
        button, link or list item is activated instead."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            focus = QApplication.focusWidget()
            if isinstance(focus, QAbstractButton) and not focus.isCheckable():
                focus.click()
            elif not isinstance(focus, (QAbstractItemView, QTextEdit, QPlainTextEdit)):
                self.go_next()
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_page_changed(self) -> None:
        if self.session.dirty:
            self.save_timer.start()  # restarts: saves once typing pauses
            if not self.max_timer.isActive():
                self.max_timer.start()
        self.refresh()

    # -- saving -------------------------------------------------------------------------------
    def save_now(self) -> bool:
        """Save the session's unsaved changes now; True when nothing is left unsaved."""
        self.save_timer.stop()
        self.max_timer.stop()
        error = self.session.save_error
        ok = self.session.save()
        if self.session.save_error != error:
            self._refresh_banners()
        return ok

    def close_session(self) -> bool:
        """The setup is being closed: save, and let pending keyring writes finish."""
        self.save_timer.stop()
        self.max_timer.stop()
        if isinstance(self.page, StepPage):
            self.page.detach()
        # Deleting a widget that holds the keyboard focus inside a closed window crashed Qt
        # (segfault in QWidget::window() from ~QWidget): hand the focus back first.
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        return self.session.close()

    # -- derived display ------------------------------------------------------------------
    def refresh(self) -> None:
        setup = self.session.setup
        steps = self.session.steps()
        ids = [s.id for s in steps]
        self.sidebar.blockSignals(True)
        same = self.sidebar.count() == len(ids) and all(
            self.sidebar.item(i).data(Qt.ItemDataRole.UserRole) == sid for i, sid in enumerate(ids)
        )
        if not same:  # the branch changed: list the steps anew
            self.sidebar.clear()
            for step in steps:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, step.id)
                self.sidebar.addItem(item)
        number = 0
        for i, step in enumerate(steps):
            item = self.sidebar.item(i)
            status = "current" if step.id == self.current_id else self.session.step_status(step)
            word = STATUS_WORDS[status]
            if step.kind == "summary":
                title = step.title
            else:
                number += 1
                title = f"{number}. {step.title}"
            needs = ""
            if step.id not in setup.visited and status == "todo":
                missing = self.session.step_problems(step)
                labels = [self.session.book.field(fid).label for fid in missing]
                if labels:
                    needs = "Needs: " + ", ".join(labels[:2]) + (" …" if len(labels) > 2 else "")
                    word = f"{word} · {needs}"
            text = f"{title}\n{word}"
            if item.text() != text:  # only what changed is touched
                item.setIcon(std_icon(self, status))
                item.setText(text)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title.rstrip('.')}: {word}")
                tip = step.summary
                if step.id not in setup.visited:
                    tip += "\nNot opened yet" + (f". {needs}" if needs else "")
                item.setToolTip(tip)
            if step.id == self.current_id and self.sidebar.currentItem() is not item:
                self.sidebar.setCurrentItem(item)
        self.sidebar.blockSignals(False)
        pos = ids.index(self.current_id) + 1 if self.current_id in ids else 0
        position = self.position_text(pos)
        if self.position_label.text() != position:
            self.position_label.setText(position)
        self.back_button.setEnabled(pos > 1)
        last = pos == len(ids)
        label = self.tr("Fi&nish") if last else self.tr("&Next >")
        if self.next_button.text() != label:
            self.next_button.setText(label)
            self.next_button.setAccessibleName(self.tr("Finish") if last else self.tr("Next"))
        self._refresh_banners()

    def position_text(self, pos: int) -> str:
        """ "Step N of M", M counting the steps of the branch (the summary is not a step), as
        the summary and the start screen count them; before the deployment is chosen the
        total isn't known, so it isn't shown."""
        steps = [s for s in self.session.steps() if s.kind != "summary"]
        if not pos:
            return ""
        if self.session.book.step(self.current_id).kind == "summary":
            return f"Summary of {len(steps)} steps"
        if not self.session.setup.deployment:
            return f"Step {pos}"
        return f"Step {pos} of {len(steps)}"

    def _refresh_banners(self) -> None:
        messages: list[tuple[str, str]] = []
        if self.session.read_only:
            messages.append(
                ("warning", "This setup is open in another window, so it is shown read-only here.")
            )
        if self.session.save_error:
            messages.append(("error", self.session.save_error))
        if self.session.secrets.unavailable and self._asks_for_secret():
            messages.append(("info", self.session.secrets.unavailable))
        act = self.session.activation()
        if act and not act.confirmed_on:
            messages.append(("warning" if act.overdue else "info", act.text))
        if messages == self._banner_messages:
            return  # unchanged: keep the widgets (no flicker, focus and screen readers undisturbed)
        self._banner_messages = messages
        clear_layout(self.banners)
        for kind, text in messages:
            banner = Banner(kind, text, self)
            self.banners.addWidget(banner)
            banner.show()

    def _asks_for_secret(self) -> bool:
        """True when the page on screen shows a secret field (the keyring note belongs there)."""
        page = self.page
        if not isinstance(page, StepPage):
            return False
        book = self.session.book
        shown = page.step.visible_fields(self.session.values())
        return any(book.field(fid).secret for fid in shown)

    def header_text(self) -> str:
        setup = self.session.setup
        name = setup.client_name or "New setup"
        dep = setup.deployment
        if dep:
            label = self.session.book.field("deployment").choice_label(dep)
            return f"{name} — {label}"
        return name
