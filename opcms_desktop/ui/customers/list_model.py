"""The customer list's table model: the service's list columns over a SQL-paged model."""

from __future__ import annotations

from dataclasses import replace

from ...services import customers
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
    """Rows are `CustomerRow`s; `row_at(i)` is None while that page is loading."""

    def __init__(self, runner: OperationRunner, parent=None, page_size: int = 200):
        super().__init__(runner, list_columns(), customers.count_customers, customers.customer_page,
                         with_sort=_with_sort, page_size=page_size, parent=parent)

    def column_keys(self, columns: list[int]) -> list[str]:
        return [self.columns[c].key for c in columns]

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)
