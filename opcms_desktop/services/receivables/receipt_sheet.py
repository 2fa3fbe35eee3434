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
from ..platform.money import MAX_AMOUNT
from ..platform.xlsx_reading import (
    CellError,
    Column,
    ImportReport,
    cell_date,
    cell_decimal,
    cell_int,
    checked_cell_text,
    open_sheet,
)
from .receipts import TEXT_LIMITS, date_bounds

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
    earliest, latest = date_bounds()
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
            elif not earliest <= receipt_date <= latest:
                report.error(excel_row, date_header, values["date"], "receivables.import.date_out_of_range",
                             date=receipt_date.isoformat(), earliest=earliest.isoformat(), latest=latest.isoformat())
        try:
            amount = cell_decimal(values["amount"], places="0.01", minimum=None, maximum=MAX_AMOUNT)
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
        texts = {key: _text(report, excel_row, sheet.headers.get(key, ""), values.get(key))
                 for key in ("payer", "reference", "summary")}
        reference, summary = texts["reference"], texts["summary"]
        if not sheet.has("reference"):
            reference, summary = summary, None
        for key, value in (("payer", texts["payer"]), ("reference", reference)):
            if value is not None and len(value) > TEXT_LIMITS[key]:
                header = sheet.headers[key if key == "payer" or sheet.has("reference") else "summary"]
                report.error(excel_row, header, value[:20] + "…", "receivables.import.text_too_long",
                             limit=TEXT_LIMITS[key])
        if any(i.level == "error" for i in report.issues[errors:]) or receipt_date is None or amount is None:
            report.rows += 1
            report.rejected += 1
            continue
        rows.append(BankRow(row=excel_row, receipt_date=receipt_date, payer=texts["payer"], amount=amount,
                            reference=reference, note=summary, company_id=company_id))
    return rows


def _text(report: ImportReport, row: int, header: str, value: object) -> str | None:
    """A one-line text cell without control characters (NUL breaks PostgreSQL); removing them is a warning."""
    text, removed = checked_cell_text(value, multiline=False)
    if removed:
        report.warn(row, header, text, "cells.control_characters_removed")
    return text or None
