"""Declarative base, naming convention and the annotated column types every model shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, MetaData, Numeric, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BigInteger ids that still autoincrement on SQLite (which only does so for INTEGER PRIMARY KEY).
BigId = BigInteger().with_variant(Integer(), "sqlite")

Money = Annotated[Decimal, mapped_column(Numeric(14, 2, asdecimal=True))]
"""An amount in yuan, exact to the fen: NUMERIC(14,2)."""

Rate = Annotated[Decimal, mapped_column(Numeric(14, 4, asdecimal=True))]
"""A unit price or rate, up to 4 decimals (0.125 yuan/m2 is real): NUMERIC(14,4)."""

Timestamp = Annotated[dt.datetime, mapped_column(DateTime(timezone=True))]
Period = Annotated[str, mapped_column(String(7))]
"""A billing period as 'YYYY-MM'."""

Json = Annotated[Any, mapped_column(JSON)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        Decimal: Numeric(14, 2, asdecimal=True),
        dt.datetime: DateTime(timezone=True),
    }


def created_at_column() -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
