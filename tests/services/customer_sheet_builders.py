"""Customer sheets for import tests: plain ones, and a trap-filled one with the answer it expects.

openpyxl refuses control characters, so `CTRL` markers are written and then replaced inside the saved
workbook's XML by the OOXML escape `_x0001_`, which Excel (and calamine) read as the character itself.
"""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from ..shared_data import REAL_SHEET as REAL_SHEET  # re-exported for the import tests

HEADERS = ("公司id", "公司名称", "账号类型", "行业类型", "所属ERP", "接入时间", "客户等级", "销售负责人", "运营负责人",
           "合作状态", "是否结算", "是否停用", "备注", "结算方式", "单层定价", "多层定价", "客户消费等级", "月均拍摄量")
CTRL = "⟦C⟧"  # becomes \x01 in the saved file
CTRL_ESC = "⟦E⟧"  # becomes \x1b


class ErrorCell(str):
    """A real Excel error cell (#N/A, #VALUE!...): calamine reads it as ''."""


class TextCell(str):
    """Text that must stay text, even when it looks like a formula (=, +, -, @)."""


def write_sheet(path: Path, headers: Sequence[object], rows: Sequence[Sequence[object]],
                above: Sequence[Sequence[object]] = ()) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "客户"
    for line in (*above, headers, *rows):
        sheet.append([None if isinstance(v, ErrorCell | TextCell) else v for v in line])
        for column, value in enumerate(line, start=1):
            if isinstance(value, ErrorCell | TextCell):
                cell = sheet.cell(row=sheet.max_row, column=column)
                cell.value = str(value)
                cell.data_type = "e" if isinstance(value, ErrorCell) else "s"
    workbook.save(path)
    _inject_control_characters(path)
    return path


def _inject_control_characters(path: Path) -> None:
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    if not any(CTRL.encode() in data or CTRL_ESC.encode() in data for _, data in items):
        return
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename.endswith(".xml"):
                data = data.replace(CTRL.encode(), b"_x0001_").replace(CTRL_ESC.encode(), b"_x001b_")
            target.writestr(info, data)


def customer_row(company_id: object, name: object, **cells: object) -> list[object]:
    """A row in reference column order; keyword names are the headers (`单层定价=25.0`)."""
    values = dict.fromkeys(HEADERS)
    values["公司id"], values["公司名称"] = company_id, name
    for header, value in cells.items():
        assert header in values, header
        values[header] = value
    return [values[h] for h in HEADERS]


@dataclass
class TrapSheet:
    path: Path
    header_row: int
    accepted: dict[int, int] = field(default_factory=dict)  # excel row -> company id
    rejected: dict[int, str] = field(default_factory=dict)  # excel row -> code of the error that rejects it
    warned: set[int] = field(default_factory=set)  # excel rows that must carry a warning
    names: dict[int, str] = field(default_factory=dict)  # company id -> stored name
    blank_rows: int = 0


DUPLICATE = "customers.import.duplicate_id"


def trap_sheet(path: Path, seed: int = 3) -> TrapSheet:
    """Header on row 3 under a title, shuffled columns, full-width / variant headers, extra columns, blank
    rows, and rows full of traps; returns what the importer must make of each row."""
    rng = random.Random(seed)
    long_name = "长" * 200
    ok = [  # (row cells by header, stored name, must warn)
        (customer_row(101.0, "正常客户", 账号类型="正式", 单层定价=25.0, 多层定价=0.0, 销售负责人="刘冀"), "正常客户", True),
        (customer_row("00123", "前导零"), "前导零", True),
        (customer_row(2000.0, "科学计数"), "科学计数", False),
        (customer_row("3e3", "文本科学计数"), "文本科学计数", True),
        (customer_row(104.0, TextCell("=SUM(A1:A3)"), 备注=TextCell("=cmd|' /C calc'!A0")), "=SUM(A1:A3)", False),
        (customer_row(105.0, TextCell("+86 138 0000")), "+86 138 0000", False),
        (customer_row(106.0, TextCell("-负责人"), 运营负责人=TextCell("@channel")), "-负责人", False),
        (customer_row(107.0, TextCell("@渠道客户")), "@渠道客户", False),
        (customer_row(108.0, long_name), long_name, False),
        (customer_row(109.0, "超" * 250), "超" * 200, True),
        (customer_row(110.0, f"控制{CTRL}字符{CTRL_ESC}", 备注=f"备注{CTRL}"), "控制字符", True),
        (customer_row(111.0, "日期接入", 接入时间=dt.datetime(2025, 9, 1)), "日期接入", False),
        (customer_row(112.0, "错误单元格", 客户等级=ErrorCell("#N/A"), 单层定价=ErrorCell("#VALUE!"),
                      结算方式=ErrorCell("#REF!")), "错误单元格", False),
        (customer_row(113.0, "怪值", 账号类型="VIP", 是否停用="也许", 客户消费等级="C9", 月均拍摄量="很多",
                      单层定价="面议", 多层定价=-5.0, 接入时间="去年"), "怪值", True),
        (customer_row(114.0, "巨价", 单层定价=1e30, 多层定价="1e12", 月均拍摄量=1e15), "巨价", True),
        (customer_row(115.0, "布尔", 是否结算=True, 是否停用=False), "布尔", False),
        (customer_row(116.0, "ＡＢＣ全角地产", 行业类型="新行业", 所属ERP="新ERP"), "ＡＢＣ全角地产", True),
        (customer_row(117.0, "😀 表情客户"), "😀 表情客户", False),
        (customer_row(118.0, "长原文", 销售负责人="某" * 300, 合作状态="态" * 300), "长原文", True),
    ]
    bad = [  # (row cells, the code of the error that rejects the row)
        (customer_row(-5.0, "负数"), "customers.import.company_id_not_positive"),
        (customer_row("abc", "字母"), "customers.import.company_id_not_number"),
        (customer_row(1e20, "巨大"), "customers.import.company_id_float_too_large"),
        (customer_row("99999999999999999999", "巨大文本"), "customers.import.company_id_too_large"),
        (customer_row(814.5, "小数"), "customers.import.company_id_not_whole"),
        (customer_row(None, "无id"), "customers.import.company_id_missing"),
        (customer_row(ErrorCell("#N/A"), "错误id"), "customers.import.company_id_missing"),
        (customer_row(True, "布尔id"), "customers.import.company_id_boolean"),
        (customer_row(120.0, None), "customers.import.name_missing"),
        (customer_row(121.0, ErrorCell("#N/A")), "customers.import.name_missing"),
        (customer_row(122.0, "—"), "customers.import.name_placeholder"),
        (customer_row(101.0, "重复"), DUPLICATE),
        (list(HEADERS), "customers.import.company_id_not_number"),  # a repeated header row
    ]
    extra = {"销售额": lambda: rng.choice((1000.0, "n/a", None)), "内部编号": lambda: f"X-{rng.randint(1, 99)}"}
    header_text = {"公司id": "公司ＩＤ", "公司名称": " 公司 名称 ", "所属ERP": "所属ｅｒｐ", "单层定价": "单层价格",
                   "是否停用": "停用", "结算方式": "结算模式", "运营负责人": "运营"}
    order = list(range(len(HEADERS)))
    rng.shuffle(order)
    headers = [header_text.get(HEADERS[i], HEADERS[i]) for i in order] + list(extra)
    lines: list[tuple[str, object, list[object]]] = [("ok", item, item[0]) for item in ok]
    lines += [("bad", item, item[0]) for item in bad]
    rng.shuffle(lines)
    duplicate = next(n for n, line in enumerate(lines) if line[0] == "bad" and line[1][1] == DUPLICATE)
    first = next(n for n, line in enumerate(lines) if line[0] == "ok" and line[2][0] == 101.0)
    if duplicate < first:
        lines[duplicate], lines[first] = lines[first], lines[duplicate]
    header_row = 3
    result = TrapSheet(path, header_row)
    rows: list[list[object]] = []
    for kind, item, cells in lines:
        if rng.random() < 0.3:
            rows.append([None] * len(headers))
            result.blank_rows += 1
        if rng.random() < 0.1:
            rows.append(["   "] + [None] * (len(headers) - 1))
            result.blank_rows += 1
        excel_row = header_row + len(rows) + 1
        rows.append([cells[i] for i in order] + [make() for make in extra.values()])
        if kind == "ok":
            _, stored, warns = item  # type: ignore[misc]
            company_id = _company_id(cells[0])
            result.accepted[excel_row] = company_id
            result.names[company_id] = stored
            if warns:
                result.warned.add(excel_row)
        else:
            result.rejected[excel_row] = item[1]  # type: ignore[index]
    write_sheet(path, headers, rows, above=[["客户清单（测试用，勿改）"], []])
    return result


def _company_id(value: object) -> int:
    return {"00123": 123, "3e3": 3000}.get(value) or int(value)  # type: ignore[arg-type, call-overload]
