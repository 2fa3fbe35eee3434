"""The customer sheet's 18 columns and how a header cell is recognised (DOMAIN.md section 2).

Headers may stand in any order, on any of the first rows, with spaces, full-width characters, other
letter case, a unit in brackets (`单层定价(元/套)`) or a common variant (`公司ID`, `客户名称`, `销售`,
`单层价格`, `停用`, `结算模式` ...). Unknown columns are ignored with a note.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..platform.errors import Problem, ValidationError
from ..platform.messages import Message, msg

HEADER_SCAN_ROWS = 20


@dataclass(frozen=True)
class SheetField:
    key: str
    header: str  # the header the reference sheet uses (and the export writes)
    aliases: tuple[str, ...] = ()


FIELDS: tuple[SheetField, ...] = (
    SheetField("company_id", "公司id", ("公司编号", "公司编码", "公司代码", "公司账号id", "客户id", "客户编号",
                                        "企业id", "企业编号", "账号id", "companyid", "id")),
    SheetField("name", "公司名称", ("公司名", "公司名字", "客户名称", "客户名", "客户名字", "企业名称", "企业名",
                                    "账号名称", "名称", "公司", "客户", "companyname", "customername", "name")),
    SheetField("account_type", "账号类型", ("账户类型", "帐号类型", "帐户类型", "账号性质", "accounttype")),
    SheetField("industry", "行业类型", ("行业", "所属行业", "行业分类", "行业类别", "industry")),
    SheetField("erp", "所属ERP", ("erp", "erp系统", "所属erp系统", "erp厂商", "erp供应商")),
    SheetField("onboarding", "接入时间", ("接入日期", "接入", "接入期间", "接入半年", "上线时间", "onboarding")),
    SheetField("grade", "客户等级", ("客户级别", "等级", "级别", "grade")),
    SheetField("sales_owner", "销售负责人", ("销售", "销售人员", "销售经理", "负责销售", "销售负责", "销售owner",
                                           "sales", "salesowner")),
    SheetField("ops_owner", "运营负责人", ("运营", "运营人员", "运营经理", "负责运营", "运营负责", "运营owner",
                                         "ops", "opsowner")),
    SheetField("coop_status", "合作状态", ("合作情况", "客户状态", "状态", "coopstatus", "status")),
    SheetField("billing", "是否结算", ("结算", "需要结算", "是否需要结算", "需结算", "billing")),
    SheetField("disabled", "是否停用", ("停用", "已停用", "是否禁用", "禁用", "disabled")),
    SheetField("notes", "备注", ("备注信息", "说明", "notes", "note", "remark", "remarks")),
    SheetField("settlement_mode", "结算方式", ("结算模式", "结算类型", "计费方式", "计费模式", "settlement",
                                             "settlementmode")),
    SheetField("single_price", "单层定价", ("单层价格", "单层单价", "单层价", "单层", "单层报价", "singleprice")),
    SheetField("multi_price", "多层定价", ("多层价格", "多层单价", "多层价", "多层", "多层报价", "multiprice")),
    SheetField("consumption_tier", "客户消费等级", ("消费等级", "消费级别", "客户消费级别", "consumptiontier")),
    SheetField("avg_monthly_shoots", "月均拍摄量", ("月均拍摄", "月均拍摄数", "月均量", "月均拍摄次数", "平均月拍摄量",
                                                 "月拍摄量", "avgmonthlyshoots")),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
REQUIRED = ("company_id", "name")

_BRACKETED = re.compile(r"[(\[【<《].*?[)\]】>》]")
_NOISE = re.compile(r"[\s_\-:：*＊#.。·'\"“”‘’/\\]+")


def header_key(text: object) -> str:
    """The comparable form of a header cell: NFKC, lower case, no spaces, units in brackets dropped."""
    folded = unicodedata.normalize("NFKC", str(text or "")).casefold()
    without_units = _BRACKETED.sub("", folded)
    return _NOISE.sub("", without_units or folded)


_EXACT: dict[str, str] = {}
_CANONICAL = {header_key(f.header) for f in FIELDS}
for _field in FIELDS:
    for _alias in (_field.header, *_field.aliases):
        _EXACT.setdefault(header_key(_alias), _field.key)
_LONG_ALIASES = sorted((k for k in _EXACT if len(k) >= 4), key=len, reverse=True)


def match_header(text: object, fuzzy: bool = True) -> tuple[str, int] | None:
    """(field key, rank) for a header cell, or None for a column the importer does not know.

    Rank 0: the reference header itself; 1: a known variant; 2: a guess (holds or resembles a name).
    """
    return _match_key(header_key(text), fuzzy)


@functools.lru_cache(maxsize=8192)
def _match_key(key: str, fuzzy: bool) -> tuple[str, int] | None:
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key], 0 if key in _CANONICAL else 1
    # `2025年单层定价`, `销售负责人姓名`: the header holds one known long name whole.
    held = {_EXACT[alias] for alias in _LONG_ALIASES if alias in key}
    if len(held) == 1:
        return held.pop(), 2
    if not fuzzy or len(key) > 40:
        return None
    # Typos in longer names (`custmer name`); short Chinese words differ too little to guess.
    close = difflib.get_close_matches(key, _LONG_ALIASES, n=2, cutoff=0.85)
    if close and (len(close) == 1 or _EXACT[close[0]] == _EXACT[close[1]]):
        return _EXACT[close[0]], 2
    return None


@dataclass(frozen=True)
class Column:
    key: str
    index: int  # 0-based column index in the sheet
    header: str  # the header text as the sheet writes it


@dataclass(frozen=True)
class HeaderMatch:
    row_index: int  # 0-based index of the header row (Excel row = row_index + 1)
    columns: tuple[Column, ...]
    ignored: tuple[tuple[int, str, Message], ...]  # (column index, header text, why)

    @property
    def excel_row(self) -> int:
        return self.row_index + 1

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)

    def header_of(self, key: str) -> str:
        for column in self.columns:
            if column.key == key:
                return column.header
        return FIELD_BY_KEY[key].header


def _cell_header(value: object) -> str:
    """Headers are text; numbers, dates and empty cells are not."""
    return value.strip() if isinstance(value, str) else ""


def match_row(cells: Sequence[object], row_index: int, fuzzy: bool = True) -> HeaderMatch:
    """Better names claim their field first, so `合作状态说明` never hides a real `合作状态` column."""
    found: list[tuple[int, str, str | None, int]] = []
    for index, value in enumerate(cells):
        text = _cell_header(value)
        if text:
            match = match_header(text, fuzzy)
            found.append((index, text, match[0] if match else None, match[1] if match else 9))
    taken: dict[str, tuple[int, str]] = {}
    for rank_pass in (0, 1, 2):
        for index, text, key, rank in found:
            if key is not None and rank == rank_pass and key not in taken:
                taken[key] = (index, text)
    columns = tuple(sorted((Column(k, i, t) for k, (i, t) in taken.items()), key=lambda c: c.index))
    ignored: list[tuple[int, str, Message]] = []
    for index, text, key, _ in found:
        if key is None:
            ignored.append((index, text, msg("customers.import.column_unknown", column=text, position=index + 1)))
        elif taken[key][0] != index:
            ignored.append((index, text, msg("customers.import.column_repeated", column=text, position=index + 1,
                                             field=FIELD_BY_KEY[key].header, first=taken[key][1])))
    return HeaderMatch(row_index, columns, tuple(ignored))


def find_header(rows: Sequence[Sequence[object]], sheet_name: str = "") -> HeaderMatch:
    """The row among the first HEADER_SCAN_ROWS that names the most known columns.

    Raises ValidationError when no row names both 公司id and 公司名称.
    """
    best: HeaderMatch | None = None
    # Exact and contained names pick the row; typo guesses (slow) only complete the chosen row.
    for fuzzy in (False, True):
        for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
            candidate = match_row(cells, index, fuzzy)
            if best is None or len(candidate.columns) > len(best.columns):
                best = candidate
        if best is not None and len(best.columns) >= 2:
            best = match_row(rows[best.row_index], best.row_index, True)
            break
    required = [FIELD_BY_KEY[k].header for k in REQUIRED]
    if best is None or not best.columns:
        problems = [Problem("customers.import.header_needed", params={"columns": required})]
        if sheet_name:
            raise ValidationError("customers.import.no_header_on_sheet", problems, sheet=sheet_name,
                                  rows=HEADER_SCAN_ROWS, columns=required)
        raise ValidationError("customers.import.no_header", problems, rows=HEADER_SCAN_ROWS, columns=required)
    missing = [FIELD_BY_KEY[k].header for k in REQUIRED if not best.has(k)]
    if missing:
        raise ValidationError(
            "customers.import.required_missing",
            [Problem("customers.import.column_missing", field=name, row=best.excel_row) for name in missing],
            sheet=sheet_name, columns=missing, header_row=best.excel_row, found=[c.header for c in best.columns],
        )
    return best
