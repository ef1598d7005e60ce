"""The main window: the start screen, or the guided flow of one open setup."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from wizard import APP_DISPLAY_NAME
from wizard.pages import dialogs, keyboard, ui_settings
from wizard.pages.feedback import FileNotice
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
        self._default_size()
        self.help_windows: dict[str, QWidget] = {}
        self.notice: FileNotice | None = None
        self.save_state = QLabel(self)
        self.save_state.setAccessibleName(self.tr("Save status"))
        self.statusBar().addPermanentWidget(self.save_state)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.start = StartScreen(self.workspace, self)
        self.start.new_requested.connect(self.new_setup)
        self.start.open_requested.connect(self.open_setup)
        self.stack.addWidget(self.start)
        self._menus()
        menus = {keyboard.mnemonic(a.text()) for a in self.menuBar().actions()}
        keyboard.unique_mnemonics(self.start, menus)
        self._restore_geometry()

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
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_actions: dict[str, QAction] = {}
        for label, slot, key in (
            (self.tr("&User guide"), self.show_guide, QKeySequence.StandardKey.HelpContents),
            (self.tr("&Which deployment do I have?"), self.show_deployments, None),
            (self.tr("&Keyboard shortcuts"), self.show_shortcuts, None),
            (None, None, None),
            (self.tr("Open &data folder"), self.open_data_folder, None),
            (self.tr("Open &log"), self.open_log, None),
            (None, None, None),
            (self.tr("&About Lync–Skype Connect"), self.show_about, None),
        ):
            if label is None:
                help_menu.addSeparator()
                continue
            act = QAction(label, self)
            if key is not None:
                act.setShortcut(key)
            act.triggered.connect(slot)
            help_menu.addAction(act)
            self.help_actions[label.replace("&", "")] = act

    # -- help ------------------------------------------------------------------------------
    def _help(self, key: str, title: str, body: str) -> QWidget:
        from wizard.pages import help as help_

        old = self.help_windows.get(key)
        if old is not None:
            with contextlib.suppress(RuntimeError):  # already deleted by Qt
                old.close()
        window = help_.show(self, title, body)
        self.help_windows[key] = window
        return window

    def show_guide(self) -> QWidget:
        from wizard.pages import help as help_

        return self._help("guide", self.tr("User guide"), help_.guide_html(self.store.dir))

    def show_deployments(self) -> QWidget:
        from wizard.pages import help as help_

        title = self.tr("Which deployment do I have?")
        return self._help("deployment", title, help_.deployment_html(self.book))

    def show_shortcuts(self) -> QWidget:
        from wizard.pages import help as help_

        return self._help("shortcuts", self.tr("Keyboard shortcuts"), help_.shortcuts_html())

    def show_about(self) -> QWidget:
        from wizard.pages import help as help_

        title = self.tr("About {}").format(APP_DISPLAY_NAME)
        return self._help("about", title, help_.about_html(self.store.dir))

    def open_data_folder(self) -> bool:
        return dialogs.open_file(str(self.store.dir))

    def open_log(self) -> bool:
        from wizard.pages import help as help_

        log = help_.log_file()
        if log.is_file():
            return dialogs.open_file(str(log))
        folder = help_.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.statusBar().showMessage(self.tr("No log yet; opened the log folder."), 8000)
        return dialogs.open_file(str(folder))

    # -- feedback --------------------------------------------------------------------------
    def on_saved(self, error: str) -> None:
        """Quiet "Saved" after each save; an error stays, in words, until a save works."""
        if error:
            self.save_state.setText(self.tr("Not saved: see the message above"))
            self.save_state.setToolTip(error)
            self.statusBar().showMessage(error)
        else:
            self.save_state.setText("")
            self.save_state.setToolTip("")
            self.statusBar().showMessage(self.tr("Saved"), 2500)

    def show_file_notice(self, path: Path, what: str) -> FileNotice:
        if self.notice is not None:
            with contextlib.suppress(RuntimeError):
                self.notice.deleteLater()
        self.notice = FileNotice(path, what, self.statusBar())
        self.statusBar().addWidget(self.notice, 1)
        self.notice.show()
        return self.notice

    # -- window state ----------------------------------------------------------------------
    def _default_size(self) -> None:
        """A first-run size that fits the screen (the saved geometry wins afterwards)."""
        self.resize(1040, 720)
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(min(1280, int(room.width() * 0.9)), min(860, int(room.height() * 0.9)))

    def _restore_geometry(self) -> None:
        geometry = ui_settings.settings().value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def save_window_state(self) -> None:
        s = ui_settings.settings()
        s.setValue("window/geometry", self.saveGeometry())
        if self.view is not None:
            s.setValue("window/splitter", self.view.splitter.saveState())
        s.sync()

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
        self.session.save_listeners.append(self.on_saved)
        self.view = WizardView(self.session, self)
        splitter = ui_settings.settings().value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.view.splitter.restoreState(splitter)
        self.view.closed.connect(self.show_start)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.view.focus_first()  # only now is the page visible and able to take focus
        self._update_title()
        self.session.listeners.append(self._update_title)

    def _close_view(self, delete: bool = True) -> None:
        if self.view is not None:
            ui_settings.put("window/splitter", self.view.splitter.saveState())
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
        self.save_window_state()
        self._close_view(delete=False)
        event.accept()
