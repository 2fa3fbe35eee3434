"""Usage per customer × month × device series (the usage screen), corrections and order removal.

**Rule** (the bill run reads usage the same way): the usage of a customer for a month and a series is
    the orders uploaded in that month (usage_orders, by upload_date), aggregated,
  + the usage_monthly row (customer, period, series), if there is one.
A monthly summary import stores the sheet's figures in usage_monthly as they are (and warns when orders of
the same month and series exist, since the bill adds both). A **correction** sets the month's *total*: it
stores `total − orders` in usage_monthly, so the total becomes exactly the figures entered and later
reads stay one sum. usage_monthly cannot hold negative figures (a database CHECK), so a correction below
the orders' own totals is refused with a message saying which orders to remove first (`delete_order`,
audited). The same holds for a multi-floor shoot added by a correction: it brings at least 2 floors.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Integer,
    Numeric,
    Select,
    Text,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ...models import Customer, UsageMonthly, UsageOrder
from ..audit import trail as audit
from ..platform.errors import ConflictError, NotFound, Problem, UserError, ValidationError
from ..platform.messages import Message
from ..platform.operations import reads, writes
from ..platform.periods import Period, check_period
from ..security.permissions import Actor, require
from ..security.scope import visible_customers

SERIES = ("X", "N", "L")
AREA_PLACES = Decimal("0.01")
# Upper bounds where usage enters (imports, corrections): no month of one customer and series holds more.
MAX_SHOOTS = 1_000_000  # shoots per month per series (single + multi-floor)
MAX_FLOORS_PER_SHOOT = 200
MAX_FLOORS = MAX_FLOORS_PER_SHOOT * MAX_SHOOTS  # floors of a month's multi-floor shoots
MAX_AREA = Decimal("10000000")  # m² of one order, and of one month per series


def bound_text(bound: Decimal | int) -> str:
    return format(bound, ",f") if isinstance(bound, Decimal) else f"{bound:,}"


def figure_problems(single: int, multi: int, floors: int) -> list[tuple[str, str, dict[str, Any]]]:
    """(code, field, params) of each bound a month's figures break (imports and corrections alike)."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    for name, value, maximum in (("single_shoots", single, MAX_SHOOTS), ("multi_shoots", multi, MAX_SHOOTS),
                                 ("multi_floors", floors, MAX_FLOORS)):
        if value > maximum:
            found.append(("usage.too_large", name, {"maximum": bound_text(maximum)}))
    if not found and single + multi > MAX_SHOOTS:
        found.append(("usage.too_many_shoots", "single_shoots", {"maximum": bound_text(MAX_SHOOTS)}))
    if not found and multi > 0 and floors > MAX_FLOORS_PER_SHOOT * multi:
        found.append(("usage.floors_too_many", "multi_floors",
                      {"multi": multi, "maximum": bound_text(MAX_FLOORS_PER_SHOOT * multi),
                       "per_shoot": MAX_FLOORS_PER_SHOOT}))
    return found


@dataclass(frozen=True)
class UsageFigures:
    single_shoots: int = 0
    multi_shoots: int = 0
    multi_floors: int = 0  # total floors of the multi-floor shoots
    area: Decimal = Decimal("0.00")

    @property
    def shoots(self) -> int:
        return self.single_shoots + self.multi_shoots

    def minus(self, other: UsageFigures) -> UsageFigures:
        return UsageFigures(self.single_shoots - other.single_shoots, self.multi_shoots - other.multi_shoots,
                            self.multi_floors - other.multi_floors, self.area - other.area)

    def is_zero(self) -> bool:
        return self == UsageFigures()


@dataclass(frozen=True)
class UsageRow:
    customer_id: int
    company_id: int
    customer_name: str
    period: str
    series: str
    orders: UsageFigures  # aggregated order rows
    monthly: UsageFigures  # the usage_monthly row (summary or correction); zeros if none
    total: UsageFigures  # what the bill run prices
    monthly_version: int | None  # pass as expected_version to correct_usage
    note: str | None


@dataclass(frozen=True)
class UsageQuery:
    period_from: str | None = None  # 'YYYY-MM', inclusive
    period_to: str | None = None
    customer_id: int | None = None
    company_id: int | None = None
    name: str | None = None  # part of the name, its pinyin or initials
    series: str | None = None
    offset: int = 0
    limit: int = 500


@dataclass(frozen=True)
class UsagePage:
    rows: tuple[UsageRow, ...]
    total_rows: int  # rows matching the query, all pages
    totals: UsageFigures  # sums over all matching rows


def month_of(session: Session, column: Any) -> Any:
    """SQL 'YYYY-MM' of a date column, on either database."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _orders_select(session: Session, period_from: str | None, period_to: str | None) -> Select:
    month = month_of(session, UsageOrder.upload_date)
    multi = UsageOrder.floors >= 2
    query = select(
        UsageOrder.customer_id.label("customer_id"), month.label("period"), UsageOrder.series.label("series"),
        func.sum(case((multi, 0), else_=1)).label("o_single"), func.sum(case((multi, 1), else_=0)).label("o_multi"),
        func.sum(case((multi, UsageOrder.floors), else_=0)).label("o_floors"),
        cast(func.sum(func.coalesce(UsageOrder.area, 0)), Numeric(14, 2)).label("o_area"),
    ).group_by(UsageOrder.customer_id, month, UsageOrder.series)
    if period_from:
        query = query.where(UsageOrder.upload_date >= Period.parse(period_from).start)
    if period_to:
        query = query.where(UsageOrder.upload_date < Period.parse(period_to).next_start)
    return query


def order_totals(session: Session, customer_ids: Collection[int], period_from: str,
                 period_to: str) -> dict[tuple[int, str, str], UsageFigures]:
    """Aggregated orders per (customer, period, series) of these customers (no permission check: internal)."""
    found: dict[tuple[int, str, str], UsageFigures] = {}
    ids = sorted(customer_ids)
    for start in range(0, len(ids), 1000):
        query = _orders_select(session, period_from, period_to).where(
            UsageOrder.customer_id.in_(ids[start:start + 1000]))
        for r in session.execute(query):
            found[(r.customer_id, r.period, r.series)] = UsageFigures(
                int(r.o_single), int(r.o_multi), int(r.o_floors), _area(r.o_area))
    return found


def _area(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(AREA_PLACES)


def _customers(actor: Actor, query: UsageQuery, column: Any) -> Any:
    """The customer conditions of a query on a customer id column: scope first, then the query's filters."""
    conditions = [visible_customers(actor, column)]
    if query.customer_id is not None:
        conditions.append(column == query.customer_id)
    wanted = select(Customer.id)
    if query.company_id is not None:
        wanted = wanted.where(Customer.company_id == query.company_id)
    if query.name:
        needle = query.name.strip().lower()  # matched literally: % and _ are escaped (autoescape)
        wanted = wanted.where(or_(func.lower(Customer.name).contains(needle, autoescape=True),
                                  Customer.name_initials.contains(needle, autoescape=True),
                                  Customer.name_pinyin.contains(needle, autoescape=True)))
    if query.company_id is not None or query.name:
        conditions.append(column.in_(wanted))
    return and_(*conditions)


def _filtered(session: Session, actor: Actor, query: UsageQuery) -> Select:
    """Usage rows (orders per month + usage_monthly, summed per customer x period x series) with names."""
    def zero(name: str) -> Any:
        return (cast(literal(0), Numeric(14, 2)) if name.endswith("area") else literal(0)).label(name)

    orders = _orders_select(session, query.period_from, query.period_to).add_columns(
        zero("m_single"), zero("m_multi"), zero("m_floors"), zero("m_area"),
        cast(null(), Integer).label("version"), cast(null(), Text).label("note"),
    ).where(_customers(actor, query, UsageOrder.customer_id))
    monthly = select(
        UsageMonthly.customer_id, UsageMonthly.period, UsageMonthly.series,
        zero("o_single"), zero("o_multi"), zero("o_floors"), zero("o_area"),
        UsageMonthly.single_shoots, UsageMonthly.multi_shoots, UsageMonthly.multi_floors,
        cast(UsageMonthly.area, Numeric(14, 2)), UsageMonthly.version, UsageMonthly.note,
    ).where(_customers(actor, query, UsageMonthly.customer_id))
    if query.period_from:
        monthly = monthly.where(UsageMonthly.period >= query.period_from)
    if query.period_to:
        monthly = monthly.where(UsageMonthly.period <= query.period_to)
    if query.series:
        orders = orders.where(UsageOrder.series == query.series)
        monthly = monthly.where(UsageMonthly.series == query.series)
    both = union_all(orders, monthly).subquery()
    sums = [func.sum(both.c[name]).label(name) for name in
            ("o_single", "o_multi", "o_floors", "o_area", "m_single", "m_multi", "m_floors", "m_area")]
    grouped = select(both.c.customer_id, both.c.period, both.c.series, *sums,
                     func.max(both.c.version).label("version"), func.max(both.c.note).label("note")) \
        .group_by(both.c.customer_id, both.c.period, both.c.series).subquery()
    return (select(grouped, Customer.company_id, Customer.name.label("customer_name"))
            .join(Customer, Customer.id == grouped.c.customer_id))


def _usage_row(r: Any) -> UsageRow:
    orders = UsageFigures(int(r.o_single or 0), int(r.o_multi or 0), int(r.o_floors or 0), _area(r.o_area))
    monthly = UsageFigures(int(r.m_single or 0), int(r.m_multi or 0), int(r.m_floors or 0), _area(r.m_area))
    total = UsageFigures(orders.single_shoots + monthly.single_shoots, orders.multi_shoots + monthly.multi_shoots,
                         orders.multi_floors + monthly.multi_floors, orders.area + monthly.area)
    return UsageRow(r.customer_id, r.company_id, r.customer_name, r.period, r.series, orders, monthly, total,
                    r.version, r.note)


@reads
def usage_page(session: Session, actor: Actor, query: UsageQuery) -> UsagePage:
    """One page of usage rows, newest month first, then by 公司id and series; sales see their customers only."""
    require(actor, "usage.view")
    for value, field in ((query.period_from, "period_from"), (query.period_to, "period_to")):
        if value:
            check_period(value, field)
    if query.series and query.series not in SERIES:
        raise ValidationError("usage.series_invalid", [Problem("usage.series_unknown", field="series",
                                                               value=query.series)])
    stmt = _filtered(session, actor, query).subquery()
    totals = session.execute(select(
        func.count(), *(func.sum(stmt.c[n]) for n in ("o_single", "o_multi", "o_floors", "o_area", "m_single",
                                                       "m_multi", "m_floors", "m_area")))).one()
    count = int(totals[0])
    total = UsageFigures(int(totals[1] or 0) + int(totals[5] or 0), int(totals[2] or 0) + int(totals[6] or 0),
                         int(totals[3] or 0) + int(totals[7] or 0), _area(totals[4]) + _area(totals[8]))
    page = session.execute(select(stmt).order_by(stmt.c.period.desc(), stmt.c.company_id, stmt.c.series)
                           .offset(max(query.offset, 0)).limit(max(query.limit, 0)))
    return UsagePage(tuple(_usage_row(r) for r in page), count, total)


def _one(session: Session, actor: Actor, customer_id: int, period: str, series: str) -> UsageRow | None:
    query = UsageQuery(period_from=period, period_to=period, series=series, customer_id=customer_id)
    found = session.execute(_filtered(session, actor, query)).first()
    return _usage_row(found) if found is not None else None


def _check_figures(single: int, multi: int, floors: int, area: Decimal, problems: list[Problem]) -> None:
    for name, value in (("single_shoots", single), ("multi_shoots", multi), ("multi_floors", floors)):
        if value < 0:
            problems.append(Problem("usage.negative", field=name, value=str(value)))
    if floors < 2 * multi:
        problems.append(Problem("usage.floors_too_few", field="multi_floors", value=str(floors),
                                params={"multi": multi, "minimum": 2 * multi}))
    if multi == 0 and floors > 0:
        problems.append(Problem("usage.floors_without_multi", field="multi_floors", value=str(floors)))
    values = {"single_shoots": single, "multi_shoots": multi, "multi_floors": floors}
    for code, name, params in figure_problems(single, multi, floors):
        problems.append(Problem(code, field=name, value=str(values[name]), params=params))
    if not area.is_finite() or area < 0:
        problems.append(Problem("usage.area_invalid", field="area", value=str(area)))
    elif area > MAX_AREA:  # before quantize: 1E+309 has too many digits to quantize
        problems.append(Problem("usage.too_large", field="area", value=str(area),
                                params={"maximum": bound_text(MAX_AREA)}))
    elif area != area.quantize(AREA_PLACES):
        problems.append(Problem("usage.area_invalid", field="area", value=str(area)))


@writes("usage", "audit")
def correct_usage(
    session: Session, actor: Actor, customer_id: int, period: str, series: str, single_shoots: int,
    multi_shoots: int, multi_floors: int, area: Decimal, reason: str, expected_version: int | None,
) -> UsageRow:
    """Set the month's total usage for one customer and series (see the module's rule); audited with `reason`."""
    require(actor, "usage.edit")
    if not session.scalar(select(Customer.id).where(Customer.id == customer_id, visible_customers(actor))):
        raise NotFound("usage.customer_not_found", customer_id=customer_id)
    problems: list[Problem] = []
    try:
        period = check_period(period)
    except ValidationError as exc:
        problems.extend(exc.problems)
    if series not in SERIES:
        problems.append(Problem("usage.series_unknown", field="series", value=series))
    _check_figures(single_shoots, multi_shoots, multi_floors, area, problems)
    if not (reason or "").strip():
        problems.append(Problem("usage.reason_required", field="reason"))
    if problems:
        raise ValidationError("usage.correction_invalid", problems)
    wanted = UsageFigures(single_shoots, multi_shoots, multi_floors, area.quantize(AREA_PLACES))
    orders = order_totals(session, [customer_id], period, period).get((customer_id, period, series), UsageFigures())
    delta = wanted.minus(orders)
    _refuse_below_orders(period, series, orders, delta)
    row = session.scalar(select(UsageMonthly).where(
        UsageMonthly.customer_id == customer_id, UsageMonthly.period == period, UsageMonthly.series == series,
    ).with_for_update())
    if (row.version if row is not None else None) != expected_version:
        raise ConflictError("usage.conflict", period=period, series=series)
    after = {"single_shoots": delta.single_shoots, "multi_shoots": delta.multi_shoots,
             "multi_floors": delta.multi_floors, "area": delta.area}
    if row is None:
        if delta.is_zero():
            return _one(session, actor, customer_id, period, series) or _empty(session, customer_id, period, series)
        row = UsageMonthly(customer_id=customer_id, period=period, series=series, **after)
        session.add(row)
        before: dict[str, Any] = {}
    else:
        before = {k: getattr(row, k) for k in after}
        for key, value in after.items():
            setattr(row, key, value)
    row.note = reason.strip()
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError("usage.conflict", period=period, series=series) from exc
    audit.record(session, actor, "correct", "usage_monthly", row.id,
                 {"customer_id": customer_id, "period": period, "series": series, "reason": reason.strip(),
                  **audit.diff(before, after)},
                 summary=f"usage {period} {series} set to {wanted.shoots} shoots: {reason.strip()}")
    found = _one(session, actor, customer_id, period, series)
    assert found is not None
    return found


def _refuse_below_orders(period: str, series: str, orders: UsageFigures, delta: UsageFigures) -> None:
    below = [Message(code, {"count": have}) for code, have, diff in (
        ("usage.figure.single_shoots", orders.single_shoots, delta.single_shoots),
        ("usage.figure.multi_shoots", orders.multi_shoots, delta.multi_shoots),
        ("usage.figure.multi_floors", orders.multi_floors, delta.multi_floors),
        ("usage.figure.area", orders.area, delta.area)) if diff < 0]
    if below:
        raise UserError("usage.below_orders", period=period, series=series, below=below)
    if delta.multi_floors < 2 * delta.multi_shoots:
        raise UserError("usage.correction_floors", multi=delta.multi_shoots, floors=delta.multi_floors,
                        order_floors=orders.multi_floors)


def _empty(session: Session, customer_id: int, period: str, series: str) -> UsageRow:
    customer = session.get(Customer, customer_id)
    assert customer is not None
    return UsageRow(customer_id, customer.company_id, customer.name, period, series, UsageFigures(),
                    UsageFigures(), UsageFigures(), None, None)


@writes("usage", "audit")
def delete_order(session: Session, actor: Actor, order_no: str, reason: str) -> None:
    """Remove one wrongly imported order (audited with all its fields and the reason)."""
    require(actor, "usage.delete")
    if not (reason or "").strip():
        raise ValidationError("usage.delete_invalid", [Problem("usage.delete_reason_required", field="reason")])
    order = session.scalar(select(UsageOrder).where(
        and_(UsageOrder.order_no == order_no.strip(), visible_customers(actor, UsageOrder.customer_id))))
    if order is None:
        raise NotFound("usage.order_not_found", order_no=order_no.strip())
    fields = {"order_no": order.order_no, "customer_id": order.customer_id, "upload_date": order.upload_date,
              "series": order.series, "floors": order.floors, "area": order.area}
    session.delete(order)
    session.flush()
    audit.record(session, actor, "delete", "usage_order", order.id, audit.diff(fields, {}),
                 summary=f"order {order.order_no} deleted: {reason.strip()}")


@dataclass(frozen=True)
class UsageCorrection:
    """One month's new totals for one customer and series (a row of a pasted block)."""

    customer_id: int
    period: str
    series: str
    single_shoots: int
    multi_shoots: int
    multi_floors: int
    area: Decimal
    expected_version: int | None


@writes("usage", "audit")
def correct_usage_many(session: Session, actor: Actor, corrections: Sequence[UsageCorrection],
                       reason: str) -> list[UsageRow]:
    """Several corrections with one reason (a block pasted into the usage table): all or nothing, each
    validated and audited exactly as `correct_usage`."""
    require(actor, "usage.edit")
    return [correct_usage(session, actor, c.customer_id, c.period, c.series, c.single_shoots, c.multi_shoots,
                          c.multi_floors, c.area, reason, c.expected_version) for c in corrections]
