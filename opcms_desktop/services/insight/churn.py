"""Churn warnings: customers who had usage and then stopped, or whose usage fell sharply.

Decisions (DOMAIN.md section 6 leaves these open):
- Usage is monthly for summaries and daily for orders. "No usage for N days" counts the days from the last
  day with usage to `as_of`; a monthly summary counts as usage on its month's last day (capped at `as_of`),
  so a summary-only customer is warned N days after the end of its last month with shoots.
- "Usage down X%" compares the last complete month at `as_of` (see profile_usage.current_month) with the
  mean of the 3 months before it; it needs a trailing mean above 0. A month with no shoots after usage in
  the trailing months is a 100% drop.
- When both apply, the warning gives the no-usage reason (the stronger one).
- Customers whose last usage is more than 365 days back are not warned: they are lost already (the RFM
  "dormant" quadrant shows them), and a list of long-dead accounts would bury the live warnings.
- Disabled accounts (是否停用) are not warned: someone stopped them on purpose.
- The thresholds are settings (insight.churn_days, default 60; insight.churn_drop_percent, default 50).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, or_
from sqlalchemy.orm import Session

from ..platform.money import money
from ..platform.operations import reads
from ..platform.periods import Period
from ..security.permissions import Actor, require
from .churn_counts import churn_risk_counts_sql
from .profile_customers import customer_labels, profiled_customers
from .profile_usage import (
    Having,
    SpanColumns,
    UsageSignal,
    current_month,
    usage_signals,
)
from .thresholds import ChurnThresholds, churn_thresholds

NO_USAGE = "profiling.reason.no_usage"
USAGE_DROP = "profiling.reason.usage_drop"
LOST_AFTER_DAYS = 365
TRAILING_MONTHS = 3
LABELS_BY_ID_UP_TO = 10_000


@dataclass(frozen=True)
class ChurnAssessment:
    reason: str  # a message code: NO_USAGE or USAGE_DROP
    days_without_usage: int
    drop_percent: Decimal | None  # None when the trailing mean is 0
    trailing_mean: Decimal
    current_shoots: int


@dataclass(frozen=True)
class ChurnWarning:
    customer_id: int
    company_id: int
    name: str
    owner: str  # sales owner(s) as recorded, '' when none
    reason: str  # message code; render with `params`
    params: dict[str, Any] = field(hash=False)
    days_without_usage: int
    drop_percent: Decimal | None
    current_shoots: int
    trailing_mean: Decimal
    last_usage_day: dt.date | None
    last_usage_month: str | None


def drop_percent(current: int, trailing_total: int, months: int = TRAILING_MONTHS) -> Decimal | None:
    """How far `current` lies below the trailing mean, in percent to 0.1 (negative for growth)."""
    if trailing_total <= 0:
        return None
    mean = Decimal(trailing_total) / months
    return ((mean - current) * 100 / mean).quantize(Decimal("0.1"))


def assess(signal: UsageSignal, as_of: dt.date, thresholds: ChurnThresholds) -> ChurnAssessment | None:
    """The warning for one customer's usage signal, or None (the rule every caller applies)."""
    if signal.last_usage_day is None:
        return None
    days = (as_of - signal.last_usage_day).days
    if days > LOST_AFTER_DAYS:
        return None
    if days < thresholds.days and not _may_drop(signal, thresholds):
        return None
    drop = drop_percent(signal.current_shoots, signal.trailing_shoots)
    mean = money(Decimal(signal.trailing_shoots) / TRAILING_MONTHS)
    if days >= thresholds.days:
        return ChurnAssessment(NO_USAGE, days, drop, mean, signal.current_shoots)
    if drop is not None and drop >= thresholds.drop_percent:
        return ChurnAssessment(USAGE_DROP, days, drop, mean, signal.current_shoots)
    return None


def _may_drop(signal: UsageSignal, thresholds: ChurnThresholds) -> bool:
    """A quick float test, true whenever the exact drop (rounded to 0.1) can reach the threshold: most
    customers are ruled out without Decimal arithmetic (a 0.1 margin covers the rounding)."""
    trailing = signal.trailing_shoots
    limit = float(thresholds.drop_percent) - 0.1
    return trailing > 0 and (trailing - 3 * signal.current_shoots) * 100 >= limit * trailing


def may_warn(thresholds: ChurnThresholds) -> Having | None:
    """A HAVING for the usage signals that keeps every customer assess() may warn on one of the days: it
    leaves out only those with usage in the last `days` days (by the summary's months and whole months'
    orders; orders of the day's own month only make usage more recent) and no possible drop (_may_drop's
    test). None when the thresholds leave nothing to rule out."""
    if thresholds.days <= 0:
        return None
    limit = float(thresholds.drop_percent) - 0.1

    def having(spans: list[Any], columns: list[SpanColumns]) -> ColumnElement[bool]:
        kept = []
        for span, c in zip(spans, columns, strict=True):
            cutoff = span.as_of - dt.timedelta(days=thresholds.days)  # usage after it is recent
            first_recent_month = str(Period.of(cutoff + dt.timedelta(days=1)))
            recent = case((c.summary_month >= first_recent_month, 1), (c.order_day > cutoff, 1), else_=0)
            drop = and_(c.trailing > 0, (c.trailing - 3 * c.current) * 100 >= limit * c.trailing)
            kept.append(or_(recent == 0, drop))
        return or_(false(), *kept)

    return having


def reason_params(assessment: ChurnAssessment, month: str) -> dict[str, Any]:
    if assessment.reason == NO_USAGE:
        return {"days": assessment.days_without_usage}
    return {
        "percent": str(assessment.drop_percent),
        "month": month,
        "shoots": assessment.current_shoots,
        "mean": str(assessment.trailing_mean),
    }


@reads
def churn_warnings(
    session: Session,
    actor: Actor,
    as_of: dt.date,
    owner_id: int | None = None,
    thresholds: ChurnThresholds | None = None,
) -> list[ChurnWarning]:
    """Customers the actor may see with a churn warning at `as_of`, longest silence first."""
    require(actor, "insight.view")
    limits = thresholds or churn_thresholds(session, actor)
    where = profiled_customers(actor, owner_id)
    signals = usage_signals(
        session,
        where,
        as_of,
        trailing=TRAILING_MONTHS,
        lookback_days=LOST_AFTER_DAYS + 31,
        count_months=False,
        having=may_warn(limits),
    )
    month = str(current_month(as_of))
    found = {cid: a for cid, s in signals.items() if (a := assess(s, as_of, limits)) is not None}
    # many warnings: two statements over the whole book beat dozens of 2,000-id lists
    many = len(found) > LABELS_BY_ID_UP_TO
    labels = customer_labels(session, customer_filter=where) if many else customer_labels(session, found)
    warnings = []
    for cid, a in found.items():
        company_id, name, owner = labels[cid]
        last = signals[cid].last_usage_day
        warnings.append(
            ChurnWarning(
                cid,
                company_id,
                name,
                owner,
                a.reason,
                reason_params(a, month),
                a.days_without_usage,
                a.drop_percent,
                a.current_shoots,
                a.trailing_mean,
                last,
                last.strftime("%Y-%m") if last else None,
            )
        )
    warnings.sort(key=lambda w: (-w.days_without_usage, -(w.drop_percent or 0), w.company_id))
    return warnings


@reads
def churn_risk_count(session: Session, actor: Actor, as_of: dt.date, owner_id: int | None = None) -> int:
    """How many customers the actor may see carry a churn warning at `as_of`."""
    return churn_risk_counts(session, actor, [as_of], owner_id)[0]


@reads
def churn_risk_counts(
    session: Session, actor: Actor, days: list[dt.date], owner_id: int | None = None
) -> list[int]:
    """churn_risk_count for each of `days`, judged by the database in one pass over the usage summary
    (churn_counts.py): assess()'s rule as SQL conditions, no signal, name or owner read into Python."""
    require(actor, "insight.view")
    return churn_risk_counts_sql(
        session,
        profiled_customers(actor, owner_id),
        days,
        churn_thresholds(session, actor),
        lost_after_days=LOST_AFTER_DAYS,
        trailing=TRAILING_MONTHS,
    )
