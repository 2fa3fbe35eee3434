"""Customers (one row per platform 公司id), their owners and the saved owner-name mapping."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigId, created_at_column

ACCOUNT_TYPES = {"正式": "formal", "众趣内部": "internal", "客户测试账号": "test"}
GRADES = ("S", "A", "B", "C", "D")
OWNER_KINDS = ("sales", "ops")


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_name", "name"),
        Index("ix_customers_name_initials", "name_initials"),
        Index("ix_customers_name_pinyin", "name_pinyin"),
        # Substring search of names on PostgreSQL (LIKE '%...%'); needs the pg_trgm extension (migration 0003).
        Index("ix_customers_name_trgm", "name", postgresql_using="gin",
              postgresql_ops={"name": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
        Index("ix_customers_filters", "account_type", "coop_status", "billing_enabled"),
        # 1-2 character name search on PostgreSQL (置业): the name's bigrams, function of migration 0016.
        Index("ix_customers_name_bigrams", text("customer_name_bigrams(name)"),
              postgresql_using="gin").ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    company_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Search keys: pinyin initials (我爱我家 -> wajj) and full pinyin, lower case.
    name_initials: Mapped[str] = mapped_column(String(200), default="")
    name_pinyin: Mapped[str] = mapped_column(String(800), default="")

    account_type: Mapped[str | None] = mapped_column(String(20))
    account_type_raw: Mapped[str | None] = mapped_column(String(80))
    industry_id: Mapped[int | None] = mapped_column(ForeignKey("dictionary_entries.id"), index=True)
    erp_id: Mapped[int | None] = mapped_column(ForeignKey("dictionary_entries.id"), index=True)
    onboarding_half: Mapped[str | None] = mapped_column(String(7))  # '2025-H1'
    onboarding_raw: Mapped[str | None] = mapped_column(String(80))
    grade: Mapped[str | None] = mapped_column(String(1), index=True)
    sales_owner_raw: Mapped[str | None] = mapped_column(String(200))
    ops_owner_raw: Mapped[str | None] = mapped_column(String(200))
    # The sheet's 合作状态 as a dictionary entry (every value the sheet holds, new ones too); `coop_status`
    # is that entry's normalised meaning (active / dormant / ...), copied from the entry.
    coop_status_id: Mapped[int | None] = mapped_column(ForeignKey("dictionary_entries.id"), index=True)
    coop_status: Mapped[str | None] = mapped_column(String(20), index=True)
    coop_status_raw: Mapped[str | None] = mapped_column(String(200))
    coop_note: Mapped[str | None] = mapped_column(String(200))
    billing_enabled: Mapped[str | None] = mapped_column(String(8))  # yes / no / pending
    disabled: Mapped[bool | None] = mapped_column(Boolean, index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    settlement_mode: Mapped[str | None] = mapped_column(String(20), index=True)
    settlement_mode_raw: Mapped[str | None] = mapped_column(String(80))
    single_price_raw: Mapped[str | None] = mapped_column(String(80))
    multi_price_raw: Mapped[str | None] = mapped_column(String(80))
    consumption_tier: Mapped[str | None] = mapped_column(String(4), index=True)
    avg_monthly_shoots: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    # Sheet fields (keys of services/customers/headers.py) edited in the app since the last import wrote
    # them, comma-separated; a re-import keeps these unless told "sheet wins" (services/customers/app_edits.py).
    app_edited: Mapped[str | None] = mapped_column(String(400))
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class CustomerOwner(Base):
    """A sales or ops owner of a customer; `user_id` is empty while the sheet's name is unmapped."""

    __tablename__ = "customer_owners"
    __table_args__ = (
        UniqueConstraint("customer_id", "kind", "raw_name"),
        Index("ix_customer_owners_user_kind", "user_id", "kind", "customer_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    raw_name: Mapped[str] = mapped_column(String(80))


class OwnerNameMapping(Base):
    """Remembered answer to "who is this name in the sheet?"; user_id empty = not a person."""

    __tablename__ = "owner_name_mappings"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    raw_name: Mapped[str] = mapped_column(String(80), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
