"""A read-only table model over cached records: one row per record, columns from functions.

Headers given as ``tr()`` texts follow a language switch: ``retranslate`` re-reads them and the
cells (cells are computed when shown, so a column function that uses ``tr()`` follows too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.wizard.widgets import again

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


class HeadedRowsModel(QAbstractTableModel):
    """A flat table over ``self._rows`` with the headers in ``COLUMNS``; subclasses give ``data``."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return again(self.COLUMNS[section])
        return None

    def retranslate(self) -> None:
        _retranslate(self)


class Column(Generic[Row]):
    def __init__(self, header: str, text: Callable[[Row], str],
                 decoration: Callable[[Row], Any] | None = None) -> None:
        self.header = header
        self.text = text
        self.decoration = decoration


class RowTableModel(QAbstractTableModel, Generic[Row]):
    def __init__(self, columns: Sequence[Column[Row]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, match: Callable[[Row], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if match(r)), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.DecorationRole and column.decoration is not None:
            return column.decoration(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return again(self._columns[section].header)
        return str(section + 1)

    def retranslate(self) -> None:
        """After a language switch: the headers and every cell again."""
        _retranslate(self)


def _retranslate(model: QAbstractTableModel) -> None:
    columns, rows = model.columnCount(), model.rowCount()
    if columns:
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    if columns and rows:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
