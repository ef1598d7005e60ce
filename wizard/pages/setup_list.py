"""The start screen's list of saved setups as a model: Qt asks for the visible rows only.

``SetupListModel`` is a table over ``listing.Row`` objects (made from the setup index, see
``wizard.content.listing``); ``SetupFilter`` filters by client name and SIP domain as the user
types and sorts by client, last change or state ("needs attention first": overdue, waiting, in
progress, done). Sort keys and the search text are computed once per row, so filtering and sorting
1,000 setups stays within a frame (bench/bench_filter.py).
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QIcon

from wizard.content.listing import OVERDUE, RANK, WAITING, Row

CLIENT, DEPLOYMENT, PROGRESS, CHANGED, STATUS = range(5)
HEADERS = ("Client", "Deployment", "Progress", "Last changed", "Status")
#: The setup id of a row.
ID_ROLE = Qt.ItemDataRole.UserRole
#: What the proxy sorts by: a number or a lower-case text per column.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Client name and SIP domains in lower case, what the filter box matches.
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


def when(stamp: str) -> str:
    """A saved UTC time stamp as local time, minutes precision."""
    try:
        moment = _dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class SetupListModel(QAbstractTableModel):
    def __init__(self, icons: dict[str, QIcon], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icons = icons
        self.rows: list[Row] = []
        self._shown: list[str] = []  # "Last changed" as local time, made on first display
        self._attention: list[float] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._shown = [""] * len(rows)
        # Needs attention first, then the most recent change first within each state.
        self._attention = [RANK[r.state] * 1e11 - _epoch(r.updated_at) for r in rows]
        self.endResetModel()

    def row_of_id(self, setup_id: str) -> int:
        for i, row in enumerate(self.rows):
            if row.id == setup_id:
                return i
        return -1

    # -- QAbstractTableModel ---------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self.rows[index.row()].enabled:
            return Qt.ItemFlag.ItemNeverHasChildren
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r, col = index.row(), index.column()
        row = self.rows[r]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(r, row, col)
        if role == SEARCH_ROLE:
            return row.search
        if role == SORT_ROLE:
            if col == CLIENT:
                return row.client.casefold()
            if col == CHANGED:
                return row.updated_at
            if col == STATUS:
                return self._attention[r]
            if col == PROGRESS:
                return row.done / row.total if row.total else 0.0
            return self._text(r, row, col)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and col == STATUS:
            return row.status  # long status lines are cut off in the column
        if role == Qt.ItemDataRole.DecorationRole and col == CLIENT:
            return self.icons.get(row.state)
        if role == Qt.ItemDataRole.FontRole and row.state in (OVERDUE, WAITING) and col == STATUS:
            return self._bold
        return None

    def _text(self, r: int, row: Row, col: int) -> str:
        if col == CLIENT:
            return row.client
        if col == DEPLOYMENT:
            return row.deployment
        if col == PROGRESS:
            return row.progress
        if col == CHANGED:
            if not self._shown[r] and row.updated_at:
                self._shown[r] = when(row.updated_at)
            return self._shown[r]
        return row.status


def _epoch(stamp: str) -> float:
    try:
        return _dt.datetime.fromisoformat(stamp).timestamp()
    except ValueError:
        return 0.0


class SetupFilter(QSortFilterProxyModel):
    """Filter by client name or SIP domain (case-insensitive, as typed); sort by a column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(CLIENT)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
