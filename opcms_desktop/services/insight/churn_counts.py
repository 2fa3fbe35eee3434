"""Churn-risk counts judged in SQL: assess()'s rule (churn.py) as conditions on the usage summary.

A count needs no customer's last usage day, only which side of two cutoffs it lies on: a customer is
warned at `as_of` when it has usage in the last 365 days ("alive") and either none in the last `days` days
("recent") or a drop of at least the threshold. So each day's judgement is a handful of aggregates per
customer, summed by the database: no signal reaches Python.

- A monthly summary counts on its month's last day (capped at as_of), an order on its day; the orders of
  as_of's own month up to as_of (when as_of is not a month end) come from usage_orders, as in
  profile_usage.
- The drop test is drop_percent()'s rounding done in integers, see `drop_reaches`.
- The months read are those from the first trailing or recent month; a customer without usage in them is
  looked up in the older months of its 365 days by key (an EXISTS evaluated only for it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, or_, select, text
from sqlalchemy.orm import Session

from ...models import Customer, UsageOrder
from ...models.usage_summary import UsageCustomerMonth
from ..platform.periods import Period
from .profile_usage import CustomerFilter, current_month, months_back
from .thresholds import ChurnThresholds


def drop_reaches(current: int, trailing_total: int, percent: int) -> bool:
    """drop_percent(current, trailing_total) >= percent, in integers: the exact drop (T - 3c) x 100 / T,
    rounded half-even to 0.1, reaches a whole `percent` exactly when the unrounded value is at least
    percent - 0.05 (a tie rounds to the even tenth, percent itself)."""
    return trailing_total > 0 and 2000 * (trailing_total - 3 * current) >= (20 * percent - 1) * trailing_total


class _Day:
    """The months and cutoffs one day's judgement uses."""

    def __init__(self, as_of: dt.date, limits: ChurnThresholds, lost_after_days: int, trailing: int) -> None:
        self.as_of = as_of
        self.own = Period.of(as_of)
        # the last month whose orders all lie on or before as_of
        self.whole = self.own if as_of == self.own.end else self.own.previous
        self.current = current_month(as_of)
        self.trailing = [str(m) for m in months_back(self.current, trailing + 1)[:-1]]
        self.recent_after = as_of - dt.timedelta(days=limits.days)  # usage after it is recent
        self.alive_from = as_of - dt.timedelta(days=lost_after_days)  # usage from it on is not lost
        self.partial = as_of != self.own.end
        self.first = min(Period.parse(self.trailing[0]), Period.of(self.recent_after + dt.timedelta(days=1)))


def _usage_from(
    s: Any, day: _Day, first_day: dt.date, strictly_after: bool, read: tuple[Period, Period]
) -> ColumnElement[bool]:
    """A summary row holding usage dated in [first_day, as_of] (or (first_day, as_of]); bounds the
    statement's `read` months already set are left out (SQLite tests every condition on every row)."""
    first_month = Period.of(first_day + dt.timedelta(days=1) if strictly_after else first_day)
    order_day = s.last_order_day > first_day if strictly_after else s.last_order_day >= first_day
    summary = [s.shoots > s.order_shoots]  # monthly summaries: shoots beyond the orders
    summary += [s.period >= str(first_month)] if first_month > read[0] else []
    summary += [s.period <= str(day.own)] if day.own < read[1] else []
    orders = [s.order_shoots > 0, order_day] + ([s.period <= str(day.whole)] if day.whole < read[1] else [])
    return or_(and_(*summary), and_(*orders))


def _older_usage(customer_id: Any, day: _Day, start: Period) -> ColumnElement[bool]:
    """Usage in the 365 days before `start` (months never read by the grouped statement)."""
    o = UsageCustomerMonth.__table__.alias("older")
    c = o.c
    return exists(
        select(literal(1)).where(
            c.customer_id == customer_id,
            c.period >= str(Period.of(day.alive_from)),
            c.period < str(start),
            or_(
                c.shoots > c.order_shoots,
                and_(c.order_shoots > 0, c.last_order_day >= day.alive_from),
            ),
        )
    )


def churn_risk_counts_sql(
    session: Session,
    customer_filter: CustomerFilter,
    days: list[dt.date],
    limits: ChurnThresholds,
    *,
    lost_after_days: int,
    trailing: int,
) -> list[int]:
    """How many customers passing `customer_filter` assess() warns at each of `days`."""
    judged = [_Day(d, limits, lost_after_days, trailing) for d in days]
    start = min(d.first for d in judged)
    last = max(d.own for d in judged)
    s = UsageCustomerMonth
    columns: list[Any] = []
    for k, d in enumerate(judged):
        columns += [
            func.max(case((_usage_from(s, d, d.alive_from, False, (start, last)), 1), else_=0)).label(
                f"alive{k}"
            ),
            func.max(case((_usage_from(s, d, d.recent_after, True, (start, last)), 1), else_=0)).label(
                f"recent{k}"
            ),
            func.sum(case((s.period == str(d.current), s.shoots), else_=0)).label(f"current{k}"),
            func.sum(case((s.period.in_(d.trailing), s.shoots), else_=0)).label(f"trailing{k}"),
        ]
    grouped = (
        select(s.customer_id.label("cid"), *columns)
        .where(s.period >= str(start), s.period <= str(last), customer_filter(s.customer_id))
        .group_by(s.customer_id)
        .subquery("g")
    )
    partial = [d for d in judged if d.partial]
    p = _partial_orders(customer_filter, partial) if partial else None
    counted: list[Any] = []
    for k, d in enumerate(judged):
        alive, recent = grouped.c[f"alive{k}"], grouped.c[f"recent{k}"]
        current, trailing_total = grouped.c[f"current{k}"], grouped.c[f"trailing{k}"]
        own_order = p.c[f"d{partial.index(d)}"] if p is not None and d.partial else None
        is_recent = recent == 1 if own_order is None else or_(recent == 1, own_order > d.recent_after)
        is_alive = alive == 1 if own_order is None else or_(alive == 1, own_order.is_not(None))
        drop = and_(
            trailing_total > 0,
            2000 * (trailing_total - 3 * current) >= (20 * limits.drop_percent - 1) * trailing_total,
        )
        counted.append(
            func.coalesce(
                func.sum(
                    case(
                        (and_(is_recent, ~drop), 0),
                        (is_alive, 1),
                        (_older_usage(grouped.c.cid, d, start), 1),
                        else_=0,
                    )
                ),
                0,
            )
        )
    source = grouped if p is None else grouped.outerjoin(p, p.c.cid == grouped.c.cid)
    statement = select(*counted).select_from(source)
    with _without_jit(session):
        found = [int(n) for n in session.execute(statement).one()]
    # customers with no summary row in the months read: only older usage can make them warned (no usage)
    s_read = select(s.customer_id).where(
        s.customer_id == Customer.id, s.period >= str(start), s.period <= str(last)
    )
    unread = [
        func.coalesce(func.sum(case((_older_usage(Customer.id, d, start), 1), else_=0)), 0) for d in judged
    ]
    more = session.execute(select(*unread).where(customer_filter(Customer.id), ~s_read.exists())).one()
    return [a + int(b) for a, b in zip(found, more, strict=True)]


@contextmanager
def _without_jit(session: Session) -> Iterator[None]:
    """PostgreSQL: no JIT for the statement. Its EXISTS sub-plans make a high plan cost, so the server
    would compile ~90 functions (150 ms measured) for a statement that runs in about as long; the
    transaction's own setting is restored after."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    before = session.scalar(text("SELECT current_setting('jit')"))
    session.execute(text("SELECT set_config('jit', 'off', true)"))
    try:
        yield
    finally:
        session.execute(text("SELECT set_config('jit', :value, true)"), {"value": before})


def _partial_orders(customer_filter: CustomerFilter, partial: list[_Day]) -> Any:
    """customer -> last order day of each partial day's own month up to the day (columns d0, d1, ...)."""
    day = UsageOrder.upload_date
    ranges = [day.between(d.own.start, d.as_of) for d in partial]
    return (
        select(
            UsageOrder.customer_id.label("cid"),
            *[func.max(case((r, day))).label(f"d{k}") for k, r in enumerate(ranges)],
        )
        .where(or_(*ranges), customer_filter(UsageOrder.customer_id))
        .group_by(UsageOrder.customer_id)
        .subquery("p")
    )
