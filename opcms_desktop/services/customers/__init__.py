"""The customer screens' services in one import (no Qt): list, detail and edit, batch actions, export,
filter choices and saved filters. Each name lives in the module named next to it."""

from __future__ import annotations

from .batch import BatchResult, assign_owners, set_coop_status, set_disabled
from .columns import COLUMNS_BY_KEY, DEFAULT_COLUMNS, LIST_COLUMNS, ListColumn, display_value
from .edit import (
    AuditRow,
    CustomerDetail,
    create_customer,
    customer_history,
    get_customer,
    update_customer,
)
from .export import export_customer_view, export_rows
from .fields import EDITABLE_FIELDS
from .options import CustomerFilterOptions, Option, filter_options
from .query import (
    SORT_COLUMNS,
    CustomerPage,
    CustomerQuery,
    check_query,
    count_customers,
    customer_ids,
    customer_page,
    list_customers,
)
from .rows import CustomerRow, OwnerRef, customer_rows
from .saved_filters import (
    SavedCustomerFilter,
    delete_customer_filter,
    list_customer_filters,
    save_customer_filter,
)

__all__ = [
    "COLUMNS_BY_KEY",
    "DEFAULT_COLUMNS",
    "EDITABLE_FIELDS",
    "LIST_COLUMNS",
    "SORT_COLUMNS",
    "AuditRow",
    "BatchResult",
    "CustomerDetail",
    "CustomerFilterOptions",
    "CustomerPage",
    "CustomerQuery",
    "CustomerRow",
    "ListColumn",
    "Option",
    "OwnerRef",
    "SavedCustomerFilter",
    "assign_owners",
    "check_query",
    "count_customers",
    "create_customer",
    "customer_history",
    "customer_ids",
    "customer_page",
    "customer_rows",
    "delete_customer_filter",
    "display_value",
    "export_customer_view",
    "export_rows",
    "filter_options",
    "get_customer",
    "list_customer_filters",
    "list_customers",
    "save_customer_filter",
    "set_coop_status",
    "set_disabled",
    "update_customer",
]
