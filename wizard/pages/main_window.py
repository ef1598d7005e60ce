"""The main window: the start screen, or the guided flow of one open setup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from wizard import APP_DISPLAY_NAME
from wizard.pages import dialogs
from wizard.pages.start_screen import StartScreen
from wizard.session import SetupLock, SetupStore, Workspace
from wizard.storage.document import Clock, Setup, utc_now
from wizard.storage.errors import SetupLocked, StoreError
from wizard.storage.secrets import SecretStore

if TYPE_CHECKING:
    from wizard.content.playbook import Playbook
    from wizard.pages.wizard_view import WizardView
    from wizard.session import Session


class MainWindow(QMainWindow):
    def __init__(
        self,
        book: Playbook | None,
        store: SetupStore,
        secrets: SecretStore | None = None,
        clock: Clock = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.secrets = secrets or SecretStore()
        self.clock = clock
        self.workspace = Workspace(book, store, self.secrets, clock)
        self.view: WizardView | None = None
        self.session: Session | None = None
        self.lock: SetupLock | None = None
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.resize(1040, 760)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.start = StartScreen(self.workspace, self)
        self.start.new_requested.connect(self.new_setup)
        self.start.open_requested.connect(self.open_setup)
        self.stack.addWidget(self.start)
        self._menus()

    @property
    def book(self) -> Playbook:
        """The playbook (None given: the shipped one, loaded when a setup is first opened)."""
        return self.workspace.book

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        new = QAction(self.tr("&New setup"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.new_setup)
        file_menu.addAction(new)
        home = QAction(self.tr("&All setups"), self)
        home.triggered.connect(self.show_start)
        file_menu.addAction(home)
        file_menu.addSeparator()
        quit_ = QAction(self.tr("&Quit"), self)
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        file_menu.addAction(quit_)

    # -- opening and closing setups ---------------------------------------------------------
    def open_setup(self, setup_id: str) -> None:
        # Lock first, then load: another window may be saving (or repairing) this setup.
        lock, read_only = self._lock(setup_id)
        if lock is None and not read_only:
            return
        try:
            setup = self.workspace.load(setup_id)
        except StoreError as exc:
            if lock is not None:
                lock.release()
            dialogs.inform(self, self.tr("Can't open this setup"), str(exc), warning=True)
            self.start.reload()
            return
        self._open(setup, lock, read_only)

    def new_setup(self) -> None:
        setup = Setup.new(clock=self.clock)
        lock, _ = self._lock(setup.id)
        self._open(setup, lock, False)

    def _lock(self, setup_id: str) -> tuple[SetupLock | None, bool]:
        """(lock, read_only). (None, False) means the user chose not to open the setup."""
        try:
            return self.workspace.open_lock(setup_id), False
        except SetupLocked as exc:
            if dialogs.confirm(
                self, self.tr("Setup already open"), str(exc), self.tr("Open read-only")
            ):
                return None, True
            return None, False
        except StoreError as exc:
            dialogs.inform(self, self.tr("Can't open this setup"), str(exc), warning=True)
            return None, False

    def _open(self, setup: Setup, lock: SetupLock | None, read_only: bool) -> None:
        # The flow's pages load when a setup is first opened; the start screen doesn't need them.
        from wizard.pages.wizard_view import WizardView

        self._close_view()
        self.lock = lock
        self.session = self.workspace.session(setup, read_only=read_only)
        self.view = WizardView(self.session, self)
        self.view.closed.connect(self.show_start)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.view.focus_first()  # only now is the page visible and able to take focus
        self._update_title()
        self.session.listeners.append(self._update_title)

    def _close_view(self, delete: bool = True) -> None:
        if self.view is not None:
            self.view.close_session()  # saves what is still unsaved
            if delete:  # on quit the view goes with the window (deleting it first crashed Qt)
                self.stack.removeWidget(self.view)
                self.view.deleteLater()
            self.view = None
        self.session = None
        if self.lock is not None:
            self.lock.release()
        self.lock = None

    def show_start(self) -> None:
        sid = self.session.setup.id if self.session else None
        self._close_view()
        self.start.reload(select=sid)
        self.stack.setCurrentWidget(self.start)
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.start.table.setFocus()

    def _update_title(self) -> None:
        if self.view is not None:
            self.setWindowTitle(f"{self.view.header_text()} — {APP_DISPLAY_NAME}")

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            self.view is not None
            and not self.view.save_now()
            and not dialogs.confirm(
                self,
                self.tr("Changes not saved"),
                f"{self.view.session.save_error}\n\nQuit anyway and lose the unsaved changes?",
                self.tr("Quit without saving"),
            )
        ):
            event.ignore()
            return
        self._close_view(delete=False)
        event.accept()
