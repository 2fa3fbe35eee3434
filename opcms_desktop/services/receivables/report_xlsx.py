"""Excel exports of the receivables reports and of the bill list (real number and date cells).

The bill export (账单) is in Chinese like the rest of the exports; its states are the catalogue's zh_CN
labels, and it carries the tax invoice (发票) recorded on each bill: 发票状态, 发票号码, 开票日期. Credit notes
(冲正) are rows of their own (类型 冲正, negative 金额); 关联账单 is the bill a credit note credits or a
replacement bill replaces.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from ..billing.balances import PAYMENT_LABELS
from ..billing.queries import KIND_LABELS, TAX_STATUS_LABELS, InvoiceFilter, list_invoices
from ..billing.states import STATUS_LABELS
from ..platform.messages import render
from ..platform.operations import writes
from ..platform.xlsx_writer import Column, Sheet, write_xlsx
from ..security.access_log import exporter_name, record_access
from ..security.export_approval import clear_export
from ..security.field_permissions import hidden_fields, without_amounts
from ..security.permissions import Actor, require
from .reports import AGING_BUCKETS, AgingReport, ReceiptsByMonthReport, SettlementReport

Report = AgingReport | SettlementReport | ReceiptsByMonthReport

_AGING_LABELS = {"current": "未到期", "1-30": "逾期1-30天", "31-60": "逾期31-60天", "61-90": "逾期61-90天",
                 "90+": "逾期90天以上"}


def _aging(report: AgingReport) -> Sheet:
    columns = [Column("公司id", "int", 12), Column("客户名称", "text", 32),
               *(Column(_AGING_LABELS[b], "money") for b in AGING_BUCKETS), Column("合计", "money")]
    rows = [[line.company_id, line.customer_name, *(line.amounts[b] for b in AGING_BUCKETS), line.total]
            for line in (*report.customers, report.total)]
    return Sheet(f"账龄 {report.as_of.isoformat()}", columns, rows)


def _settlement(report: SettlementReport) -> Sheet:
    columns = [Column("公司id", "int", 12), Column("客户名称", "text", 32), Column("账单数", "int", 10),
               Column("账单金额", "money"), Column("已收金额", "money"), Column("未收金额", "money"),
               Column("逾期金额", "money"), Column("回款率", "rate", 10)]
    rows = [[line.company_id, line.customer_name, line.invoices, line.invoiced, line.received, line.outstanding,
             line.overdue, line.collection_rate] for line in (*report.customers, report.total)]
    return Sheet(f"结算 {report.period}", columns, rows)


def _receipts(report: ReceiptsByMonthReport) -> Sheet:
    columns = [Column("公司id", "int", 12), Column("客户名称", "text", 32),
               *(Column(m, "money") for m in report.months), Column("合计", "money")]
    rows = [[line.company_id, line.customer_name, *(line.amounts[m] for m in report.months), line.total]
            for line in (*report.customers, report.total)]
    return Sheet(f"收款 {report.month_from}~{report.month_to}", columns, rows)


def _report_sheet(report: Report) -> Sheet:
    if isinstance(report, AgingReport):
        return _aging(report)
    if isinstance(report, SettlementReport):
        return _settlement(report)
    return _receipts(report)


@writes("access_log", "exports")
def export_report_xlsx(session: Session, actor: Actor, report: Report, path: str | Path) -> int:
    """Write a report (as shown, already scoped) to .xlsx, through the export approval and on record;
    returns the number of rows written (the total line included)."""
    require(actor, "reports.export")
    sheet = _report_sheet(report)
    rows = list(sheet.rows)
    clear_export(session, actor, "report", len(rows))
    record_access(session, actor, "export", "report", type(report).__name__, len(rows), {"file": Path(path).name})
    return write_xlsx(path, [Sheet(sheet.title, sheet.columns, rows)], exported_by=exporter_name(actor))


INVOICE_COLUMNS = [
    Column("账单号", "text", 18), Column("公司id", "int", 12), Column("客户名称", "text", 32),
    Column("账期", "text", 9), Column("类型", "text", 9), Column("状态", "text", 9), Column("金额", "money"),
    Column("已核销", "money"), Column("未收金额", "money"), Column("付款状态", "text", 10),
    Column("开具日期", "date", 12), Column("到期日", "date", 12), Column("逾期天数", "int", 10),
    Column("发票状态", "text", 10), Column("发票号码", "text", 22), Column("开票日期", "date", 12),
    Column("关联账单", "text", 18),
]
EXPORT_LANGUAGE = "zh_CN"


def _label(labels: dict[str, str], value: str | None) -> str:
    if not value:
        return ""
    code = labels.get(value)
    return render(code, language=EXPORT_LANGUAGE) if code is not None else value


@writes("access_log", "exports")
def export_invoices_xlsx(session: Session, actor: Actor, path: str | Path, filters: InvoiceFilter | None = None,
                         *, sort: str = "period", descending: bool = True, as_of: dt.date | None = None) -> int:
    """Every bill the list shows with these filters, as .xlsx; returns the number of rows."""
    require(actor, "invoices.export")
    page = list_invoices(session, actor, filters, limit=None, sort=sort, descending=descending, as_of=as_of)
    rows = [[r.number, r.company_id, r.customer_name, r.period, _label(KIND_LABELS, r.kind),
             _label(STATUS_LABELS, r.status), r.total, r.allocated, r.outstanding,
             _label(PAYMENT_LABELS, r.payment_status), r.issue_date, r.due_date, r.days_overdue,
             _label(TAX_STATUS_LABELS, r.tax_invoice_status), r.tax_invoice_number, r.tax_invoice_date,
             r.linked_number]
            for r in page.rows]
    columns, rows = without_amounts(INVOICE_COLUMNS, rows, hidden_fields(session, actor))
    clear_export(session, actor, "invoices", len(rows))
    record_access(session, actor, "export", "invoices", None, len(rows), {"file": Path(path).name})
    return write_xlsx(path, [Sheet("账单", columns, rows)], exported_by=exporter_name(actor))
