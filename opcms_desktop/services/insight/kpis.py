"""The dashboard's key figures of a month (`opcms report kpis`), each against the same days of the month before.

Definitions (decisions where the issue was silent):
- Window: a closed month is the whole month, compared with the whole previous month. The month holding
  `as_of` (default today) is month-to-date, days 1..D, compared with days 1..D of the previous month (D cut
  to that month's length), never a partial month against a whole one. A month after `as_of` is refused.
- active_customers: customers with at least one shoot in the window (an order dated in it, or a monthly
  usage summary with shoots for its month).
- shoots: orders dated in the window plus monthly summaries (single + multi-floor shoots); a summary has no
  days, so a window covering part of its month takes that share of it (rounded), which keeps
  month-to-date comparisons fair.
- invoiced: the amount billed in the window: totals of bills issued (issue date) in it, less credit notes
  (冲正) dated in it. Drafts are not billed.
- received: receipts dated in the window (money in, whether allocated or not).
- outstanding / overdue: as of the window's last day, exactly the AR aging report's total and the sum of its
  overdue buckets (1-30 .. 90+) for that date.
- churn_risk: customers with a churn warning (services/insight/churn.py) as of the window's last day.
All figures are scoped to the actor's customers (sales: their own) and, with owner_id, to that sales owner.
Unscoped (no sales scope, no owner picked), the money, shoots and monthly active figures are read from the
totals the database keeps by triggers (company_totals.py, migration 0022), not from every row.
Sparklines: the twelve months ending with the period (closed months whole, the open month to date); churn
risk has none (it is a state, recomputed per day, not a monthly flow).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from ..platform.errors import Problem, ValidationError
from ..platform.operations import reads
from ..platform.periods import Period
from ..security.permissions import Actor, require
from . import company_totals, figures
from .churn import churn_risk_counts
from .field_guard import require_amounts
from .figures import Window
from .profile_usage import CustomerFilter

KPI_NAMES = ("active_customers", "shoots", "invoiced", "received", "outstanding", "overdue", "churn_risk")
MONEY_KPIS = frozenset({"invoiced", "received", "outstanding", "overdue"})
SPARK_MONTHS = 12


@dataclass(frozen=True)
class KpiValues:
    active_customers: int
    shoots: int
    invoiced: Decimal
    received: Decimal
    outstanding: Decimal
    overdue: Decimal
    churn_risk: int

    def get(self, name: str) -> int | Decimal:
        return getattr(self, name)


@dataclass(frozen=True)
class Kpis:
    period: str
    month_to_date: bool
    window: Window
    previous_window: Window
    current: KpiValues
    previous: KpiValues
    months: tuple[str, ...] = ()  # the sparklines' months, oldest first
    sparklines: dict[str, tuple[float, ...]] = field(default_factory=dict)  # KPI name -> one value per month

    @property
    def as_of(self) -> dt.date:
        return self.window.last

    def change(self, name: str) -> int | Decimal:
        return self.current.get(name) - self.previous.get(name)


def windows(period: Period, as_of: dt.date) -> tuple[Window, Window, bool]:
    """(window, the previous month's matching window, month_to_date)."""
    if period.start > as_of:
        raise ValidationError(
            "insight.kpis.invalid",
            [
                Problem(
                    "insight.kpis.future_period",
                    field="period",
                    value=str(period),
                    params={"as_of": as_of.isoformat()},
                )
            ],
        )
    before = period.previous
    if period.contains(as_of) and as_of != period.end:
        days = min(as_of.day, before.end.day)
        return (
            Window(period.start, as_of),
            Window(before.start, before.start + dt.timedelta(days=days - 1)),
            True,
        )
    return Window(period.start, period.end), Window(before.start, before.end), False


def spark_months(period: Period, count: int = SPARK_MONTHS) -> list[Period]:
    months = [period]
    while len(months) < count:
        months.append(months[-1].previous)
    return months[::-1]


@dataclass(frozen=True)
class Loaded:
    """The grouped rows every figure of one dashboard is folded from (loaded once)."""

    receivables: figures.ReceivablesAsOf
    amounts: figures.DailyAmounts
    usage: figures.Usage


def load(session: Session, visible: CustomerFilter, first_month: Period, *, company_wide: bool) -> Loaded:
    """Company-wide figures from the totals (company_totals.py); a sales book or a picked owner from its rows."""
    if company_wide:
        return Loaded(
            company_totals.receivables(session),
            company_totals.daily_amounts(session, first_month.start),
            company_totals.usage(session, first_month),
        )
    return Loaded(
        figures.receivables(session, visible),
        figures.daily_amounts(session, visible, first_month.start),
        figures.usage(session, visible, first_month),
    )


def _values(data: Loaded, window: Window, active: int, churn_risk: int) -> KpiValues:
    outstanding, overdue = data.receivables.outstanding(window.last)
    return KpiValues(
        active_customers=active,
        shoots=data.usage.shoots(window),
        invoiced=data.amounts.total(data.amounts.billed, window),
        received=data.amounts.total(data.amounts.received, window),
        outstanding=outstanding,
        overdue=overdue,
        churn_risk=churn_risk,
    )


def compute(
    data: Loaded, session: Session, actor: Actor, period: Period, owner_id: int | None, as_of: dt.date
) -> Kpis:
    """The KPIs from already loaded rows (the dashboard loads them once for its charts too)."""
    window, previous, to_date = windows(period, as_of)
    months = spark_months(period)
    month_windows = [Window(m.start, min(m.end, as_of)) for m in months]
    visible = figures.customer_filter(actor, owner_id)
    active = figures.active_customers(session, visible, [window, previous])
    if figures.company_wide(actor, owner_id):
        monthly_active = company_totals.monthly_active_customers(session, months[:-1])
    else:
        monthly_active = figures.monthly_active_customers(session, visible, months[:-1])
    churn_risk = churn_risk_counts(session, actor, [window.last, previous.last], owner_id)
    sparks: dict[str, list[float]] = {name: [] for name in KPI_NAMES if name != "churn_risk"}
    for month, w in zip(months, month_windows, strict=True):
        outstanding, overdue = data.receivables.outstanding(w.last)
        sparks["active_customers"].append(float(monthly_active.get(str(month), active[0])))
        sparks["shoots"].append(float(data.usage.shoots(w)))
        sparks["invoiced"].append(float(data.amounts.total(data.amounts.billed, w)))
        sparks["received"].append(float(data.amounts.total(data.amounts.received, w)))
        sparks["outstanding"].append(float(outstanding))
        sparks["overdue"].append(float(overdue))
    return Kpis(
        period=str(period),
        month_to_date=to_date,
        window=window,
        previous_window=previous,
        current=_values(data, window, active[0], churn_risk[0]),
        previous=_values(data, previous, active[1], churn_risk[1]),
        months=tuple(str(m) for m in months),
        sparklines={k: tuple(v) for k, v in sparks.items()},
    )


@reads
def kpis(
    session: Session, actor: Actor, period: str, owner_id: int | None = None, as_of: dt.date | None = None
) -> Kpis:
    """The month's key figures for the actor's customers (see the module doc for every definition)."""
    require(actor, "insight.view")
    require_amounts(session, actor)
    month = Period.parse(period)
    as_of = as_of or dt.date.today()
    windows(month, as_of)  # refuse a future month before loading anything
    first = spark_months(month)[0].previous
    visible = figures.customer_filter(actor, owner_id)
    data = load(session, visible, first, company_wide=figures.company_wide(actor, owner_id))
    return compute(data, session, actor, month, owner_id, as_of)
