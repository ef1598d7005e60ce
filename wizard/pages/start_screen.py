"""The start screen: begin a new setup, or pick a saved one to continue, rename, copy or remove."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.pages import features, setup_actions
from wizard.pages.widgets import Banner, clear_layout, heading, plain_label, std_icon
from wizard.session import SetupEntry, Workspace


def _when(stamp: str) -> str:
    try:
        moment = _dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class StartScreen(QWidget):
    new_requested = Signal()
    open_requested = Signal(str)  # setup id

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.book = workspace.book
        self.secrets = workspace.secrets
        self.clock = workspace.clock
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.addWidget(heading(self.tr("Lync–Skype Connect"), 1, self))
        root.addWidget(
            plain_label(
                self.tr(
                    "Connect your Lync users with Skype users, step by step. Start a new setup, "
                    "or continue one you saved: everything you enter is kept on this computer."
                ),
                self,
            )
        )
        self.notices = QVBoxLayout()
        root.addLayout(self.notices)
        top = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New setup"), self)
        self.new_button.setAccessibleName(self.tr("New setup"))
        self.new_button.clicked.connect(self.new_requested)
        top.addWidget(self.new_button)
        top.addStretch(1)
        root.addLayout(top)

        root.addWidget(heading(self.tr("Saved setups"), 2, self))
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Saved setups"))
        self.tree.setHeaderLabels(
            [
                self.tr("Client"),
                self.tr("Deployment"),
                self.tr("Progress"),
                self.tr("Last changed"),
                self.tr("Status"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemActivated.connect(lambda *_: self.continue_selected())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        root.addWidget(self.tree, 1)
        self.empty_label = plain_label(
            self.tr("No saved setups yet. Choose New setup to begin."), self
        )
        root.addWidget(self.empty_label)

        row = QHBoxLayout()
        self.continue_button = QPushButton(self.tr("&Continue"), self)
        self.continue_button.setAccessibleName(self.tr("Continue"))
        self.continue_button.clicked.connect(self.continue_selected)
        row.addWidget(self.continue_button)
        self.action_buttons: dict[str, QPushButton] = {}
        for label, callback in setup_actions.ACTIONS:
            button = QPushButton(label, self)
            name = label.replace("&", "").rstrip("…").strip()
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, cb=callback: self._run(cb))
            self.action_buttons[name] = button
            row.addWidget(button)
        self.checklist_button = QPushButton(self.tr("C&hecklist"), self)
        self.checklist_button.setAccessibleName(self.tr("Checklist"))
        self.checklist_menu = QMenu(self.checklist_button)
        self.checklist_menu.aboutToShow.connect(self._fill_checklist_menu)
        self._checklist_actions: dict[str, QAction] = {}
        self.checklist_button.setMenu(self.checklist_menu)
        row.addWidget(self.checklist_button)
        row.addStretch(1)
        root.addLayout(row)
        self.entries: list[SetupEntry] = []
        self.reload()

    def _fill_checklist_menu(self) -> None:
        """Build the Checklist menu the first time it opens (printing loads on first use)."""
        if self._checklist_actions:
            return
        for label, callback in features.start_screen_checklist_actions():
            act = self.checklist_menu.addAction(label)
            act.triggered.connect(lambda _=False, cb=callback: self._run(cb))
            self._checklist_actions[label.replace("&", "").rstrip("…")] = act

    @property
    def checklist_menu_actions(self) -> dict[str, QAction]:
        self._fill_checklist_menu()
        return self._checklist_actions

    def _run(self, callback: object) -> None:
        sid = self.selected_id()
        callback(self, sid)  # type: ignore[operator]

    def reload(self, select: str | None = None) -> None:
        current = select or self.selected_id()
        self.entries = self.workspace.entries()
        self.tree.clear()
        today = self.clock().astimezone().date()
        for entry in self.entries:
            if entry.setup is None:
                item = QTreeWidgetItem([entry.id, "", "", "", f"Can't be opened: {entry.error}"])
                item.setIcon(0, std_icon(self, "error"))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                s = entry.setup
                dep = (
                    self.book.field("deployment").choice_label(s.deployment) if s.deployment else ""
                )
                overview = self.workspace.overview(s, today)
                prog, status, act = overview.progress, overview.status, overview.activation
                item = QTreeWidgetItem(
                    [s.client_name or "(unnamed)", dep, prog.text, _when(s.updated_at), status]
                )
                kind = (
                    "waiting"
                    if act and not act.confirmed_on
                    else "done"
                    if prog.done == prog.total
                    else "todo"
                )
                if act and act.overdue:
                    kind = "warning"
                    item.setText(4, "⚠ " + status)
                item.setIcon(0, std_icon(self, kind))
                item.setToolTip(4, item.text(4))  # long status lines are cut off in the column
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            self.tree.addTopLevelItem(item)
            if entry.id == current:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.empty_label.setVisible(not self.entries)
        self._show_notices()
        self._update_buttons()

    def _show_notices(self) -> None:
        clear_layout(self.notices)
        for text in self.workspace.notices:
            self.notices.addWidget(Banner("warning", text, self))

    def selected_id(self) -> str | None:
        item = self.tree.currentItem()
        if item is None or not (item.flags() & Qt.ItemFlag.ItemIsEnabled):
            return None
        return str(item.data(0, Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.continue_button.setEnabled(has)
        self.checklist_button.setEnabled(has)
        for name, button in self.action_buttons.items():
            button.setEnabled(has or name.startswith("Import"))

    def continue_selected(self) -> None:
        sid = self.selected_id()
        if sid:
            self.open_requested.emit(sid)
