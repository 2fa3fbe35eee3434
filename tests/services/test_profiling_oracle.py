"""RFM scores and the health ranking on random books against independent computations.

- rfm_scores (which reads the summary without the trend columns) gives, for every visible customer, the
  recency, frequency, monetary scores, quadrant and tier the RFM docstring's thresholds give from the
  direct usage signals (tests/services/usage_direct.py) and the invoiced amounts.
- health_ranking with a limit (ranked on the usage trend alone, exact signals for the kept) equals the
  head of the full ranking, and each entry equals customer_health; the usage part's inputs and the trend
  read (usage_trends) equal the direct signals.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from sqlalchemy import select

from opcms_desktop.models import Customer
from opcms_desktop.services.insight import health as health_module
from opcms_desktop.services.insight.health import customer_health, health_ranking
from opcms_desktop.services.insight.profile_amounts import amount_signals
from opcms_desktop.services.insight.profile_customers import profiled_customers
from opcms_desktop.services.insight.profile_usage import usage_trends
from opcms_desktop.services.insight.rfm import rfm_scores

from . import usage_direct as direct
from .profiling_builders import random_book

MONTHS = [f"{2025 + i // 12}-{i % 12 + 1:02d}" for i in range(20)]  # 2025-01..2026-08
DAYS = [dt.date(2026, 8, 15), dt.date(2026, 6, 30), dt.date(2026, 2, 1)]


def _band(value, floors) -> int:
    """5 for the first floor reached, 4 for the second, ... 1 for none."""
    for i, floor in enumerate(floors):
        if value >= floor:
            return 5 - i
    return 1


def _expected_rfm(usage, amount, day):
    last = usage.last_usage_day if usage else None
    days = (day - last).days if last else None
    r = 1 if days is None else _band(-days, (-30, -60, -90, -180))
    months = usage.months_with_usage if usage else 0
    f = _band(months, (11, 8, 5, 2))
    invoiced = amount.invoiced if amount else Decimal("0")
    m = _band(invoiced, (120000, 60000, 20000, 5000))
    tier = next(
        (
            t
            for t, floor in zip(
                ("C1", "C2", "C3", "C4", "C5"), (10**6, 500000, 250000, 120000, 60000), strict=True
            )
            if invoiced >= floor
        ),
        "C6",
    )
    quadrant = {(True, True): "high_value", (True, False): "potential", (False, True): "at_risk"}.get(
        (r >= 3, f + m >= 6), "dormant"
    )
    return (days, months, r, f, m, invoiced, quadrant, tier)


@pytest.mark.parametrize("seed", [21, 22])
def test_rfm_scores_equal_the_thresholds_over_the_direct_signals(session, make, ops, sales, seed):
    random_book(session, make, random.Random(seed), sales, MONTHS)
    for who in (ops, sales):
        where = profiled_customers(who)
        for day in DAYS:
            usage = direct.usage_signals(session, where, day)
            amounts = amount_signals(session, where, day)
            found = {
                s.customer_id: (
                    s.days_since_usage,
                    s.months_with_usage,
                    s.recency,
                    s.frequency,
                    s.monetary,
                    s.invoiced,
                    s.quadrant,
                    s.suggested_tier,
                )
                for s in rfm_scores(session, who, day)
            }
            visible = set(session.scalars(select(Customer.id).where(where(Customer.id))))
            assert set(found) == visible
            for cid in visible:
                assert found[cid] == _expected_rfm(usage.get(cid), amounts.get(cid), day), cid


@pytest.mark.parametrize("seed", [23, 24])
def test_a_limited_health_ranking_is_the_head_of_the_full_one(session, make, ops, sales, seed):
    random_book(session, make, random.Random(seed), sales, MONTHS)
    for who in (ops, sales):
        where = profiled_customers(who)
        for day in DAYS:
            full = health_ranking(session, who, day)
            for limit in (1, 4, 9):
                assert health_ranking(session, who, day, None, limit) == full[:limit], (limit, day)
            with pytest.MonkeyPatch.context() as patch:  # too many kept to name: everyone is read instead
                patch.setattr(health_module, "KEPT_BY_ID_UP_TO", 2)
                assert health_ranking(session, who, day, None, 4) == full[:4], day
            usage = direct.usage_signals(session, where, day, count_months=False)
            trends = usage_trends(session, where, day)
            assert {c: t for c, t in trends.items() if t != (0, 0)} == {
                c: (s.current_shoots, s.trailing_shoots)
                for c, s in usage.items()
                if (s.current_shoots, s.trailing_shoots) != (0, 0)
            }
            for entry in full[:6]:
                assert customer_health(session, who, entry.customer_id, day) == entry
                signal = usage.get(entry.customer_id)
                inputs = entry.parts[0].inputs
                assert inputs["shoots"] == str(signal.current_shoots if signal else 0)
                trailing = signal.trailing_shoots if signal else 0
                assert inputs["trailing_mean"] == str((Decimal(trailing) / 3).quantize(Decimal("0.01")))
