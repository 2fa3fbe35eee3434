"""The bill run's fast split (one plan in force all month) gives exactly what the general split gives. Pure."""

import datetime as dt
import random
from decimal import Decimal as D

import pytest

from opcms_desktop.services.billing import compute
from opcms_desktop.services.billing.compute import charge_customer, steady_plan
from opcms_desktop.services.billing.usage_totals import DayUsage
from opcms_desktop.services.pricing.engine import Plan
from opcms_desktop.services.pricing.grammar import parse_tiers

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
MODES = ("per_shoot", "tiered_graduated", "tiered_volume", "area", "annual_package", "annual_quota")


def _plan(rnd: random.Random, plan_id: int, start: dt.date) -> Plan:
    return Plan(id=plan_id, series=rnd.choice(["ALL", "X", "N"]), mode=rnd.choice(MODES), effective_from=start,
                effective_to=rnd.choice([None, dt.date(2026, 1, 31), dt.date(2026, 6, 30)]),
                single_price=rnd.choice([None, D("8"), D("12.345")]), multi_price=rnd.choice([None, D("0"), D("15")]),
                multi_base=rnd.choice([None, D("14")]), multi_step=rnd.choice([None, D("10")]),
                extra_floor_price=rnd.choice([None, D("2")]), area_rate=rnd.choice([None, D("0.1255")]),
                annual_fee=rnd.choice([None, D("6000")]), quota=rnd.choice([None, 0, 10, 60, 300]),
                overage_price=rnd.choice([None, D("6.5")]),
                tiers=rnd.choice([(), tuple(parse_tiers("0-100:9; 100-500:7.5; 500+:6"))]))


def _rows(rnd: random.Random, n: int, first: dt.date = dt.date(2026, 1, 1), days: int = 19) -> list[DayUsage]:
    rows = []
    for _ in range(n):
        single, multi = rnd.choice([0, 0, 1, 7, 250]), rnd.choice([0, 0, 3, 40])
        area = rnd.choice([D("0"), D("123.45"), D("9000.01")])
        last = rnd.choice([None, dt.date(2026, 1, rnd.randint(20, 31))])
        rows.append(DayUsage(1, first + dt.timedelta(days=rnd.randint(0, days - 1)), rnd.choice("XNL"), single, multi,
                             multi * rnd.randint(2, 4), area, rnd.choice([0, single]), last))
    return rows


def _same(a, b) -> None:
    assert (a.lines, a.usage, a.unpriced_shoots) == (b.lines, b.usage, b.unpriced_shoots)
    assert [(i.kind, i.severity, i.message.code, dict(i.message.params)) for i in a.issues] == \
        [(i.kind, i.severity, i.message.code, dict(i.message.params)) for i in b.issues]


@pytest.mark.parametrize("seed", range(6))
def test_the_fast_split_prices_exactly_as_the_general_one(seed, monkeypatch):
    rnd = random.Random(seed)
    steady = quota_over = 0
    for i in range(400):
        start = rnd.choice([dt.date(2025, 1, 1), dt.date(2025, 1, 15), dt.date(2025, 2, 28), dt.date(2025, 6, 3),
                            dt.date(2026, 1, 10)])
        plans = [_plan(rnd, i, start)]
        usage, prior = _rows(rnd, rnd.randint(0, 5)), _rows(rnd, rnd.randint(0, 8), dt.date(2025, 1, 1), 365)
        fast = charge_customer(plans, usage, prior, *JAN)
        with monkeypatch.context() as m:
            m.setattr(compute, "steady_plan", lambda *a: None)
            slow = charge_customer(plans, usage, prior, *JAN)
        _same(fast, slow)
        steady += steady_plan(plans, *JAN) is not None
        quota_over += any("超出年度限量" in li.description for li in fast.lines) and steady_plan(plans, *JAN) is not None
    assert steady > 150  # the fast path was taken often enough to matter
    assert quota_over >= 3  # and priced overage against prior shoots of the contract year


def test_no_fast_split_when_the_plan_in_force_changes_inside_the_month():
    quota = Plan(id=1, series="ALL", mode="annual_quota", effective_from=dt.date(2025, 1, 15), quota=10)
    assert steady_plan([quota], *JAN) is None  # a new contract year on the 15th
    ends = Plan(id=2, series="X", mode="per_shoot", effective_from=dt.date(2025, 1, 1), effective_to=dt.date(2026, 1, 20))
    assert steady_plan([ends], *JAN) is None
    late = Plan(id=3, series="X", mode="per_shoot", effective_from=dt.date(2026, 1, 2))
    assert steady_plan([late], *JAN) is None
    whole = Plan(id=4, series="X", mode="per_shoot", effective_from=dt.date(2026, 1, 1), effective_to=dt.date(2026, 1, 31))
    assert steady_plan([whole], *JAN) is whole
    assert steady_plan([whole, late], *JAN) is None


def test_the_run_pauses_the_collector_and_leaves_its_objects_to_the_oldest_generation():
    import gc

    from opcms_desktop.services.platform.bulk import gc_paused

    gc.enable()  # the suite keeps it off between collections (tests/conftest.py); the app's workers see it on
    with gc_paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(50_000)]
    assert gc.isenabled() and gc.get_count()[0] < 1_000  # not 50,000 young objects for the next collection
    assert kept[-1] == [49_999]
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a paused collector stays paused
    finally:
        gc.disable()
