"""Exporting the receipt list (收款) to .xlsx: the rows the list shows with its filters, newest first.

Headers are in Chinese like every export; dates are date cells and amounts number cells, so the sheet
sums and sorts in Excel. Only the customers the actor may see are exported (sales isolation).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ..platform.operations import writes
from ..platform.xlsx_writer import Column, Sheet, write_xlsx
from ..security.access_log import exporter_name, record_access
from ..security.export_approval import clear_export
from ..security.field_permissions import hidden_fields, without_amounts
from ..security.permissions import Actor, require
from .receipts import ReceiptFilter, list_receipts

RECEIPT_COLUMNS = [
    Column("收款日期", "date", 12), Column("公司id", "int", 10), Column("客户名称", "text", 32),
    Column("金额", "money"), Column("已核销", "money"), Column("未核销", "money"), Column("方式", "text", 10),
    Column("参考号", "text", 20), Column("付款方", "text", 28), Column("备注", "text", 24),
    Column("登记人", "text", 12),
]


@dataclass(frozen=True)
class ReceiptExportResult:
    path: str
    rows: int


@writes("access_log", "exports")
def export_receipts_xlsx(session: Session, actor: Actor, path: str | Path,
                         filters: ReceiptFilter | None = None) -> ReceiptExportResult:
    """Every receipt the list shows with `filters` (scoped to the actor's customers), written to `path`."""
    require(actor, "receipts.export")
    page = list_receipts(session, actor, filters, limit=None)
    rows = [[r.receipt_date, r.company_id, r.customer_name, r.amount, r.allocated, r.unallocated, r.method,
             r.reference, r.payer, r.note, r.created_by] for r in page.rows]
    columns, rows = without_amounts(RECEIPT_COLUMNS, rows, hidden_fields(session, actor))
    clear_export(session, actor, "receipts", len(rows))
    record_access(session, actor, "export", "receipts", None, len(rows), {"file": Path(path).name})
    written = write_xlsx(path, [Sheet("收款", columns, rows)], exported_by=exporter_name(actor))
    return ReceiptExportResult(str(path), written)
