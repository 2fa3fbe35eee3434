"""Usage per month over all customers (usage_month_totals, migration 0022), kept by triggers on the
monthly usage summary.

- Through random inserts, updates and deletes of monthly summaries and orders (and so of the summary's
  customer-months), the totals equal a count from the usage rows themselves, on SQLite and PostgreSQL;
  the company-wide readers on them equal the scoped readers given every customer.
- Two writers of one month for two customers at the same time are both counted (PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, text, true

from opcms_desktop.models import UsageMonthly, UsageOrder
from opcms_desktop.models.usage_month_totals import UsageMonthTotal
from opcms_desktop.services.insight import company_totals, figures
from opcms_desktop.services.platform.db import make_session_factory, session_scope
from opcms_desktop.services.platform.periods import Period

from ..factories import Factory
from .test_usage_summary_race import race

MONTHS = [f"2026-{m:02d}" for m in range(1, 9)]
_numbers = iter(range(1, 10**9))


def _order(rng: random.Random, cid: int) -> UsageOrder:
    month = Period.parse(rng.choice(MONTHS))
    return UsageOrder(
        order_no=f"T{next(_numbers):09d}", customer_id=cid, series=rng.choice("XNL"), floors=1,
        upload_date=month.start + dt.timedelta(days=rng.randint(0, month.end.day - 1)),
    )


def _monthly(rng: random.Random, cid: int, period: str, series: str) -> UsageMonthly:
    multi = rng.choice([0, 2])
    return UsageMonthly(customer_id=cid, period=period, series=series, single_shoots=rng.choice([0, 0, 4, 11]),
                        multi_shoots=multi, multi_floors=2 * multi, area=Decimal("0"))


def _totals(session) -> dict[str, tuple[int, int, int, int]]:
    rows = session.execute(select(UsageMonthTotal.period, UsageMonthTotal.monthly_x, UsageMonthTotal.monthly_n,
                                  UsageMonthTotal.monthly_l, UsageMonthTotal.active_customers))
    found = {str(period): tuple(int(v) for v in values) for period, *values in rows}
    return {period: values for period, values in found.items() if values != (0, 0, 0, 0)}


def _counted(session) -> dict[str, tuple[int, int, int, int]]:
    """The same from the usage rows, in Python."""
    series: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    shoots: dict[tuple[int, str], int] = defaultdict(int)
    monthly = UsageMonthly.__table__.c  # columns, not objects: a bulk statement leaves objects stale
    for cid, period, kind, single, multi in session.execute(
        select(monthly.customer_id, monthly.period, monthly.series, monthly.single_shoots, monthly.multi_shoots)
    ):
        month = str(period)
        series[month]["XNL".index(kind)] += single + multi
        shoots[(cid, month)] += single + multi
    for cid, day in session.execute(select(UsageOrder.customer_id, UsageOrder.upload_date)):
        shoots[(cid, str(Period.of(figures.as_date(day))))] += 1
    active: dict[str, int] = defaultdict(int)
    for (_, month), count in shoots.items():
        active[month] += count > 0
    out = {m: (*series[m], active[m]) for m in set(series) | set(active)}
    return {m: v for m, v in out.items() if v != (0, 0, 0, 0)}


def _taken(session, cid: int, period: str, series: str) -> bool:
    return session.scalar(select(UsageMonthly.id).where(
        UsageMonthly.customer_id == cid, UsageMonthly.period == period, UsageMonthly.series == series)) is not None


def _check(session) -> None:
    assert _totals(session) == _counted(session)
    first, everyone = Period.parse(MONTHS[0]), lambda column: true()
    assert company_totals.usage(session, first) == figures.usage(session, everyone, first)
    months = [Period.parse(m) for m in MONTHS]
    assert company_totals.monthly_active_customers(session, months) == figures.monthly_active_customers(
        session, everyone, months)


def test_the_totals_equal_a_count_of_the_usage_rows_through_random_changes(session, make):
    rng = random.Random(2022)
    ids = [make.customer(f"用量合计客户{i}").id for i in range(8)]
    for cid in ids:
        for period in rng.sample(MONTHS, rng.randint(0, 5)):
            session.add(_monthly(rng, cid, period, rng.choice("XNL")))
        for _ in range(rng.randint(0, 4)):
            session.add(_order(rng, cid))
    session.flush()
    _check(session)
    assert _totals(session)
    for _ in range(40):
        kind, action = rng.choice(["monthly", "order"]), rng.choice(["insert", "update", "update", "delete"])
        rows = session.scalars(select(UsageMonthly if kind == "monthly" else UsageOrder)).all()
        if action == "insert" or not rows:
            cid, period, series = rng.choice(ids), rng.choice(MONTHS), rng.choice("XNL")
            if kind == "order":
                session.add(_order(rng, cid))
            elif not _taken(session, cid, period, series):
                session.add(_monthly(rng, cid, period, series))
        elif action == "delete":
            session.delete(rng.choice(rows))
        elif kind == "monthly":
            row = rng.choice(rows)
            row.single_shoots = rng.choice([0, 3, 8])
            cid, period = rng.choice(ids), rng.choice(MONTHS)
            if rng.random() < 0.4 and not _taken(session, cid, period, row.series):
                row.customer_id, row.period = cid, period
        else:
            row = rng.choice(rows)
            row.upload_date = _order(rng, row.customer_id).upload_date
        session.flush()
        _check(session)
    session.execute(delete(UsageOrder).where(UsageOrder.series == "X"))  # one statement, many rows
    session.execute(UsageMonthly.__table__.update().values(multi_shoots=0, multi_floors=0))
    _check(session)


@pytest.fixture
def pg_customers(request, backend) -> tuple[int, int]:
    if backend != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite writers take the whole database in turn)")
    engine = request.getfixturevalue("fresh_engine")
    with session_scope(make_session_factory(engine)) as s:
        first = Factory(s).customer("并发合计客户甲").id
        second = Factory(s).customer("并发合计客户乙").id
    assert first % 128 != second % 128  # other buckets: only the totals' row makes them wait
    return first, second


def test_two_writers_of_one_month_are_both_counted(pg_customers, fresh_engine):
    def order(cid: int, day: int):
        return lambda conn: conn.execute(UsageOrder.__table__.insert().values(
            order_no=f"TR{cid:06d}", customer_id=cid, upload_date=dt.date(2026, 1, day), series="X", floors=1))

    race(fresh_engine, order(pg_customers[0], 5), order(pg_customers[1], 20))
    with fresh_engine.connect() as conn:
        found = conn.execute(text("SELECT active_customers FROM usage_month_totals WHERE period = '2026-01'"))
        assert found.scalar() == 2
