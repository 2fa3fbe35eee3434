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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Invoice
from ..billing.states import ISSUED
from ..platform.money import ZERO, money
from ..platform.operations import reads
from ..security.permissions import Actor, require
from .profile_amounts import TIER_FLOORS, suggested_tier
from .profile_customers import customer_labels, one_customer, profiled_customers, visible_label
from .profile_usage import CustomerFilter, UsageSignal, current_month, months_back, usage_signals

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


_R5, _R4, _R3, _R2 = R_DAYS


def recency_score(days: int | None) -> int:
    if days is None:
        return 1
    return 5 if days <= _R5 else 4 if days <= _R4 else 3 if days <= _R3 else 2 if days <= _R2 else 1


def frequency_floor(months: int) -> int:
    return next((5 - i for i, floor in enumerate(F_MONTHS) if months >= floor), 1)


_FREQUENCY = tuple(frequency_floor(m) for m in range(13))


def frequency_score(months: int) -> int:
    return _FREQUENCY[months] if 0 <= months <= 12 else frequency_floor(months)


_M5, _M4, _M3, _M2 = M_AMOUNTS


def monetary_score(amount: Decimal) -> int:
    return 5 if amount >= _M5 else 4 if amount >= _M4 else 3 if amount >= _M3 else 2 if amount >= _M2 else 1


def quadrant(recency: int, frequency: int, monetary: int) -> str:
    active, valuable = recency >= 3, frequency + monetary >= 6
    if active:
        return "high_value" if valuable else "potential"
    return "at_risk" if valuable else "dormant"


_LOWEST_TIER_FLOOR = TIER_FLOORS[-1][1]  # below it every amount is the last tier
_NO_AMOUNT = (ZERO, monetary_score(ZERO), suggested_tier(ZERO))


def score(
    customer_id: int,
    label: tuple[int, str, str],
    usage: UsageSignal | None,
    invoiced: Decimal | None,
    as_of: dt.date,
) -> RfmScore:
    # called once per customer of the book (100,000 on the scatter): plain branches, no lookups by name
    last = usage.last_usage_day if usage else None
    days = (as_of - last).days if last is not None else None
    months = usage.months_with_usage if usage else 0
    if invoiced is None:
        invoiced, m, tier = _NO_AMOUNT
    else:
        m = monetary_score(invoiced)
        tier = suggested_tier(invoiced) if invoiced >= _LOWEST_TIER_FLOOR else _NO_AMOUNT[2]
    r, f = recency_score(days), frequency_score(months)
    return RfmScore(
        customer_id, label[0], label[1], label[2], r, f, m, days, months, invoiced, quadrant(r, f, m), tier
    )


@reads
def rfm_scores(session: Session, actor: Actor, as_of: dt.date, owner_id: int | None = None) -> list[RfmScore]:
    """RFM of every (not disabled) customer the actor may see: by quadrant (high value first), then the
    most valuable and most recent first, then by 公司id."""
    require(actor, "insight.view")
    where = profiled_customers(actor, owner_id)
    usage = usage_signals(session, where, as_of, trend=False)
    amounts = invoiced_amounts(session, where, as_of)
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
    return score(customer_id, label, usage, invoiced_amounts(session, where, as_of).get(customer_id), as_of)


def invoiced_amounts(session: Session, customer_filter: CustomerFilter, as_of: dt.date) -> dict[int, Decimal]:
    """amount_signals' `invoiced` alone (issued bills of the 12 months ending with the current month): M
    needs no overdue share, so no allocation is read (the bills' covering index answers it)."""
    periods = months_back(current_month(as_of), 12)
    statement = (
        select(Invoice.customer_id, func.sum(Invoice.total))
        .where(
            Invoice.period >= str(periods[0]),
            Invoice.period <= str(periods[-1]),
            Invoice.status == ISSUED,
            customer_filter(Invoice.customer_id),
        )
        .group_by(Invoice.customer_id)
    )
    return {int(cid): money(total or ZERO) for cid, total in session.execute(statement)}
