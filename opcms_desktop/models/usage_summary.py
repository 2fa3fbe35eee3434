"""The per-customer monthly usage summary (migration 0019): one row per customer x month with usage rows.

A derived table, never written by the application: database triggers on usage_monthly and usage_orders
(migration 0019) recompute a customer's month whenever one of its rows is inserted, updated or deleted,
and `opcms insight rebuild-summary` recomputes it all from scratch. A row exists while the month has a
monthly summary row or an order, even with 0 shoots. The dashboard and profiling readers
(services/insight) read it instead of the usage rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigId


class UsageCustomerMonth(Base):
    __tablename__ = "usage_customer_months"
    __table_args__ = (
        # month by month, customer by customer: usage by month and series, (monthly) active customers
        Index(
            "ix_usage_customer_months_period",
            "period",
            "customer_id",
            "shoots",
            "monthly_x",
            "monthly_n",
            "monthly_l",
        ),
        # PostgreSQL answers per-customer reads from this index alone (SQLite keeps the rows in key order)
        Index(
            "ix_usage_customer_months_customer",
            "customer_id",
            "period",
            "shoots",
            "monthly_x",
            "monthly_n",
            "monthly_l",
            "order_shoots",
            "last_order_day",
        ).ddl_if(dialect="postgresql"),
        {"sqlite_with_rowid": False},
    )

    customer_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    monthly_x: Mapped[int] = mapped_column(Integer)  # single + multi shoots of the month's X summary
    monthly_n: Mapped[int] = mapped_column(Integer)
    monthly_l: Mapped[int] = mapped_column(Integer)
    order_shoots: Mapped[int] = mapped_column(Integer)  # orders uploaded in the month (one shoot each)
    shoots: Mapped[int] = mapped_column(Integer)  # all of the above
    last_order_day: Mapped[dt.date | None] = mapped_column(Date)
