"""The start screen: begin a new setup, or find a saved one to continue, rename, copy or remove.

The saved setups are a model/view list (``wizard.pages.setup_list``) over the setup index
(``wizard.content.listing``): the list draws only the visible rows and does not need the playbook,
so the window shows as fast with 1,000 setups as with none. A filter box narrows the list by client
name or SIP domain as the user types; the list sorts by state (overdue and waiting first), last
change or client name.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wizard.content import listing
from wizard.pages import features, setup_actions
from wizard.pages.setup_list import CHANGED, CLIENT, ID_ROLE, STATUS, SetupListModel
from wizard.pages.widgets import (
    Banner,
    clear_layout,
    heading,
    plain_label,
    status_banner,
    std_icon,
)
from wizard.session import Workspace

#: The "Sort by" choices: (label, column, order).
SORTS = (
    ("Needs attention first", STATUS, Qt.SortOrder.AscendingOrder),
    ("Last change", CHANGED, Qt.SortOrder.DescendingOrder),
    ("Client name", CLIENT, Qt.SortOrder.AscendingOrder),
)


class StartScreen(QWidget):
    new_requested = Signal()
    open_requested = Signal(str)  # setup id

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.secrets = workspace.secrets
        self.clock = workspace.clock
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.addWidget(heading(self.tr("Lync–Skype Connect"), 1, self))
        root.addWidget(
            plain_label(
                self.tr(
                    "Connect your users with people on personal Microsoft accounts through "
                    "Microsoft Teams, or document the historical Lync–Skype procedure, step by "
                    "step. Start a new setup, or continue one you saved: everything you enter is "
                    "kept on this computer."
                ),
                self,
            )
        )
        # Today's status (status.toml alone, not the playbook), added when the screen is first
        # shown (showEvent), so building the window stays as cheap as before.
        self.status_box = QVBoxLayout()
        root.addLayout(self.status_box)
        self.status_note: QWidget | None = None
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
        root.addLayout(self._filter_row())
        self.model = SetupListModel({state: std_icon(self, _ICON[state]) for state in _ICON}, self)
        # A table view: it lays out rows arithmetically (a QTreeView walks every row on layout).
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Saved setups"))
        self.table.setAccessibleDescription(
            self.tr("Enter continues the selected setup. Ctrl+F searches.")
        )
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move within it
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((220, 200, 100, 130)):
            header.resizeSection(col, width)
        header.sortIndicatorChanged.connect(self._header_sorted)
        self.table.activated.connect(lambda *_: self.continue_selected())
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        root.addWidget(self.table, 1)
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
        self.rows: list[listing.Row] = []
        self.set_sort(0)
        self.reload()

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        find_label = QLabel(self.tr("&Find:"), self)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(self.tr("Client name or SIP domain"))
        self.filter_box.setAccessibleName(self.tr("Find a setup by client name or SIP domain"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.set_filter)
        self.filter_box.returnPressed.connect(self.continue_selected)
        find_label.setBuddy(self.filter_box)
        focus_find = QShortcut(QKeySequence.StandardKey.Find, self)
        focus_find.activated.connect(self.filter_box.setFocus)
        sort_label = QLabel(self.tr("&Sort by:"), self)
        self.sort_box = QComboBox(self)
        self.sort_box.setAccessibleName(self.tr("Sort setups by"))
        for label, _col, _order in SORTS:
            self.sort_box.addItem(self.tr(label))
        self.sort_box.currentIndexChanged.connect(self.set_sort)
        sort_label.setBuddy(self.sort_box)
        row.addWidget(find_label)
        row.addWidget(self.filter_box, 1)
        row.addSpacing(12)
        row.addWidget(sort_label)
        row.addWidget(self.sort_box)
        return row

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

    # -- the list ---------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        current = select or self.selected_id()
        self.rows = self.workspace.rows()
        self.model.set_rows(self.rows)
        self._select(current)
        self._show_notices()
        self._update_buttons()

    def set_filter(self, text: str) -> None:
        """Show the setups whose client name or SIP domain contains ``text``."""
        current = self.selected_id()
        self.model.set_filter(text)
        self._select(current)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.continue_button.setEnabled(has)
        self.checklist_button.setEnabled(has)
        for name, button in self.action_buttons.items():
            button.setEnabled(has or name.startswith("Import"))
        if not self.rows:
            self.empty_label.setText(self.tr("No saved setups yet. Choose New setup to begin."))
        elif not self.model.rowCount():
            self.empty_label.setText(
                self.tr("No saved setup matches “%s”.") % self.filter_box.text().strip()
            )
        self.empty_label.setVisible(not self.model.rowCount())

    def set_sort(self, choice: int) -> None:
        _label, col, order = SORTS[choice]
        self.table.sortByColumn(col, order)

    def _header_sorted(self, col: int, order: Qt.SortOrder) -> None:
        """Keep the "Sort by" box in step with a click on a column header."""
        for i, (_label, c, _o) in enumerate(SORTS):
            if c == col:
                with QSignalBlocker(self.sort_box):
                    self.sort_box.setCurrentIndex(i)

    def _select(self, setup_id: str | None) -> None:
        """Make ``setup_id`` (if shown) or else the first enabled row the current one."""
        target = QModelIndex()
        if setup_id:
            src = self.model.row_of_id(setup_id)
            if src >= 0:
                target = self.model.index(src, 0)
        if not target.isValid():
            for r in range(self.model.rowCount()):
                idx = self.model.index(r, 0)
                if idx.flags() & Qt.ItemFlag.ItemIsEnabled:
                    target = idx
                    break
        if target.isValid():
            self.table.setCurrentIndex(target)
            self.table.scrollTo(target)
        else:
            self.table.selectionModel().clearCurrentIndex()
            self.table.clearSelection()

    def shown_rows(self) -> list[list[str]]:
        """The texts of the rows as listed (filtered and sorted), for tests and accessibility."""
        cols = self.model.columnCount()
        return [
            [str(self.model.index(r, c).data()) for c in range(cols)]
            for r in range(self.model.rowCount())
        ]

    def _show_notices(self) -> None:
        clear_layout(self.notices)
        for text in self.workspace.notices:
            self.notices.addWidget(Banner("warning", text, self))
        if self.workspace.secrets.unavailable:  # known once a setup asked (not at start-up)
            note = Banner("info", self.workspace.secrets.unavailable, self)
            self.notices.addWidget(note)
            note.show()

    def selected_id(self) -> str | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or not (idx.flags() & Qt.ItemFlag.ItemIsEnabled):
            return None
        return str(idx.siblingAtColumn(CLIENT).data(ID_ROLE))

    def continue_selected(self) -> None:
        sid = self.selected_id()
        if sid:
            self.open_requested.emit(sid)

    def showEvent(self, event: QShowEvent) -> None:
        self._show_status()
        super().showEvent(event)

    def _show_status(self) -> None:
        """Today's status with its details link (issue 9), from status.toml alone."""
        if self.status_note is not None:
            return
        from wizard.content import status

        today = status.load()
        self.status_note = status_banner(
            today.text("start"), today.details_label, today.details_url, self
        )
        self.status_box.addWidget(self.status_note)
        self.status_note.show()  # added while the screen is being shown


#: The icon of each state (text says it too: never colour or icon alone).
_ICON = {
    listing.OVERDUE: "warning",
    listing.WAITING: "waiting",
    listing.TODO: "todo",
    listing.DONE: "done",
    listing.BROKEN: "error",
}
