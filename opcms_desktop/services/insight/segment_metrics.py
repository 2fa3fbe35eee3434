"""SQL for the figures a condition compares: shoots and invoiced amounts over windows, outstanding and overdue
amounts, the last usage date, and tags. Each returns a boolean clause over Customer that is never NULL.

A figure test is one grouped sub-select: `customers.id IN (ids whose total passes)`, or, when a total of 0
passes too (`< 5`, `= 0`), `customers.id NOT IN (ids whose total fails)`, so customers without any rows
are decided without a per-customer loop.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Numeric, and_, exists, func, literal, not_, select, union, union_all
from sqlalchemy.orm import Session

from ...models import Allocation, Customer, Invoice, UsageMonthly, UsageOrder
from ...models.segment import CustomerTag, Tag
from ..billing.balances import active_allocations
from ..billing.states import ISSUED
from ..platform.errors import Problem, ValidationError
from ..platform.periods import Period, periods_between
from .segment_fields import Window

_MAX_DAYS_BACK = 365 * 1000


def window_bounds(window: Window, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of a window ending on `day`: N days up to `day`, or the N complete months before it."""
    if window.unit == "d":
        return day - dt.timedelta(days=window.count - 1), day
    first = Period.of(day)
    for _ in range(window.count):
        first = first.previous
    return first.start, Period.of(day).start - dt.timedelta(days=1)


def _bind(value: Any) -> Any:
    return literal(value, Numeric(20, 4)) if isinstance(value, Decimal) else value


def _compare(expr: Any, op: str, value: Any) -> ColumnElement[bool]:
    if op == "=":
        return expr == _bind(value)
    if op == "between":
        return and_(expr >= _bind(value[0]), expr <= _bind(value[1]))
    bound = _bind(value)
    return {">": expr > bound, ">=": expr >= bound, "<": expr < bound, "<=": expr <= bound}[op]


def _holds_for_zero(op: str, value: Any) -> bool:
    zero = Decimal(0)
    if op == "=":
        return bool(value == zero)
    if op == "between":
        return bool(value[0] <= zero <= value[1])
    return {">": zero > value, ">=": zero >= value, "<": zero < value, "<=": zero <= value}[op]


def _amounts(metric: str, window: Window | None, day: dt.date, within: Any) -> Any:
    """(cid, n) rows whose sum per customer is the figure; `within` (a SELECT of customer ids, or None) narrows
    the rows read to those customers (a salesperson's book: a few index probes instead of whole tables)."""

    def narrowed(statement: Any, column: Any) -> Any:
        return statement if within is None else statement.where(column.in_(within))

    if metric == "shoots":
        assert window is not None
        start, end = window_bounds(window, day)
        orders = narrowed(
            select(UsageOrder.customer_id.label("cid"), func.count().label("n"))
            .where(UsageOrder.upload_date >= start, UsageOrder.upload_date <= end)
            .group_by(UsageOrder.customer_id),
            UsageOrder.customer_id,
        )
        monthly = narrowed(
            select(
                UsageMonthly.customer_id.label("cid"),
                func.sum(UsageMonthly.single_shoots + UsageMonthly.multi_shoots).label("n"),
            )
            .where(UsageMonthly.period.in_(periods_between(start, end)))
            .group_by(UsageMonthly.customer_id),
            UsageMonthly.customer_id,
        )
        return union_all(orders, monthly).subquery("figure")
    issued: list[Any] = [Invoice.status == ISSUED]
    if metric == "invoiced":
        assert window is not None
        start, end = window_bounds(window, day)
        issued.append(
            Invoice.period.in_(periods_between(start, end))
            if window.unit == "m"
            else and_(Invoice.issue_date >= start, Invoice.issue_date <= end)
        )
        return narrowed(
            select(Invoice.customer_id.label("cid"), Invoice.total.label("n")).where(*issued),
            Invoice.customer_id,
        ).subquery("figure")
    if metric == "overdue":
        issued.append(Invoice.due_date < day)
    # what issued bills still miss: their totals less their active allocations, summed per customer
    billed = narrowed(
        select(Invoice.customer_id.label("cid"), Invoice.total.label("n")).where(*issued), Invoice.customer_id
    )
    paid = narrowed(
        select(Invoice.customer_id.label("cid"), (-Allocation.amount).label("n"))
        .join(Invoice, Invoice.id == Allocation.invoice_id)
        .where(*issued, *active_allocations()),
        Invoice.customer_id,
    )
    return union_all(billed, paid).subquery("figure")


def figure_clause(
    metric: str, op: str, value: Any, window: Window | None, day: dt.date, within: Any = None
) -> ColumnElement[bool]:
    """The figure (0 for a customer without rows) compared with `value`."""
    amounts = _amounts(metric, window, day, within)
    total: Any = func.sum(amounts.c.n)
    if metric != "shoots":
        total = func.round(total, 2)  # SQLite sums NUMERIC as floating point
    passes = _compare(total, op, value)
    grouped = select(amounts.c.cid).group_by(amounts.c.cid)
    if _holds_for_zero(op, value):
        return Customer.id.not_in(grouped.having(not_(passes)))
    return Customer.id.in_(grouped.having(passes))


def _first_period_from(day: dt.date) -> str:
    """The first month whose first day is on or after `day` (monthly summaries count on their first day)."""
    month = Period.of(day)
    return str(month if day.day == 1 else month.next)


def _users(since: dt.date | None, within: Any) -> Any:
    """SELECT of the customers with usage on or after `since` (any usage with None): one set, read once,
    not a correlated probe per customer (PostgreSQL plans `IN` as a hashed sub-plan, SQLite materialises it)."""
    orders = select(UsageOrder.customer_id)
    monthly = select(UsageMonthly.customer_id).where(
        UsageMonthly.single_shoots + UsageMonthly.multi_shoots > 0
    )
    if since is not None:
        orders = orders.where(UsageOrder.upload_date >= since)
        monthly = monthly.where(UsageMonthly.period >= _first_period_from(since))
    if within is not None:
        orders = orders.where(UsageOrder.customer_id.in_(within))
        monthly = monthly.where(UsageMonthly.customer_id.in_(within))
    return union(orders, monthly)


def _used_on_or_after(day: dt.date, within: Any = None) -> ColumnElement[bool]:
    return Customer.id.in_(_users(day, within))


def _has_usage(within: Any = None) -> ColumnElement[bool]:
    return Customer.id.in_(_users(None, within))


def _days_back(day: dt.date, days: int) -> dt.date:
    return day - dt.timedelta(days=min(days, _MAX_DAYS_BACK))


def days_since_clause(op: str, value: Any, day: dt.date, within: Any = None) -> ColumnElement[bool]:
    """距上次用量天数 = day - the last usage date, compared without date arithmetic in SQL."""
    if op == "empty":
        return not_(_has_usage(within))
    if op == "between":
        low, high = value
        return and_(
            _used_on_or_after(_days_back(day, high), within),
            not_(_used_on_or_after(_days_back(day, low - 1), within)),
        )
    limit = _days_back(day, value)  # days > n  <=>  last < limit
    after_limit = _used_on_or_after(limit + dt.timedelta(days=1), within)
    if op == ">":
        return and_(_has_usage(within), not_(_used_on_or_after(limit, within)))
    if op == ">=":
        return and_(_has_usage(within), not_(after_limit))
    if op == "<":
        return after_limit
    if op == "<=":
        return _used_on_or_after(limit, within)
    return and_(_used_on_or_after(limit, within), not_(after_limit))  # "="


def recent_clause(op: str, window: Window | None, day: dt.date, within: Any = None) -> ColumnElement[bool]:
    """最近用量 within a window: some usage on or after the window's first day."""
    if op == "empty":
        return not_(_has_usage(within))
    assert window is not None
    return _used_on_or_after(window_bounds(window, day)[0], within)


def tag_clause(session: Session, op: str, names: Any, path: str) -> ColumnElement[bool]:
    """Has one of the tags (`has`, `in`), or no tag at all (`empty`)."""
    if op == "empty":
        return not_(exists().where(CustomerTag.customer_id == Customer.id))
    found = dict(session.execute(select(Tag.name, Tag.id).where(Tag.name.in_(names))).all())
    missing = [name for name in names if name not in found]
    if missing:
        raise ValidationError(
            "segments.condition.invalid",
            [
                Problem("segments.condition.unknown_tag", field=f"{path}.value", value=name)
                for name in missing
            ],
        )
    return exists().where(
        CustomerTag.customer_id == Customer.id, CustomerTag.tag_id.in_(list(found.values()))
    )
