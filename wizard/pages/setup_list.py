"""The start screen's list of saved setups as a model: Qt asks for the visible rows only.

``SetupListModel`` is a table over ``listing.Row`` objects (made from the setup index, see
``wizard.content.listing``); ``SetupFilter`` filters by client name and SIP domain as the user
types and the model sorts itself by client, last change or state ("needs attention first": overdue,
waiting, in progress, done) in one Python sort: a sorting proxy would call ``data()`` back for
each of ~10,000 comparisons (0.3 s at 1,000 setups). The search text is made once per row, so
filtering 1,000 setups stays within a frame (bench/bench_filter.py).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

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
#: Client name and SIP domains in lower case, what the filter box matches.
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex
_ENABLED = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_DISABLED = Qt.ItemFlag.ItemNeverHasChildren


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
        self.sort_column = STATUS
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = self._sorted(rows)
        self._shown = [""] * len(rows)
        self.endResetModel()

    def _sorted(self, rows: list[Row]) -> list[Row]:
        if self.sort_column == STATUS:
            # Needs attention first, then the most recent change first within each state (two
            # stable sorts: no date parsing for 1,000 rows).
            out = sorted(rows, key=lambda r: (r.updated_at, r.id), reverse=True)
            out.sort(key=lambda r: RANK[r.state])
            if self.sort_order == Qt.SortOrder.DescendingOrder:
                out.reverse()
        else:
            key = self._sort_key(self.sort_column)
            out = sorted(rows, key=key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        # Broken files last whatever the order: they can't be opened.
        return [r for r in out if r.enabled] + [r for r in out if not r.enabled]

    @staticmethod
    def _sort_key(col: int) -> Callable[[Row], Any]:
        if col == CLIENT:
            return lambda r: (r.client.casefold(), r.id)
        if col == CHANGED:
            return lambda r: (r.updated_at, r.id)
        if col == PROGRESS:
            return lambda r: (r.done / r.total if r.total else 0.0, r.id)
        return lambda r: (r.deployment, r.client.casefold(), r.id)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, in one Python sort: a proxy would call data() for every comparison."""
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = {r.id: i for i, r in enumerate(self.rows)}
        persistent = self.persistentIndexList()
        self.rows = self._sorted(self.rows)
        shown, self._shown = self._shown, [""] * len(self.rows)
        new = {r.id: i for i, r in enumerate(self.rows)}
        order_map = {old[sid]: new[sid] for sid in new}
        for i, text in enumerate(shown):
            if text:
                self._shown[order_map[i]] = text
        self.changePersistentIndexList(
            persistent,
            [self.index(order_map[p.row()], p.column()) for p in persistent],
        )
        self.layoutChanged.emit()

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
        return _ENABLED if self.rows[index.row()].enabled else _DISABLED

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r, col = index.row(), index.column()
        row = self.rows[r]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(r, row, col)
        if role == SEARCH_ROLE:
            return row.search
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


class SetupFilter(QSortFilterProxyModel):
    """Filter by client name or SIP domain (case-insensitive, as typed). Sorting is passed on to
    the source model, which sorts its rows in Python once (see ``SetupListModel.sort``); the
    proxy keeps the source's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(CLIENT)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._column = -1
        self._order = Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        self._column, self._order = column, order
        if column >= 0 and source is not None:
            source.sort(column, order)
