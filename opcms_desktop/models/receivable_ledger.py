"""The company-wide money ledger by day (migration 0022): what the managers' dashboard sums instead of
every bill, receipt and allocation.

Derived tables, never written by the application: database triggers on invoices, credit_notes, receipts
and allocations (migration 0022) add each change to them, on SQLite and PostgreSQL;
services/insight/company_totals.py reads them. They hold totals over all customers, so only unscoped readers (no sales scope, no owner picked)
use them; a sales book reads its own bills.

- money_days: per day, the amount billed (live bills by issue day, plus credit-note totals, which are
  negative, by their day) and the money received (receipts by day).
- receivable_changes: per day and due day, how the AR aging report's outstanding amount changes that day.
  The outstanding amount of the bills due on a day, as of a day D, is the sum of the changes dated on or
  before D; bills with no due day are filed under 9999-12-31 (always current, as the report has them).
Amounts are integer cents: SQLite keeps NUMERIC as floating point, and sums of cents stay exact on both.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

NO_DUE_DAY = dt.date(9999, 12, 31)


class MoneyDay(Base):
    __tablename__ = "money_days"
    __table_args__ = ({"sqlite_with_rowid": False},)

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    billed_cents: Mapped[int] = mapped_column(BigInteger)
    received_cents: Mapped[int] = mapped_column(BigInteger)


class ReceivableChange(Base):
    __tablename__ = "receivable_changes"
    __table_args__ = ({"sqlite_with_rowid": False},)

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    due_day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
