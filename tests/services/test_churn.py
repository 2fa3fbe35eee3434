"""Churn warnings (issue 9 item 4): no usage for N days, or usage down X% against the trailing 3-month mean."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opcms_desktop.services.insight.churn import (
    NO_USAGE,
    USAGE_DROP,
    assess,
    churn_risk_count,
    churn_warnings,
)
from opcms_desktop.services.insight.profile_usage import UsageSignal
from opcms_desktop.services.insight.thresholds import ChurnThresholds, churn_thresholds, set_churn_thresholds
from opcms_desktop.services.platform.errors import PermissionDenied, ValidationError
from opcms_desktop.services.platform.messages import render

from .profiling_builders import monthly, orders

AS_OF = dt.date(2026, 6, 30)


def _by_customer(warnings):
    return {w.customer_id: w for w in warnings}


def test_no_usage_for_60_days_is_warned_with_the_days(session, make, ops):
    quiet = make.customer("停用客户", company_id=5001)
    orders(session, quiet.id, [dt.date(2026, 4, 30)])  # 61 days before AS_OF
    recent = make.customer("近期客户", company_id=5002)
    orders(session, recent.id, [dt.date(2026, 5, 2), dt.date(2026, 6, 1)])  # 29 days
    found = _by_customer(churn_warnings(session, ops, AS_OF))
    assert set(found) == {quiet.id}
    warning = found[quiet.id]
    assert warning.reason == NO_USAGE and warning.days_without_usage == 61
    assert warning.params == {"days": 61}
    assert render(warning.reason, warning.params) == "No usage for 61 days"
    assert warning.last_usage_day == dt.date(2026, 4, 30) and warning.company_id == 5001


def test_the_threshold_day_itself_warns_and_one_day_less_does_not():
    limits = ChurnThresholds(days=60, drop_percent=50)
    steady = dict(current_shoots=10, trailing_shoots=30, months_with_usage=4, window_shoots=40)
    at_limit = UsageSignal(1, AS_OF - dt.timedelta(days=60), **steady)
    day_less = UsageSignal(2, AS_OF - dt.timedelta(days=59), **steady)
    assert assess(at_limit, AS_OF, limits).reason == NO_USAGE
    assert assess(day_less, AS_OF, limits) is None


def test_a_drop_just_under_the_threshold_is_not_warned():
    limits = ChurnThresholds(days=60, drop_percent=50)
    assert assess(UsageSignal(1, AS_OF, 15, 90, 4, 105), AS_OF, limits).drop_percent == Decimal("50.0")
    assert assess(UsageSignal(1, AS_OF, 16, 90, 4, 106), AS_OF, limits) is None
    assert assess(UsageSignal(1, AS_OF, 0, 0, 1, 0), AS_OF, limits) is None  # no trailing mean: no drop


def test_a_monthly_summary_counts_as_usage_on_its_last_day(session, make, ops):
    customer = make.customer("月汇总", company_id=5005)
    monthly(session, customer.id, {"2026-04": 10})  # last day 2026-04-30: 61 days
    (warning,) = churn_warnings(session, ops, AS_OF)
    assert warning.days_without_usage == 61 and warning.last_usage_month == "2026-04"


def test_usage_down_by_half_against_the_trailing_mean_is_warned(session, make, ops):
    dropping = make.customer("下降", company_id=5006)
    monthly(session, dropping.id, {"2026-03": 30, "2026-04": 40, "2026-05": 50, "2026-06": 20})  # mean 40
    steady = make.customer("平稳", company_id=5007)
    monthly(session, steady.id, {"2026-03": 30, "2026-04": 40, "2026-05": 50, "2026-06": 21})  # 47.5%
    found = _by_customer(churn_warnings(session, ops, AS_OF))
    assert set(found) == {dropping.id}
    warning = found[dropping.id]
    assert warning.reason == USAGE_DROP and warning.drop_percent == Decimal("50.0")
    assert warning.params == {"percent": "50.0", "month": "2026-06", "shoots": 20, "mean": "40.00"}
    assert warning.days_without_usage == 0


def test_mid_month_as_of_compares_the_last_complete_month(session, make, ops):
    customer = make.customer("月中", company_id=5008)
    monthly(session, customer.id, {"2026-02": 40, "2026-03": 40, "2026-04": 40, "2026-05": 10})
    (warning,) = churn_warnings(session, ops, dt.date(2026, 6, 15))
    assert warning.reason == USAGE_DROP and warning.params["month"] == "2026-05"
    assert warning.drop_percent == Decimal("75.0")


def test_customers_lost_over_a_year_ago_never_used_or_disabled_are_not_warned(session, make, ops):
    lost = make.customer("早已流失", company_id=5009)
    orders(session, lost.id, [AS_OF - dt.timedelta(days=366)])
    make.customer("从未使用", company_id=5010)
    disabled = make.customer("已停用", company_id=5011, disabled=True)
    orders(session, disabled.id, [AS_OF - dt.timedelta(days=90)])
    assert churn_warnings(session, ops, AS_OF) == []


def test_usage_after_as_of_is_ignored(session, make, ops):
    customer = make.customer("回放", company_id=5012)
    orders(session, customer.id, [dt.date(2026, 3, 1), dt.date(2026, 7, 5)])
    (warning,) = churn_warnings(session, ops, AS_OF)
    assert warning.days_without_usage == (AS_OF - dt.date(2026, 3, 1)).days


def test_sales_see_only_their_own_customers_and_owner_filter_narrows(session, make, sales, other_sales, ops):
    mine = make.customer("我的", company_id=5013, sales=sales)
    theirs = make.customer("别人的", company_id=5014, sales=other_sales)
    for customer in (mine, theirs):
        orders(session, customer.id, [dt.date(2026, 1, 10)])
    assert [w.customer_id for w in churn_warnings(session, sales, AS_OF)] == [mine.id]
    assert {w.customer_id for w in churn_warnings(session, ops, AS_OF)} == {mine.id, theirs.id}
    assert [w.customer_id for w in churn_warnings(session, ops, AS_OF, owner_id=other_sales.id)] == [
        theirs.id
    ]
    assert churn_warnings(session, ops, AS_OF)[0].owner in (sales.display_name, other_sales.display_name)
    assert churn_risk_count(session, sales, AS_OF) == 1


def test_thresholds_are_settings_an_admin_changes(session, make, ops, admin):
    customer = make.customer("阈值", company_id=5015)
    monthly(session, customer.id, {"2026-03": 40, "2026-04": 40, "2026-05": 40, "2026-06": 24})  # down 40%
    assert churn_warnings(session, ops, AS_OF) == []
    changed = set_churn_thresholds(session, admin, 40, "30")
    assert (changed.days, changed.drop_percent) == (40, 30)
    assert churn_thresholds(session, ops).days == 40
    assert [w.drop_percent for w in churn_warnings(session, ops, AS_OF)] == [Decimal("40.0")]


def test_bad_thresholds_change_nothing_and_ops_may_not_set_them(session, make, ops, admin):
    with pytest.raises(ValidationError) as bad:
        set_churn_thresholds(session, admin, 90, 150)
    assert bad.value.problems[0].field == "insight.churn_drop_percent"
    assert churn_thresholds(session, admin).days == 60
    with pytest.raises(PermissionDenied):
        set_churn_thresholds(session, ops, 30, 40)


def test_a_disabled_customer_does_not_hide_the_others(session, make, ops):
    from opcms_desktop.services.insight.rfm import rfm_scores

    make.customer("停用", company_id=5016, disabled=True)
    active = make.customer("在用", company_id=5017, disabled=False)
    assert [s.customer_id for s in rfm_scores(session, ops, AS_OF)] == [active.id]
