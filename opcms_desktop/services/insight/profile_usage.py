"""Usage signals per customer as of a day, read with one SQL aggregate over both usage sources.

Shared by churn warnings, RFM and the health score. Decisions:
- Only usage dated up to `as_of` counts (orders by upload date; a monthly summary by its month).
- A monthly summary has no day, so it counts as usage on its month's last day, capped at `as_of`.
- The "current month" is the last complete month at `as_of`: the month of `as_of` when `as_of` is its last
  day, otherwise the month before. The trailing months are the `trailing` months before it.
- A month "with usage" has at least one shoot in either source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Date,
    String,
    and_,
    case,
    cast,
    distinct,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from ...models import UsageMonthly, UsageOrder
from ..platform.periods import Period
from ..usage.records import month_of

CustomerFilter = Callable[[Any], ColumnElement[bool]]


class UsageSignal(NamedTuple):  # a NamedTuple: a list builds 100,000 of them
    customer_id: int
    last_usage_day: dt.date | None  # None: no usage in the window read
    current_shoots: int  # in the current (last complete) month
    trailing_shoots: int  # in the `trailing` months before it
    months_with_usage: int  # among the `window` months ending with the current one
    window_shoots: int  # in those months


def current_month(as_of: dt.date) -> Period:
    """The last complete month at `as_of`."""
    month = Period.of(as_of)
    return month if as_of == month.end else month.previous


def months_back(month: Period, count: int) -> list[Period]:
    """`count` months ending with `month`, oldest first."""
    out = [month]
    while len(out) < count:
        out.append(out[-1].previous)
    return out[::-1]


def as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def usage_signals(
    session: Session,
    customer_filter: CustomerFilter,
    as_of: dt.date,
    *,
    trailing: int = 3,
    window: int = 12,
    lookback_days: int = 400,
    count_months: bool = True,
) -> dict[int, UsageSignal]:
    """A signal for every customer (passing `customer_filter`) with usage in the last `lookback_days` days.

    `count_months=False` leaves months_with_usage at 0: a distinct count makes PostgreSQL sort every row
    instead of hashing, and only RFM needs it.
    """
    month = current_month(as_of)
    first_day = min(
        as_of - dt.timedelta(days=lookback_days), months_back(month, max(window, trailing + 1))[0].start
    )
    first_period, as_of_period = str(Period.of(first_day)), str(Period.of(as_of))
    summaries = (  # one row per summary: the outer query adds them up, no grouping needed here
        select(
            UsageMonthly.customer_id.label("cid"),
            cast(UsageMonthly.period, String(7)).label("month"),
            (UsageMonthly.single_shoots + UsageMonthly.multi_shoots).label("shoots"),
            cast(null(), Date).label("last_day"),
        ).where(
            UsageMonthly.period >= first_period,
            UsageMonthly.period <= as_of_period,
            customer_filter(UsageMonthly.customer_id),
        )
    )
    order_month = month_of(session, UsageOrder.upload_date)
    orders = (
        select(
            UsageOrder.customer_id.label("cid"),
            cast(order_month, String(7)).label("month"),
            func.count().label("shoots"),
            func.max(UsageOrder.upload_date).label("last_day"),
        )
        .where(
            UsageOrder.upload_date >= Period.of(first_day).start,
            UsageOrder.upload_date <= as_of,
            customer_filter(UsageOrder.customer_id),
        )
        .group_by(UsageOrder.customer_id, order_month)
    )
    both = union_all(summaries, orders).subquery()
    current = str(month)
    trailing_months = [str(p) for p in months_back(month, trailing + 1)[:-1]]
    window_start = str(months_back(month, window)[0])
    used = both.c.shoots > 0
    in_window = and_(both.c.month >= window_start, both.c.month <= current)
    query = select(
        both.c.cid,
        func.max(case((and_(used, both.c.last_day.is_(None)), both.c.month))),
        func.max(both.c.last_day),
        func.sum(case((both.c.month == current, both.c.shoots), else_=0)),
        func.sum(case((both.c.month.in_(trailing_months), both.c.shoots), else_=0)),
        func.count(distinct(case((and_(used, in_window), both.c.month)))) if count_months else literal(0),
        func.sum(case((in_window, both.c.shoots), else_=0)),
    ).group_by(both.c.cid)
    signals: dict[int, UsageSignal] = {}
    month_ends: dict[str, dt.date] = {}  # a dozen months: parse each once
    for cid, summary_month, order_day, current_n, trailing_n, months_used, window_n in session.execute(query):
        last = as_date(order_day)
        if summary_month is not None:
            summary_day = month_ends.get(summary_month)
            if summary_day is None:
                summary_day = month_ends[summary_month] = min(Period.parse(summary_month).end, as_of)
            last = summary_day if last is None or summary_day > last else last
        signals[int(cid)] = UsageSignal(
            int(cid),
            last,
            int(current_n or 0),
            int(trailing_n or 0),
            int(months_used or 0),
            int(window_n or 0),
        )
    return signals


def no_filter(_column: Any) -> ColumnElement[bool]:
    return literal(True)
