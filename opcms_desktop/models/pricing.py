"""Price plans per customer and device series, with their tier bands."""

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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, BigId, created_at_column

PLAN_MODES = ("per_shoot", "tiered_graduated", "tiered_volume", "area", "annual_package", "annual_quota")
SERIES = ("X", "N", "L")
ALL_SERIES = "ALL"


class PricePlan(Base):
    __tablename__ = "price_plans"
    __table_args__ = (
        CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="dates_ordered"),
        CheckConstraint(
            "mode IN ('per_shoot','tiered_graduated','tiered_volume','area','annual_package','annual_quota')",
            name="mode_known",
        ),
        CheckConstraint("series IN ('X','N','L','ALL')", name="series_known"),
        CheckConstraint(
            "coalesce(single_price,0) >= 0 AND coalesce(multi_price,0) >= 0 AND coalesce(multi_base,0) >= 0"
            " AND coalesce(multi_step,0) >= 0 AND coalesce(extra_floor_price,0) >= 0"
            " AND coalesce(area_rate,0) >= 0 AND coalesce(annual_fee,0) >= 0"
            " AND coalesce(quota,0) >= 0 AND coalesce(overage_price,0) >= 0",
            name="non_negative",
        ),
        Index("ix_price_plans_customer_series", "customer_id", "series", "effective_from"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    series: Mapped[str] = mapped_column(String(3), default=ALL_SERIES)
    mode: Mapped[str] = mapped_column(String(20))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    effective_to: Mapped[dt.date | None] = mapped_column(Date)  # last day included; empty = open

    single_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    multi_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))  # flat per multi-floor shoot
    multi_base: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))  # a in a+(F-1)*b
    multi_step: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))  # b in a+(F-1)*b
    extra_floor_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))  # tiered plans
    area_rate: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))  # yuan per m2
    annual_fee: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    quota: Mapped[int | None] = mapped_column(Integer)
    overage_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    payment_terms_days: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(40))  # 'customer_import', 'pricing_import', 'editor'
    source_raw: Mapped[str | None] = mapped_column(Text)  # the cells it was parsed from
    created_at: Mapped[dt.datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    tiers: Mapped[list[PricePlanTier]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PricePlanTier.seq", lazy="raise"
    )

    __mapper_args__ = {"version_id_col": version}


class PricePlanTier(Base):
    """Band `seq`: shoots numbered from_count+1 .. to_count (to_count empty = open-ended)."""

    __tablename__ = "price_plan_tiers"
    __table_args__ = (
        UniqueConstraint("plan_id", "seq"),
        CheckConstraint("from_count >= 0 AND unit_price >= 0", name="non_negative"),
        CheckConstraint("to_count IS NULL OR to_count > from_count", name="band_ordered"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("price_plans.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    from_count: Mapped[int] = mapped_column(Integer)
    to_count: Mapped[int | None] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 4))

    plan: Mapped[PricePlan] = relationship(back_populates="tiers", lazy="raise")
