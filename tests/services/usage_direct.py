"""The usage signals as computed before the monthly summary (migration 0019): straight from usage_monthly and
usage_orders. Kept for the tests, which compare the summary readers with it on random data.

(Original module doc:) Usage signals per customer as of a day, read with one SQL aggregate per usage source.

Shared by churn warnings, RFM and the health score. Decisions:
- Only usage dated up to `as_of` counts (orders by upload date; a monthly summary by its month).
- A monthly summary has no day, so it counts as usage on its month's last day, capped at `as_of`.
- The "current month" is the last complete month at `as_of`: the month of `as_of` when `as_of` is its last
  day, otherwise the month before. The trailing months are the `trailing` months before it.
- A month "with usage" has at least one shoot in either source.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, case, distinct, false, func, literal, select, true
from sqlalchemy.orm import Session

from opcms_desktop.models import Customer, UsageMonthly, UsageOrder
from opcms_desktop.services.insight.figures import USAGE_SERIES, Usage, Window
from opcms_desktop.services.insight.figures import as_date as figure_date
from opcms_desktop.services.platform.periods import Period
from opcms_desktop.services.usage.records import month_of

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

    Two statements, each grouped by customer straight off a (customer, month or day) index, so neither
    database sorts the usage rows; the few customers with both sources are merged here. Months with usage
    travel as a bit mask (one bit per month of the window) so a month with both sources counts once.
    `count_months=False` leaves months_with_usage and window_shoots at 0 (only RFM needs them) and reads only
    the months from the first trailing one: the customers with no usage in them (a few) are then looked up
    one by one, on the (customer, month) index, for their last usage in the older months.
    """
    spans = [_Span(as_of, trailing, window, lookback_days)]
    return _signals_on(session, customer_filter, spans, count_months)[0]


def usage_signals_on_days(
    session: Session,
    customer_filter: CustomerFilter,
    days: list[dt.date],
    *,
    trailing: int,
    lookback_days: int,
) -> list[dict[int, UsageSignal]]:
    """usage_signals (without months_with_usage) as of several days, from one read of the usage rows.
    A customer with rows read for another day only has a signal with no usage (last_usage_day None)."""
    spans = [_Span(day, trailing, 12, lookback_days) for day in days]
    return _signals_on(session, customer_filter, spans, False)


class _Span:
    """What one day's signal reads: the current month, the trailing months before it, the window of months
    ending with it, and the first month read."""

    def __init__(self, as_of: dt.date, trailing: int, window: int, lookback_days: int) -> None:
        self.as_of = as_of
        self.current = current_month(as_of)
        self.trailing = months_back(self.current, trailing + 1)[:-1]
        self.window = months_back(self.current, window)
        first_day = min(
            as_of - dt.timedelta(days=lookback_days),
            months_back(self.current, max(window, trailing + 1))[0].start,
        )
        self.first = Period.of(first_day)


def _signals_on(
    session: Session, customer_filter: CustomerFilter, spans: list[_Span], count_months: bool
) -> list[dict[int, UsageSignal]]:
    start = None if count_months else min(s.trailing[0] if s.trailing else s.current for s in spans)
    signals = _summary_signals(session, customer_filter, spans, count_months, start)
    width = 5
    for cid, *values in session.execute(
        _orders_statement(customer_filter, spans, count_months, start, _dialect(session))
    ):
        for k, found in enumerate(signals):
            last_day, current_n, trailing_n, mask, window_n = values[k * width : (k + 1) * width]
            last = as_date(last_day)
            before = found.get(cid)
            if before is None:
                found[cid] = UsageSignal(
                    cid, last, int(current_n or 0), int(trailing_n or 0), int(mask or 0), int(window_n or 0)
                )
                continue
            found[cid] = UsageSignal(
                cid,
                last
                if before.last_usage_day is None or (last and last > before.last_usage_day)
                else before.last_usage_day,
                before.current_shoots + int(current_n or 0),
                before.trailing_shoots + int(trailing_n or 0),
                before.months_with_usage | int(mask or 0),
                before.window_shoots + int(window_n or 0),
            )
    if start is not None:
        _add_older_usage(session, customer_filter, spans, start, signals)
    if count_months:  # the masks become counts
        signals = [
            {cid: s._replace(months_with_usage=s.months_with_usage.bit_count()) for cid, s in found.items()}
            for found in signals
        ]
    return signals


def _month_mask(value: Any, months: list[Period], used: Any, as_day: bool, dialect: str) -> Any:
    """SQL aggregate: bit i set when month i of the window has a row with shoots. PostgreSQL ORs one bit per
    row (bit_or); SQLite has no bit_or and takes a max per month (never a DISTINCT, which costs a sort or a
    temporary table per customer)."""
    tests = [value.between(m.start, m.end) if as_day else value == str(m) for m in months]
    if dialect == "postgresql":
        bit = case(*[(t, literal(1 << i)) for i, t in enumerate(tests)], else_=literal(0))
        return func.coalesce(func.bit_or(case((used, bit), else_=literal(0))), 0)
    bits = [func.max(case((and_(used, t), 1), else_=0)) * (1 << i) for i, t in enumerate(tests)]
    return sum(bits[1:], bits[0])


def _summary_signals(
    session: Session,
    customer_filter: CustomerFilter,
    spans: list[_Span],
    count_months: bool,
    start: Period | None,
) -> list[dict[int, UsageSignal]]:
    shoots = UsageMonthly.single_shoots + UsageMonthly.multi_shoots
    period = UsageMonthly.period
    used = shoots > 0
    dialect = _dialect(session)
    columns: list[Any] = []
    for span in spans:
        read = and_(period >= str(span.first), period <= str(Period.of(span.as_of)))
        columns += [
            func.max(case((and_(used, read), period))),
            func.sum(case((period == str(span.current), shoots), else_=0)),
            func.sum(case((period.in_([str(m) for m in span.trailing]), shoots), else_=0)),
            _month_mask(period, span.window, used, False, dialect) if count_months else literal(0),
            func.sum(case((period.between(str(span.window[0]), str(span.current)), shoots), else_=0))
            if count_months
            else literal(0),
        ]
    statement = (
        select(UsageMonthly.customer_id, *columns)
        .where(
            period >= str(start or min(s.first for s in spans)),
            period <= str(max(Period.of(s.as_of) for s in spans)),
            customer_filter(UsageMonthly.customer_id),
        )
        .group_by(UsageMonthly.customer_id)
    )
    signals: list[dict[int, UsageSignal]] = [{} for _ in spans]
    month_ends: dict[tuple[str, dt.date], dt.date] = {}  # a dozen months: parse each once
    for cid, *values in session.execute(statement):
        for k, span in enumerate(spans):
            summary_month, current_n, trailing_n, months_used, window_n = values[k * 5 : k * 5 + 5]
            last = None
            if summary_month is not None:  # a summary counts on its month's last day, capped at as_of
                key = (str(summary_month), span.as_of)
                last = month_ends.get(key)
                if last is None:
                    last = month_ends[key] = min(Period.parse(key[0]).end, span.as_of)
            signals[k][int(cid)] = UsageSignal(
                int(cid),
                last,
                int(current_n or 0),
                int(trailing_n or 0),
                int(months_used or 0),
                int(window_n or 0),
            )
    return signals


def _orders_statement(
    customer_filter: CustomerFilter,
    spans: list[_Span],
    count_months: bool,
    start: Period | None,
    dialect: str,
) -> Any:
    day = UsageOrder.upload_date
    columns: list[Any] = []
    for span in spans:
        trailing = day.between(span.trailing[0].start, span.trailing[-1].end) if span.trailing else false()
        columns += [
            func.max(case((day.between(span.first.start, span.as_of), day))),
            func.sum(case((day.between(span.current.start, span.current.end), 1), else_=0)),
            func.sum(case((trailing, 1), else_=0)),
            _month_mask(day, span.window, true(), True, dialect) if count_months else literal(0),
            func.sum(case((day.between(span.window[0].start, span.current.end), 1), else_=0))
            if count_months
            else literal(0),
        ]
    return (
        select(UsageOrder.customer_id, *columns)
        .where(
            day >= (start or min(s.first for s in spans)).start,
            day <= max(s.as_of for s in spans),
            customer_filter(UsageOrder.customer_id),
        )
        .group_by(UsageOrder.customer_id)
    )


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _add_older_usage(
    session: Session,
    customer_filter: CustomerFilter,
    spans: list[_Span],
    start: Period,
    signals: list[dict[int, UsageSignal]],
) -> None:
    """The last usage before `start` (from each day's first month) of the customers that have none from
    `start` on: index probes per customer, not a read of every older row."""
    known = set.intersection(
        *({cid for cid, s in found.items() if s.last_usage_day is not None} for found in signals)
    )
    customers = session.scalars(select(Customer.id).where(customer_filter(Customer.id)))
    missing = [cid for cid in customers if cid not in known]
    period, day = UsageMonthly.period, UsageOrder.upload_date
    shoots = UsageMonthly.single_shoots + UsageMonthly.multi_shoots
    for i in range(0, len(missing), _PROBE_CHUNK):
        chunk = missing[i : i + _PROBE_CHUNK]
        older: dict[int, list[dt.date | None]] = {}
        summaries = select(
            UsageMonthly.customer_id, *[func.max(case((period >= str(s.first), period))) for s in spans]
        ).where(UsageMonthly.customer_id.in_(chunk), period < str(start), shoots > 0)
        for cid, *months in session.execute(summaries.group_by(UsageMonthly.customer_id)):
            older[cid] = [None if m is None else Period.parse(str(m)).end for m in months]
        orders = select(
            UsageOrder.customer_id, *[func.max(case((day >= s.first.start, day))) for s in spans]
        ).where(UsageOrder.customer_id.in_(chunk), day < start.start)
        for cid, *days in session.execute(orders.group_by(UsageOrder.customer_id)):
            summary_days = older.get(cid, [None] * len(spans))
            older[cid] = [_later(as_date(d), m) for d, m in zip(days, summary_days, strict=True)]
        for cid, lasts in older.items():
            for found, last in zip(signals, lasts, strict=True):
                before = found.get(cid)
                if last is None or (before is not None and before.last_usage_day is not None):
                    continue
                found[cid] = (
                    before._replace(last_usage_day=last) if before else UsageSignal(cid, last, 0, 0, 0, 0)
                )


_PROBE_CHUNK = 2000


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def no_filter(_column: Any) -> ColumnElement[bool]:
    return literal(True)


# ---- the KPI figures as computed before the summary (services/insight/figures.py) ----


def usage(session: Session, visible: CustomerFilter, first_month: Period) -> Usage:
    # One sum per series in each month's row: the rows stream in the (period, customer) index's order,
    # where GROUP BY (period, series) would sort every summary row first (SQLite has no hash aggregate).
    shoots = UsageMonthly.single_shoots + UsageMonthly.multi_shoots
    per_series = [func.sum(case((UsageMonthly.series == s, shoots), else_=0)) for s in USAGE_SERIES]
    monthly: dict[tuple[str, str], int] = {}
    for p, *counts in session.execute(
        select(UsageMonthly.period, *per_series)
        .where(UsageMonthly.period >= str(first_month), visible(UsageMonthly.customer_id))
        .group_by(UsageMonthly.period)
    ):
        monthly.update({(str(p), s): int(n) for s, n in zip(USAGE_SERIES, counts, strict=True) if n})
    orders = {
        (figure_date(d), s): int(n)
        for d, s, n in session.execute(
            select(UsageOrder.upload_date, UsageOrder.series, func.count())
            .where(UsageOrder.upload_date >= first_month.start, visible(UsageOrder.customer_id))
            .group_by(UsageOrder.upload_date, UsageOrder.series)
        )
    }
    return Usage(monthly, orders)


def active_customers(session: Session, visible: CustomerFilter, windows: list[Window]) -> list[int]:
    """Per window: customers with at least one shoot in it (an order in the window, or a monthly summary
    with shoots for a month the window touches)."""
    if not windows:
        return []
    first, last = min(w.first for w in windows), max(w.last for w in windows)
    months = {str(Period.of(w.first)) for w in windows} | {str(Period.of(w.last)) for w in windows}
    summary = select(UsageMonthly.customer_id, UsageMonthly.period).where(
        UsageMonthly.period.in_(sorted(months)),
        UsageMonthly.single_shoots + UsageMonthly.multi_shoots > 0,
        visible(UsageMonthly.customer_id),
    )  # no GROUP BY: the sets below drop repeats, a grouping would sort
    rows_by_month: dict[str, set[int]] = defaultdict(set)
    for customer_id, month in session.execute(summary):
        rows_by_month[str(month)].add(customer_id)
    orders: dict[dt.date, set[int]] = defaultdict(set)
    for customer_id, day in session.execute(
        select(UsageOrder.customer_id, UsageOrder.upload_date)
        .distinct()
        .where(UsageOrder.upload_date.between(first, last), visible(UsageOrder.customer_id))
    ):
        orders[figure_date(day)].add(customer_id)
    counts = []
    for w in windows:
        found: set[int] = set()
        for month in {str(Period.of(w.first)), str(Period.of(w.last))}:
            found |= rows_by_month.get(month, set())
        for day, ids in orders.items():
            if w.holds(day):
                found |= ids
        counts.append(len(found))
    return counts


def monthly_active_customers(
    session: Session, visible: CustomerFilter, months: list[Period]
) -> dict[str, int]:
    """Customers with usage per whole month (one GROUP BY over summaries and orders)."""
    if not months:
        return {}
    first, last = months[0], months[-1]
    used = UsageMonthly.single_shoots + UsageMonthly.multi_shoots > 0
    customer_months = (  # streams in the (period, customer) index's order: no sort, no DISTINCT table
        select(UsageMonthly.period.label("month"), UsageMonthly.customer_id)
        .where(UsageMonthly.period.between(str(first), str(last)), used, visible(UsageMonthly.customer_id))
        .group_by(UsageMonthly.period, UsageMonthly.customer_id)
        .subquery("customer_months")
    )
    found = {
        str(m): int(n)
        for m, n in session.execute(
            select(customer_months.c.month, func.count()).group_by(customer_months.c.month)
        )
    }
    # customers with orders in a month and no summary with shoots for it (counted above otherwise)
    order_month = month_of(session, UsageOrder.upload_date)
    summary = select(UsageMonthly.id).where(
        UsageMonthly.customer_id == UsageOrder.customer_id, UsageMonthly.period == order_month, used
    )
    for m, n in session.execute(
        select(order_month, func.count(distinct(UsageOrder.customer_id)))
        .where(
            UsageOrder.upload_date.between(first.start, last.end),
            visible(UsageOrder.customer_id),
            ~summary.exists(),
        )
        .group_by(order_month)
    ):
        found[str(m)] = found.get(str(m), 0) + int(n)
    return {str(m): found.get(str(m), 0) for m in months}
