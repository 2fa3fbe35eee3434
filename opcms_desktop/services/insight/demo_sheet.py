"""A synthetic customer sheet of any size with the real sheet's messiness (DOMAIN.md section 2).

Used by the demo data (services/insight/demo.py) when no real sheet is given, and by the benchmarks
(benchmarks/generate_customer_sheet.py). The 18 reference columns in the reference order, header on row 1;
value mixes follow shared/data/customers-2025-12.xlsx: '#N/A' text and real error cells, whole numbers as
number cells, `0` / `—` placeholders for owners, ' @name' ops owners (sometimes two on two lines), coop
statuses with an embedded '@person', prices as numbers, `1m²1元`, `9980套餐`, `未签约`, formulas
`14+（F-1）*10`, and one duplicated 公司id (the importer rejects the later row). Same seed, same sheet.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

HEADERS = (
    "公司id",
    "公司名称",
    "账号类型",
    "行业类型",
    "所属ERP",
    "接入时间",
    "客户等级",
    "销售负责人",
    "运营负责人",
    "合作状态",
    "是否结算",
    "是否停用",
    "备注",
    "结算方式",
    "单层定价",
    "多层定价",
    "客户消费等级",
    "月均拍摄量",
)
NA = "#N/A"

CITIES = (
    "北京",
    "上海",
    "深圳",
    "广州",
    "成都",
    "重庆",
    "杭州",
    "南京",
    "武汉",
    "西安",
    "天津",
    "苏州",
    "厦门",
    "长沙",
)
BRANDS = (
    "我爱我家",
    "链家",
    "麦田",
    "中原",
    "太平洋",
    "21世纪",
    "德佑",
    "易居",
    "安居客",
    "房天下",
    "汇鑫",
    "恒信",
    "鑫源",
    "金地",
    "华远",
    "保利",
    "万科",
    "绿城",
    "龙湖",
    "世联",
)
SUFFIXES = (
    "房地产经纪有限公司",
    "置业顾问有限公司",
    "不动产",
    "地产",
    "房产",
    "公寓",
    "项目部",
    "营销中心",
    "",
)
SALES = ("刘冀", "谢海龙", "曾太阳", "邰方程", "郭富乾", "秦晓龙", "李水茂", "马一帆")
OPS = ("郭富乾", "路强", "张随军", "谭世涛")
COOP = (
    ("", 965),
    ("近一年未使用", 193),
    ("正常使用", 98),
    ("待确认", 24),
    ("商务阶段", 12),
    ("待确认  @李伟光", 9),
    ("等待巧房", 4),
    ("入贝", 3),
    ("双方案使用", 2),
    ("切换如视", 1),
    ("切换123", 1),
    ("消耗余量", 1),
    ("客户试用", 1),
    ("公司倒闭", 1),
    ("正在接入", 1),
    ("使用Qverse", 1),
    ("平台不存在了", 1),
    ("未使用起来", 1),
    ("待对接（1月）", 1),
)
SINGLE = (
    (8.0, 41),
    (0.0, 27),
    (12.5, 15),
    (10.0, 11),
    (15.0, 10),
    (25.0, 5),
    (20.0, 4),
    (11.0, 4),
    (14.0, 4),
    (12.0, 3),
    ("1m²1元", 2),
    (13.0, 2),
    (43.0, 2),
    ("9980套餐", 2),
    ("5980套餐", 2),
    (89.0, 1),
    (13.64, 1),
    ("7000套餐", 1),
    ("未签约", 1),
    (11.5, 1),
)
MULTI = ((0.0, 140), (15.0, 2), ("14+（F-1）*10", 2), (10.0, 1), ("6+(F-1)*6", 1), (50.0, 1))


def _pick(rng: random.Random, weighted: Sequence[tuple[object, int]]) -> object:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _name(rng: random.Random, n: int) -> str:
    roll = rng.random()
    if roll < 0.01:
        return "普通用户"
    if roll < 0.02:
        return f"user{n}@example.com"
    if roll < 0.025:
        return rng.choice(("ew", "测试", "Test Account"))
    return f"{rng.choice(CITIES)}{rng.choice(BRANDS)}{rng.choice(SUFFIXES)}{n if rng.random() < 0.7 else ''}"


def synthetic_row(rng: random.Random, company_id: int, n: int) -> list[object]:
    """One data row; about 11% carry prices, as in the real sheet."""
    priced = rng.random() < 0.11
    sales: object = NA
    roll = rng.random()
    if roll < 0.05:
        sales = 0.0
    elif roll < 0.12 or (priced and roll < 0.6):  # paying customers mostly have a sales owner
        sales = rng.choice(SALES + ("易遨",))
    elif roll < 0.121:
        sales = "—"
    ops: object = None
    roll = rng.random()
    if roll < 0.014:
        ops = f" @{rng.choice(OPS)}"
    elif roll < 0.015:
        ops = " @郭富乾\n @张随军"
    elif roll < 0.016:
        ops = "-"
    single = _pick(rng, SINGLE) if priced else NA
    multi = (_pick(rng, MULTI) if rng.random() < 0.9 else NA) if priced else NA
    return [
        float(company_id),
        _name(rng, n),
        _pick(rng, (("正式", 1194), ("众趣内部", 79), ("客户测试账号", 47))),
        _pick(
            rng,
            (
                ("项目", 847),
                ("房产经纪", 354),
                ("无", 90),
                ("房产ERP", 10),
                ("公共安全", 9),
                ("房产平台", 5),
                ("租房", 3),
                ("待确认", 2),
            ),
        ),
        _pick(rng, ((None, 1282), ("易遨", 31), ("巧房", 4), ("鼎尖", 2), ("房信", 1))),
        _pick(rng, ((None, 1259), ("25上半年", 34), ("25下半年", 26), ("26年上半年", 1))),
        _pick(rng, ((NA, 1233), ("C", 27), ("D", 27), ("B", 16), ("A", 10), ("S", 5))),
        sales,
        ops,
        _pick(rng, COOP) or None,
        _pick(rng, ((None, 843), ("是", 321), ("否", 151), ("待确认", 5))),
        _pick(rng, (("否", 1255), ("是", 52), (None, 13))),
        "尽可能转Qverse，关停" if rng.random() < 0.007 else None,
        _pick(rng, (("定价结算", 112), ("待确认", 23), ("包年套餐", 5), (0.0, 1), ("包年限量套餐", 1)))
        if priced
        else NA,
        single,
        multi,
        _pick(rng, (("C6", 86), (0.0, 48), ("C4", 23), ("C5", 17), ("C3", 10), ("C2", 5))) if priced else NA,
        float(rng.choice((0, 1, 2, 3, 4, 8, 12, 22, 33, 125, 619, 1167, 4047))) if priced else NA,
    ]


def _na_cell(sheet: object, rng: random.Random) -> WriteOnlyCell:
    """'#N/A' as the text most of the real sheet holds; 1 in 100 a real error cell (calamine reads '')."""
    cell = WriteOnlyCell(sheet, value=NA)
    cell.data_type = "e" if rng.random() < 0.01 else "s"
    return cell


def generate(rows: int, out: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    ids = rng.sample(range(2, max(rows * 3, 1000)), rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("customers")
    sheet.append(list(HEADERS))
    for n, company_id in enumerate(ids):
        row = synthetic_row(rng, company_id, n)
        if n == rows // 2 and n > 0:
            row[0] = float(ids[0])  # the real sheet's duplicated 公司id
        sheet.append([_na_cell(sheet, rng) if value == NA else value for value in row])
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    return out
