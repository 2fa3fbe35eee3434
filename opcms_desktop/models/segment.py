"""Segments (saved conditions, static snapshots) and tags.

A segment is a saved condition document (services/insight/conditions.py). A dynamic segment is evaluated
when opened; a static one also keeps frozen member lists (snapshots), each with its date, so that two
snapshots can be compared. Tags are admin-made names set on customers by hand or by a tag rule (a saved
condition); `CustomerTag.source` says which ("manual" or "rule:<rule name>").
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigId, Json, created_at_column

SEGMENT_KINDS = ("dynamic", "static")


class Segment(Base):
    """A saved condition. Names are unique across users (a name says which segment, in the CLI too)."""

    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(10), default="dynamic")
    condition: Mapped[Json]
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class SegmentSnapshot(Base):
    """A static segment's member list frozen on `taken_on`."""

    __tablename__ = "segment_snapshots"
    __table_args__ = (Index("ix_segment_snapshots_segment_taken", "segment_id", "taken_on"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    taken_on: Mapped[dt.date] = mapped_column(Date)
    taken_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = created_at_column()


class SegmentSnapshotMember(Base):
    __tablename__ = "segment_snapshot_members"

    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("segment_snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[dt.datetime] = created_at_column()


class CustomerTag(Base):
    """A tag on a customer, once; `source` is "manual" or "rule:<rule name>"."""

    __tablename__ = "customer_tags"
    __table_args__ = (
        UniqueConstraint("customer_id", "tag_id"),
        Index("ix_customer_tags_tag_customer", "tag_id", "customer_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(100), default="manual")
    created_at: Mapped[dt.datetime] = created_at_column()


class TagRule(Base):
    """A saved condition that tags every matching customer (refreshed by `refresh_rule_tags`)."""

    __tablename__ = "tag_rules"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), index=True)
    condition: Mapped[Json]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
