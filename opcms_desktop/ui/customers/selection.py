"""The selected rows of the customer list as data a worker can resolve.

Rows whose page is cached give their customer directly; rows not loaded yet (a Ctrl+A over thousands of
rows) are kept as (first row, count) runs and read by position, under the same query, in the worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ...services import customers
from ...services.customers.query import MAX_PAGE, CustomerQuery
from ...services.customers.rows import CustomerRow
from ...services.security.permissions import Actor
from ..kit.table_view import DataTableView
from .list_model import CustomerListModel


@dataclass(frozen=True)
class Selection:
    query: CustomerQuery
    ids: tuple[int, ...]  # customers of the selected rows whose page is cached
    runs: tuple[tuple[int, int], ...]  # (first row, count) of selected rows not loaded yet

    @property
    def count(self) -> int:
        return len(self.ids) + sum(n for _, n in self.runs)


def selected_rows(table: DataTableView) -> list[int]:
    return sorted({r for rng in table.selectionModel().selection() for r in range(rng.top(), rng.bottom() + 1)})


def selected_customers(table: DataTableView, model: CustomerListModel) -> Selection:
    ids: list[int] = []
    runs: list[list[int]] = []
    for row in selected_rows(table):
        cached = model.row_at(row)
        if cached is not None:
            ids.append(cached.id)
        elif runs and runs[-1][0] + runs[-1][1] == row:
            runs[-1][1] += 1
        else:
            runs.append([row, 1])
    return Selection(model.query or CustomerQuery(), tuple(ids), tuple((a, n) for a, n in runs))


def _windows(runs: tuple[tuple[int, int], ...]):
    for first, count in runs:
        for start in range(first, first + count, MAX_PAGE):
            yield start, min(MAX_PAGE, first + count - start)


def selected_ids(session: Session, actor: Actor, selection: Selection) -> list[int]:
    ids = list(selection.ids)
    for start, limit in _windows(selection.runs):
        ids += customers.customer_ids(session, actor, selection.query, start, limit)
    return ids


def rows_at(session: Session, actor: Actor, query: CustomerQuery,
            runs: tuple[tuple[int, int], ...]) -> dict[int, CustomerRow]:
    """List rows by their position in the list (row number -> row)."""
    found: dict[int, CustomerRow] = {}
    for start, limit in _windows(runs):
        for offset, row in enumerate(customers.customer_page(session, actor, query, start, limit)):
            found[start + offset] = row
    return found
