"""The usage sheet template (`opcms export usage-template FILE`) and the usage export (`opcms export usage FILE`).

The template has one sheet per layout the importer accepts: 订单明细 (order detail) and 月度汇总 (monthly
summary), each with the importer's headers and one example row, date cells formatted as dates; a third
sheet says what each column takes. The export writes the usage screen's rows (the same `UsageQuery`:
months, customer, series) with real number cells, scoped to the acting user, and is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from ..audit import trail as audit
from ..platform.operations import writes
from ..platform.xlsx_writer import Column as OutColumn
from ..platform.xlsx_writer import Sheet as OutSheet
from ..platform.xlsx_writer import require_folder, write_xlsx
from ..security.access_log import exporter_name, record_access
from ..security.export_approval import clear_export
from ..security.permissions import Actor, require
from .records import UsageQuery, UsageRow, usage_page
from .sheet_import import ORDER_COLUMNS, SUMMARY_COLUMNS

ORDER_EXAMPLE = {"订单号": "ORD-20260105-0001", "公司id": 100001, "上传日期": dt.date(2026, 1, 5), "设备系列": "X",
                 "层数": 3, "面积": 128.5}
SUMMARY_EXAMPLE = {"公司id": 100001, "月份": "2026-01", "设备系列": "N", "单层拍摄量": 120, "多层拍摄量": 15,
                   "多层总层数": 42, "面积": 5600}
NOTES = (
    ("订单明细", "订单号", "必填；同一订单号只计一次，重新导入不会重复"),
    ("订单明细", "上传日期", "必填；日期单元格或 2026-01-05，按上传月份计入账期"),
    ("订单明细", "层数", "必填；1 = 单层，2 及以上 = 多层（每套最多 200 层）"),
    ("订单明细", "面积", "选填；平方米，最多 2 位小数（每单不超过 10,000,000）"),
    ("月度汇总", "月份", "必填；2026-01 或日期单元格"),
    ("月度汇总", "单层拍摄量 / 多层拍摄量", "必填；每月每系列合计不超过 1,000,000 套"),
    ("月度汇总", "多层总层数", "必填；多层拍摄的总层数，每套至少 2 层、最多 200 层"),
    ("两种格式", "公司id", "必填；系统里已有、且你有权限查看的客户"),
    ("两种格式", "设备系列", "必填；X / N / L"),
)
EXPORT_PAGE = 5000


def write_usage_template(path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    target = require_folder(path)
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for title, columns, example in (("订单明细", ORDER_COLUMNS, ORDER_EXAMPLE),
                                    ("月度汇总", SUMMARY_COLUMNS, SUMMARY_EXAMPLE)):
        ws = workbook.create_sheet(title)
        headers = [c.header for c in columns]
        ws.append(headers)
        ws.append([example.get(h) for h in headers])
        for index, header in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=index)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            ws.column_dimensions[cell.column_letter].width = max(12, len(header) * 2 + 6)
            if header == "上传日期":
                ws.cell(row=2, column=index).number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    notes.append(["格式", "列", "说明"])
    for line in NOTES:
        notes.append(list(line))
    notes.column_dimensions["B"].width, notes.column_dimensions["C"].width = 24, 70
    workbook.save(target)
    return target


EXPORT_COLUMNS = (
    OutColumn("月份", "text", 10), OutColumn("公司id", "int", 12), OutColumn("客户名称", "text", 30),
    OutColumn("设备系列", "text", 8), OutColumn("单层拍摄量", "int", 12), OutColumn("多层拍摄量", "int", 12),
    OutColumn("多层总层数", "int", 12), OutColumn("面积", "money", 14), OutColumn("合计(套)", "int", 10),
    OutColumn("订单-单层", "int", 10), OutColumn("订单-多层", "int", 10), OutColumn("修正/汇总-单层", "int", 14),
    OutColumn("修正/汇总-多层", "int", 14), OutColumn("修正原因", "text", 30),
)


def _line(row: UsageRow) -> list[object]:
    t = row.total
    return [row.period, row.company_id, row.customer_name, row.series, t.single_shoots, t.multi_shoots,
            t.multi_floors, Decimal(t.area), t.shoots, row.orders.single_shoots, row.orders.multi_shoots,
            row.monthly.single_shoots, row.monthly.multi_shoots, row.note]


@dataclass(frozen=True)
class UsageExport:
    path: str
    rows: int


@writes("audit", "access_log", "exports")
def export_usage(session: Session, actor: Actor, path: str | Path, query: UsageQuery) -> UsageExport:
    """The usage rows of `query` (the screen's filters; every page) to an .xlsx file; sales see their own."""
    require(actor, "usage.view")
    target = require_folder(path)
    rows: list[list[object]] = []
    offset = 0
    while True:
        page = usage_page(session, actor, replace(query, offset=offset, limit=EXPORT_PAGE))
        rows.extend(_line(r) for r in page.rows)
        offset += EXPORT_PAGE
        if offset >= page.total_rows or not page.rows:
            break
    clear_export(session, actor, "usage", len(rows))  # a large export waits for a second person's approval
    audit.record(session, actor, "event", "usage_export", None,
                 {"file": target.name, "rows": len(rows), "period_from": query.period_from,
                  "period_to": query.period_to})
    record_access(session, actor, "export", "usage", None, len(rows), {"file": target.name})
    session.flush()
    written = write_xlsx(target, [OutSheet("用量", EXPORT_COLUMNS, rows)], exported_by=exporter_name(actor))
    return UsageExport(str(target), written)
