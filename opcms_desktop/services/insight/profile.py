"""The customer profile (画像): usage by series, an insight timeline, health, RFM and the tier check.

Decisions:
- Usage covers the 24 months ending with the last complete month at `as_of`, per device series, both
  sources added (orders by upload month, monthly summaries by their month).
- The timeline lists bills (drafts by their creation day, issued bills by issue day), receipts, credit notes
  and the customer's notes, newest first; notes carry no date and come first. It is the insight view; the
  follow-up timeline (calls, visits) lives with the follow-up screens.
- `as_of` defaults to today.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import CreditNote, Customer, Invoice, Receipt, UsageMonthly, UsageOrder
from ..billing.states import DRAFT
from ..platform.money import money_text
from ..platform.operations import reads
from ..platform.periods import Period
from ..security.permissions import Actor, require
from ..usage.records import month_of
from .field_guard import require_amounts
from .health import HealthScore, customer_health
from .profile_customers import visible_label
from .profile_usage import current_month, months_back
from .profile_whatif import WhatIf, what_if_plans
from .rfm import RfmScore, customer_rfm

USAGE_MONTHS = 24
__all__ = ["CustomerProfile", "SeriesUsage", "TimelineEntry", "WhatIf", "customer_profile", "what_if_plans"]


@dataclass(frozen=True)
class SeriesUsage:
    series: str
    shoots: tuple[int, ...]  # one per month of CustomerProfile.months


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date | None  # None for undated notes
    kind: str  # bill / draft_bill / receipt / credit_note / note
    code: str  # message code, rendered with params
    params: dict[str, Any]
    amount: Decimal | None


@dataclass(frozen=True)
class CustomerProfile:
    customer_id: int
    company_id: int
    name: str
    owner: str
    as_of: dt.date
    months: tuple[str, ...]
    usage: tuple[SeriesUsage, ...]
    timeline: tuple[TimelineEntry, ...]
    health: HealthScore
    rfm: RfmScore
    recorded_tier: str | None
    suggested_tier: str
    invoiced_12_months: Decimal

    @property
    def tier_differs(self) -> bool:
        return (self.recorded_tier or "") != self.suggested_tier


def usage_by_series(session: Session, customer_id: int, months: list[str]) -> tuple[SeriesUsage, ...]:
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    summaries = session.execute(
        select(
            UsageMonthly.series,
            UsageMonthly.period,
            func.sum(UsageMonthly.single_shoots + UsageMonthly.multi_shoots),
        )
        .where(
            UsageMonthly.customer_id == customer_id,
            UsageMonthly.period >= months[0],
            UsageMonthly.period <= months[-1],
        )
        .group_by(UsageMonthly.series, UsageMonthly.period)
    )
    month = month_of(session, UsageOrder.upload_date)
    first, last = dt.date.fromisoformat(months[0] + "-01"), Period.parse(months[-1]).end
    orders = session.execute(
        select(UsageOrder.series, month, func.count())
        .where(
            UsageOrder.customer_id == customer_id,
            UsageOrder.upload_date >= first,
            UsageOrder.upload_date <= last,
        )
        .group_by(UsageOrder.series, month)
    )
    for series, period, shoots in [*summaries, *orders]:
        totals[series][period] = totals[series].get(period, 0) + int(shoots or 0)
    return tuple(
        SeriesUsage(s, tuple(totals[s].get(m, 0) for m in months))
        for s in sorted(totals, key=lambda s: "XNL".find(s))
    )


def timeline(session: Session, customer_id: int, since: dt.date) -> tuple[TimelineEntry, ...]:
    entries: list[TimelineEntry] = []
    customer = session.execute(
        select(Customer.notes, Customer.coop_note).where(Customer.id == customer_id)
    ).one()
    for text in customer:
        if text and str(text).strip():
            entries.append(
                TimelineEntry(None, "note", "profiling.timeline.note", {"text": str(text).strip()}, None)
            )
    bills = session.execute(
        select(
            Invoice.number,
            Invoice.period,
            Invoice.status,
            Invoice.total,
            Invoice.issue_date,
            func.date(Invoice.created_at),
        ).where(Invoice.customer_id == customer_id, Invoice.period >= since.strftime("%Y-%m"))
    )
    for number, period, status, total, issued, created in bills:
        day = issued or _date(created)
        kind = "draft_bill" if status == DRAFT else "bill"
        entries.append(
            TimelineEntry(
                day,
                kind,
                f"profiling.timeline.{kind}",
                {"number": number or "", "period": period, "amount": money_text(total)},
                total,
            )
        )
    for day, amount in session.execute(
        select(Receipt.receipt_date, Receipt.amount).where(
            Receipt.customer_id == customer_id, Receipt.receipt_date >= since
        )
    ):
        entries.append(
            TimelineEntry(
                day, "receipt", "profiling.timeline.receipt", {"amount": money_text(amount)}, amount
            )
        )
    for number, day, total in session.execute(
        select(CreditNote.number, CreditNote.issue_date, CreditNote.total).where(
            CreditNote.customer_id == customer_id, CreditNote.issue_date >= since
        )
    ):
        entries.append(
            TimelineEntry(
                day,
                "credit_note",
                "profiling.timeline.credit_note",
                {"number": number, "amount": money_text(total)},
                total,
            )
        )
    entries.sort(key=lambda e: (e.day is not None, e.day or dt.date.min), reverse=True)
    undated = [e for e in entries if e.day is None]
    return tuple(undated + [e for e in entries if e.day is not None])


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@reads
def customer_profile(
    session: Session, actor: Actor, customer_id: int, as_of: dt.date | None = None
) -> CustomerProfile:
    require(actor, "insight.view")
    require_amounts(session, actor)
    day = as_of or dt.date.today()
    company_id, name, owner = visible_label(session, actor, customer_id)
    months = [str(p) for p in months_back(current_month(day), USAGE_MONTHS)]
    rfm = customer_rfm(session, actor, customer_id, day)
    recorded = session.scalar(select(Customer.consumption_tier).where(Customer.id == customer_id))
    return CustomerProfile(
        customer_id,
        company_id,
        name,
        owner,
        day,
        tuple(months),
        usage_by_series(session, customer_id, months),
        timeline(session, customer_id, dt.date.fromisoformat(months[0] + "-01")),
        customer_health(session, actor, customer_id, day),
        rfm,
        recorded,
        rfm.suggested_tier,
        rfm.invoiced,
    )
