"""Reading a bank-export-like receipt sheet (.xlsx / .xls / .ods) into plain rows.

Headers: 日期, 付款方, 金额, and 摘要 or 参考号 (either; with both, 参考号 is the reference and 摘要 the
note); 公司id is optional. A few common bank-export spellings are accepted as aliases. Unreadable
rows are reported as errors in the shared `ImportReport` and left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..platform.errors import Problem, ValidationError
from ..platform.xlsx_reading import (
    CellError,
    Column,
    ImportReport,
    cell_date,
    cell_decimal,
    cell_int,
    cell_text,
    open_sheet,
)

COLUMNS = [
    Column("date", "日期", ("交易日期", "到账日期", "记账日期")),
    Column("payer", "付款方", ("付款人", "对方户名", "对方名称", "付款单位")),
    Column("amount", "金额", ("收入金额", "贷方金额", "入账金额")),
    Column("reference", "参考号", ("流水号", "交易流水号", "凭证号"), required=False),
    Column("summary", "摘要", ("用途", "附言"), required=False),
    Column("company_id", "公司id", required=False),
]


@dataclass(frozen=True)
class BankRow:
    row: int  # Excel row number
    receipt_date: dt.date
    payer: str | None
    amount: Decimal
    reference: str | None
    note: str | None
    company_id: int | None


def _cell_error(report: ImportReport, row: int, column: str, value: object, exc: CellError) -> None:
    report.error(row, column, value, exc.code, **exc.params)


def read_receipt_sheet(path: str | Path, report: ImportReport) -> list[BankRow]:
    """The readable rows; every unreadable row is counted in `report` (rows, rejected) with its errors."""
    sheet = open_sheet(path, COLUMNS)
    if not sheet.has("reference") and not sheet.has("summary"):
        raise ValidationError("sheet.columns_missing", [Problem(
            "receivables.import.reference_column_missing", field="header",
            params={"summary": "摘要", "reference": "参考号"})])
    for header in sheet.unknown_headers:
        report.warn(sheet.header_row, header, None, "receivables.import.unknown_column")
    rows: list[BankRow] = []
    for excel_row, values in sheet.rows():
        errors = len(report.issues)
        receipt_date = amount = company_id = None
        date_header, amount_header = sheet.headers["date"], sheet.headers["amount"]
        try:
            receipt_date = cell_date(values["date"])
        except CellError as exc:
            _cell_error(report, excel_row, date_header, values["date"], exc)
        else:
            if receipt_date is None:
                report.error(excel_row, date_header, values["date"], "receivables.import.date_empty")
        try:
            amount = cell_decimal(values["amount"], places="0.01", minimum=None)
        except CellError as exc:
            _cell_error(report, excel_row, amount_header, values["amount"], exc)
        else:
            if amount is None:
                report.error(excel_row, amount_header, values["amount"], "receivables.import.amount_empty")
            elif amount <= 0:
                report.error(excel_row, amount_header, values["amount"], "receivables.import.amount_not_positive")
        if sheet.has("company_id"):
            try:
                company_id = cell_int(values["company_id"], minimum=1)
            except CellError as exc:
                _cell_error(report, excel_row, sheet.headers["company_id"], values["company_id"], exc)
        if len(report.issues) > errors or receipt_date is None or amount is None:
            report.rows += 1
            report.rejected += 1
            continue
        reference = cell_text(values.get("reference")) or None
        summary = cell_text(values.get("summary")) or None
        if not sheet.has("reference"):
            reference, summary = summary, None
        rows.append(BankRow(row=excel_row, receipt_date=receipt_date, payer=cell_text(values["payer"]) or None,
                            amount=amount, reference=reference, note=summary, company_id=company_id))
    return rows
