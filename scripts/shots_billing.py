"""Screenshots of the pricing, usage and bill-run screens, on the real customer sheet plus a month of usage.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py plan-editor bill-run-preview usage

Demo data: the customer sheet imported (its prices seed plans from 2025-01-01); a few more plans made through
the price plan service (tiered, area, quota, an X-only plan) on customers the sheet gives no price, so a later
re-import of the sheet never collides with them; usage for last month and the month before, with the cases
the bill run must flag: no plan, no price for a series, a spike, a disabled account, billing off.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from screenshots import Studio, shot
from sqlalchemy import select

from opcms_desktop.models import Customer, PricePlan, UsageMonthly, UsageOrder
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.pricing import plans as price_plans
from opcms_desktop.services.pricing.grammar import parse_tiers
from opcms_desktop.services.pricing.plans import PlanInput
from opcms_desktop.services.usage import records as usage
from opcms_desktop.ui.kit.periods import last_month

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    shot = sys.modules["__main__"].shot  # noqa: F811 - register with the screenshots.py that runs

SHEET = Path("/work/shared/data/customers-2025-12.xlsx")
if not SHEET.exists():
    SHEET = Path(__file__).resolve().parents[2] / "shared" / "data" / "customers-2025-12.xlsx"
PLANS_FROM = dt.date(2025, 1, 1)
TIERS = "0-1000:10; 1000-5000:8; 5000+:5"


def _previous(period: str) -> str:
    first = dt.date(int(period[:4]), int(period[5:7]), 1) - dt.timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def _customers(studio: Studio) -> None:
    if getattr(studio, "customers_seeded", False) or getattr(studio, "billing_customers", False):
        return
    if SHEET.exists():
        with session_scope(studio.factory) as s:
            import_customers(s, studio.actor, SHEET, plan_start=PLANS_FROM)
    else:  # without the sheet: thirty customers of our own
        with session_scope(studio.factory) as s:
            for n in range(30):
                s.add(Customer(company_id=300_001 + n, name=f"演示房产{n + 1:02d}", payment_terms_days=30,
                               billing_enabled="yes", name_initials="", name_pinyin=""))
    studio.billing_customers = True


def seeded(studio: Studio) -> Studio:
    """Customers, extra plans and two months of usage, once per Studio."""
    if getattr(studio, "billing_seeded", False):
        return studio
    _customers(studio)
    period = last_month()
    before = _previous(period)
    rng = random.Random(20261)
    with session_scope(studio.factory) as s:
        rows = s.execute(select(Customer.id, Customer.company_id, Customer.disabled, Customer.billing_enabled)
                         .order_by(Customer.company_id)).all()
        planned = set(s.scalars(select(PricePlan.customer_id)))
    with_plan = [r for r in rows if r.id in planned and not r.disabled]
    without_plan = [r for r in rows if r.id not in planned and not r.disabled]
    disabled = [r for r in rows if r.disabled and r.id in planned]
    extra = {"tiered": without_plan[0], "area": without_plan[1], "quota": without_plan[2], "x_only": without_plan[3]}
    studio.tiered_customer = extra["tiered"].id
    start = dt.date(2026, 1, 1)
    with session_scope(studio.factory) as s:
        for mode, row, fields in (
            ("tiered_graduated", extra["tiered"], {"tiers": tuple(parse_tiers(TIERS)), "extra_floor_price": Decimal(2)}),
            ("area", extra["area"], {"area_rate": Decimal("0.125")}),
            ("annual_quota", extra["quota"], {"annual_fee": Decimal("19800"), "quota": 2000,
                                               "overage_price": Decimal("9.5")}),
        ):
            price_plans.create_plan(s, studio.actor, PlanInput(customer_id=row.id, mode=mode, effective_from=start,
                                                               **fields))
        price_plans.create_plan(s, studio.actor, PlanInput(
            customer_id=extra["tiered"].id, mode="tiered_volume", series="X", effective_from=dt.date(2025, 7, 1),
            effective_to=dt.date(2025, 12, 31), tiers=tuple(parse_tiers("0-500:12; 500+:9"))))
        price_plans.create_plan(s, studio.actor, PlanInput(
            customer_id=extra["x_only"].id, mode="per_shoot", series="X", effective_from=start,
            single_price=Decimal(20), multi_base=Decimal(30), multi_step=Decimal(10)))
    billed = with_plan[:240] + [extra["tiered"], extra["area"], extra["x_only"]]
    no_plan = without_plan[4:8]
    with session_scope(studio.factory) as s:
        for n, row in enumerate(billed + no_plan + disabled[:2]):
            base = rng.choice((3, 8, 15, 40, 90, 260, 1200))
            series = "N" if row is extra["x_only"] else rng.choice(("X", "X", "N", "L"))
            last = base * (3 if n % 37 == 5 else 1)  # a few spikes
            multi = last // 4
            area = Decimal(rng.randint(60, 180) * last) if row is extra["area"] else Decimal(0)
            s.add(UsageMonthly(customer_id=row.id, period=period, series=series, single_shoots=last - multi,
                               multi_shoots=multi, multi_floors=multi * rng.choice((2, 3)), area=area))
            s.add(UsageMonthly(customer_id=row.id, period=before, series=series, single_shoots=base, multi_shoots=0,
                               multi_floors=0, area=Decimal(0)))
        first = dt.date(int(period[:4]), int(period[5:7]), 3)
        for n in range(18):
            s.add(UsageOrder(order_no=f"DEMO{n:05d}", customer_id=billed[1].id, upload_date=first + dt.timedelta(days=n),
                             series="X", floors=1 + n % 3))
    with session_scope(studio.factory) as s:
        row = usage.usage_page(s, studio.actor, usage.UsageQuery(period_from=period, period_to=period,
                                                                 customer_id=billed[2].id)).rows[0]
        usage.correct_usage(s, studio.actor, row.customer_id, period, row.series, row.total.single_shoots + 3,
                            row.total.multi_shoots, row.total.multi_floors, row.total.area,
                            "客户对账确认少计 3 套", row.monthly_version)
    studio.billing_seeded = True
    return studio


@shot("plan-editor")
def plan_editor(studio: Studio) -> QWidget:
    """A tiered plan being edited: band 2 no longer starts where band 1 ends, so 保存 is disabled."""
    from opcms_desktop.ui.pricing.plan_editor import PlanEditorDialog

    seeded(studio)
    with session_scope(studio.factory) as s:
        history = price_plans.plan_history(s, studio.actor, studio.tiered_customer)
    plan = next(p for p in history if p.mode == "tiered_graduated")
    dialog = PlanEditorDialog(plan.customer_id, plan.customer_name, plan)
    model = dialog.pages["tiered_graduated"].tiers.model
    model.setData(model.index(1, 0), "1200")
    dialog.pages["tiered_graduated"].tiers.view.selectRow(1)
    dialog.resize(660, dialog.sizeHint().height())
    return dialog


@shot("bill-run-preview")
def bill_run_preview(studio: Studio) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1360, 860)
    screen = window.open_screen("billrun")
    screen.run_preview()
    studio.settle(2500)
    screen.customer_table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    screen.show_kind("exceptions")
    return window


@shot("usage")
def usage_screen(studio: Studio) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1360, 820)
    window.open_screen("usage")
    return window


@shot("pricing")
def pricing_screen(studio: Studio) -> QWidget:
    """The plan history of the customer with the tiered plans."""
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1360, 700)
    screen = window.open_screen("pricing")
    with session_scope(studio.factory) as s:
        company_id = s.get(Customer, studio.tiered_customer).company_id
    screen.search.setText(str(company_id))
    screen.apply_search()
    studio.settle(1500)
    screen.customer_table.selectRow(0)
    studio.settle(1500)
    screen.plan_table.selectRow(0)
    return window


@shot("usage-correction")
def usage_correction(studio: Studio) -> QWidget:
    from opcms_desktop.ui.usage.correction import CorrectionDialog

    seeded(studio)
    period = last_month()
    with session_scope(studio.factory) as s:
        row = usage.usage_page(s, studio.actor, usage.UsageQuery(period_from=period, period_to=period, limit=1)).rows[0]
    dialog = CorrectionDialog(row)
    dialog.single.setText(str(row.total.single_shoots + 2))
    dialog.revalidate()
    return dialog


@shot("pricing-import")
def pricing_import(studio: Studio) -> QWidget:
    """The pricing sheet import after its check: counts and the rows' problems, nothing written yet."""
    from openpyxl import Workbook

    from opcms_desktop.services.pricing.sheet_import import COLUMNS
    from opcms_desktop.ui.pricing.screen import PricingScreen

    seeded(studio)
    with session_scope(studio.factory) as s:
        ids = list(s.scalars(select(Customer.company_id).order_by(Customer.company_id).limit(40)))
    headers = [c.header for c in COLUMNS]
    rows = [{"公司id": ids[10], "生效日期": dt.date(2027, 1, 1), "计费模式": "阶梯累进", "阶梯": "0-500:12; 500+:9"},
            {"公司id": ids[11], "生效日期": dt.date(2027, 1, 1), "计费模式": "定价结算", "单层单价": 18,
             "多层定价": "14+（F-1）*10"},
            {"公司id": ids[12], "生效日期": dt.date(2027, 1, 1), "计费模式": "定价结算", "单层单价": 20, "多层定价": 0},
            {"公司id": ids[13], "生效日期": dt.date(2027, 1, 1), "计费模式": "按面积", "面积单价": "1m²1元",
             "单层单价": 5},
            {"公司id": 999999, "生效日期": dt.date(2027, 1, 1), "计费模式": "定价结算", "单层单价": 25},
            {"公司id": ids[14], "生效日期": dt.date(2027, 1, 1), "计费模式": "阶梯全量", "阶梯": "0-500:12; 600+:9"},
            {"公司id": ids[15], "生效日期": dt.date(2027, 1, 1), "计费模式": "包年套餐", "套餐年费": "9980套餐"}]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    path = studio.dir / "价格表-2027.xlsx"
    workbook.save(path)
    screen = PricingScreen(studio.ctx)  # the screen's own dialog: its title and help in the user's language
    dialog = screen.open_import()
    dialog.owner_screen = screen  # keeps the screen (the dialog's parent) alive for the shot
    dialog.path.setText(str(path))
    dialog.check()
    studio.settle(1500)
    return dialog
