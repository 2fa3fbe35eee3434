"""The monthly usage summary (usage_customer_months, migration 0019) and the readers moved onto it.

- The triggers keep it equal to a recomputation from the usage rows through random inserts, updates
  (figures, months, days, customers) and deletes of both usage tables, on SQLite and PostgreSQL.
- An insert adds its row to its month: the 3,000th order of a customer-month costs SQLite's row trigger
  what the 1st did (it recounted the month, quadratic per month: 19 s for 20,000 orders).
- rebuild_usage_summary finds nothing to do then, repairs a damaged table and is for admins only.
- The readers on the summary (usage signals, churn counts, KPI usage figures) give what the direct
  computation from the usage rows gives (tests/services/usage_direct.py, the code before the summary).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from sqlalchemy import delete, insert, select, text

from opcms_desktop.models import Customer, UsageMonthly, UsageOrder
from opcms_desktop.models.usage_summary import UsageCustomerMonth
from opcms_desktop.services.insight import figures
from opcms_desktop.services.insight.churn import TRAILING_MONTHS, assess, churn_risk_counts, churn_warnings
from opcms_desktop.services.insight.profile_customers import profiled_customers
from opcms_desktop.services.insight.profile_usage import usage_signals
from opcms_desktop.services.insight.thresholds import churn_thresholds
from opcms_desktop.services.insight.usage_summary import rebuild_usage_summary, truth_sql
from opcms_desktop.services.platform.errors import PermissionDenied
from opcms_desktop.services.platform.periods import Period

from . import usage_direct as direct

MONTHS = [str(Period.of(dt.date(2025 + (4 + i) // 12, (4 + i) % 12 + 1, 1))) for i in range(16)]  # 2025-05..
DAYS = [dt.date(2026, 8, 15), dt.date(2026, 7, 31), dt.date(2026, 6, 1), dt.date(2026, 3, 20)]


def _summary(session) -> set[tuple]:
    rows = session.execute(
        select(
            UsageCustomerMonth.customer_id,
            UsageCustomerMonth.period,
            UsageCustomerMonth.monthly_x,
            UsageCustomerMonth.monthly_n,
            UsageCustomerMonth.monthly_l,
            UsageCustomerMonth.order_shoots,
            UsageCustomerMonth.shoots,
            UsageCustomerMonth.last_order_day,
        )
    )
    return {(*r[:7], figures.as_date(r[7]) if r[7] is not None else None) for r in rows}


def _truth(session) -> set[tuple]:
    dialect = session.get_bind().dialect.name
    rows = session.execute(text(truth_sql(dialect)))
    return {
        (r[0], str(r[1]), *(int(v) for v in r[2:7]), figures.as_date(r[7]) if r[7] is not None else None)
        for r in rows
    }


def _random_usage(session, make, rng: random.Random, customers: int = 12, sales=None) -> list[int]:
    ids = [
        make.customer(f"汇总客户{i}", sales=sales if sales is not None and i % 4 == 0 else None).id
        for i in range(customers)
    ]
    for cid in ids:
        for period in rng.sample(MONTHS, rng.randint(0, 10)):
            for series in rng.sample(["X", "N", "L"], rng.randint(1, 2)):
                multi = rng.choice([0, 0, 2])
                session.add(
                    UsageMonthly(
                        customer_id=cid, period=period, series=series, single_shoots=rng.choice([0, 3, 17]),
                        multi_shoots=multi, multi_floors=2 * multi, area=Decimal("0"),
                    )
                )
        for _ in range(rng.randint(0, 6)):
            session.add(_order(rng, cid))
    session.flush()
    return ids


_order_numbers = iter(range(1, 10**9))


def _order(rng: random.Random, cid: int) -> UsageOrder:
    month = Period.parse(rng.choice(MONTHS))
    day = month.start + dt.timedelta(days=rng.randint(0, month.end.day - 1))
    return UsageOrder(
        order_no=f"S{next(_order_numbers):09d}", customer_id=cid, upload_date=day,
        series=rng.choice("XNL"), floors=rng.choice([1, 1, 3]),
    )


def _taken(session, cid: int, period: str, series: str) -> bool:
    return session.scalar(
        select(UsageMonthly.id).where(
            UsageMonthly.customer_id == cid, UsageMonthly.period == period, UsageMonthly.series == series
        )
    ) is not None


def test_the_triggers_keep_the_summary_equal_to_a_recomputation(session, make):
    rng = random.Random(19)
    ids = _random_usage(session, make, rng)
    assert _summary(session) == _truth(session) and _summary(session)
    for _ in range(40):
        kind = rng.choice(["monthly", "order"])
        table = UsageMonthly if kind == "monthly" else UsageOrder
        rows = session.scalars(select(table)).all()
        action = rng.choice(["insert", "update", "update", "delete"])
        if action == "insert" or not rows:
            if kind == "order":
                session.add(_order(rng, rng.choice(ids)))
            else:
                cid, period = rng.choice(ids), rng.choice(MONTHS)
                if not _taken(session, cid, period, "L"):
                    session.add(UsageMonthly(customer_id=cid, period=period, series="L", single_shoots=5,
                                             multi_shoots=0, multi_floors=0, area=Decimal("0")))
        elif action == "delete":
            session.delete(rng.choice(rows))
        elif kind == "monthly":
            row = rng.choice(rows)
            row.single_shoots = rng.choice([0, 1, 9])
            cid, period = rng.choice(ids), rng.choice(MONTHS)
            if rng.random() < 0.5 and not _taken(session, cid, period, row.series):
                row.customer_id, row.period = cid, period  # to another customer and month
        else:
            row = rng.choice(rows)
            row.upload_date = _order(rng, row.customer_id).upload_date
            if rng.random() < 0.3:
                row.customer_id = rng.choice(ids)
        session.flush()
        assert _summary(session) == _truth(session)
    # bulk statements (one statement, many rows: PostgreSQL's statement triggers see them together)
    session.execute(UsageMonthly.__table__.update().where(UsageMonthly.series == "X").values(multi_shoots=0,
                                                                                               multi_floors=0))
    session.execute(delete(UsageOrder).where(UsageOrder.floors > 1))
    session.execute(delete(UsageMonthly).where(UsageMonthly.customer_id == ids[0]))
    assert _summary(session) == _truth(session)
    session.delete(session.get(Customer, ids[1]))  # usage goes with its customer
    session.flush()
    assert _summary(session) == _truth(session)
    assert not any(row[0] == ids[1] for row in _summary(session))


def test_rebuild_finds_nothing_to_do_then_repairs_damage(session, make, admin, ops):
    rng = random.Random(7)
    _random_usage(session, make, rng, customers=6)
    first = rebuild_usage_summary(session, admin)
    assert first.was_current and first.rows == len(_truth(session)) > 0
    some = session.scalars(select(UsageCustomerMonth).order_by(UsageCustomerMonth.customer_id)).all()
    session.execute(delete(UsageCustomerMonth).where(UsageCustomerMonth.customer_id == some[0].customer_id,
                                                     UsageCustomerMonth.period == some[0].period))
    session.execute(UsageCustomerMonth.__table__.update()
                    .where(UsageCustomerMonth.customer_id == some[-1].customer_id)
                    .values(shoots=UsageCustomerMonth.shoots + 1))
    session.execute(UsageCustomerMonth.__table__.insert().values(
        customer_id=some[-1].customer_id, period="2030-01", monthly_x=1, monthly_n=0, monthly_l=0,
        order_shoots=0, shoots=1, last_order_day=None))
    changed_rows = sum(1 for r in some if r.customer_id == some[-1].customer_id)
    session.expire_all()
    repaired = rebuild_usage_summary(session, admin)
    assert (repaired.added, repaired.changed, repaired.removed) == (1, changed_rows, 1)
    assert _summary(session) == _truth(session)
    with pytest.raises(PermissionDenied):
        rebuild_usage_summary(session, ops)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_readers_on_the_summary_equal_the_direct_computation(session, make, ops, sales, seed):
    rng = random.Random(seed)
    _random_usage(session, make, rng, customers=30, sales=sales)
    for who in (ops, sales):
        where = profiled_customers(who)
        for day in DAYS:
            assert usage_signals(session, where, day) == direct.usage_signals(session, where, day)
            quick = usage_signals(session, where, day, count_months=False)
            assert quick == direct.usage_signals(session, where, day, count_months=False)
        limits = churn_thresholds(session, who)
        expected = [
            sum(1 for s in found.values() if assess(s, day, limits) is not None)
            for day, found in zip(
                DAYS,
                direct.usage_signals_on_days(
                    session, where, DAYS, trailing=TRAILING_MONTHS, lookback_days=396
                ),
                strict=True,
            )
        ]
        assert churn_risk_counts(session, who, DAYS) == expected
        assert [len(churn_warnings(session, who, d)) for d in DAYS] == expected
        visible = figures.customer_filter(who, None)
        first = Period.parse(MONTHS[0])
        assert figures.usage(session, visible, first) == direct.usage(session, visible, first)
        windows = [figures.Window(d.replace(day=1), d) for d in DAYS] + [
            figures.Window(dt.date(2025, 11, 20), dt.date(2026, 1, 3))
        ]
        assert figures.active_customers(session, visible, windows) == direct.active_customers(
            session, visible, windows
        )
        months = [Period.parse(m) for m in MONTHS]
        assert figures.monthly_active_customers(session, visible, months) == direct.monthly_active_customers(
            session, visible, months
        )


def test_many_orders_in_one_customer_month_cost_each_insert_the_same(session, make):
    cid = make.customer("大量订单客户").id
    session.add(UsageMonthly(customer_id=cid, period="2026-01", series="N", single_shoots=4, multi_shoots=1,
                             multi_floors=2, area=Decimal("0")))
    session.flush()
    steps: list[int] = []
    raw = session.connection().connection.driver_connection
    sqlite = session.get_bind().dialect.name == "sqlite"

    def batch(first: int, count: int) -> None:
        rows = [
            {"order_no": f"M{first + i:07d}", "customer_id": cid, "upload_date": dt.date(2026, 1, 28 - (first + i) % 28),
             "series": "XNL"[i % 3], "floors": 1}
            for i in range(count)
        ]
        counted = [0]
        if sqlite:  # virtual-machine steps: a count that does not depend on the machine's load
            raw.set_progress_handler(lambda: counted.__setitem__(0, counted[0] + 1) or 0, 100)
        try:
            session.execute(insert(UsageOrder), rows)  # one row trigger per order on SQLite
        finally:
            if sqlite:
                raw.set_progress_handler(None, 0)
        steps.append(counted[0])

    batch(0, 200)
    batch(200, 2800)
    batch(3000, 200)
    assert _summary(session) == _truth(session)
    assert (cid, "2026-01", 0, 5, 0, 3200, 3205, dt.date(2026, 1, 28)) in _summary(session)
    if sqlite:
        assert steps[2] < 2 * steps[0], steps
