"""RFM, health, the customer profile and what-if pricing (issue 9 item 3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opcms_desktop.services.insight.health import customer_health, health_ranking
from opcms_desktop.services.insight.profile import customer_profile, what_if_plans
from opcms_desktop.services.insight.profile_amounts import suggested_tier
from opcms_desktop.services.insight.rfm import customer_rfm, quadrant, rfm_scores
from opcms_desktop.services.platform.errors import NotFound, ValidationError
from opcms_desktop.services.pricing.plan_input import PlanInput

from .billing_builders import add_orders, add_plan
from .profiling_builders import bill, monthly, months, orders

AS_OF = dt.date(2026, 6, 30)


def test_suggested_tier_floors_are_inclusive():
    assert [
        suggested_tier(Decimal(v))
        for v in ("1000000", "999999.99", "500000", "250000", "120000", "60000", "59999.99", "0")
    ] == ["C1", "C2", "C2", "C3", "C4", "C5", "C6", "C6"]


def test_quadrants_split_on_recency_and_value():
    assert quadrant(3, 3, 3) == "high_value"
    assert quadrant(5, 1, 4) == "potential"
    assert quadrant(2, 5, 1) == "at_risk"
    assert quadrant(1, 2, 3) == "dormant"


def test_rfm_scores_from_recency_months_and_invoiced(session, make, ops):
    loyal = make.customer("忠实", company_id=6001)
    monthly(session, loyal.id, {m: 5 for m in months("2025-07", 12)})
    for period in months("2025-07", 12):
        bill(session, loyal.id, period, "10000.00", paid="10000.00")
    lapsed = make.customer("久未", company_id=6002)
    orders(session, lapsed.id, [dt.date(2026, 1, 15), dt.date(2025, 12, 10)])
    never = make.customer("新客", company_id=6003)
    scores = {s.company_id: s for s in rfm_scores(session, ops, AS_OF)}
    top = scores[6001]
    assert (top.recency, top.frequency, top.monetary, top.quadrant) == (5, 5, 5, "high_value")
    assert top.invoiced == Decimal("120000.00") and top.suggested_tier == "C4" and top.months_with_usage == 12
    low = scores[6002]
    assert (low.days_since_usage, low.recency, low.frequency, low.monetary) == (166, 2, 2, 1)
    assert low.quadrant == "dormant"
    new = scores[6003]
    assert (new.days_since_usage, new.recency, new.quadrant) == (None, 1, "dormant")
    assert customer_rfm(session, ops, never.id, AS_OF) == new


def test_health_parts_show_inputs_and_flag_instead_of_silent_bounds(session, make, ops):
    customer = make.customer("健康", company_id=6004, coop_status="trial")
    monthly(session, customer.id, {"2026-03": 20, "2026-04": 20, "2026-05": 20, "2026-06": 15})
    bill(session, customer.id, "2026-04", "400.00", paid="400.00")
    bill(session, customer.id, "2026-05", "100.00")  # issued 06-01, due 07-01: not overdue yet
    bill(session, customer.id, "2026-03", "500.00", paid="250.00")  # due 05-01: 250.00 overdue
    score = customer_health(session, ops, customer.id, AS_OF)
    trend, payment, coop = score.parts
    assert (trend.points, trend.flag) == (Decimal("75.0"), None)
    assert trend.inputs == {"month": "2026-06", "shoots": "15", "trailing_mean": "20.00"}
    assert (payment.points, payment.inputs["overdue"], payment.inputs["invoiced"]) == (
        Decimal("75.0"),
        "250.00",
        "1000.00",
    )
    assert (coop.points, coop.flag) == (Decimal("70"), None)
    assert score.score == 74  # (75*40 + 75*40 + 70*20) / 100 = 74


def test_undefined_parts_are_left_out_of_the_score_and_flagged(session, make, ops):
    fresh = make.customer("无数据", company_id=6005, coop_status="active")
    score = customer_health(session, ops, fresh.id, AS_OF)
    trend, payment, coop = score.parts
    assert (trend.points, trend.flag, trend.why) == (None, "undefined", "profiling.why.no_usage_history")
    assert (payment.points, payment.flag, payment.why) == (None, "undefined", "profiling.why.no_bills")
    assert (coop.points, coop.flag, coop.why) == (Decimal(100), "saturated", "profiling.why.cooperation_top")
    assert score.score == 100
    blank = make.customer("全空", company_id=6006)
    assert customer_health(session, ops, blank.id, AS_OF).score is None


def test_saturated_trend_and_payment_bounds_are_flagged(session, make, ops):
    growing = make.customer("增长", company_id=6007, coop_status="terminated")
    monthly(session, growing.id, {"2026-03": 10, "2026-04": 10, "2026-05": 10, "2026-06": 40})
    bill(session, growing.id, "2026-03", "100.00")
    trend, payment, coop = customer_health(session, ops, growing.id, AS_OF).parts
    assert (trend.points, trend.flag, trend.why) == (Decimal(100), "saturated", "profiling.why.trend_capped")
    assert (payment.points, payment.flag, payment.why) == (
        Decimal(0),
        "saturated",
        "profiling.why.all_overdue",
    )
    assert (coop.points, coop.flag) == (Decimal(0), "saturated")
    stopped = make.customer("骤停", company_id=6008)
    monthly(session, stopped.id, {"2026-04": 10})
    trend = customer_health(session, ops, stopped.id, AS_OF).parts[0]
    assert (trend.points, trend.why) == (Decimal(0), "profiling.why.trend_floored")


def test_health_ranking_puts_the_weakest_first_and_is_scoped(session, make, sales, other_sales):
    weak = make.customer("弱", company_id=6009, coop_status="dormant", sales=sales)
    strong = make.customer("强", company_id=6010, coop_status="active", sales=sales)
    make.customer("别人的", company_id=6011, coop_status="terminated", sales=other_sales)
    ranking = health_ranking(session, sales, AS_OF)
    assert [h.customer_id for h in ranking] == [weak.id, strong.id]


def test_profile_gathers_usage_timeline_scores_and_tier(session, make, ops, sales, other_sales):
    customer = make.customer(
        "画像", company_id=6012, consumption_tier="C3", notes="重点客户", sales=other_sales
    )
    monthly(session, customer.id, {"2026-05": 4}, series="N")
    orders(session, customer.id, [dt.date(2026, 5, 3), dt.date(2026, 6, 9)])
    orders(session, customer.id, [dt.date(2026, 7, 1)])  # after as_of: not shown
    bill(session, customer.id, "2026-05", "60.00", paid="60.00")
    profile = customer_profile(session, ops, customer.id, AS_OF)
    assert profile.months[0] == "2024-07" and profile.months[-1] == "2026-06" and len(profile.months) == 24
    assert {u.series: u.shoots[-2:] for u in profile.usage} == {"X": (1, 1), "N": (4, 0)}
    kinds = [e.kind for e in profile.timeline]
    assert kinds == ["note", "receipt", "bill"]
    assert profile.timeline[2].params["amount"] == "60.00"
    assert (profile.recorded_tier, profile.suggested_tier, profile.tier_differs) == ("C3", "C6", True)
    assert profile.health.parts[0].key == "usage_trend" and profile.rfm.recency == 5
    with pytest.raises(NotFound):
        customer_profile(session, sales, customer.id, AS_OF)


def test_what_if_prices_the_last_months_under_each_plan_to_the_cent(session, make, ops, admin):
    customer = make.customer("试算", company_id=6013)
    add_plan(session, customer, single_price="10", multi_base="14", multi_step="10")
    add_orders(session, customer, dt.date(2026, 3, 5), 3)
    add_orders(session, customer, dt.date(2026, 3, 6), 2, floors=3)
    monthly(session, customer.id, {"2026-05": 5}, series="N")
    other = make.customer("阶梯客户", company_id=6014)
    add_plan(session, other, "tiered_graduated", tiers="0-4:10; 4+:5")
    package = make.customer("包年客户", company_id=6015)
    add_plan(session, package, "annual_package", annual_fee="1200")
    typed = PlanInput(
        customer_id=0,
        mode="per_shoot",
        effective_from=dt.date(2026, 1, 1),
        single_price=Decimal("8"),
        multi_price=Decimal("8"),
    )
    result = what_if_plans(session, ops, customer.id, 12, typed, AS_OF)
    assert result.months == tuple(months("2025-07", 12))
    assert result.shoots[-4:] == (5, 0, 5, 0)
    amounts = {(s.kind, s.mode): s.amount for s in result.scenarios}
    # current: March 3 x 10 + 2 x (14 + (3-1) x 10) = 98.00; May 5 x 10 = 50.00
    # graduated 0-4:10; 4+:5: March 4 x 10 + 1 x 5 = 45.00; May the same = 45.00
    # package: the fee once, in the window's first month; typed: 10 shoots x 8 = 80.00
    assert amounts == {
        ("current", "per_shoot"): Decimal("148.00"),
        ("mode", "tiered_graduated"): Decimal("90.00"),
        ("mode", "annual_package"): Decimal("1200.00"),
        ("typed", "per_shoot"): Decimal("80.00"),
    }
    package_row = next(s for s in result.scenarios if s.mode == "annual_package")
    assert package_row.monthly[0] == Decimal("1200.00") and sum(package_row.monthly[1:]) == 0


def test_what_if_refuses_a_bad_plan_or_month_count(session, make, ops):
    customer = make.customer("坏输入", company_id=6016)
    bad = PlanInput(customer_id=customer.id, mode="per_shoot", effective_from=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        what_if_plans(session, ops, customer.id, 12, bad, AS_OF)
    assert error.value.code == "pricing.plan_invalid"
    with pytest.raises(ValidationError) as error:
        what_if_plans(session, ops, customer.id, 0, None, AS_OF)
    assert error.value.code == "profiling.months_range"


def test_a_limited_health_ranking_keeps_the_weakest_with_exact_scores(session, make, ops):
    statuses = ["terminated", "dormant", "pending", "trial", "active"]
    ids = [make.customer(f"客户{i}", company_id=6100 + i, coop_status=s).id for i, s in enumerate(statuses)]
    full = health_ranking(session, ops, AS_OF)
    assert [h.score for h in full] == [0, 20, 50, 70, 100]
    top = health_ranking(session, ops, AS_OF, limit=2)
    assert top == full[:2] and [h.customer_id for h in top] == ids[:2]


def test_a_typed_plan_is_read_from_the_form_texts():
    from opcms_desktop.services.insight.profile_whatif import typed_plan

    plan = typed_plan("per_shoot", "10", "14+(F-1)*10")
    assert (plan.single_price, plan.multi_base, plan.multi_step) == (
        Decimal("10"),
        Decimal("14"),
        Decimal("10"),
    )
    assert typed_plan("tiered_volume", tiers="0-10:5; 10+:3").tiers[1].unit_price == Decimal("3")
    quota = typed_plan("annual_quota", "9980", quota="1000", overage="8")
    assert (quota.annual_fee, quota.quota, quota.overage_price) == (Decimal("9980"), 1000, Decimal("8"))
    with pytest.raises(ValidationError) as error:
        typed_plan("annual_quota", "x", quota="1.5", overage="8")
    assert [(p.field, p.code) for p in error.value.problems] == [
        ("price", "profiling.typed.not_a_number"),
        ("quota", "profiling.typed.not_a_number"),
    ]
    with pytest.raises(ValidationError):
        typed_plan("area", "")  # no rate: the plan editor's own check refuses it
