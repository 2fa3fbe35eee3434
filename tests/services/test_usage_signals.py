"""Usage signals read in parts (issue 9 item 8): the quick paths give what one full read gives.

usage_signals(count_months=False) reads only the recent months and probes the older ones per customer;
churn_risk_counts counts without the list. Each is compared here with a full read or with the warnings list, and with dates worked out by hand.
"""

from __future__ import annotations

import datetime as dt

from opcms_desktop.services.insight.churn import churn_risk_count, churn_risk_counts, churn_warnings
from opcms_desktop.services.insight.profile_customers import profiled_customers
from opcms_desktop.services.insight.profile_usage import usage_signals

from .profiling_builders import monthly, orders

AS_OF = dt.date(2026, 6, 15)
EARLIER = dt.date(2026, 5, 15)


def _customers(session, make):
    c = {}
    c["old_summary"] = make.customer("八个月前汇总", company_id=6001)
    monthly(session, c["old_summary"].id, {"2025-10": 7})  # last usage 2025-10-31
    c["old_order"] = make.customer("十个月前订单", company_id=6002)
    orders(session, c["old_order"].id, [dt.date(2025, 8, 20), dt.date(2025, 9, 3)])
    c["zero_recent"] = make.customer("近期为零", company_id=6003)
    monthly(session, c["zero_recent"].id, {"2025-12": 4, "2026-04": 0, "2026-05": 0})
    c["both_sources"] = make.customer("两种来源", company_id=6004)
    monthly(session, c["both_sources"].id, {"2026-03": 10, "2026-04": 12, "2026-05": 3})
    orders(session, c["both_sources"].id, [dt.date(2026, 4, 2), dt.date(2026, 6, 10)])
    c["lost"] = make.customer("早已流失", company_id=6005)
    monthly(session, c["lost"].id, {"2025-03": 9})
    c["dropping"] = make.customer("下降", company_id=6006)
    monthly(session, c["dropping"].id, {"2026-02": 30, "2026-03": 30, "2026-04": 30, "2026-05": 10})
    c["series"] = make.customer("两个系列", company_id=6007)
    monthly(session, c["series"].id, {"2026-01": 5, "2026-02": 6}, series="X")
    monthly(session, c["series"].id, {"2026-02": 1}, series="N")
    return c


def _essentials(signals):
    return {
        cid: (s.last_usage_day, s.current_shoots, s.trailing_shoots)
        for cid, s in signals.items()
        if s.last_usage_day is not None
    }


def test_the_recent_read_gives_what_the_full_read_gives(session, make, ops):
    c = _customers(session, make)
    where = profiled_customers(ops)
    for day in (AS_OF, EARLIER, dt.date(2026, 5, 31)):
        full = usage_signals(session, where, day)
        quick = usage_signals(session, where, day, count_months=False)
        assert _essentials(quick) == _essentials(full)
    quick = usage_signals(session, where, AS_OF, count_months=False)
    assert quick[c["old_summary"].id].last_usage_day == dt.date(2025, 10, 31)
    assert quick[c["old_order"].id].last_usage_day == dt.date(2025, 9, 3)
    assert quick[c["zero_recent"].id].last_usage_day == dt.date(2025, 12, 31)
    # current month at 06-15 is 2026-05; trailing 02..04
    both = quick[c["both_sources"].id]
    assert (both.last_usage_day, both.current_shoots, both.trailing_shoots) == (dt.date(2026, 6, 10), 3, 23)
    assert c["lost"].id not in quick  # its only usage lies before the 400 days read


def test_months_with_usage_count_a_month_with_both_sources_once(session, make, ops):
    c = _customers(session, make)
    signals = usage_signals(session, profiled_customers(ops), AS_OF)
    assert signals[c["both_sources"].id].months_with_usage == 3  # 03, 04 (summary and orders), 05
    assert signals[c["series"].id].months_with_usage == 2  # 02 in two series counts once
    assert signals[c["zero_recent"].id].months_with_usage == 1  # months with 0 shoots do not count


def test_risk_counts_equal_the_warnings_listed(session, make, ops, sales):
    c = _customers(session, make)
    days = [AS_OF, EARLIER, dt.date(2026, 1, 31)]
    counts = churn_risk_counts(session, ops, days)
    assert counts == [len(churn_warnings(session, ops, d)) for d in days]
    assert counts == [churn_risk_count(session, ops, d) for d in days]
    warned = {w.customer_id for w in churn_warnings(session, ops, AS_OF)}
    # 60+ days silent within 365 days; drops of 66.7% (10 vs 30) and 60.9% (3 vs 23/3); not the lost one
    assert warned == {
        c["old_summary"].id,
        c["old_order"].id,
        c["zero_recent"].id,
        c["dropping"].id,
        c["both_sources"].id,
        c["series"].id,
    }
    assert churn_risk_counts(session, sales, days) == [0, 0, 0]  # none of these is in the salesperson's book


def test_a_long_warning_list_reads_the_same_labels(session, make, ops, monkeypatch):
    from opcms_desktop.services.insight import churn

    _customers(session, make)
    by_ids = churn_warnings(session, ops, AS_OF)
    monkeypatch.setattr(churn, "LABELS_BY_ID_UP_TO", 0)  # the whole-book read of names and owners
    assert churn_warnings(session, ops, AS_OF) == by_ids
    assert len(by_ids) == 6 and {w.company_id for w in by_ids} >= {6001, 6002, 6006}


def test_monthly_active_customers_count_each_customer_once_per_month(session, make):
    from opcms_desktop.services.insight.kpis import kpis

    both, orders_only, zero_summary, later = (
        make.customer(f"活跃{i}", company_id=6100 + i) for i in range(4)
    )
    monthly(session, both.id, {"2026-03": 4})
    orders(session, both.id, [dt.date(2026, 3, 9)])
    orders(session, orders_only.id, [dt.date(2026, 3, 2), dt.date(2026, 3, 20)])
    monthly(session, zero_summary.id, {"2026-03": 0})
    orders(session, zero_summary.id, [dt.date(2026, 3, 31)])
    monthly(session, later.id, {"2026-04": 2})
    result = kpis(session, make.actor("经理丙", "manager"), "2026-05", as_of=dt.date(2026, 5, 31))
    active = dict(zip(result.months, result.sparklines["active_customers"], strict=True))
    assert (active["2026-02"], active["2026-03"], active["2026-04"]) == (0.0, 3.0, 1.0)
