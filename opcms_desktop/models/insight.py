"""Insight: covering indexes for the dashboard and profiling reads at 100,000 customers (migration 0015),
and the per-customer monthly usage summary (models/usage_summary.py, migration 0019), kept by triggers.

Bills and allocations are read as written, so nothing there can be stale. The indexes hold every column
those reads touch, so SQLite (SQLCipher decrypts each page it reads) and PostgreSQL answer from the index
alone, in the order the GROUP BY needs.
"""

from __future__ import annotations

from sqlalchemy import Index

from .invoice import Invoice
from .receipt import Allocation
from .usage import UsageMonthly
from .usage_summary import UsageCustomerMonth

__all__ = ["UsageCustomerMonth"]

_monthly = UsageMonthly.__table__.c
_invoice = Invoice.__table__.c
_allocation = Allocation.__table__.c

# Per month, customer by customer: usage by month and series, active customers, monthly active customers.
USAGE_BY_PERIOD = Index(
    "ix_usage_monthly_period_customer_shoots",
    _monthly.period,
    _monthly.customer_id,
    _monthly.series,
    _monthly.single_shoots,
    _monthly.multi_shoots,
)
# Per customer, month by month: the usage signals of churn, RFM and health; segment figures.
USAGE_BY_CUSTOMER = Index(
    "ix_usage_monthly_customer_shoots",
    _monthly.customer_id,
    _monthly.period,
    _monthly.series,
    _monthly.single_shoots,
    _monthly.multi_shoots,
)
# By issue and due day: the receivables ledger and the amounts billed per day.
BILLS_BY_DAY = Index(
    "ix_invoices_issue_due_amounts",
    _invoice.issue_date,
    _invoice.due_date,
    _invoice.status,
    _invoice.total,
    _invoice.id,
    _invoice.customer_id,
)
# Per customer and month: invoiced and overdue amounts of RFM, health and the tier suggestion.
BILLS_BY_CUSTOMER = Index(
    "ix_invoices_customer_period_amounts",
    _invoice.customer_id,
    _invoice.period,
    _invoice.status,
    _invoice.due_date,
    _invoice.total,
    _invoice.id,
)
# Per bill: what was allocated by a day (receivables ledger, overdue shares).
ALLOCATIONS_BY_BILL = Index(
    "ix_allocations_invoice_amounts",
    _allocation.invoice_id,
    _allocation.reversed_at,
    _allocation.allocated_on,
    _allocation.amount,
)
