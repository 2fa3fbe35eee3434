"""Usage signals per customer as of a day, read from the monthly usage summary (usage_customer_months).

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
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select, true
from sqlalchemy.orm import Session

from ...models import Customer, UsageOrder
from ...models.usage_summary import UsageCustomerMonth
from ..platform.periods import Period

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
    trend: bool = True,
    having: Having | None = None,
) -> dict[int, UsageSignal]:
    """A signal for every customer (passing `customer_filter`) with usage rows in the last `lookback_days`
    days (a customer whose rows there have no shoots has last_usage_day None).

    One statement over the summary grouped by customer (SQLite reads it in its key order, no sort); it holds
    one row per customer and month, so a month with both sources counts once. `count_months=False` leaves
    months_with_usage and window_shoots at 0 (only RFM needs them) and reads only the months from the first
    trailing one. `trend=False` leaves current_shoots, trailing_shoots and window_shoots at 0 (RFM does not use them).
    """
    spans = [_Span(as_of, trailing, window, lookback_days, trend)]
    return _signals_on(session, customer_filter, spans, count_months, having)[0]


def usage_trends(
    session: Session, customer_filter: CustomerFilter, as_of: dt.date, *, trailing: int = 3
) -> dict[int, tuple[int, int]]:
    """customer -> (current_shoots, trailing_shoots) as usage_signals gives them, for every customer with
    summary rows in those months: only the `trailing` + 1 months are read (no last usage day, no orders of
    the day's own month), for rankings that need the trend alone."""
    span = _Span(as_of, trailing, trailing + 1, 0)
    s = UsageCustomerMonth
    first = span.trailing[0] if span.trailing else span.current
    statement = (
        select(
            s.customer_id,
            func.sum(case((s.period == str(span.current), s.shoots), else_=0)),
            func.sum(case((s.period < str(span.current), s.shoots), else_=0)),
        )
        .where(s.period >= str(first), s.period <= str(span.current), customer_filter(s.customer_id))
        .group_by(s.customer_id)
    )
    return {int(cid): (int(c or 0), int(t or 0)) for cid, c, t in session.execute(statement)}


class _Span:
    """What one day's signal reads: the current month, the trailing months before it, the window of months
    ending with it, and the first month read."""

    def __init__(
        self, as_of: dt.date, trailing: int, window: int, lookback_days: int, trend: bool = True
    ) -> None:
        self.as_of = as_of
        self.trend = trend
        self.current = current_month(as_of)
        self.trailing = months_back(self.current, trailing + 1)[:-1]
        self.window = months_back(self.current, window)
        first_day = min(
            as_of - dt.timedelta(days=lookback_days),
            months_back(self.current, max(window, trailing + 1))[0].start,
        )
        self.first = Period.of(first_day)


@dataclass(frozen=True)
class SpanColumns:
    """One day's aggregates in the summary statement (a HAVING may test them, see churn.py)."""

    summary_month: Any  # the last month with monthly-summary shoots read for the day
    order_day: Any  # the last order day of the whole months read (the day's own month, if partial, apart)
    current: Any
    trailing: Any


Having = Callable[[list[_Span], list[SpanColumns]], ColumnElement[bool]]


def _signals_on(
    session: Session,
    customer_filter: CustomerFilter,
    spans: list[_Span],
    count_months: bool,
    having: Having | None = None,
) -> list[dict[int, UsageSignal]]:
    """The signals from the summary table (usage_customer_months): one row per customer and month with
    the monthly summaries' and orders' shoots, so one statement grouped by customer reads both sources.
    Orders in a day's own month up to the day (when the day is not a month end) come from usage_orders.
    With `having`, only the customers passing it are read (a pre-filter the caller makes sure is safe)."""
    # without month counts, only the months from the first trailing one are read; the customers with no usage
    # in them (a few) are looked up one by one for their last usage in the older months
    start = None if count_months else min(sp.trailing[0] if sp.trailing else sp.current for sp in spans)
    signals = _summary_signals(session, customer_filter, spans, count_months, start, having)
    for k, last_days in _partial_month_orders(session, customer_filter, spans, signals).items():
        found = signals[k]
        for cid, day in last_days.items():
            before = found.get(cid)
            if before is None:
                continue  # a customer left out by `having`, or outside the filter
            if before.last_usage_day is None or day > before.last_usage_day:
                found[cid] = before._replace(last_usage_day=day)
    if start is not None:
        _add_older_usage(session, customer_filter, spans, start, signals)
    return signals


def _whole_months_to(as_of: dt.date) -> Period:
    """The last month whose orders all lie on or before `as_of`."""
    month = Period.of(as_of)
    return month if as_of == month.end else month.previous


def _summary_signals(
    session: Session,
    customer_filter: CustomerFilter,
    spans: list[_Span],
    count_months: bool,
    start: Period | None,
    having: Having | None,
) -> list[dict[int, UsageSignal]]:
    s = UsageCustomerMonth
    period, shoots = s.period, s.shoots
    monthly = shoots > s.order_shoots  # shoots = the monthly summaries' + the orders'
    lo, hi = start or min(sp.first for sp in spans), max(Period.of(sp.as_of) for sp in spans)

    def months(first: Period, last: Period) -> list[ColumnElement[bool]]:
        """period in [first, last], leaving out the bounds the statement's WHERE already sets"""
        return ([period >= str(first)] if first > lo else []) + ([period <= str(last)] if last < hi else [])

    columns: list[Any] = []
    judged: list[SpanColumns] = []
    for span in spans:
        in_window = and_(true(), *months(span.window[0], span.current))
        day_columns = SpanColumns(
            func.max(case((and_(monthly, *months(span.first, Period.of(span.as_of))), period))),
            func.max(
                case(
                    (
                        and_(s.order_shoots > 0, *months(span.first, _whole_months_to(span.as_of))),
                        s.last_order_day,
                    )
                )
            ),
            func.sum(case((period == str(span.current), shoots), else_=0)) if span.trend else literal(0),
            func.sum(case((period.in_([str(m) for m in span.trailing]), shoots), else_=0))
            if span.trend
            else literal(0),
        )
        judged.append(day_columns)
        columns += [
            day_columns.summary_month,
            day_columns.order_day,
            day_columns.current,
            day_columns.trailing,
            # one summary row per customer and month: counting rows with shoots counts months
            func.count(case((and_(shoots > 0, in_window), 1))) if count_months else literal(0),
            func.sum(case((in_window, shoots), else_=0)) if count_months and span.trend else literal(0),
        ]
    # grouped straight off the summary's (customer, month) key: the customer filter is an id list, so SQLite
    # seeks each customer's months from `start` (no sort, no other month read)
    statement = (
        select(s.customer_id, *columns)
        .where(period >= str(lo), period <= str(hi), customer_filter(s.customer_id))
        .group_by(s.customer_id)
    )
    if having is not None:
        statement = statement.having(having(spans, judged))
    signals: list[dict[int, UsageSignal]] = [{} for _ in spans]
    month_ends: dict[tuple[str, dt.date], dt.date] = {}  # a dozen months: parse each once
    width = 6
    for cid, *values in session.execute(statement):
        for k, span in enumerate(spans):
            summary_month, order_day, current_n, trailing_n, months_used, window_n = values[
                k * width : (k + 1) * width
            ]
            last = None
            if summary_month is not None:  # a summary counts on its month's last day, capped at as_of
                key = (str(summary_month), span.as_of)
                last = month_ends.get(key)
                if last is None:
                    last = month_ends[key] = min(Period.parse(key[0]).end, span.as_of)
            if order_day is not None:
                day = as_date(order_day)
                if last is None or (day is not None and day > last):
                    last = day
            signals[k][int(cid)] = UsageSignal(
                int(cid),
                last,
                int(current_n or 0),
                int(trailing_n or 0),
                int(months_used or 0),
                int(window_n or 0),
            )
    return signals


def _add_older_usage(
    session: Session,
    customer_filter: CustomerFilter,
    spans: list[_Span],
    start: Period,
    signals: list[dict[int, UsageSignal]],
) -> None:
    """The last usage before `start` (from each day's first month) of the customers that have none from
    `start` on: seeks on the summary's (customer, month) key, not a read of every older month. Months
    before `start` are whole months before every day."""
    s = UsageCustomerMonth
    period, monthly = s.period, s.monthly_x + s.monthly_n + s.monthly_l
    # read without usage for some day, or not read at all (no usage from `start`): never a customer a
    # HAVING left out, which has usage from `start` for every day
    unknown = {cid for found in signals for cid, sg in found.items() if sg.last_usage_day is None}
    used = select(s.customer_id).where(
        s.customer_id == Customer.id,
        period >= str(start),
        period <= str(max(Period.of(sp.as_of) for sp in spans)),
        s.shoots > 0,
    )
    unknown.update(session.scalars(select(Customer.id).where(customer_filter(Customer.id), ~used.exists())))
    missing = sorted(unknown)
    for i in range(0, len(missing), _PROBE_CHUNK):
        chunk = missing[i : i + _PROBE_CHUNK]
        columns = []
        for sp in spans:
            columns += [
                func.max(case((and_(monthly > 0, period >= str(sp.first)), period))),
                func.max(case((and_(s.order_shoots > 0, period >= str(sp.first)), s.last_order_day))),
            ]
        statement = (
            select(s.customer_id, *columns)
            .where(s.customer_id.in_(chunk), period < str(start), s.shoots > 0)
            .group_by(s.customer_id)
        )
        for cid, *values in session.execute(statement):
            for k, found in enumerate(signals):
                month, order_day = values[2 * k], as_date(values[2 * k + 1])
                last = Period.parse(str(month)).end if month is not None else None
                if order_day is not None and (last is None or order_day > last):
                    last = order_day
                before = found.get(cid)
                if last is None or (before is not None and before.last_usage_day is not None):
                    continue
                found[cid] = (
                    before._replace(last_usage_day=last) if before else UsageSignal(cid, last, 0, 0, 0, 0)
                )


_PROBE_CHUNK = 2000


def _partial_month_orders(
    session: Session,
    customer_filter: CustomerFilter,
    spans: list[_Span],
    signals: list[dict[int, UsageSignal]],
) -> dict[int, dict[int, dt.date]]:
    """span index -> {customer: last order day} for the orders of the span's own month up to its day,
    when the day is not the month's last (whole months come from the summary)."""
    partial = [(k, span) for k, span in enumerate(spans) if span.as_of != Period.of(span.as_of).end]
    if not partial or not any(signals[k] for k, _ in partial):
        return {}
    day = UsageOrder.upload_date
    columns = [
        func.max(case((day.between(Period.of(span.as_of).start, span.as_of), day))) for _, span in partial
    ]
    statement = (
        select(UsageOrder.customer_id, *columns)
        .where(
            or_(*[day.between(Period.of(span.as_of).start, span.as_of) for _, span in partial]),
            customer_filter(UsageOrder.customer_id),
        )
        .group_by(UsageOrder.customer_id)
    )
    out: dict[int, dict[int, dt.date]] = {k: {} for k, _ in partial}
    for cid, *days in session.execute(statement):
        for (k, _), value in zip(partial, days, strict=True):
            found = as_date(value)
            if found is not None:
                out[k][int(cid)] = found
    return out


def no_filter(_column: Any) -> ColumnElement[bool]:
    return literal(True)
