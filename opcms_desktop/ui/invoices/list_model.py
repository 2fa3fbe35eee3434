"""The bill list's (账单) model: `list_invoices` behind the SQL-paged model, with the list's totals.

One `InvoiceListQuery` is what the table shows (filters, sort and the "as of" day of the overdue flag,
fixed when the query is made so every page agrees). The count operation also brings the sums of all
matching rows, shown under the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from sqlalchemy.orm import Session

from ...services.billing.queries import InvoiceFilter, InvoiceRow, list_invoices
from ...services.security.permissions import Actor
from ..kit.format import date_text, money_text
from ..kit.labels import (
    OVERDUE_BACKGROUND,
    OVERDUE_TEXT,
    invoice_label,
    kind_label,
    payment_label,
    status_label,
    tax_invoice_label,
)
from ..kit.paged_model import Column, Index
from ..kit.summed_model import SummedPagedModel
from ..operations import OperationRunner


@dataclass(frozen=True)
class InvoiceListQuery:
    filters: InvoiceFilter = field(default_factory=InvoiceFilter)
    sort: str = "period"
    descending: bool = True
    as_of: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class InvoiceTotals:
    count: int
    sum_total: Decimal
    sum_outstanding: Decimal
    as_of: dt.date


def invoice_totals(session: Session, actor: Actor, query: InvoiceListQuery) -> InvoiceTotals:
    """How many bills match and their sums (no rows)."""
    page = list_invoices(session, actor, query.filters, limit=0, sort=query.sort, descending=query.descending,
                         as_of=query.as_of)
    return InvoiceTotals(page.total_count, page.sum_total, page.sum_outstanding, page.as_of)


def invoice_rows(session: Session, actor: Actor, query: InvoiceListQuery, offset: int,
                 limit: int) -> tuple[InvoiceRow, ...]:
    return list_invoices(session, actor, query.filters, offset=offset, limit=limit, sort=query.sort,
                         descending=query.descending, as_of=query.as_of).rows


def list_columns() -> list[Column]:
    return [
        Column("number", QCoreApplication.translate("Invoices", "账单号"), invoice_label, "number", width=122),
        Column("company_id", QCoreApplication.translate("Invoices", "公司id"), lambda r: r.company_id, "company_id", align_right=True, width=56),
        Column("customer_name", QCoreApplication.translate("Invoices", "客户名称"), lambda r: r.customer_name, "customer_name", width=136),
        Column("period", QCoreApplication.translate("Invoices", "账期"), lambda r: r.period, "period", width=66),
        Column("kind", QCoreApplication.translate("Invoices", "类型"), lambda r: kind_label(r.kind), width=44),
        Column("status", QCoreApplication.translate("Invoices", "状态"), lambda r: status_label(r.status), "status", width=56),
        Column("total", QCoreApplication.translate("Invoices", "金额"), lambda r: money_text(r.total), "total", align_right=True, width=96),
        Column("allocated", QCoreApplication.translate("Invoices", "已核销"), lambda r: money_text(r.allocated), align_right=True, width=96),
        Column("outstanding", QCoreApplication.translate("Invoices", "未收金额"), lambda r: money_text(r.outstanding), "outstanding",
               align_right=True, width=96),
        Column("payment_status", QCoreApplication.translate("Invoices", "付款状态"), lambda r: payment_label(r.payment_status), width=68),
        Column("issue_date", QCoreApplication.translate("Invoices", "开具日期"), lambda r: date_text(r.issue_date), "issue_date", width=84),
        Column("due_date", QCoreApplication.translate("Invoices", "到期日"), lambda r: date_text(r.due_date), "due_date", width=84),
        Column("days_overdue", QCoreApplication.translate("Invoices", "逾期天数"), lambda r: r.days_overdue or "", align_right=True, width=60),
        Column("tax_invoice_status", QCoreApplication.translate("Invoices", "发票状态"), lambda r: tax_invoice_label(r.tax_invoice_status), width=64),
        Column("tax_invoice_number", QCoreApplication.translate("Invoices", "发票号码"), lambda r: r.tax_invoice_number or "", width=120),
        Column("tax_invoice_date", QCoreApplication.translate("Invoices", "开票日期"), lambda r: date_text(r.tax_invoice_date), "tax_invoice_date",
               width=84),
        Column("linked_number", QCoreApplication.translate("Invoices", "关联账单"), lambda r: r.linked_number or "", width=122),
    ]


def _with_sort(query: InvoiceListQuery, key: str, descending: bool) -> InvoiceListQuery:
    return replace(query, sort=key, descending=descending)


class InvoiceListModel(SummedPagedModel):
    """Rows are `InvoiceRow`s; overdue rows are tinted; `totals` are the InvoiceTotals of the whole list."""

    def __init__(self, runner: OperationRunner, parent=None, page_size: int = 200):
        super().__init__(runner, list_columns(), invoice_totals, invoice_rows, with_sort=_with_sort,
                         page_size=page_size, parent=parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            row = self.row_at(index.row()) if index.isValid() else None
            if row is None or not row.overdue:
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return OVERDUE_BACKGROUND
            key = self.columns[index.column()].key
            return OVERDUE_TEXT if key in ("due_date", "days_overdue") else None
        return super().data(index, role)
