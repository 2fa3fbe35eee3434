"""Properties of the pricing engine that must hold for any usage (hypothesis)."""

import datetime as dt
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from opcms_desktop.services.billing.compute import charge_customer
from opcms_desktop.services.billing.usage_totals import DayUsage
from opcms_desktop.services.pricing import engine as pe
from opcms_desktop.services.pricing.engine import Counts, Plan
from opcms_desktop.services.pricing.grammar import TierBand, validate_tiers

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))

prices4 = st.decimals(min_value=0, max_value=100, places=4)
prices2 = st.decimals(min_value=0, max_value=100, places=2)


@st.composite
def bands(draw):
    cuts = sorted(draw(st.sets(st.integers(1, 5000), max_size=4)))
    edges = [0, *cuts]
    out = [TierBand(lo, hi, draw(prices4)) for lo, hi in zip(edges, [*cuts, None], strict=True)]
    validate_tiers(out)
    return tuple(out)


@st.composite
def usage_days(draw, series=st.sampled_from("XNL")):
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        single, multi = draw(st.integers(0, 300)), draw(st.integers(0, 30))
        floors = multi * 2 + draw(st.integers(0, 40)) if multi else 0
        area = draw(st.decimals(min_value=0, max_value=5000, places=2))
        rows.append(DayUsage(1, dt.date(2026, 1, draw(st.integers(1, 31))), draw(series), single, multi, floors,
                             area, 0))
    return rows


def graduated(tiers, n):
    p = Plan(1, "X", "tiered_graduated", JAN[0], tiers=tiers)
    return pe.total(pe.price_usage(p, "X", Counts(n, by_series=(("X", n, 0),))).lines)


@given(bands(), st.integers(0, 12_000), st.integers(0, 3_000))
@settings(deadline=None)
def test_graduated_amounts_never_decrease_as_usage_grows(tiers, n, more):
    assert graduated(tiers, n + more) >= graduated(tiers, n)


@given(bands(), st.integers(0, 7_000))
@settings(max_examples=60, deadline=None)
def test_graduated_equals_pricing_each_shoot_at_its_own_band(tiers, n):
    def band_price(k):  # the band holding shoot number k (1-based)
        return next(b.unit_price for b in tiers if b.from_count < k and (b.to_count is None or k <= b.to_count))

    exact = sum((band_price(k) for k in range(1, n + 1)), D(0))
    lines = pe.price_usage(Plan(1, "X", "tiered_graduated", JAN[0], tiers=tiers), "X",
                           Counts(n, by_series=(("X", n, 0),))).lines
    assert sum((li.quantity * li.unit_price for li in lines), D(0)) == exact
    assert sum((li.quantity for li in lines), D(0)) == n
    assert [li.amount for li in lines] == [pe.money(li.quantity * li.unit_price) for li in lines]


@given(bands(), st.integers(1, 12_000))
@settings(deadline=None)
def test_volume_prices_every_shoot_at_the_band_of_the_last_one(tiers, n):
    (line,) = pe.price_usage(Plan(1, "X", "tiered_volume", JAN[0], tiers=tiers), "X",
                             Counts(n, by_series=(("X", n, 0),))).lines
    last = next(b for b in tiers if b.from_count < n and (b.to_count is None or n <= b.to_count))
    assert line.amount == pe.money(n * last.unit_price)


@st.composite
def plans(draw):
    mode = draw(st.sampled_from(pe.USAGE_MODES + pe.ANNUAL_MODES))
    series = draw(st.sampled_from(["X", "N", "L", "ALL"]))
    start = dt.date(2025, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    return Plan(id=draw(st.integers(1, 10**6)), series=series, mode=mode, effective_from=start,
                single_price=draw(prices4), multi_price=draw(st.none() | prices4),
                multi_base=draw(st.none() | prices4), multi_step=draw(prices4),
                extra_floor_price=draw(st.none() | prices4), area_rate=draw(prices4),
                annual_fee=draw(prices2), quota=draw(st.integers(0, 2000)), overage_price=draw(prices4),
                tiers=draw(bands()))


@given(st.lists(plans(), max_size=3, unique_by=lambda p: p.id), usage_days(), usage_days())
@settings(max_examples=200, deadline=None)
def test_an_invoice_total_is_the_sum_of_its_rounded_lines(some_plans, usage, prior):
    prior = [DayUsage(1, r.day.replace(year=2025), r.series, r.single_shoots, r.multi_shoots, r.multi_floors,
                      r.area, 0) for r in prior]
    charges = charge_customer(some_plans, usage, prior, *JAN)
    assert charges.amount == sum((li.amount for li in charges.lines), D(0))
    for line in charges.lines:
        assert line.amount == line.amount.quantize(D("0.01")) and line.amount >= 0
        if line.unit_price is not None:
            assert line.amount == pe.money(line.quantity * line.unit_price)


@given(usage_days(), st.integers(1, 31), prices2, st.none() | prices2, st.booleans(),
       st.sampled_from(["X", "ALL"]))
@settings(max_examples=200, deadline=None)
def test_a_per_shoot_plan_split_at_any_date_bills_the_same(usage, split_day, single, multi, formula, series):
    """Prices in yuan and fen (2 places): each part is then exact and its one rounding changes nothing."""
    prices = {"single_price": single, "multi_price": None if formula else multi,
              "multi_base": D("14") if formula else None, "multi_step": D("10") if formula else None}
    whole = Plan(1, series, "per_shoot", dt.date(2025, 1, 1), **prices)
    split = dt.date(2026, 1, split_day)
    first = Plan(2, series, "per_shoot", dt.date(2025, 1, 1), effective_to=split - dt.timedelta(days=1), **prices)
    second = Plan(3, series, "per_shoot", split, **prices)
    one = charge_customer([whole], usage, [], *JAN)
    two = charge_customer([first, second], usage, [], *JAN)
    assert one.amount == two.amount
    assert one.unpriced_shoots == two.unpriced_shoots


@given(usage_days(), st.integers(1, 31), st.integers(1, 31), st.sampled_from(["X", "N", "ALL"]))
@settings(deadline=None)
def test_every_shoot_is_either_billed_or_reported(usage, a, b, series):
    lo, hi = sorted((a, b))
    p = Plan(1, series, "per_shoot", dt.date(2026, 1, lo), dt.date(2026, 1, hi), single_price=D("8"))
    charges = charge_customer([p], usage, [], *JAN)
    billed = sum((li.quantity for li in charges.lines), D(0))
    assert billed + charges.unpriced_shoots == sum(r.shoots for r in usage)
