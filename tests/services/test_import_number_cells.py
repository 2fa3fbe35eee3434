"""Any text, float or int in a number cell of the pricing or usage import gives an accepted value within its
bound or a row problem with a catalogue code: never an exception (issue 11, item 9). Both databases."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select

from opcms_desktop.models import PricePlan, UsageMonthly, UsageOrder
from opcms_desktop.services.platform.messages import catalogue
from opcms_desktop.services.platform.money import MAX_AMOUNT
from opcms_desktop.services.pricing.plan_input import MAX_QUOTA
from opcms_desktop.services.pricing.sheet_import import import_pricing
from opcms_desktop.services.usage.records import MAX_AREA, MAX_FLOORS, MAX_FLOORS_PER_SHOOT, MAX_SHOOTS
from opcms_desktop.services.usage.sheet_import import import_usage

from ..sheets import pricing_rows, write_sheet

JAN = dt.date(2026, 1, 1)
NASTY = ["1e309", "-1e309", "NaN", "nan", "Infinity", "-inf", "sNaN", "1e-400", "99999999999", "2147483648",
         "9223372036854775808", "1e999999", "0.00001", "１２", "12元", "1,000", " 7 ", "0", "-0", "1E+5", "", "x"]
cells = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=12).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**70), max_value=2**70),
)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def codes_known(report) -> None:
    known = catalogue("en")
    for issue in report.issues:
        assert issue.code in known, issue.code
        assert issue.message  # renders with its parameters


def check_bounds(plan: PricePlan) -> None:
    for name in ("single_price", "multi_price", "area_rate", "annual_fee", "overage_price"):
        value = getattr(plan, name)
        assert value is None or Decimal(0) <= Decimal(value) <= MAX_AMOUNT
    assert plan.quota is None or 0 <= plan.quota <= MAX_QUOTA


@pytest.fixture
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@PROPERTY
@given(single=cells, area=cells, quota=cells, fee=cells, multi=cells)
def test_pricing_number_cells(session, ops, make, folder, single, area, quota, fee, multi):
    if not _has(session, 810_001):
        make.customer(company_id=810_001)
    rows = [
        {"公司id": 810001, "生效日期": JAN, "计费模式": "定价结算", "设备系列": "X", "单层单价": single, "多层定价": multi},
        {"公司id": 810001, "生效日期": JAN, "计费模式": "按面积", "设备系列": "N", "面积单价": area},
        {"公司id": 810001, "生效日期": JAN, "计费模式": "包年限量套餐", "设备系列": "L", "套餐年费": fee,
         "套餐额度": quota, "超额单价": single},
        {"公司id": single, "生效日期": JAN, "计费模式": "包年套餐", "套餐年费": fee},
    ]
    headers, values = pricing_rows(rows)
    path = write_sheet(folder / "pricing.xlsx", headers, values)
    savepoint = session.begin_nested()
    try:
        report = import_pricing(session, ops, path)
        codes_known(report)
        assert report.inserted + report.rejected + report.updated + report.unchanged == report.rows == 4
        session.flush()
        for plan in session.scalars(select(PricePlan)):
            check_bounds(plan)
    finally:
        savepoint.rollback()


@PROPERTY
@given(floors=cells, area=cells, order_no=st.sampled_from(["A_x0000_1", "B\t2", "C-3", "_x0001_"]), company=cells)
def test_usage_order_cells(session, ops, make, folder, floors, area, order_no, company):
    if not _has(session, 810_002):
        make.customer(company_id=810_002)
    path = write_sheet(folder / "orders.xlsx", ["订单号", "公司id", "上传日期", "设备系列", "层数", "面积"], [
        [order_no, 810002, JAN, "X", floors, area],
        ["Z-" + order_no, company, JAN, "N", 2, area],
    ])
    savepoint = session.begin_nested()
    try:
        report = import_usage(session, ops, path)
        codes_known(report)
        session.flush()
        for order in session.scalars(select(UsageOrder)):
            assert "\x00" not in order.order_no and "\x01" not in order.order_no
            assert 1 <= order.floors <= MAX_FLOORS_PER_SHOOT
            assert order.area is None or 0 <= Decimal(order.area) <= MAX_AREA
    finally:
        savepoint.rollback()


@PROPERTY
@given(single=cells, multi=cells, floors=cells, area=cells)
def test_usage_summary_cells(session, ops, make, folder, single, multi, floors, area):
    if not _has(session, 810_003):
        make.customer(company_id=810_003)
    path = write_sheet(folder / "summary.xlsx", ["公司id", "月份", "设备系列", "单层拍摄量", "多层拍摄量", "多层总层数", "面积"],
                       [[810003, "2026-01", "X", single, multi, floors, area]])
    savepoint = session.begin_nested()
    try:
        report = import_usage(session, ops, path)
        codes_known(report)
        session.flush()
        for row in session.scalars(select(UsageMonthly)):
            assert 0 <= row.single_shoots + row.multi_shoots <= MAX_SHOOTS
            assert 0 <= row.multi_floors <= MAX_FLOORS
            assert 0 <= Decimal(row.area) <= MAX_AREA
    finally:
        savepoint.rollback()


def _has(session, company_id: int) -> bool:
    from opcms_desktop.models import Customer

    return session.scalar(select(Customer.id).where(Customer.company_id == company_id)) is not None


def test_the_cells_of_the_issue_are_row_problems(session, ops, make, folder):
    make.customer(company_id=810_004)
    headers, values = pricing_rows([
        {"公司id": 810004, "生效日期": JAN, "计费模式": "定价结算", "设备系列": "X", "单层单价": "1e309"},
        {"公司id": 810004, "生效日期": JAN, "计费模式": "按面积", "设备系列": "N", "面积单价": "NaN1"},
        {"公司id": 810004, "生效日期": JAN, "计费模式": "按面积", "设备系列": "L", "面积单价": "1e309"},
        {"公司id": 810004, "生效日期": JAN, "计费模式": "包年限量套餐", "套餐年费": 100, "套餐额度": 2**40,
         "超额单价": 1},
    ])
    report = import_pricing(session, ops, write_sheet(folder / "p.xlsx", headers, values))
    assert [(i.row, i.code) for i in report.issues] == [
        (2, "cells.at_most"), (3, "cells.not_a_number"), (4, "cells.at_most"), (5, "cells.at_most")]
    assert report.issues[0].params == {"maximum": "999,999,999.99"}
    make.customer(company_id=810_005)
    report = import_usage(session, ops, write_sheet(folder / "o.xlsx", ["订单号", "公司id", "上传日期", "设备系列", "层数", "面积"], [
        ["A_x0000_1", 810005, JAN, "X", 2**31, None],
        ["B_x0000_2", 810005, JAN, "X", 3, "1e309"],
        ["C_x0000_3", 810005, JAN, "X", 3, 12.5],
    ]))
    assert [(i.row, i.level, i.code) for i in report.issues] == [
        (2, "warning", "cells.control_characters_removed"), (2, "error", "cells.at_most"),
        (3, "warning", "cells.control_characters_removed"), (3, "error", "cells.at_most"),
        (4, "warning", "cells.control_characters_removed")]
    assert report.issues[1].params == {"maximum": "200"} and report.issues[3].params == {"maximum": "10,000,000"}
    assert session.scalars(select(UsageOrder.order_no).where(UsageOrder.order_no == "C3")).one() == "C3"


def test_a_formula_without_a_value_is_never_a_price(session, ops, make, folder):
    make.customer(company_id=810_006)
    headers, values = pricing_rows([
        {"公司id": 810006, "生效日期": JAN, "计费模式": "包年套餐", "设备系列": "X", "套餐年费": "=B2*0"},
        {"公司id": 810006, "生效日期": JAN, "计费模式": "定价结算", "设备系列": "N", "单层单价": 25,
         "多层定价": "=B3*2"},
        {"公司id": 810006, "生效日期": JAN, "计费模式": "定价结算", "设备系列": "L", "单层单价": 25,
         "面积单价": "=1+1"},
    ])
    report = import_pricing(session, ops, write_sheet(folder / "f.xlsx", headers, values))
    assert [(i.row, i.level, i.code) for i in report.issues if i.code == "cells.formula_without_value"] == [
        (2, "error", "cells.formula_without_value"), (3, "error", "cells.formula_without_value"),
        (4, "warning", "cells.formula_without_value")]
    from opcms_desktop.models import Customer

    plans = session.execute(select(PricePlan.series, PricePlan.single_price).join(
        Customer, Customer.id == PricePlan.customer_id).where(Customer.company_id == 810006)).all()
    assert [tuple(p) for p in plans] == [("L", Decimal("25.0000"))]
