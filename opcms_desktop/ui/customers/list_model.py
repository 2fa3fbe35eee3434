"""The customer list's table model: the service's list columns over a SQL-paged model."""

from __future__ import annotations

from dataclasses import replace

from ...services import customers
from ...services.customers import query as customer_query
from ...services.customers.query import CustomerQuery
from ..kit.paged_model import Column, PagedTableModel
from ..operations import OperationRunner
from .texts import t

# Starting widths in pixels (the user's own widths are remembered by the view).
WIDTHS = {
    "company_id": 72, "name": 230, "account_type": 100, "industry": 82, "erp": 64, "onboarding": 78,
    "grade": 64, "sales_owners": 96, "ops_owners": 96, "coop_status": 82, "coop_status_raw": 130,
    "coop_note": 110, "billing_enabled": 64, "disabled": 64, "notes": 220, "settlement_mode": 96,
    "single_price_raw": 78, "multi_price_raw": 110, "consumption_tier": 88, "avg_monthly_shoots": 82,
    "payment_terms_days": 70,
}
# Shown only when the user picks them from the header's column menu.
HIDDEN_BY_DEFAULT = frozenset({"coop_status_raw", "coop_note", "payment_terms_days"})


# Columns whose values are the app's own fixed labels (是/否, 正式, 定价结算 …), shown in the user's language;
# the other text columns hold data (names, dictionary entries an admin edits) and stay as stored.
LABEL_COLUMNS = frozenset({"account_type", "billing_enabled", "disabled", "settlement_mode"})


def _translated(value_of):
    return lambda row: t(value) if isinstance(value := value_of(row), str) and value else value


def list_columns() -> list[Column]:
    return [
        Column(c.key, t(c.header), _translated(c.value) if c.key in LABEL_COLUMNS else c.value,
               sort_key=c.key if c.sortable else None,
               align_right=c.kind in ("int", "number"), width=WIDTHS.get(c.key))
        for c in customers.LIST_COLUMNS
    ]


def _with_sort(query: CustomerQuery, key: str, descending: bool) -> CustomerQuery:
    return replace(query, sort=key, descending=descending)


class CustomerListModel(PagedTableModel):
    """Rows are `CustomerRow`s; `row_at(i)` is None while that page is loading.

    The first operation (`first_customer_page`) brings the count, stopped past COUNT_CAP (`capped`: the
    screen shows "10,000+"), and the first page together, so a large list shows its first page at once;
    the exact count follows from a second operation and then sets the row count.
    """

    def __init__(self, runner: OperationRunner, parent=None, page_size: int = 200):
        super().__init__(runner, list_columns(), None, customers.customer_page, with_sort=_with_sort,
                         page_size=page_size, parent=parent, first_fn=customer_query.first_customer_page)
        self.capped = False
        self._counting_exactly = False

    def is_loading(self) -> bool:
        return super().is_loading() or self._counting_exactly

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.capped = count > customer_query.COUNT_CAP
        super()._counted(generation, count)
        self._counting_exactly = self.capped
        if self.capped:
            self.runner.op(customers.count_customers, self.query) \
                .success(self._alive(lambda n: self._counted_exactly(generation, n))) \
                .failure(self._alive(self._failed)).run()

    def _counted_exactly(self, generation: int, count: int) -> None:
        if generation != self._generation or self._counting:
            return
        self._counting_exactly = self.capped = False
        self._resize(count)
        self.count_changed.emit(count)

    def column_keys(self, columns: list[int]) -> list[str]:
        return [self.columns[c].key for c in columns]

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)
