"""The managers' dashboard (经营看板): the KPIs and every chart's series in one read.

Series (all scoped like the KPIs, see kpis.py for the window rules):
- shoots_by_series: shoots per month and device series over `months` months ending with the period;
- billed / received per month (bills issued less credit notes; receipts), the open month to date;
- aging: the AR aging buckets as of the KPI day (the aging report's total line);
- tiers / grades: customers per consumption tier (客户消费等级 as stored, '' when none) and per grade;
- onboarding: customers per onboarding half-year (接入时间, '' when unknown);
- top_customers: the ten customers billed most over the months shown (net of credit notes).
Customer counts (tiers, grades, onboarding) cover the actor's customers that are not disabled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import CreditNote, Customer, CustomerOwner, Invoice, User
from ..platform.errors import NotFound
from ..platform.money import ZERO, money
from ..platform.operations import reads
from ..platform.periods import Period
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from . import figures
from .field_guard import require_amounts
from .figures import LIVE_BILL, Window
from .kpis import Kpis, compute, load, spark_months, windows

SERIES = ("X", "N", "L")
TOP_CUSTOMERS = 10
DEFAULT_MONTHS = 12
MAX_MONTHS = 36


@dataclass(frozen=True)
class TopCustomer:
    customer_id: int
    company_id: int
    name: str
    billed: Decimal


@dataclass(frozen=True)
class Dashboard:
    kpis: Kpis
    months: tuple[str, ...]
    shoots_by_series: dict[str, tuple[int, ...]]  # series -> one count per month
    billed: tuple[Decimal, ...]
    received: tuple[Decimal, ...]
    aging: dict[str, Decimal]  # receivables.reports.AGING_BUCKETS -> outstanding
    tiers: tuple[tuple[str, int], ...]
    grades: tuple[tuple[str, int], ...]
    onboarding: tuple[tuple[str, int], ...]
    top_customers: tuple[TopCustomer, ...]


@dataclass(frozen=True)
class OwnerOption:
    user_id: int
    username: str
    display_name: str


@reads
def dashboard(
    session: Session,
    actor: Actor,
    period: str,
    owner_id: int | None = None,
    as_of: dt.date | None = None,
    months: int = DEFAULT_MONTHS,
) -> Dashboard:
    """The KPIs and the chart series of the dashboard (see the module doc)."""
    require(actor, "insight.view")
    require_amounts(session, actor)
    month = Period.parse(period)
    as_of = as_of or dt.date.today()
    windows(month, as_of)
    shown = spark_months(month, max(1, min(months, MAX_MONTHS)))
    first = min(shown[0], spark_months(month)[0]).previous
    visible = figures.customer_filter(actor, owner_id)
    data = load(session, visible, first, company_wide=figures.company_wide(actor, owner_id))
    kpis = compute(data, session, actor, month, owner_id, as_of)
    month_windows = [Window(m.start, min(m.end, as_of)) for m in shown]
    by_month = data.usage.by_month_and_series(shown)
    tiers, grades, onboarding = _counts(session, actor, owner_id)
    return Dashboard(
        kpis=kpis,
        months=tuple(str(m) for m in shown),
        shoots_by_series={s: tuple(by_month[str(m)].get(s, 0) for m in shown) for s in SERIES},
        billed=tuple(data.amounts.total(data.amounts.billed, w) for w in month_windows),
        received=tuple(data.amounts.total(data.amounts.received, w) for w in month_windows),
        aging=data.receivables.aging(kpis.as_of),
        tiers=tiers,
        grades=grades,
        onboarding=onboarding,
        top_customers=_top(session, actor, owner_id, Window(shown[0].start, kpis.as_of)),
    )


Counts = tuple[tuple[str, int], ...]


def _counts(session: Session, actor: Actor, owner_id: int | None) -> tuple[Counts, Counts, Counts]:
    """Customers per tier, per grade and per onboarding half-year, from one grouped read of the customers."""
    visible = figures.customer_filter(actor, owner_id)
    columns = (Customer.consumption_tier, Customer.grade, Customer.onboarding_half)
    rows = session.execute(
        select(*columns, func.count())
        .where(visible(Customer.id), Customer.disabled.is_not(True))
        .group_by(*columns)
    ).all()
    out = []
    for index in range(len(columns)):
        counts: dict[str, int] = {}
        for row in rows:
            key = "" if row[index] in (None, "0") else str(row[index])
            counts[key] = counts.get(key, 0) + int(row[-1])
        out.append(tuple(sorted(counts.items(), key=lambda kv: (kv[0] == "", kv[0]))))
    return out[0], out[1], out[2]


def _top(session: Session, actor: Actor, owner_id: int | None, window: Window) -> tuple[TopCustomer, ...]:
    visible = figures.customer_filter(actor, owner_id)
    billed: dict[int, Decimal] = {}
    for customer_id, total in session.execute(
        select(Invoice.customer_id, func.sum(Invoice.total))
        .where(
            Invoice.status.in_(LIVE_BILL),
            Invoice.issue_date.between(window.first, window.last),
            visible(Invoice.customer_id),
        )
        .group_by(Invoice.customer_id)
    ):
        billed[customer_id] = money(total)
    for customer_id, total in session.execute(
        select(CreditNote.customer_id, func.sum(CreditNote.total))
        .where(CreditNote.issue_date.between(window.first, window.last), visible(CreditNote.customer_id))
        .group_by(CreditNote.customer_id)
    ):
        billed[customer_id] = billed.get(customer_id, ZERO) + money(total)
    best = sorted((kv for kv in billed.items() if kv[1] > ZERO), key=lambda kv: (-kv[1], kv[0]))[
        :TOP_CUSTOMERS
    ]
    names = {
        cid: (company_id, name)
        for cid, company_id, name in session.execute(
            select(Customer.id, Customer.company_id, Customer.name).where(
                Customer.id.in_([c for c, _ in best])
            )
        )
    }
    return tuple(TopCustomer(cid, names[cid][0], names[cid][1], amount) for cid, amount in best)


@reads
def sales_owners(session: Session, actor: Actor) -> tuple[OwnerOption, ...]:
    """The owner picker: users who are the sales owner of a customer the actor may see (sales: themselves)."""
    require(actor, "insight.view")
    rows = session.execute(
        select(User.id, User.username, User.display_name)
        .distinct()
        .join(CustomerOwner, CustomerOwner.user_id == User.id)
        .where(CustomerOwner.kind == "sales", visible_customers(actor, CustomerOwner.customer_id))
        .order_by(User.username)
    )
    return tuple(OwnerOption(uid, username, display or username) for uid, username, display in rows)


@reads
def sales_owner_id(session: Session, actor: Actor, username: str) -> int:
    """The user id of a sales owner the actor may pick (`--owner`); NotFound otherwise."""
    for option in sales_owners(session, actor):
        if option.username == username.strip():
            return option.user_id
    raise NotFound("insight.kpis.owner_not_found", username=username)
