"""Segments: named condition documents, dynamic (evaluated when opened) or static (frozen snapshots).

Decisions:
- Segment names are unique across users, so a name says which segment (`opcms segment members NAME`).
- A private segment is seen by its owner only; a shared one by everyone with `insight.view`. Sharing, and
  changing or deleting someone else's shared segment, needs `segments.manage`.
- Saving a static segment takes a snapshot (its members on that day); `take_snapshot` adds later ones and
  `snapshot_diff` compares two. A static segment's members are its latest snapshot's.
- Whoever opens a segment sees only the members they may see: a sales user opening a shared segment gets the
  part of it in their own book, and a snapshot taken by a sales user holds only their customers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, or_, select
from sqlalchemy.orm import Session

from ...models import Customer, User
from ...models.base import utcnow
from ...models.segment import SEGMENT_KINDS, Segment, SegmentSnapshot, SegmentSnapshotMember
from ..audit import trail as audit
from ..customers.query import SEGMENT_MEMBERS
from ..customers.rows import CustomerRow, customer_rows
from ..platform.bulk import bulk_insert
from ..platform.errors import NotFound, PermissionDenied, Problem, ValidationError
from ..platform.operations import reads, writes
from ..platform.xlsx_writer import Column, Sheet, write_xlsx
from ..security.access_log import record_access
from ..security.export_approval import clear_export
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .conditions import condition_clause, count_matching, validate_condition

NAME_MAX = 80
SAMPLE_SIZE = 20


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    taken_on: dt.date
    members: int  # members the reader may see


@dataclass(frozen=True)
class SegmentInfo:
    id: int
    name: str
    kind: str  # dynamic / static
    shared: bool
    owner: str
    mine: bool
    condition: dict[str, Any]
    updated_at: dt.datetime | None
    latest_snapshot: SnapshotInfo | None = None


@dataclass(frozen=True)
class SegmentMember:
    customer_id: int
    company_id: int
    name: str
    industry: str
    sales_owners: str
    coop_status: str
    billing_enabled: str

    def to_json(self) -> dict[str, Any]:
        return {
            "company_id": self.company_id,
            "name": self.name,
            "industry": self.industry,
            "sales_owners": self.sales_owners,
            "coop_status": self.coop_status,
            "billing_enabled": self.billing_enabled,
        }


@dataclass(frozen=True)
class SegmentMembers:
    segment: str
    count: int
    members: tuple[SegmentMember, ...]
    snapshot: SnapshotInfo | None = None  # the snapshot a static segment's members come from


@dataclass(frozen=True)
class SegmentPreview:
    count: int
    sample: tuple[SegmentMember, ...]


@dataclass(frozen=True)
class SnapshotDiff:
    first: SnapshotInfo
    second: SnapshotInfo
    added: tuple[SegmentMember, ...]  # in the second, not in the first
    removed: tuple[SegmentMember, ...]  # in the first, not in the second
    kept: int


def _member(row: CustomerRow) -> SegmentMember:
    return SegmentMember(
        row.id,
        row.company_id,
        row.name,
        row.industry_label,
        row.sales_owners,
        row.coop_status_label,
        row.billing_enabled_label,
    )


def _members(session: Session, actor: Actor, ids: list[int]) -> tuple[SegmentMember, ...]:
    return tuple(_member(r) for r in customer_rows(session, actor, ids))


def _readable(actor: Actor) -> Any:
    return or_(Segment.shared.is_(True), Segment.owner_id == actor.id)


def _segment(session: Session, actor: Actor, name: str) -> Segment:
    segment = session.scalar(select(Segment).where(Segment.name == name, _readable(actor)))
    if segment is None:
        raise NotFound("segments.not_found", name=name)
    return segment


def _may_change(actor: Actor, segment: Segment) -> None:
    if segment.owner_id != actor.id and "segments.manage" not in actor.permissions:
        raise PermissionDenied("segments.not_yours", name=segment.name)


def _latest(session: Session, actor: Actor, segment: Segment) -> SnapshotInfo | None:
    snapshot = session.scalar(
        select(SegmentSnapshot)
        .where(SegmentSnapshot.segment_id == segment.id)
        .order_by(SegmentSnapshot.taken_on.desc(), SegmentSnapshot.id.desc())
        .limit(1)
    )
    return None if snapshot is None else _snapshot_info(session, actor, snapshot)


def _snapshot_info(session: Session, actor: Actor, snapshot: SegmentSnapshot) -> SnapshotInfo:
    count = (
        session.scalar(
            select(func.count())
            .select_from(SegmentSnapshotMember)
            .where(
                SegmentSnapshotMember.snapshot_id == snapshot.id,
                visible_customers(actor, SegmentSnapshotMember.customer_id),
            )
        )
        or 0
    )
    return SnapshotInfo(snapshot.id, snapshot.taken_on, count)


def _info(session: Session, actor: Actor, segment: Segment, owners: dict[int, str]) -> SegmentInfo:
    return SegmentInfo(
        segment.id,
        segment.name,
        segment.kind,
        segment.shared,
        owners.get(segment.owner_id or 0, ""),
        segment.owner_id == actor.id,
        dict(segment.condition),
        segment.updated_at,
        _latest(session, actor, segment) if segment.kind == "static" else None,
    )


def _owner_names(session: Session) -> dict[int, str]:
    return {
        uid: display or username
        for uid, display, username in session.execute(select(User.id, User.display_name, User.username))
    }


@reads
def list_segments(session: Session, actor: Actor) -> list[SegmentInfo]:
    """The actor's own segments and the shared ones, by name."""
    require(actor, "insight.view")
    owners = _owner_names(session)
    return [
        _info(session, actor, s, owners)
        for s in session.scalars(select(Segment).where(_readable(actor)).order_by(Segment.name))
    ]


@reads
def get_segment(session: Session, actor: Actor, name: str) -> SegmentInfo:
    require(actor, "insight.view")
    return _info(session, actor, _segment(session, actor, name), _owner_names(session))


def _check_new(name: object, kind: object) -> str:
    problems = []
    clean = name.strip() if isinstance(name, str) else ""
    if not 1 <= len(clean) <= NAME_MAX:
        problems.append(
            Problem(
                "segments.name_invalid", field="name", value=str(name)[:100], params={"maximum": NAME_MAX}
            )
        )
    if kind not in SEGMENT_KINDS:
        problems.append(
            Problem(
                "segments.kind_invalid", field="kind", value=str(kind)[:20], params={"kind": str(kind)[:20]}
            )
        )
    if problems:
        raise ValidationError("segments.invalid", problems)
    return clean


@writes("segments", "audit")
def save_segment(
    session: Session,
    actor: Actor,
    name: str,
    document: object,
    *,
    kind: str = "dynamic",
    shared: bool = False,
    as_of: dt.date | None = None,
) -> SegmentInfo:
    """Create the segment, or change the actor's segment of that name; a static one gets a snapshot now."""
    require(actor, "insight.view")
    clean = _check_new(name, kind)
    if shared:
        require(actor, "segments.manage")
    condition_clause(session, validate_condition(document), as_of)  # unknown fields and tags fail here
    stored = dict(document) if isinstance(document, dict) else document
    segment = session.scalar(select(Segment).where(Segment.name == clean))
    if segment is not None and not (
        segment.owner_id == actor.id or (segment.shared and "segments.manage" in actor.permissions)
    ):
        raise ValidationError(
            "segments.invalid",
            [Problem("segments.name_taken", field="name", value=clean, params={"name": clean})],
        )
    values = {"condition": stored, "kind": kind, "shared": bool(shared)}
    if segment is None:
        segment = Segment(name=clean, owner_id=actor.id, **values)
        session.add(segment)
        session.flush()
        audit.record(
            session,
            actor,
            "create",
            "segment",
            segment.id,
            {"name": [None, clean], **{k: [None, v] for k, v in values.items()}},
        )
    else:
        before = {"condition": segment.condition, "kind": segment.kind, "shared": segment.shared}
        segment.condition, segment.kind, segment.shared = stored, kind, bool(shared)
        segment.updated_at = utcnow()
        session.flush()
        audit.record(session, actor, "update", "segment", segment.id, audit.diff(before, values))
    if kind == "static":
        _snapshot(session, actor, segment, as_of)
    return _info(session, actor, segment, _owner_names(session))


@writes("segments", "audit")
def delete_segment(session: Session, actor: Actor, name: str) -> None:
    require(actor, "insight.view")
    segment = _segment(session, actor, name)
    _may_change(actor, segment)
    session.delete(segment)
    session.flush()
    audit.record(session, actor, "delete", "segment", segment.id, {"name": [name, None]})


def _snapshot(session: Session, actor: Actor, segment: Segment, as_of: dt.date | None) -> SegmentSnapshot:
    day = as_of or dt.date.today()
    clause = condition_clause(session, validate_condition(segment.condition), day, actor=actor)
    ids = list(session.scalars(select(Customer.id).where(visible_customers(actor, Customer.id), clause)))
    snapshot = SegmentSnapshot(segment_id=segment.id, taken_on=day, taken_by=actor.id, member_count=len(ids))
    session.add(snapshot)
    session.flush()
    bulk_insert(
        session,
        cast(Table, SegmentSnapshotMember.__table__),
        [{"snapshot_id": snapshot.id, "customer_id": cid} for cid in ids],
    )
    audit.record(
        session,
        actor,
        "snapshot",
        "segment",
        segment.id,
        {"snapshot": snapshot.id, "taken_on": day, "members": len(ids)},
    )
    return snapshot


@writes("segments", "audit")
def take_snapshot(session: Session, actor: Actor, name: str, as_of: dt.date | None = None) -> SnapshotInfo:
    """Freeze a static segment's members today (or on `as_of`)."""
    require(actor, "insight.view")
    segment = _segment(session, actor, name)
    _may_change(actor, segment)
    if segment.kind != "static":
        raise ValidationError("segments.not_static", name=name)
    return _snapshot_info(session, actor, _snapshot(session, actor, segment, as_of))


@reads
def list_snapshots(session: Session, actor: Actor, name: str) -> list[SnapshotInfo]:
    """A segment's snapshots, newest first."""
    require(actor, "insight.view")
    segment = _segment(session, actor, name)
    snapshots = session.scalars(
        select(SegmentSnapshot)
        .where(SegmentSnapshot.segment_id == segment.id)
        .order_by(SegmentSnapshot.taken_on.desc(), SegmentSnapshot.id.desc())
    )
    return [_snapshot_info(session, actor, s) for s in snapshots]


def _snapshot_ids(session: Session, actor: Actor, snapshot_id: int) -> list[int]:
    return list(
        session.scalars(
            select(SegmentSnapshotMember.customer_id)
            .join(Customer, Customer.id == SegmentSnapshotMember.customer_id)
            .where(SegmentSnapshotMember.snapshot_id == snapshot_id, visible_customers(actor, Customer.id))
            .order_by(Customer.company_id)
        )
    )


def _owned_snapshot(session: Session, actor: Actor, segment: Segment, snapshot_id: int) -> SegmentSnapshot:
    snapshot = session.get(SegmentSnapshot, snapshot_id)
    if snapshot is None or snapshot.segment_id != segment.id:
        raise NotFound("segments.snapshot_not_found", name=segment.name, snapshot_id=snapshot_id)
    return snapshot


@reads
def snapshot_diff(session: Session, actor: Actor, name: str, first_id: int, second_id: int) -> SnapshotDiff:
    """Who joined (in the second snapshot only) and who left (in the first only)."""
    require(actor, "insight.view")
    segment = _segment(session, actor, name)
    first, second = (_owned_snapshot(session, actor, segment, i) for i in (first_id, second_id))
    before, after = _snapshot_ids(session, actor, first.id), _snapshot_ids(session, actor, second.id)
    added = [cid for cid in after if cid not in set(before)]
    removed = [cid for cid in before if cid not in set(after)]
    return SnapshotDiff(
        _snapshot_info(session, actor, first),
        _snapshot_info(session, actor, second),
        _members(session, actor, added),
        _members(session, actor, removed),
        len(set(before) & set(after)),
    )


@reads
def segment_member_ids(
    session: Session, actor: Actor, name: str, as_of: dt.date | None = None
) -> tuple[list[int], SnapshotInfo | None]:
    """The member ids the actor may see, in 公司id order, and the snapshot they come from (static segments)."""
    require(actor, "customers.view")
    require(actor, "insight.view")
    segment = _segment(session, actor, name)
    if segment.kind == "static":
        latest = _latest(session, actor, segment)
        if latest is None:
            raise NotFound("segments.no_snapshot", name=name)
        return _snapshot_ids(session, actor, latest.id), latest
    clause = condition_clause(session, validate_condition(segment.condition), as_of, actor=actor)
    ids = session.scalars(
        select(Customer.id)
        .where(visible_customers(actor, Customer.id), clause)
        .order_by(Customer.company_id, Customer.id)
    )
    return list(ids), None


@reads
def segment_id_select(session: Session, actor: Actor, name: str, as_of: dt.date | None = None) -> Any:
    """SELECT customers.id of the members the actor may see, for a caller to nest (customer list, sandbox)."""
    require(actor, "customers.view")
    require(actor, "insight.view")
    segment = _segment(session, actor, name)
    if segment.kind == "static":
        latest = _latest(session, actor, segment)
        if latest is None:
            raise NotFound("segments.no_snapshot", name=name)
        return select(SegmentSnapshotMember.customer_id).where(
            SegmentSnapshotMember.snapshot_id == latest.id,
            visible_customers(actor, SegmentSnapshotMember.customer_id),
        )
    clause = condition_clause(session, validate_condition(segment.condition), as_of, actor=actor)
    return select(Customer.id).where(visible_customers(actor, Customer.id), clause)


@reads
def segment_members(
    session: Session, actor: Actor, name: str, as_of: dt.date | None = None
) -> SegmentMembers:
    """The segment's members the actor may see, with their list columns."""
    ids, snapshot = segment_member_ids(session, actor, name, as_of)
    return SegmentMembers(name, len(ids), _members(session, actor, ids), snapshot)


@reads
def preview_condition(
    session: Session, actor: Actor, document: object, as_of: dt.date | None = None, sample: int = SAMPLE_SIZE
) -> SegmentPreview:
    """The live count and the first members (公司id order) while a condition is being edited."""
    count = count_matching(session, actor, document, as_of)
    clause = condition_clause(session, validate_condition(document), as_of, actor=actor)
    ids = list(
        session.scalars(
            select(Customer.id)
            .where(visible_customers(actor, Customer.id), clause)
            .order_by(Customer.company_id, Customer.id)
            .limit(max(0, min(sample, 200)))
        )
    )
    return SegmentPreview(count, _members(session, actor, ids))


def _list_restriction(session: Session, actor: Actor, name: str) -> Any:
    return segment_id_select(session, actor, name).scalar_subquery()


SEGMENT_MEMBERS.append(
    _list_restriction
)  # the customer list's `segment` filter (services/customers/query.py)

MEMBER_COLUMNS = (
    Column("公司id", "int", 10),
    Column("公司名称", "text", 30),
    Column("行业类型", "text", 12),
    Column("销售负责人", "text", 14),
    Column("合作状态", "text", 14),
    Column("是否结算", "text", 10),
)


@writes("audit", "access_log", "exports")
def export_segment_members(
    session: Session, actor: Actor, name: str, path: str | Path, as_of: dt.date | None = None
) -> int:
    """Write the members the actor may see to an .xlsx file; returns how many rows were written."""
    require(actor, "customers.export")
    members = segment_members(session, actor, name, as_of)
    clear_export(session, actor, "segment_members", members.count)
    record_access(session, actor, "export", "segment_members", name, members.count, {"file": Path(path).name})
    audit.record(
        session,
        actor,
        "event",
        "segment_export",
        None,
        {"segment": name, "rows": members.count, "file": Path(path).name},
    )
    session.flush()
    rows = (
        (m.company_id, m.name, m.industry, m.sales_owners, m.coop_status, m.billing_enabled)
        for m in members.members
    )
    return write_xlsx(
        path, [Sheet(name[:31], MEMBER_COLUMNS, rows)], exported_by=actor.display_name or actor.username
    )
