"""Money signals per customer: amount invoiced in the trailing 12 months and the overdue share.

Decisions:
- "Amount invoiced" is the total of issued bills (status issued; a credited bill is cancelled and its
  replacement counts instead) whose period lies in the 12 months ending with the current month.
- The overdue share is the still-owed, past-due amount of those bills over their total, at `as_of`,
  counting only allocations made by `as_of`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from ...models import Invoice
from ..billing.balances import allocated_by_invoice
from ..billing.states import ISSUED
from ..platform.money import ZERO, money
from .profile_usage import CustomerFilter, current_month, months_back

TIER_FLOORS: tuple[tuple[str, Decimal], ...] = (
    ("C1", Decimal("1000000")),
    ("C2", Decimal("500000")),
    ("C3", Decimal("250000")),
    ("C4", Decimal("120000")),
    ("C5", Decimal("60000")),
)


class AmountSignal(NamedTuple):
    customer_id: int
    invoiced: Decimal  # issued bills of the 12 months
    overdue: Decimal  # of that, owed and past due at as_of
    bills: int


def suggested_tier(invoiced: Decimal) -> str:
    """C1..C6 from the trailing 12 months' invoiced amount (DOMAIN.md section 6)."""
    for tier, floor in TIER_FLOORS:
        if invoiced >= floor:
            return tier
    return "C6"


def amount_signals(
    session: Session, customer_filter: CustomerFilter, as_of: dt.date, *, months: int = 12
) -> dict[int, AmountSignal]:
    """Per customer with issued bills in the `months` months ending with the current month at `as_of`."""
    periods = [str(p) for p in months_back(current_month(as_of), months)]
    allocated = allocated_by_invoice(as_of)
    owed = Invoice.total - func.coalesce(allocated.c.allocated, 0)
    overdue = case((and_(Invoice.due_date < as_of, func.round(owed, 2) > 0), owed), else_=0)
    query = (
        select(Invoice.customer_id, func.sum(Invoice.total), func.sum(overdue), func.count())
        .outerjoin(allocated, allocated.c.invoice_id == Invoice.id)
        .where(
            Invoice.status == ISSUED,
            Invoice.period >= periods[0],
            Invoice.period <= periods[-1],
            customer_filter(Invoice.customer_id),
        )
        .group_by(Invoice.customer_id)
    )
    return {
        int(cid): AmountSignal(int(cid), money(total or ZERO), money(late or ZERO), int(n))
        for cid, total, late, n in session.execute(query)
    }
