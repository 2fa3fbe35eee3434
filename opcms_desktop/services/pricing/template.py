"""The pricing sheet template (`opcms export pricing-template FILE`, resources/templates/pricing-template.xlsx).

Sheet 价格方案: the header row the importer reads, drop-down lists for 计费模式 / 设备系列 and date-formatted
date columns. Sheet 示例: one example row per 计费模式. Sheet 填写说明: what each column takes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..platform.xlsx_writer import require_folder
from .plans import MODE_LABELS
from .sheet_import import COLUMNS

EXAMPLES: list[dict[str, object]] = [
    {"公司id": 100001, "生效日期": dt.date(2026, 1, 1), "计费模式": "定价结算", "设备系列": "全部", "单层单价": 25,
     "多层定价": "14+(F-1)*10", "付款期限(天)": 30},
    {"公司id": 100001, "生效日期": dt.date(2026, 1, 1), "失效日期": dt.date(2026, 12, 31), "计费模式": "定价结算",
     "设备系列": "X", "单层单价": 20, "多层定价": 35},
    {"公司id": 100002, "生效日期": dt.date(2026, 1, 1), "计费模式": "阶梯累进", "设备系列": "全部",
     "阶梯": "0-1000:10; 1000-5000:8; 5000+:5", "加层单价": 2},
    {"公司id": 100003, "生效日期": dt.date(2026, 1, 1), "计费模式": "阶梯全量", "设备系列": "N",
     "阶梯": "0-500:12; 500+:9"},
    {"公司id": 100004, "生效日期": dt.date(2026, 1, 1), "计费模式": "按面积", "设备系列": "全部", "面积单价": 0.125},
    {"公司id": 100005, "生效日期": dt.date(2026, 3, 1), "计费模式": "包年套餐", "设备系列": "全部", "套餐年费": 9980},
    {"公司id": 100006, "生效日期": dt.date(2026, 3, 1), "计费模式": "包年限量套餐", "设备系列": "全部",
     "套餐年费": 19800, "套餐额度": 2000, "超额单价": 9.5},
]

NOTES = {
    "公司id": ("是", "平台公司id；必须是系统里已有、且你有权限查看的客户"),
    "生效日期": ("是", "方案开始的第一天，日期单元格或 2026-01-01 / 2026/1/1"),
    "失效日期": ("否", "方案的最后一天（含当天）；留空表示长期有效。新方案会把同客户同系列的长期方案截止到前一天"),
    "计费模式": ("是", " / ".join(MODE_LABELS.values())),
    "设备系列": ("否", "X / N / L / 全部；留空 = 全部。单系列方案优先于“全部”方案"),
    "单层单价": ("定价结算", "每套单层拍摄的价格（元）"),
    "多层定价": ("否", "每套多层拍摄的价格，或公式 a+(F-1)*b；0 或留空 = 按单层单价计费"),
    "阶梯": ("阶梯", "0-1000:10; 1000-5000:8; 5000+:5：从 0 开始连续，最后一档不封顶，按自然月累计"),
    "加层单价": ("否", "阶梯方案：多层拍摄除第一层外每层的加价"),
    "面积单价": ("按面积", "每平方米价格（元），或写成 1m²1元"),
    "套餐年费": ("包年", "每个合同年的年费（元），在合同年开始的月份出账"),
    "套餐额度": ("包年限量", "每个合同年包含的拍摄套数"),
    "超额单价": ("包年限量", "超出额度后每套的价格（元）"),
    "付款期限(天)": ("否", "账单的付款期限；留空 = 客户的默认期限"),
}


def write_pricing_template(path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    headers = [c.header for c in COLUMNS]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "价格方案"
    examples = workbook.create_sheet("示例")
    for ws in (sheet, examples):
        ws.append(headers)
        for index, header in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=index)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            ws.column_dimensions[cell.column_letter].width = max(12, len(header) * 2 + 4)
        ws.freeze_panes = "A2"
    sheet.column_dimensions["H"].width = 36
    for example in EXAMPLES:
        examples.append([example.get(h) for h in headers])
    for ws, last in ((sheet, 2000), (examples, len(EXAMPLES) + 1)):
        for letter in ("B", "C"):
            for row in range(2, last + 1):
                ws[f"{letter}{row}"].number_format = "yyyy-mm-dd"
    modes = DataValidation(type="list", formula1=f'"{",".join(MODE_LABELS.values())}"', allow_blank=False)
    series = DataValidation(type="list", formula1='"X,N,L,全部"', allow_blank=True)
    sheet.add_data_validation(modes)
    sheet.add_data_validation(series)
    modes.add("D2:D2000")
    series.add("E2:E2000")
    notes = workbook.create_sheet("填写说明")
    notes.append(["列", "必填", "说明"])
    for header in headers:
        required, text = NOTES.get(header, ("", ""))
        notes.append([header, required, text])
    notes.column_dimensions["A"].width, notes.column_dimensions["C"].width = 16, 90
    target = Path(path)
    require_folder(target)
    workbook.save(target)
    return target
