"""Usage: one row per shoot (order detail) or one per customer x month x series (monthly summary)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigId, Period, created_at_column


class UsageOrder(Base):
    __tablename__ = "usage_orders"
    __table_args__ = (
        CheckConstraint("floors >= 1", name="floors_positive"),
        CheckConstraint("area IS NULL OR area >= 0", name="area_non_negative"),
        CheckConstraint("series IN ('X','N','L')", name="series_known"),
        Index("ix_usage_orders_customer_date", "customer_id", "upload_date"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_no: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    upload_date: Mapped[dt.date] = mapped_column(Date)
    series: Mapped[str] = mapped_column(String(1))
    floors: Mapped[int] = mapped_column(Integer)
    area: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    created_at: Mapped[dt.datetime] = created_at_column()


class UsageMonthly(Base):
    """A monthly summary row; corrections edit it (audited) under its version."""

    __tablename__ = "usage_monthly"
    __table_args__ = (
        UniqueConstraint("customer_id", "period", "series"),
        CheckConstraint(
            "single_shoots >= 0 AND multi_shoots >= 0 AND multi_floors >= 0 AND area >= 0",
            name="non_negative",
        ),
        CheckConstraint("multi_floors >= 2 * multi_shoots", name="multi_floors_consistent"),
        CheckConstraint("series IN ('X','N','L')", name="series_known"),
        Index("ix_usage_monthly_period", "period", "customer_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    period: Mapped[Period]
    series: Mapped[str] = mapped_column(String(1))
    single_shoots: Mapped[int] = mapped_column(Integer, default=0)
    multi_shoots: Mapped[int] = mapped_column(Integer, default=0)
    multi_floors: Mapped[int] = mapped_column(Integer, default=0)
    area: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
