"""RFM scores (1-5) per customer: recency of usage, frequency (months with usage), monetary (invoiced).

Decisions:
- Fixed thresholds, not quintiles: a score then means the same for every viewer (a salesperson sees the
  same scores as ops, whatever the scope) and one customer's profile needs no pass over all customers.
- R from days since the last usage: <= 30 -> 5, <= 60 -> 4, <= 90 -> 3, <= 180 -> 2, else (or never) 1.
- F from the months with usage among the last 12: >= 11 -> 5, >= 8 -> 4, >= 5 -> 3, >= 2 -> 2, else 1.
- M from the amount invoiced in the last 12 months (profile_amounts): >= 120,000 -> 5, >= 60,000 -> 4,
  >= 20,000 -> 3, >= 5,000 -> 2, else 1 (the upper floors follow the C4/C5 tiers).
- Quadrants: "active" means R >= 3 (used within 90 days); "valuable" means (F + M) / 2 >= 3.
  high value = active and valuable, potential = active only, at risk = valuable only, dormant = neither.
- A customer with no usage in the last 400 days has R = 1 and is flagged (recency undefined).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy.orm import Session

from ..platform.money import ZERO
from ..platform.operations import reads
from ..security.permissions import Actor, require
from .profile_amounts import AmountSignal, amount_signals, suggested_tier
from .profile_customers import customer_labels, one_customer, profiled_customers, visible_label
from .profile_usage import UsageSignal, usage_signals

R_DAYS = (30, 60, 90, 180)
F_MONTHS = (11, 8, 5, 2)
M_AMOUNTS = (Decimal("120000"), Decimal("60000"), Decimal("20000"), Decimal("5000"))
QUADRANTS = ("high_value", "potential", "at_risk", "dormant")


class RfmScore(NamedTuple):  # a NamedTuple: the scatter holds one per customer, 100,000 of them
    customer_id: int
    company_id: int
    name: str
    owner: str
    recency: int
    frequency: int
    monetary: int
    days_since_usage: int | None  # None: no usage in the last 400 days
    months_with_usage: int
    invoiced: Decimal  # last 12 months
    quadrant: str  # one of QUADRANTS; label code profiling.quadrant.<quadrant>
    suggested_tier: str

    @property
    def value(self) -> Decimal:
        return Decimal(self.frequency + self.monetary) / 2


def recency_score(days: int | None) -> int:
    if days is None:
        return 1
    return next((5 - i for i, limit in enumerate(R_DAYS) if days <= limit), 1)


def frequency_score(months: int) -> int:
    return next((5 - i for i, floor in enumerate(F_MONTHS) if months >= floor), 1)


def monetary_score(amount: Decimal) -> int:
    return next((5 - i for i, floor in enumerate(M_AMOUNTS) if amount >= floor), 1)


def quadrant(recency: int, frequency: int, monetary: int) -> str:
    active, valuable = recency >= 3, frequency + monetary >= 6
    if active:
        return "high_value" if valuable else "potential"
    return "at_risk" if valuable else "dormant"


def score(
    customer_id: int,
    label: tuple[int, str, str],
    usage: UsageSignal | None,
    amount: AmountSignal | None,
    as_of: dt.date,
) -> RfmScore:
    days = (as_of - usage.last_usage_day).days if usage and usage.last_usage_day else None
    months = usage.months_with_usage if usage else 0
    invoiced = amount.invoiced if amount else ZERO
    r, f, m = recency_score(days), frequency_score(months), monetary_score(invoiced)
    return RfmScore(
        customer_id,
        label[0],
        label[1],
        label[2],
        r,
        f,
        m,
        days,
        months,
        invoiced,
        quadrant(r, f, m),
        suggested_tier(invoiced),
    )


@reads
def rfm_scores(session: Session, actor: Actor, as_of: dt.date, owner_id: int | None = None) -> list[RfmScore]:
    """RFM of every (not disabled) customer the actor may see: by quadrant (high value first), then the
    most valuable and most recent first, then by 公司id."""
    require(actor, "insight.view")
    where = profiled_customers(actor, owner_id)
    usage = usage_signals(session, where, as_of)
    amounts = amount_signals(session, where, as_of)
    labels = customer_labels(session, customer_filter=where)
    scores = [score(cid, label, usage.get(cid), amounts.get(cid), as_of) for cid, label in labels.items()]
    order = {q: i for i, q in enumerate(QUADRANTS)}
    scores.sort(
        key=lambda s: (order[s.quadrant], -(s.frequency + s.monetary), -s.recency, -s.invoiced, s.company_id)
    )
    return scores


@reads
def customer_rfm(session: Session, actor: Actor, customer_id: int, as_of: dt.date) -> RfmScore:
    require(actor, "insight.view")
    label = visible_label(session, actor, customer_id)
    where = one_customer(actor, customer_id)
    usage = usage_signals(session, where, as_of).get(customer_id)
    amount = amount_signals(session, where, as_of).get(customer_id)
    return score(customer_id, label, usage, amount, as_of)
