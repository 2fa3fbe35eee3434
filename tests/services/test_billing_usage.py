"""Reading usage for a bill run: orders per day x series, monthly summaries dated on the 1st."""

import datetime as dt
from decimal import Decimal as D

import pytest

from opcms_desktop.services.billing.usage_totals import read_usage, shoot_totals
from opcms_desktop.services.platform.errors import ValidationError
from opcms_desktop.services.security.scope import visible_customers

from .billing_builders import add_monthly, add_orders


def test_orders_are_grouped_per_day_and_series_with_exact_area(session, make):
    c = make.customer()
    add_orders(session, c, dt.date(2026, 1, 5), 2, series="X", area="0.10")
    add_orders(session, c, dt.date(2026, 1, 5), 1, series="X", floors=3, area="0.20")
    add_orders(session, c, dt.date(2026, 1, 5), 1, series="X", floors=2)
    add_orders(session, c, dt.date(2026, 1, 6), 1, series="N", area="99.99")
    add_orders(session, c, dt.date(2026, 2, 1), 1, series="N")  # next month
    rows = sorted(read_usage(session, dt.date(2026, 1, 1), dt.date(2026, 1, 31))[c.id], key=lambda r: r.day)
    x, n = rows
    assert (x.day, x.series, x.single_shoots, x.multi_shoots, x.multi_floors, x.shoots_without_area) == (
        dt.date(2026, 1, 5), "X", 2, 2, 5, 1)
    assert x.area == D("0.40")
    assert (n.day, n.series, n.shoots, n.area) == (dt.date(2026, 1, 6), "N", 1, D("99.99"))


def test_monthly_summaries_are_dated_on_the_first_day(session, make):
    c = make.customer()
    add_monthly(session, c, "2026-01", "L", single=10, multi=2, floors=7, area="12.5")
    add_monthly(session, c, "2026-01", "X", single=3)
    add_monthly(session, c, "2025-12", "X", single=99)
    rows = sorted(read_usage(session, dt.date(2026, 1, 1), dt.date(2026, 1, 31))[c.id], key=lambda r: r.series)
    assert [(r.day, r.series, r.single_shoots, r.multi_shoots, r.multi_floors, r.area, r.shoots_without_area)
            for r in rows] == [(dt.date(2026, 1, 1), "L", 10, 2, 7, D("12.5"), 0),
                               (dt.date(2026, 1, 1), "X", 3, 0, 0, D(0), 3)]


def test_a_window_not_starting_on_the_first_skips_that_month_summary(session, make):
    c = make.customer()
    add_monthly(session, c, "2026-01", "X", single=10)
    assert read_usage(session, dt.date(2026, 1, 2), dt.date(2026, 1, 31)) == {}


def test_shoot_totals(session, make, sales):
    mine, other = make.customer(sales=sales), make.customer()
    add_orders(session, mine, dt.date(2025, 12, 31), 4)
    add_monthly(session, mine, "2025-12", "N", single=5, multi=1, floors=2)
    add_orders(session, other, dt.date(2025, 12, 1), 2)
    totals = shoot_totals(session, dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    assert (totals[mine.id], totals[other.id]) == (10, 2)
    scoped = shoot_totals(session, dt.date(2025, 12, 1), dt.date(2025, 12, 31),
                          lambda column: visible_customers(sales, column))
    assert scoped == {mine.id: 10}


def test_billing_uses_the_one_period_and_money_definition():
    from opcms_desktop.services.billing import balances, usage_totals
    from opcms_desktop.services.platform import money, periods

    for name in ("parse_period", "previous_period", "period_of", "_PERIOD"):
        assert not hasattr(usage_totals, name)
    assert usage_totals.periods_between is periods.periods_between
    for name in ("parse_amount", "fmt", "check_period", "period_bounds", "CENT"):  # no second definition
        assert not hasattr(balances, name)
    assert balances.money is money.money
    assert periods.periods_between(dt.date(2025, 1, 15), dt.date(2025, 4, 1)) == ["2025-02", "2025-03", "2025-04"]
    with pytest.raises(ValidationError):
        periods.check_period("2026/01")


def test_orders_summed_over_the_window_except_for_daily_customers(session, make):
    simple, changing = make.customer(), make.customer()
    for c in (simple, changing):
        add_orders(session, c, dt.date(2026, 1, 3), 2, series="X", area="1.00")
        add_orders(session, c, dt.date(2026, 1, 20), 1, series="X", floors=2)
    found = read_usage(session, dt.date(2026, 1, 1), dt.date(2026, 1, 31), daily={changing.id})
    (summed,) = found[simple.id]
    assert (summed.day, summed.last_day, summed.single_shoots, summed.multi_shoots, summed.area) == (
        dt.date(2026, 1, 3), dt.date(2026, 1, 20), 2, 1, D("2.00"))
    assert sorted((r.day, r.shoots, r.last_day) for r in found[changing.id]) == [
        (dt.date(2026, 1, 3), 2, None), (dt.date(2026, 1, 20), 1, None)]
