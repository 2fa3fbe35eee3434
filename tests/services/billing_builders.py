"""Test builders for plans and usage, written straight through the ORM (not through the importers)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy.orm import Session

from opcms_desktop.models import Customer, PricePlan, PricePlanTier, UsageMonthly, UsageOrder
from opcms_desktop.services.pricing.grammar import parse_tiers

_order_numbers = itertools.count(1)


def add_plan(session: Session, customer: Customer, mode: str = "per_shoot", *, series: str = "ALL",
             start: dt.date = dt.date(2025, 1, 1), end: dt.date | None = None, tiers: str | None = None,
             **prices) -> PricePlan:
    fields = {k: v if k in ("quota", "payment_terms_days") else Decimal(str(v)) for k, v in prices.items()}
    plan = PricePlan(customer_id=customer.id, series=series, mode=mode, effective_from=start, effective_to=end,
                     **fields)
    session.add(plan)
    session.flush()
    for seq, band in enumerate(parse_tiers(tiers) if tiers else [], start=1):
        session.add(PricePlanTier(plan_id=plan.id, seq=seq, from_count=band.from_count, to_count=band.to_count,
                                  unit_price=band.unit_price))
    session.flush()
    return plan


def add_orders(session: Session, customer: Customer, day: dt.date, count: int, *, series: str = "X",
               floors: int = 1, area: str | Decimal | None = None) -> None:
    session.add_all(
        UsageOrder(order_no=f"T{next(_order_numbers):09d}", customer_id=customer.id, upload_date=day, series=series,
                   floors=floors, area=None if area is None else Decimal(str(area)))
        for _ in range(count)
    )
    session.flush()


def add_monthly(session: Session, customer: Customer, period: str, series: str, single: int, multi: int = 0,
                floors: int = 0, area: str | Decimal = "0") -> UsageMonthly:
    row = UsageMonthly(customer_id=customer.id, period=period, series=series, single_shoots=single,
                       multi_shoots=multi, multi_floors=floors, area=Decimal(str(area)))
    session.add(row)
    session.flush()
    return row
