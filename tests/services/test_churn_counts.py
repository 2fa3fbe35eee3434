"""Churn-risk counts judged in SQL (churn_counts.py) against assess() over the direct computation.

- drop_reaches, the integer form of "drop_percent(...) >= threshold" the SQL uses, agrees with the Decimal
  rounding over a grid of shoots and every threshold the setting allows.
- On random usage (monthly summaries in several series, orders, months with 0 shoots, disabled
  customers, a sales owner's book), churn_risk_counts equals counting assess() over the usage signals of
  tests/services/usage_direct.py, for month-end and mid-month days and thresholds from the lowest to the
  highest allowed (no-usage days 15..730 cross the 365-day "lost" line), with a drop that lands on the
  rounding tie.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from opcms_desktop.services.insight.churn import (
    LOST_AFTER_DAYS,
    TRAILING_MONTHS,
    assess,
    churn_risk_count,
    churn_risk_counts,
    churn_warnings,
    drop_percent,
)
from opcms_desktop.services.insight.churn_counts import drop_reaches
from opcms_desktop.services.insight.profile_customers import profiled_customers
from opcms_desktop.services.insight.thresholds import ChurnThresholds, set_churn_thresholds

from . import usage_direct as direct
from .profiling_builders import monthly, random_book

DAYS = [
    dt.date(2026, 8, 15),
    dt.date(2026, 7, 31),
    dt.date(2026, 6, 1),
    dt.date(2026, 3, 20),
    dt.date(2026, 2, 28),
]
MONTHS = [f"{2025 + i // 12}-{i % 12 + 1:02d}" for i in range(20)]  # 2025-01..2026-08


def test_the_integer_drop_test_agrees_with_the_rounded_percent():
    for percent in range(1, 101):
        for trailing in range(0, 61):
            for current in range(0, 25):
                expected = (d := drop_percent(current, trailing)) is not None and d >= percent
                assert drop_reaches(current, trailing, percent) == expected, (current, trailing, percent)
    # ties on the rounding: 49.95 rounds to 50.0, 50.95 (mean 666.67, a repeating third) to 51.0
    assert drop_percent(1001, 6000) == 50 and drop_reaches(1001, 6000, 50)
    assert drop_percent(327, 2000) == 51 and drop_reaches(327, 2000, 51)


def _random_book(session, make, rng: random.Random, sales) -> None:
    tie = make.customer("恰好下降一半")  # at 2026-08-15: 1001 against a mean of 2000, a 49.95% drop
    monthly(session, tie.id, {"2026-04": 2000, "2026-05": 2000, "2026-06": 2000, "2026-07": 1001})
    random_book(session, make, rng, sales, MONTHS)


def _expected(session, who, days, limits):
    signals = direct.usage_signals_on_days(
        session,
        profiled_customers(who),
        days,
        trailing=TRAILING_MONTHS,
        lookback_days=LOST_AFTER_DAYS + 31,
    )
    return [
        sum(1 for s in found.values() if assess(s, day, limits) is not None)
        for day, found in zip(days, signals, strict=True)
    ]


@pytest.mark.parametrize("seed", [11, 12])
def test_sql_counts_equal_assess_over_the_direct_signals(session, make, admin, ops, sales, seed):
    rng = random.Random(seed)
    _random_book(session, make, rng, sales)
    for days, drop in ((15, 1), (60, 50), (100, 33), (400, 67), (730, 100)):
        set_churn_thresholds(session, admin, days, drop)
        limits = ChurnThresholds(days, drop)
        for who in (ops, sales):
            expected = _expected(session, who, DAYS, limits)
            assert churn_risk_counts(session, who, DAYS) == expected, (days, drop, who.role)
            assert [churn_risk_count(session, who, d) for d in DAYS[:2]] == expected[:2]
            assert len(churn_warnings(session, who, DAYS[0])) == expected[0]
    assert any(_expected(session, ops, DAYS, ChurnThresholds(60, 50)))  # the data do warn
