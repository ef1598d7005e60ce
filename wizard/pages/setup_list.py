"""The start screen's list of saved setups as a model: Qt asks for the visible rows only.

``SetupListModel`` is a table over ``listing.Row`` objects (made from the setup index, see
``wizard.content.listing``); it filters by client name and SIP domain as the user types, and
sorts itself by client, last change or state ("needs attention first": overdue, waiting, in
progress, done) in one Python sort: a sorting proxy would call ``data()`` back for each of
~10,000 comparisons (0.3 s at 1,000 setups). Filtering is one pass over the rows' search
text (made once per row), not a QSortFilterProxyModel: the proxy calls back into this Python model
for every row and took several times longer (bench/bench_filter.py, bench/README.md).
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
    Qt,
)
from PySide6.QtGui import QFont, QIcon

from wizard.content.listing import OVERDUE, RANK, WAITING, Row

CLIENT, DEPLOYMENT, PROGRESS, CHANGED, STATUS = range(5)
HEADERS = ("Client", "Deployment", "Progress", "Last changed", "Status")
#: The setup id of a row.
ID_ROLE = Qt.ItemDataRole.UserRole

AnyIndex = QModelIndex | QPersistentModelIndex
_ENABLED = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_DISABLED = Qt.ItemFlag.ItemNeverHasChildren
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        ID_ROLE,
    }
)


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
        self.all_rows: list[Row] = []  # every setup, sorted
        self.rows: list[Row] = []  # the ones the filter lets through, in that order
        self.filter_text = ""
        self._shown: dict[str, str] = {}  # "Last changed" as local time, made on first display
        self.sort_column = STATUS
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.all_rows = self._sorted(rows)
        self.rows = self._filtered()
        self._shown = {}
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show the rows whose client name or SIP domains contain ``text`` (any case).

        Done here in one pass over the rows: a QSortFilterProxyModel over this Python model called
        back into Python ~4,000 times per typed letter at 1,000 setups (data, rowCount and
        columnCount per row; bench/bench_filter.py)."""
        text = text.strip().casefold()
        if text == self.filter_text:
            return
        self.beginResetModel()
        self.filter_text = text
        self.rows = self._filtered()
        self.endResetModel()

    def row_of_id(self, setup_id: str) -> int:
        """The shown row of a setup, -1 if it is not shown."""
        for i, row in enumerate(self.rows):
            if row.id == setup_id:
                return i
        return -1

    def _filtered(self) -> list[Row]:
        text = self.filter_text
        return [r for r in self.all_rows if text in r.search] if text else list(self.all_rows)

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
        """One Python sort (a sorting proxy would call data() back for every comparison)."""
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.rows[p.row()].id if p.row() < len(self.rows) else "" for p in persistent]
        self.all_rows = self._sorted(self.all_rows)
        self.rows = self._filtered()
        where = {r.id: i for i, r in enumerate(self.rows)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(where[sid], p.column()) if sid in where else QModelIndex()
                for sid, p in zip(ids, persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

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
        # Painting asks ~10 roles per cell; answer the ones not served here first and fast.
        if role not in _ROLES or not index.isValid():
            return None
        r, col = index.row(), index.column()
        row = self.rows[r]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
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
            text = self._shown.get(row.id)
            if text is None:
                text = self._shown[row.id] = when(row.updated_at) if row.updated_at else ""
            return text
        return row.status
