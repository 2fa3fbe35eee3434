"""A SQL-paged model whose count operation also brings the sums of every matching row.

`count_fn` returns a summary with a `count` attribute (and whatever sums the list shows); the model
keeps it as `totals` and announces it with `totals_changed`, so the figures under a table describe the
whole filtered list, not the rows loaded so far.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal

from .paged_model import PagedTableModel


class SummedPagedModel(PagedTableModel):
    totals_changed = Signal(object)

    totals: Any = None

    def _counted(self, generation: int, count: Any) -> None:
        if generation != self._generation:
            return
        self.totals = count
        super()._counted(generation, count.count)
        self.totals_changed.emit(count)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)
