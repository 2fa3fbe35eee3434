"""The churn back-test (issue 9 item 4): replayed month-ends, stops, lead days and false alarms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opcms_desktop.services.insight.backtest import churn_backtest, default_as_of
from opcms_desktop.services.platform.errors import PermissionDenied, ValidationError

from .profiling_builders import monthly, months

END = dt.date(2026, 6, 30)


def _steady(session, customer, first: str, last: str, shoots: int = 10, **changes: int) -> None:
    span = months(first, 24)
    data = {m: shoots for m in span[: span.index(last) + 1]}
    data.update(changes)
    monthly(session, customer.id, {m: n for m, n in data.items() if n})


@pytest.fixture
def history(session, make, sales, other_sales):
    a = make.customer("停于二月", company_id=7001, sales=sales)
    _steady(session, a, "2025-07", "2026-02")
    b = make.customer("三月虚惊", company_id=7002, sales=sales)
    _steady(session, b, "2025-07", "2026-06", **{"2026-03": 2})
    c = make.customer("五月起停", company_id=7003, sales=other_sales)
    _steady(session, c, "2025-07", "2026-04")
    d = make.customer("停于三月", company_id=7004, sales=other_sales)
    _steady(session, d, "2025-07", "2026-03")
    return a, b, c, d


def test_replayed_warnings_are_judged_against_what_happened(session, ops, history):
    a, _b, _c, d = history
    report = churn_backtest(session, ops, months=6, as_of=END)
    assert report.replays == tuple(m.end for m in _periods("2026-01", 6))
    assert [(s.customer_id, s.lost_on, s.first_warned, s.days_ahead) for s in report.stopped] == [
        (a.id, dt.date(2026, 5, 31), dt.date(2026, 3, 31), 61),
        (d.id, dt.date(2026, 6, 30), dt.date(2026, 4, 30), 61),
    ]
    assert (report.warned, report.warned_30_days_ahead, report.median_days_ahead) == (2, 2, 61)
    assert (report.warnings, report.false_alarms, report.pending, report.true_alarms) == (4, 1, 1, 2)
    assert report.precision == Decimal("0.6667") and report.recall == Decimal("1.0000")
    assert report.target_met


def test_usage_after_a_replay_date_is_not_seen_by_it(session, make, ops):
    late = make.customer("回来了", company_id=7005)
    _steady(session, late, "2025-07", "2026-01")
    monthly(session, late.id, {"2026-06": 10})
    report = churn_backtest(session, ops, months=6, as_of=END)
    assert report.stopped == ()  # usage came back inside the data: not a stop
    assert (report.warnings, report.false_alarms) == (1, 1)  # warned Feb..May, then it came back


def test_a_stop_whose_loss_lies_outside_the_replays_is_not_counted(session, make, ops):
    old = make.customer("早停", company_id=7006)
    _steady(session, old, "2024-01", "2024-12")
    report = churn_backtest(session, ops, months=6, as_of=END)
    assert report.stopped == () and report.warnings == 0 and not report.target_met
    assert report.precision is None and report.recall is None and report.median_days_ahead is None


def test_sales_replay_only_their_own_customers(session, sales, history):
    a, b, _c, _d = history
    report = churn_backtest(session, sales, months=6, as_of=END)
    assert [s.customer_id for s in report.stopped] == [a.id]
    assert (report.warnings, report.false_alarms, report.pending) == (2, 1, 0)


def test_months_out_of_range_and_missing_permission_are_refused(session, make, ops):
    for bad in (0, 61, "6", True):
        with pytest.raises(ValidationError) as error:
            churn_backtest(session, ops, months=bad, as_of=END)
        assert error.value.code == "profiling.months_range"
    no_insight = make.actor("auditor", "manager")
    assert churn_backtest(session, no_insight, months=1, as_of=END).stopped == ()
    with pytest.raises(PermissionDenied):
        churn_backtest(session, None, months=1, as_of=END)


def test_the_default_data_end_is_the_end_of_last_month():
    assert default_as_of(dt.date(2026, 3, 15)) == dt.date(2026, 2, 28)
    assert default_as_of(dt.date(2026, 1, 1)) == dt.date(2025, 12, 31)


def _periods(first: str, count: int):
    from opcms_desktop.services.platform.periods import Period

    return [Period.parse(m) for m in months(first, count)]
