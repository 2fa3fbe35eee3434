"""Column widths of the follow-up tables: the Column's width as the default, the user's saved layout on top."""

from __future__ import annotations

from ..kit.paged_model import Column
from ..kit.table_view import DataTableView


def apply_widths(table: DataTableView, columns: list[Column]) -> None:
    for index, column in enumerate(columns):
        if column.width:
            table.horizontalHeader().resizeSection(index, column.width)
