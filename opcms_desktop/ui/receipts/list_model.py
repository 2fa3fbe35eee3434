"""The receipt list's model: `list_receipts` behind the SQL-paged model (newest first), with its sums."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from ...services.platform.operations import reads
from ...services.receivables.receipts import ReceiptFilter, ReceiptRow, list_receipts
from ...services.security.permissions import Actor
from ..kit.format import date_text, money_text
from ..kit.paged_model import Column
from ..kit.summed_model import SummedPagedModel
from ..operations import OperationRunner

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals


@dataclass(frozen=True)
class ReceiptListQuery:
    filters: ReceiptFilter = field(default_factory=ReceiptFilter)


@dataclass(frozen=True)
class ReceiptTotals:
    count: int
    sum_amount: Decimal
    sum_unallocated: Decimal


@reads
def receipt_totals(session: Session, actor: Actor, query: ReceiptListQuery) -> ReceiptTotals:
    page = list_receipts(session, actor, query.filters, limit=0)
    return ReceiptTotals(page.total_count, page.sum_amount, page.sum_unallocated)


@reads
def receipt_rows(session: Session, actor: Actor, query: ReceiptListQuery, offset: int,
                 limit: int) -> tuple[ReceiptRow, ...]:
    return list_receipts(session, actor, query.filters, offset=offset, limit=limit).rows


def receipt_columns() -> list[Column]:
    return [
        Column("receipt_date", translate("receivables", "收款日期"), lambda r: date_text(r.receipt_date), width=92),
        Column("company_id", translate("receivables", "公司id"), lambda r: r.company_id, align_right=True, width=72),
        Column("customer_name", translate("receivables", "客户名称"), lambda r: r.customer_name, width=200),
        Column("amount", translate("receivables", "金额"), lambda r: money_text(r.amount), align_right=True, width=110),
        Column("allocated", translate("receivables", "已核销"), lambda r: money_text(r.allocated), align_right=True, width=110),
        Column("unallocated", translate("receivables", "未核销"), lambda r: money_text(r.unallocated), align_right=True, width=110),
        Column("method", translate("receivables", "方式"), lambda r: r.method or "", width=80),
        Column("reference", translate("receivables", "参考号"), lambda r: r.reference or "", width=120),
        Column("payer", translate("receivables", "付款方"), lambda r: r.payer or "", width=160),
        Column("note", translate("receivables", "备注"), lambda r: r.note or "", width=140),
        Column("created_by", translate("receivables", "登记人"), lambda r: r.created_by or "", width=80),
    ]


class ReceiptListModel(SummedPagedModel):
    """Rows are `ReceiptRow`s, newest first (the service's only order); `totals` are ReceiptTotals."""

    def __init__(self, runner: OperationRunner, parent=None, page_size: int = 200):
        super().__init__(runner, receipt_columns(), receipt_totals, receipt_rows, page_size=page_size,
                         parent=parent)
