"""The health score (0-100) per customer, with each part, its inputs and a flag where it is not a plain value.

Decisions:
- Three parts, weighted: usage trend 40, payment behaviour 40, cooperation status 20. The score is the
  weighted mean of the parts that are defined (weights of undefined parts left out), rounded to a whole
  number; with no part defined the score itself is None. A part is never a silent 0 or 100.
- Usage trend = 100 x (last complete month's shoots / mean of the 3 months before), capped at 100.
  Undefined without usage in those 3 months; flagged "saturated" when capped (usage above the mean) and
  when 0 (usage fell by 100%).
- Payment = 100 x (1 - overdue share), the share from profile_amounts (issued bills of the last 12
  months). Undefined without issued bills; flagged at 100 (nothing overdue) and at 0 (all overdue).
- Cooperation: active 100, trial 70, pending 50, dormant 20, terminated 0 (flagged at 0 and 100 like
  the others); undefined without a normalised status.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from ...models import Customer
from ..platform.operations import reads
from ..security.permissions import Actor, require
from .profile_amounts import AmountSignal, amount_signals
from .profile_customers import customer_labels, one_customer, profiled_customers, visible_label
from .profile_usage import UsageSignal, current_month, usage_signals, usage_trends

WEIGHTS = {"usage_trend": 40, "payment": 40, "cooperation": 20}
COOPERATION_POINTS = {"active": 100, "trial": 70, "pending": 50, "dormant": 20, "terminated": 0}
UNDEFINED, SATURATED = "undefined", "saturated"


KEPT_BY_ID_UP_TO = 5_000  # customers named in one IN list (SQLite allows 32,766 parameters)

@dataclass(frozen=True)
class HealthPart:
    key: str  # usage_trend / payment / cooperation; label code profiling.part.<key>
    weight: int
    points: Decimal | None  # 0-100 to 0.1, None when undefined
    flag: str | None  # None, UNDEFINED or SATURATED
    why: str | None  # message code (profiling.why.*) saying why it is flagged
    inputs: dict[str, str]  # what it was computed from, as plain text values


@dataclass(frozen=True)
class HealthScore:
    customer_id: int
    company_id: int
    name: str
    owner: str
    score: int | None
    parts: tuple[HealthPart, ...]


def _part(key: str, points: Decimal | None, why: str | None, inputs: dict[str, Any]) -> HealthPart:
    flag = None if why is None else (UNDEFINED if points is None else SATURATED)
    return HealthPart(
        key,
        WEIGHTS[key],
        points,
        flag,
        f"profiling.why.{why}" if why else None,
        {k: str(v) for k, v in inputs.items()},
    )


NO_BILLS = _part("payment", None, "no_bills", {"invoiced": "0.00", "overdue": "0.00"})


def usage_part(usage: UsageSignal | None, month: str) -> HealthPart:
    current = usage.current_shoots if usage else 0
    trailing = usage.trailing_shoots if usage else 0
    inputs = {
        "month": month,
        "shoots": current,
        "trailing_mean": (Decimal(trailing) / 3).quantize(Decimal("0.01")),
    }
    if usage is None or usage.last_usage_day is None:
        return _part("usage_trend", None, "no_usage_history", inputs)
    if trailing == 0:
        return _part("usage_trend", None, "no_trailing_usage", inputs)
    ratio = Decimal(current) * 3 * 100 / trailing
    if ratio >= 100:
        return _part("usage_trend", Decimal(100), "trend_capped", inputs)
    if current == 0:
        return _part("usage_trend", Decimal(0), "trend_floored", inputs)
    return _part("usage_trend", ratio.quantize(Decimal("0.1")), None, inputs)


def payment_part(amount: AmountSignal | None) -> HealthPart:
    if amount is None or amount.invoiced <= 0:
        return NO_BILLS
    inputs = {"invoiced": amount.invoiced, "overdue": amount.overdue, "bills": amount.bills}
    points = (100 - amount.overdue * 100 / amount.invoiced).quantize(Decimal("0.1"))
    points = min(max(points, Decimal(0)), Decimal(100))
    why = "none_overdue" if amount.overdue <= 0 else "all_overdue" if points == 0 else None
    return _part("payment", points, why, inputs)


@functools.lru_cache(maxsize=64)
def cooperation_part(status: str | None) -> HealthPart:
    points = COOPERATION_POINTS.get(status or "")
    inputs = {"status": status or ""}
    if points is None:
        return _part("cooperation", None, "no_status", inputs)
    why = "cooperation_top" if points == 100 else "cooperation_bottom" if points == 0 else None
    return _part("cooperation", Decimal(points), why, inputs)


def combine(parts: tuple[HealthPart, ...]) -> int | None:
    defined = [p for p in parts if p.points is not None]
    if not defined:
        return None
    total = sum((p.points * p.weight for p in defined if p.points is not None), Decimal(0))
    return int((total / sum(p.weight for p in defined)).quantize(Decimal(1), ROUND_HALF_UP))


def health(
    customer_id: int,
    label: tuple[int, str, str],
    usage: UsageSignal | None,
    amount: AmountSignal | None,
    status: str | None,
    as_of: dt.date,
) -> HealthScore:
    parts = (usage_part(usage, str(current_month(as_of))), payment_part(amount), cooperation_part(status))
    return HealthScore(customer_id, label[0], label[1], label[2], combine(parts), parts)


@reads
def health_ranking(
    session: Session, actor: Actor, as_of: dt.date, owner_id: int | None = None, limit: int | None = None
) -> list[HealthScore]:
    """Health of the (not disabled) customers the actor may see, weakest first, undefined scores last.

    With `limit`, only the weakest `limit`: every customer is ranked by a quick float estimate of the same
    formula from the usage trend alone (the trailing months' sums; no last usage day), and the usage
    signals, parts and exact scores are built for those kept (a screen shows the weakest few hundred;
    building 100,000 scores with their parts costs seconds).
    """
    require(actor, "insight.view")
    where = profiled_customers(actor, owner_id)
    amounts = amount_signals(session, where, as_of)
    statuses: dict[int, str | None] = {}
    companies: dict[int, int] = {}
    for cid, company_id, status in session.execute(
        select(Customer.id, Customer.company_id, Customer.coop_status).where(where(Customer.id))
    ):
        statuses[cid], companies[cid] = status, company_id
    chosen = list(statuses)
    if limit is not None and limit < len(chosen):
        trends = usage_trends(session, where, as_of)
        estimates = {cid: quick_score(trends.get(cid), amounts.get(cid), statuses[cid]) for cid in chosen}
        chosen = _may_rank_among(chosen, estimates, companies, limit)
    if len(chosen) < len(statuses) and len(chosen) <= KEPT_BY_ID_UP_TO:
        kept = sorted(chosen)

        def among_chosen(column: Any) -> Any:
            return and_(where(column), column.in_(kept))

        usage = usage_signals(session, among_chosen, as_of, count_months=False)
        labels = customer_labels(session, chosen)
    else:  # everyone, or so many kept (a book of ties) that naming them costs more than reading all
        usage = usage_signals(session, where, as_of, count_months=False)
        labels = customer_labels(session, customer_filter=where)
    scores = [
        health(cid, labels[cid], usage.get(cid), amounts.get(cid), statuses[cid], as_of) for cid in chosen
    ]
    scores.sort(key=lambda s: (s.score is None, s.score if s.score is not None else 0, s.company_id))
    return scores[:limit] if limit is not None else scores


def _may_rank_among(
    ids: list[int], estimates: dict[int, float | None], companies: dict[int, int], limit: int
) -> list[int]:
    """The customers that may be among the weakest `limit` by exact score: the exact score is the estimate
    with its parts rounded to 0.1 (at most 0.05 apart), then rounded to a whole number, so every customer
    whose estimate lies within 1.1 of the limit-th's may tie or swap with it (1.2 kept: float noise); ties go
    by 公司id. Whether a score is defined never differs between the two."""
    if limit <= 0:
        return []
    ids = sorted(ids, key=lambda cid: (estimates[cid] is None, estimates[cid] or 0.0, companies[cid]))
    bound = estimates[ids[limit - 1]]
    if bound is None:  # the limit reaches the undefined scores, which go by 公司id alone
        return ids[:limit]
    kept = limit
    while kept < len(ids) and (e := estimates[ids[kept]]) is not None and e <= bound + 1.2:
        kept += 1
    return ids[:kept]


def quick_score(
    trend: tuple[int, int] | None, amount: AmountSignal | None, status: str | None
) -> float | None:
    """The health score in floats from (current, trailing) shoots, for ranking only (health() is the exact
    one; a trailing sum above 0 implies a last usage day)."""
    total = weight = 0.0
    if trend is not None and trend[1] > 0:
        total += 40 * min(100.0, trend[0] * 300.0 / trend[1])
        weight += 40
    if amount is not None and amount.invoiced > 0:
        total += 40 * max(0.0, 100 - float(amount.overdue) * 100 / float(amount.invoiced))
        weight += 40
    points = COOPERATION_POINTS.get(status or "")
    if points is not None:
        total += 20 * points
        weight += 20
    return total / weight if weight else None


@reads
def customer_health(session: Session, actor: Actor, customer_id: int, as_of: dt.date) -> HealthScore:
    require(actor, "insight.view")
    label = visible_label(session, actor, customer_id)
    where = one_customer(actor, customer_id)
    status = session.scalar(select(Customer.coop_status).where(Customer.id == customer_id))
    return health(
        customer_id,
        label,
        usage_signals(session, where, as_of).get(customer_id),
        amount_signals(session, where, as_of).get(customer_id),
        status,
        as_of,
    )
