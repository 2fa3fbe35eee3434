"""Usage per month over all customers (migration 0022): the dashboard's shoots by series and monthly
active customers, summed from usage_customer_months (models/usage_summary.py) by database triggers on it.

A derived table, never written by the application: every insert, update or delete of a customer-month
adds its change here, on SQLite and PostgreSQL. Totals over all customers: only unscoped readers (no
sales scope, no owner picked) use it; a sales book sums its own customer-months.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class UsageMonthTotal(Base):
    __tablename__ = "usage_month_totals"
    __table_args__ = ({"sqlite_with_rowid": False},)

    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    monthly_x: Mapped[int] = mapped_column(BigInteger)  # the monthly summaries' shoots per device series
    monthly_n: Mapped[int] = mapped_column(BigInteger)
    monthly_l: Mapped[int] = mapped_column(BigInteger)
    active_customers: Mapped[int] = mapped_column(BigInteger)  # customer-months with shoots (either source)
