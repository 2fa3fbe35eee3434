"""One customer's month: usage split by the plan in force, tiers, quotas, contract years. Pure."""

import datetime as dt
from decimal import Decimal as D

from opcms_desktop.services.billing.compute import charge_customer
from opcms_desktop.services.billing.usage_totals import DayUsage
from opcms_desktop.services.pricing.engine import Plan
from opcms_desktop.services.pricing.grammar import parse_tiers

BANDS = tuple(parse_tiers("0-1000:10; 1000-5000:8; 5000+:5"))
JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
MAR = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def day(d: dt.date, single=0, multi=0, floors=0, series="X", area=D(0), no_area=0) -> DayUsage:
    return DayUsage(1, d, series, single, multi, floors, area, no_area)


def jan(n: int) -> dt.date:
    return dt.date(2026, 1, n)


def plan(plan_id=1, mode="per_shoot", series="X", start=dt.date(2025, 1, 1), end=None, **kw) -> Plan:
    return Plan(id=plan_id, series=series, mode=mode, effective_from=start, effective_to=end, **kw)


def amounts(charges):
    return [line.amount for line in charges.lines]


def kinds(charges):
    return [issue.kind for issue in charges.issues]


def test_plan_change_mid_month_each_plan_prices_its_part():
    old = plan(1, single_price=D(8), end=jan(14))
    new = plan(2, single_price=D(9), start=jan(15))
    usage = [day(jan(3), 10), day(jan(14), 5), day(jan(15), 7), day(jan(31), 3)]
    c = charge_customer([old, new], usage, [], *JAN)
    assert amounts(c) == [D("120.00"), D("90.00")]
    assert [li.plan_id for li in c.lines] == [1, 2]
    assert c.lines[0].description == "X系列 单层拍摄 15套 × 8.00（2026-01-01至2026-01-14）"
    assert c.lines[1].description == "X系列 单层拍摄 10套 × 9.00（2026-01-15至2026-01-31）"
    assert c.issues == ()


def test_tier_counts_start_again_with_a_new_plan():
    old = plan(1, "tiered_graduated", tiers=BANDS, end=jan(15))
    new = plan(2, "tiered_graduated", tiers=BANDS, start=jan(16))
    c = charge_customer([old, new], [day(jan(10), 800), day(jan(20), 400)], [], *JAN)
    # not 1000*10 + 200*8: the new plan counts from its first shoot
    assert amounts(c) == [D("8000.00"), D("4000.00")]


def test_tiers_count_the_whole_month_across_days():
    p = plan(1, "tiered_volume", tiers=BANDS)
    c = charge_customer([p], [day(jan(d), 50) for d in range(1, 22)], [], *JAN)  # 1,050 shoots
    assert amounts(c) == [D("8400.00")]


def test_plan_ending_mid_month_leaves_later_usage_unpriced_and_reported():
    p = plan(1, single_price=D(8), end=jan(20))
    c = charge_customer([p], [day(jan(20), 4), day(jan(21), 6, series="X")], [], *JAN)
    assert amounts(c) == [D("32.00")]
    assert kinds(c) == ["no_plan"]
    assert c.unpriced_shoots == 6
    assert c.issues[0].message.code == "billing.exception.no_plan"
    assert c.issues[0].message.params == {"shoots": 6, "series": "X", "days": "2026-01-21"}


def test_series_without_a_plan_is_reported_not_billed_at_zero():
    p = plan(1, single_price=D(8), series="X")
    c = charge_customer([p], [day(jan(5), 2), day(jan(5), 3, series="N")], [], *JAN)
    assert amounts(c) == [D("16.00")]
    assert kinds(c) == ["no_series_price"] and c.unpriced_shoots == 3


def test_series_plans_and_an_all_plan():
    x = plan(1, "tiered_graduated", series="X", tiers=BANDS)
    every = plan(2, "tiered_graduated", series="ALL", tiers=tuple(parse_tiers("0-100:3; 100+:2")))
    usage = [day(jan(2), 1200, series="X"), day(jan(2), 60, series="N"), day(jan(3), 50, series="L")]
    c = charge_customer([x, every], usage, [], *JAN)
    # X: 1000*10 + 200*8 = 11,600 ; N + L counted together under ALL: 100*3 + 10*2 = 320
    assert amounts(c) == [D("10000.00"), D("1600.00"), D("300.00"), D("20.00")]
    assert [li.series for li in c.lines] == ["X", "X", "ALL", "ALL"]
    assert c.lines[2].description.startswith("全系列（N 60 L 50） 阶梯累进")


def test_series_plans_count_tiers_separately():
    x = plan(1, "tiered_volume", series="X", tiers=BANDS)
    n = plan(2, "tiered_volume", series="N", tiers=BANDS)
    c = charge_customer([x, n], [day(jan(2), 600, series="X"), day(jan(2), 600, series="N")], [], *JAN)
    assert amounts(c) == [D("6000.00"), D("6000.00")]  # not 1,200 shoots at 8


def test_monthly_summary_is_priced_by_the_plan_on_the_first_day():
    old = plan(1, single_price=D(8), end=jan(1))
    new = plan(2, single_price=D(9), start=jan(2))
    c = charge_customer([old, new], [day(jan(1), 100)], [], *JAN)
    assert amounts(c) == [D("800.00")]


def test_monthly_summary_before_a_plan_starts_is_unpriced():
    p = plan(1, single_price=D(8), start=jan(2))
    c = charge_customer([p], [day(jan(1), 100)], [], *JAN)
    assert c.lines == () and kinds(c) == ["no_plan"]


def test_package_fee_in_the_month_holding_the_contract_year_start_only():
    p = plan(1, "annual_package", series="ALL", start=dt.date(2025, 3, 15), annual_fee=D(9980))
    usage = [day(dt.date(2026, 3, 2), 300)]
    assert amounts(charge_customer([p], usage, [], *MAR)) == [D("9980.00")]
    assert charge_customer([p], [day(jan(5), 300)], [], *JAN).lines == ()


def test_package_fee_in_the_first_month_even_mid_month():
    p = plan(1, "annual_package", start=jan(20), annual_fee=D(5000))
    c = charge_customer([p], [], [], *JAN)
    assert amounts(c) == [D("5000.00")]
    assert c.lines[0].description == "X系列 包年套餐年费 2026-01-20至2027-01-19"


def test_quota_crossed_mid_month_counts_earlier_months_of_the_contract_year():
    p = plan(1, "annual_quota", start=dt.date(2025, 6, 1), quota=1000, overage_price=D(6), annual_fee=D(9000))
    prior = [day(dt.date(2025, 5, 31), 500), day(dt.date(2025, 6, 1), 400), day(dt.date(2025, 12, 1), 550)]
    # contract year from 2025-06-01: 950 before January (the 500 of May belong to no contract year of it)
    c = charge_customer([p], [day(jan(10), 30), day(jan(20), 70)], prior, *JAN)
    assert amounts(c) == [D("300.00")]
    assert c.lines[0].quantity == D(50)


def test_quota_exactly_reached_is_not_charged():
    p = plan(1, "annual_quota", start=dt.date(2025, 6, 1), quota=1000, overage_price=D(6), annual_fee=D(9000))
    c = charge_customer([p], [day(jan(10), 100)], [day(dt.date(2025, 9, 1), 900)], *JAN)
    assert c.lines == ()


def test_quota_contract_year_rollover_inside_the_month():
    p = plan(1, "annual_quota", start=dt.date(2025, 3, 15), quota=100, overage_price=D(6), annual_fee=D(9000))
    prior = [day(dt.date(2025, 3, 20), 120)]  # the old contract year is already beyond its quota
    usage = [day(dt.date(2026, 3, 10), 10), day(dt.date(2026, 3, 20), 30)]
    c = charge_customer([p], usage, prior, *MAR)
    # fee of the new year, then 10 overage shoots of the old year; the 30 of the new year are within quota
    assert amounts(c) == [D("9000.00"), D("60.00")]
    assert c.lines[0].description.endswith("2026-03-15至2027-03-14")
    assert c.lines[1].description.endswith("（2026-03-01至2026-03-14）")


def test_quota_of_an_all_plan_counts_every_series():
    p = plan(1, "annual_quota", series="ALL", start=dt.date(2025, 6, 1), quota=100, overage_price=D(5),
             annual_fee=D(1))
    c = charge_customer([p], [day(jan(3), 60, series="X"), day(jan(3), 50, series="N")], [], *JAN)
    assert amounts(c) == [D("50.00")]


def test_leap_year_package_fee():
    p = plan(1, "annual_package", start=dt.date(2024, 2, 29), annual_fee=D(100))
    feb25 = (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    feb28 = (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert amounts(charge_customer([p], [], [], *feb25)) == [D("100.00")]
    assert amounts(charge_customer([p], [], [], *feb28)) == [D("100.00")]
    assert charge_customer([p], [], [], dt.date(2025, 3, 1), dt.date(2025, 3, 31)).lines == ()


def test_package_without_fee_is_reported():
    p = plan(1, "annual_package", start=jan(1))
    c = charge_customer([p], [], [], *JAN)
    assert c.lines == () and kinds(c) == ["no_price"]


def test_overlapping_plans_are_reported():
    a, b = plan(1, single_price=D(8)), plan(2, single_price=D(9), start=jan(10))
    c = charge_customer([a, b], [day(jan(12), 1)], [], *JAN)
    assert "plan_overlap" in kinds(c)
    assert amounts(c) == [D("9.00")]


def test_usage_totals_per_series():
    c = charge_customer([], [day(jan(1), 3, 1, 2, series="N"), day(jan(2), 1, series="X"),
                             day(jan(3), 2, series="X")], [], *JAN)
    assert [(s, u.shoots) for s, u in c.usage] == [("X", 3), ("N", 4)]
    assert c.unpriced_shoots == 7
