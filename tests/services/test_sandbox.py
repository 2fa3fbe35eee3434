"""The pricing sandbox: a hand-computed example to the cent, agreement with the bill run, no writes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from opcms_desktop.models import AuditEntry, Invoice
from opcms_desktop.models.segment import Segment
from opcms_desktop.services.billing.run import preview_bill_run
from opcms_desktop.services.insight import sandbox
from opcms_desktop.services.insight.segments import save_segment
from opcms_desktop.services.platform.errors import PermissionDenied, ValidationError

from .billing_builders import add_monthly, add_orders, add_plan

AS_OF = dt.date(2026, 4, 10)  # the last 3 complete months: 2026-01 .. 2026-03


@pytest.fixture
def book(session, make, sales):
    a = make.customer("甲房产", company_id=810_001, sales=sales)
    add_plan(session, a, single_price="10", multi_base="14", multi_step="10")
    add_orders(session, a, dt.date(2026, 1, 5), 5)
    add_orders(session, a, dt.date(2026, 1, 20), 2, floors=3)
    add_monthly(session, a, "2026-02", "N", 3, multi=1, floors=2)
    add_orders(session, a, dt.date(2026, 4, 2), 10)  # after the window
    add_orders(session, a, dt.date(2025, 12, 30), 10)  # before it
    b = make.customer("乙经纪", company_id=810_002)
    add_plan(session, b, "tiered_graduated", tiers="0-3:10; 3+:5")
    add_orders(session, b, dt.date(2026, 1, 7), 5)
    add_orders(session, b, dt.date(2026, 3, 7), 2)
    c = make.customer("丙无方案", company_id=810_003)
    add_orders(session, c, dt.date(2026, 1, 9), 4)
    return a, b, c


def _by_company(result):
    return {r.company_id: r for r in result.rows}


WHERE = {"field": "公司id", "op": "between", "value": [810_001, 810_003]}


def test_a_percentage_change_priced_by_hand(session, admin, book):
    result = sandbox.run_sandbox(session, admin, condition=WHERE, months=3, percent="12.5", as_of=AS_OF)
    assert result.months == ("2026-01", "2026-02", "2026-03")
    rows = _by_company(result)
    # A: Jan 5x10 + 2x(14+2x10) = 118.00; Feb 3x10 + (14+1x10) = 54.00
    assert (rows[810_001].current, rows[810_001].shoots) == (Decimal("172.00"), 11)
    # +12.5%: 11.25 / 15.75 / 11.25 -> Jan 56.25 + 76.50, Feb 33.75 + 27.00
    assert rows[810_001].proposed == Decimal("193.50")
    # B: Jan 3x10 + 2x5 = 40, Mar 2x10 = 20; +12.5%: 45.00 + 22.50
    assert (rows[810_002].current, rows[810_002].proposed) == (Decimal("60.00"), Decimal("67.50"))
    # C has no plan: nothing is money, the shoots are reported
    assert (rows[810_003].current, rows[810_003].proposed, rows[810_003].unpriced_shoots) == (
        Decimal("0.00"),
        Decimal("0.00"),
        4,
    )
    assert (result.current_total, result.proposed_total, result.difference) == (
        Decimal("232.00"),
        Decimal("261.00"),
        Decimal("29.00"),
    )
    assert result.unpriced_shoots == 4


def test_a_new_plan_replaces_every_plan_over_the_window(session, admin, book):
    plan = sandbox.plan_from_document({"mode": "per_shoot", "single_price": "8"})
    result = sandbox.run_sandbox(session, admin, condition=WHERE, months=3, new_plan=plan, as_of=AS_OF)
    rows = _by_company(result)
    assert [rows[c].proposed for c in (810_001, 810_002, 810_003)] == [
        Decimal("88.00"),
        Decimal("56.00"),
        Decimal("32.00"),
    ]
    assert rows[810_003].proposed_unpriced_shoots == 0
    package = sandbox.plan_from_document({"mode": "annual_package", "annual_fee": "1200"})
    result = sandbox.run_sandbox(session, admin, condition=WHERE, months=3, new_plan=package, as_of=AS_OF)
    assert result.proposed_total == Decimal("3600.00")  # one annual fee each, in the window's first month


def test_the_current_amounts_are_what_the_bill_run_prices(session, admin, book):
    result = sandbox.run_sandbox(session, admin, condition=WHERE, months=3, percent=0, as_of=AS_OF)
    billed: dict[int, Decimal] = {}
    for period in result.months:
        for bill in preview_bill_run(session, admin, period).customers:
            billed[bill.company_id] = billed.get(bill.company_id, Decimal("0.00")) + bill.amount
    for row in result.rows:
        assert row.current == billed.get(row.company_id, Decimal("0.00")), row
        assert row.proposed == row.current  # 0 %


def test_the_sandbox_writes_nothing_and_exports_xlsx(session, admin, book, tmp_path):
    bills = session.scalar(select(func.count()).select_from(Invoice))
    result = sandbox.run_sandbox(session, admin, condition=WHERE, months=3, percent=-10, as_of=AS_OF)
    assert session.scalar(select(func.count()).select_from(Invoice)) == bills
    written = sandbox.export_sandbox(session, admin, result, tmp_path / "sandbox.xlsx")
    assert written == 4  # three customers and the total
    sheet = load_workbook(tmp_path / "sandbox.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("公司id", "公司名称", "拍摄量")
    assert (
        rows[-1][1] == "合计"
        and Decimal(str(rows[-1][3])) == Decimal("232")
        and Decimal(str(rows[-1][4])) == Decimal("208.8")
    )
    assert session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "sandbox_export")
    )


def test_a_segment_chooses_the_customers_and_sales_see_their_own(session, admin, sales, book):
    save_segment(session, admin, "沙盒分群", WHERE, shared=True)
    mine = sandbox.run_sandbox(session, sales, segment="沙盒分群", months=3, percent=10, as_of=AS_OF)
    assert [r.company_id for r in mine.rows] == [810_001]
    everyone = sandbox.run_sandbox(session, admin, segment="沙盒分群", months=3, percent=10, as_of=AS_OF)
    assert [r.company_id for r in everyone.rows] == [810_001, 810_002, 810_003]
    assert session.scalar(select(func.count()).select_from(Segment)) == 1


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"months": 0, "percent": 5}, "segments.sandbox.months_range"),
        ({"months": 3}, "segments.sandbox.no_change"),
        ({"months": 3, "percent": "abc"}, "segments.sandbox.percent_range"),
        ({"months": 3, "percent": -150}, "segments.sandbox.percent_range"),
    ],
)
def test_bad_settings_are_refused_with_a_code(session, admin, kwargs, code):
    with pytest.raises(ValidationError) as excinfo:
        sandbox.run_sandbox(session, admin, condition=WHERE, as_of=AS_OF, **kwargs)
    assert code in [p.code for p in excinfo.value.problems]


def test_a_bad_plan_says_which_field(session, admin):
    with pytest.raises(ValidationError) as excinfo:
        sandbox.plan_from_document({"mode": "per_shoot", "single_price": "十", "colour": 1})
    assert {(p.code, p.field) for p in excinfo.value.problems} == {
        ("segments.sandbox.plan_number", "single_price"),
        ("segments.sandbox.plan_key", "colour"),
    }
    plan = sandbox.plan_from_document({"mode": "per_shoot"})
    with pytest.raises(ValidationError) as excinfo:
        sandbox.run_sandbox(session, admin, condition=WHERE, new_plan=plan, as_of=AS_OF)
    assert "pricing.field.single_required" in [p.code for p in excinfo.value.problems]


def test_the_sandbox_needs_pricing_view(session, make):
    usage_only = make.actor("viewer", "ops")
    object.__setattr__(usage_only, "permissions", frozenset({"customers.view", "insight.view"}))
    with pytest.raises(PermissionDenied):
        sandbox.run_sandbox(session, usage_only, condition=WHERE, percent=1, as_of=AS_OF)
