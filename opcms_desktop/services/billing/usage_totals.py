"""Usage a bill run reads: order detail grouped per customer x day x series, plus monthly summaries.

A monthly summary row is dated on its month's first day (so the plan in force that day prices it).
Everything is read in a few set-based statements and returned as plain data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, case, func, select, true
from sqlalchemy.orm import Session

from ...models import UsageMonthly, UsageOrder
from ..platform.periods import Period, periods_between

CustomerFilter = Callable[[Any], ColumnElement[bool]]
"""Builds a WHERE condition from a table's customer_id column (scope, restriction to some customers)."""


class DayUsage(NamedTuple):
    """Usage of one customer on one day (or one month, dated on its first day) for one device series.

    A NamedTuple rather than a dataclass: a bill run reads hundreds of thousands of them.
    """

    customer_id: int
    day: dt.date
    series: str
    single_shoots: int
    multi_shoots: int
    multi_floors: int
    area: Decimal
    shoots_without_area: int
    last_day: dt.date | None = None  # orders summed over several days: the last of them

    @property
    def shoots(self) -> int:
        return self.single_shoots + self.multi_shoots


def _no_filter(_column: Any) -> ColumnElement[bool]:
    return true()


def read_usage(session: Session, start: dt.date, end: dt.date, customer_filter: CustomerFilter = _no_filter,
               *, daily: Collection[int] | None = None) -> dict[int, list[DayUsage]]:
    """Usage dated in [start, end] per customer: orders per day x series, monthly summaries per month x series.

    With `daily` given, orders are summed over the whole window per customer x series (dated on their first
    day, `last_day` their last) except for the customers in `daily`, which stay per day: the caller passes
    the customers whose plan in force can change inside the window.
    """
    found: dict[int, list[DayUsage]] = defaultdict(list)
    if daily is None:
        rows = _orders(session, start, end, customer_filter(UsageOrder.customer_id), by_day=True)
    else:
        rows = [r for r in _orders(session, start, end, customer_filter(UsageOrder.customer_id), by_day=False)
                if r.customer_id not in daily]
        ids = sorted(daily)
        for i in range(0, len(ids), 2000):
            chunk = UsageOrder.customer_id.in_(ids[i:i + 2000])
            rows.extend(_orders(session, start, end, customer_filter(UsageOrder.customer_id) & chunk, by_day=True))
    for row in rows:
        found[row.customer_id].append(row)
    periods = periods_between(start, end)
    if periods:
        first_days = {p: Period.parse(p).start for p in periods}
        monthly = session.connection().execute(
            select(UsageMonthly.customer_id, UsageMonthly.period, UsageMonthly.series, UsageMonthly.single_shoots,
                   UsageMonthly.multi_shoots, UsageMonthly.multi_floors, UsageMonthly.area)
            .where(UsageMonthly.period.in_(periods), customer_filter(UsageMonthly.customer_id))
        ).all()
        zero = Decimal("0")
        for cid, period, series, single, multi_n, floors, area in monthly:
            if area is None:
                area = zero
            found[cid].append(DayUsage(cid, first_days[period], series, single, multi_n, floors, area,
                                       0 if area else single + multi_n))
    return dict(found)


def _orders(session: Session, start: dt.date, end: dt.date, where: ColumnElement[bool], *, by_day: bool
            ) -> list[DayUsage]:
    multi = UsageOrder.floors >= 2
    keys = (UsageOrder.customer_id, UsageOrder.series) + ((UsageOrder.upload_date,) if by_day else ())
    query = (
        select(UsageOrder.customer_id, UsageOrder.series, func.min(UsageOrder.upload_date),
               func.max(UsageOrder.upload_date), func.sum(case((multi, 0), else_=1)),
               func.sum(case((multi, 1), else_=0)), func.sum(case((multi, UsageOrder.floors), else_=0)),
               func.sum(UsageOrder.area), func.sum(case((UsageOrder.area.is_(None), 1), else_=0)))
        .where(UsageOrder.upload_date >= start, UsageOrder.upload_date <= end, where)
        .group_by(*keys)
    )
    return [DayUsage(cid, _as_date(first), series, int(single), int(multi_n), int(floors), _decimal(area),
                     int(no_area), None if by_day else _as_date(last))
            for cid, series, first, last, single, multi_n, floors, area, no_area in session.connection().execute(query)]


def prior_shoots(session: Session, start: dt.date, end: dt.date, customer_filter: CustomerFilter = _no_filter
                 ) -> dict[int, list[DayUsage]]:
    """Shoots per customer x day x series dated in [start, end] (monthly summaries on their month's first
    day), as DayUsage rows holding only the shoots (in `single_shoots`): what the quotas count before a
    period (compute.prior_quota_shoots), read without the floors and areas `read_usage` adds up."""
    found: dict[int, list[DayUsage]] = defaultdict(list)
    conn = session.connection()
    zero = Decimal("0")
    orders = conn.execute(
        select(UsageOrder.customer_id, UsageOrder.upload_date, UsageOrder.series, func.count())
        .where(UsageOrder.upload_date >= start, UsageOrder.upload_date <= end,
               customer_filter(UsageOrder.customer_id))
        .group_by(UsageOrder.customer_id, UsageOrder.upload_date, UsageOrder.series))
    for cid, day, series, n in orders:
        found[cid].append(DayUsage(cid, _as_date(day), series, int(n), 0, 0, zero, 0))
    periods = periods_between(start, end)
    if periods:
        first_days = {p: Period.parse(p).start for p in periods}
        monthly = conn.execute(
            select(UsageMonthly.customer_id, UsageMonthly.period, UsageMonthly.series,
                   UsageMonthly.single_shoots + UsageMonthly.multi_shoots)
            .where(UsageMonthly.period.in_(periods), customer_filter(UsageMonthly.customer_id)))
        for cid, period, series, n in monthly:
            found[cid].append(DayUsage(cid, first_days[period], series, int(n or 0), 0, 0, zero, 0))
    return dict(found)


def shoot_totals(session: Session, start: dt.date, end: dt.date,
                 customer_filter: CustomerFilter = _no_filter) -> dict[int, int]:
    """Shoots per customer dated in [start, end] (orders plus monthly summaries)."""
    totals: dict[int, int] = defaultdict(int)
    conn = session.connection()
    orders = conn.execute(
        select(UsageOrder.customer_id, func.count())
        .where(UsageOrder.upload_date >= start, UsageOrder.upload_date <= end,
               customer_filter(UsageOrder.customer_id))
        .group_by(UsageOrder.customer_id)
    )
    for cid, n in orders:
        totals[cid] += int(n)
    periods = periods_between(start, end)
    if periods:
        monthly = conn.execute(
            select(UsageMonthly.customer_id, func.sum(UsageMonthly.single_shoots + UsageMonthly.multi_shoots))
            .where(UsageMonthly.period.in_(periods), customer_filter(UsageMonthly.customer_id))
            .group_by(UsageMonthly.customer_id)
        )
        for cid, n in monthly:
            totals[cid] += int(n or 0)
    return dict(totals)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _decimal(value: Any) -> Decimal:
    if value is None:
        return Decimal("0")
    return value if isinstance(value, Decimal) else Decimal(str(value))
